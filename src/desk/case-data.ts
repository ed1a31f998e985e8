/**
 * One case as the desk shows it and decides on it: read in one batch within the staff member's
 * kelurahan (a code of another kelurahan is simply not found).
 */
import { caseLetters, caseNotices, caseScans, caseTimeline, deskCase } from '../db/desk';
import type { Db } from '../db/client';
import type { DeskCase } from '../domain/desk/actions';
import { uploadRequirements } from '../domain/services';

export async function loadCase(db: Db, kelurahanId: string, code: string) {
  const [row] = await deskCase(db, kelurahanId, code);
  if (!row) return null;
  const id = row.case.id;
  const [timeline, scans, letters, notices] = await db.batch([caseTimeline(db, id), caseScans(db, id), caseLetters(db, id), caseNotices(db, id)]);
  return { row, timeline, scans, letters, notices };
}

export type LoadedCase = NonNullable<Awaited<ReturnType<typeof loadCase>>>;

/** The facts the desk's decisions need, from what was loaded. */
export function deskFacts(l: LoadedCase): DeskCase {
  const c = l.row.case;
  const stored = new Set(l.scans.filter((s) => s.supersededAt === null && s.status === 'stored').map((s) => s.requirement));
  return {
    id: c.id,
    code: c.code,
    kind: c.kind,
    service: c.service,
    state: c.state,
    version: c.version,
    pengantarApproved: c.pengantarApproved,
    documentsComplete: c.service === null || uploadRequirements(c.service).every((r) => stored.has(r)),
    delivery: c.delivery,
    hasHelper: c.submitterPersonId !== null,
    chairLinked: Boolean(l.row.chairLinked),
    day3DueAt: c.day3DueAt,
    dueAt: c.dueAt,
    pickupCode: c.pickupCode,
    pickupCodeAttempts: c.pickupCodeAttempts,
    answeredAt: c.answeredAt,
    letters: l.letters.map((x) => ({ id: x.id, kind: x.kind, number: x.number, revokedAt: x.revokedAt })),
  };
}
