/**
 * What a staff member's action writes, as one batch: the case moved only from the version the
 * page showed (the event after it aborts the batch otherwise), the case event with the staff
 * member, the messages to the people of the case, and the letters the action revokes.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { type CaseState, isTerminal } from '../domain/case-machine';
import { recordCaseEvent, type CaseChanges } from './cases';
import type { Db, Statement } from './client';
import { revokeCaseLetters } from './letters';
import { outboxToPerson } from './outbox';
import { caseDocuments, cases, letters } from './schema';

export interface DeskWrite {
  kelurahanId: string;
  caseId: string;
  staffId: string;
  /** The version the decision was made on. */
  version: number;
  event: string;
  from: CaseState;
  to: CaseState;
  set: CaseChanges;
  detail: Record<string, unknown>;
  eventId: string;
  now: number;
  messages: { id: string; personId: string; payload: string }[];
  revokeLetterIds: { id: string; reason: string }[];
  /** Every letter of the case is revoked with this reason (the case ended). */
  revokeAll: string | null;
}

export function deskActionStatements(db: Db, w: DeskWrite): Statement[] {
  const st: Statement[] = [
    db
      .update(cases)
      .set({ ...w.set, state: w.to, endedAt: isTerminal(w.to) ? w.now : null, version: sql`${cases.version} + 1`, updatedAt: w.now })
      .where(and(eq(cases.id, w.caseId), eq(cases.kelurahanId, w.kelurahanId), eq(cases.version, w.version))),
    recordCaseEvent(
      db,
      {
        id: w.eventId, kelurahanId: w.kelurahanId, caseId: w.caseId, at: w.now, actorKind: 'staff', actorStaffId: w.staffId, kind: w.event,
        fromState: w.from, toState: w.to, detail: JSON.stringify(w.detail),
      },
      true,
    ),
  ];
  for (const l of w.revokeLetterIds) {
    st.push(
      db
        .update(letters)
        .set({ revokedAt: w.now, revokedReason: l.reason })
        .where(and(eq(letters.id, l.id), eq(letters.caseId, w.caseId), isNull(letters.revokedAt))),
    );
  }
  if (w.revokeAll) st.push(revokeCaseLetters(db, { caseId: w.caseId, kelurahanId: w.kelurahanId, reason: w.revokeAll, now: w.now }));
  for (const m of w.messages) {
    st.push(outboxToPerson(db, m.personId, { id: m.id, kelurahanId: w.kelurahanId, caseId: w.caseId, payload: m.payload, dedupeKey: null, now: w.now }));
  }
  return st;
}

/**
 * A refused action that still counts (a wrong pickup code): its changes and its event, under the
 * same version guard, so that two tries from two stale pages count as they should.
 */
export function deskRecordStatements(
  db: Db, w: Pick<DeskWrite, 'kelurahanId' | 'caseId' | 'staffId' | 'version' | 'event' | 'from' | 'set' | 'eventId' | 'now'>,
): Statement[] {
  return [
    db
      .update(cases)
      .set({ ...w.set, version: sql`${cases.version} + 1`, updatedAt: w.now })
      .where(and(eq(cases.id, w.caseId), eq(cases.kelurahanId, w.kelurahanId), eq(cases.version, w.version))),
    recordCaseEvent(
      db,
      { id: w.eventId, kelurahanId: w.kelurahanId, caseId: w.caseId, at: w.now, actorKind: 'staff', actorStaffId: w.staffId, kind: w.event, fromState: w.from, toState: w.from, detail: null },
      true,
    ),
  ];
}

/** A file the office stored for a case (its output, a courier's proof): stored already, never fetched. */
export function insertOfficeDocument(
  db: Db,
  d: {
    id: string; kelurahanId: string; caseId: string; requirement: 'output' | 'handover_proof'; r2Key: string; contentType: string;
    filename: string | null; sizeBytes: number; sha256: string; now: number;
  },
) {
  return db.insert(caseDocuments).values({
    id: d.id, kelurahanId: d.kelurahanId, caseId: d.caseId, requirement: d.requirement, status: 'stored', attempts: 0,
    sourceChannel: 'simulator', sourceRef: 'desk', r2Key: d.r2Key, contentType: d.contentType, filename: d.filename,
    sizeBytes: d.sizeBytes, sha256: d.sha256, createdAt: d.now,
  });
}
