/** The documents of cases, as the dialogue reads them. */
import { and, eq, inArray, isNull, notInArray, or, sql } from 'drizzle-orm';
import { TERMINAL_STATES } from '../domain/case-machine';
import { reusable, value, type Db } from './client';
import { senderPersonId } from './people';
import { caseDocuments, cases, rt } from './schema';

/** Current documents of the sender's open cases (placeholders k, channel, externalId). */
export function openDocumentsOfSender(db: Db) {
  const me = senderPersonId(db);
  const openCases = db
    .select({ id: cases.id })
    .from(cases)
    .where(
      and(
        eq(cases.kelurahanId, sql.placeholder('k')),
        notInArray(cases.state, [...TERMINAL_STATES]),
        or(eq(cases.applicantPersonId, me), eq(cases.submitterPersonId, me)),
      ),
    );
  return db
    .select({ id: caseDocuments.id, caseId: caseDocuments.caseId, requirement: caseDocuments.requirement, status: caseDocuments.status })
    .from(caseDocuments)
    .where(and(isNull(caseDocuments.supersededAt), inArray(caseDocuments.caseId, openCases)));
}

/** Current documents of the cases waiting for the chair's check in the sender's RTs (placeholders k, channel, externalId). */
export function rtDocumentsOfSender(db: Db) {
  return db
    .select({
      id: caseDocuments.id,
      caseId: caseDocuments.caseId,
      requirement: caseDocuments.requirement,
      status: caseDocuments.status,
      r2Key: caseDocuments.r2Key,
      contentType: caseDocuments.contentType,
    })
    .from(caseDocuments)
    .innerJoin(cases, eq(cases.id, caseDocuments.caseId))
    .innerJoin(rt, eq(rt.id, cases.rtId))
    .where(
      and(
        isNull(caseDocuments.supersededAt),
        eq(cases.kelurahanId, sql.placeholder('k')),
        eq(rt.chairPersonId, senderPersonId(db)),
        inArray(cases.state, ['verifying', 'neighbour_check', 'needs_revision']),
      ),
    );
}

const ph = sql.placeholder;

/** A revision replaces the current document of a requirement (placeholders now, caseId, requirement). */
export const supersedeDocuments = reusable((db) =>
  db
    .update(caseDocuments)
    .set({ supersededAt: value('now') })
    .where(and(eq(caseDocuments.caseId, ph('caseId')), eq(caseDocuments.requirement, ph('requirement')), isNull(caseDocuments.supersededAt))),
);

/** Announced by the provider, fetched by the queue (placeholders id, k, caseId, requirement, channel, ref, r2Key, contentType, filename, sizeBytes, sha256, now). */
export const insertDocument = reusable((db) =>
  db.insert(caseDocuments).values({
    id: ph('id'),
    kelurahanId: ph('k'),
    caseId: ph('caseId'),
    requirement: ph('requirement'),
    status: 'pending',
    sourceChannel: ph('channel'),
    sourceRef: ph('ref'),
    r2Key: ph('r2Key'),
    contentType: ph('contentType'),
    filename: ph('filename'),
    sizeBytes: ph('sizeBytes'),
    sha256: ph('sha256'),
    createdAt: ph('now'),
  }),
);
