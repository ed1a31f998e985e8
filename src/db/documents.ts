/** The documents of cases, as the dialogue reads them. */
import { TERMINAL_STATES } from '../domain/case-machine';
import { MEDIA_RETRY_BASE_MS, MEDIA_RETRY_MAX_MS } from '../jobs/media-retry';
import { type Db, oncePerDb, reusable, value } from './client';
import { senderPersonId } from './people';
import { caseDocuments, cases, people, rt } from './schema';
import type { RequirementId } from '../domain/services';
import { and, asc, eq, inArray, isNotNull, isNull, lte, notInArray, or, type Placeholder, sql, type SQL } from 'drizzle-orm';
/** Files the office adds to a case (its output, a courier's proof): never a resident's document. */
export const OFFICE_DOCUMENTS = ['output', 'handover_proof'] as const;
/** What residents and RT chairs handle: the office's files left out, typed without them. */
const residentRequirement = sql<RequirementId | 'complaint_photo'>`${caseDocuments.requirement}`;
const residentDocument = notInArray(caseDocuments.requirement, [...OFFICE_DOCUMENTS]);

/** Current documents of the sender's open cases (placeholders k, channel, externalId, ownNumber). */
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
    .select({ id: caseDocuments.id, caseId: caseDocuments.caseId, requirement: residentRequirement, status: caseDocuments.status })
    .from(caseDocuments)
    .where(and(isNull(caseDocuments.supersededAt), residentDocument, inArray(caseDocuments.caseId, openCases)));
}

/** Current documents of the cases waiting for the chair's check in the sender's RTs (placeholders k, channel, externalId, ownNumber). */
export function rtDocumentsOfSender(db: Db) {
  return db
    .select({
      id: caseDocuments.id,
      caseId: caseDocuments.caseId,
      requirement: residentRequirement,
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
        residentDocument,
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

/**
 * A document may start a fetch at `now`: never tried, or its last try began longer ago than the
 * wait for its number of tries. The rule of mediaRetryAfterMs, in SQL so the cron reads only the
 * rows that are due.
 */
export function fetchDue(now: number | Placeholder | SQL): SQL {
  const d = caseDocuments;
  return sql`(${d.lastAttemptAt} IS NULL OR ${d.lastAttemptAt} <= ${now} - min(${MEDIA_RETRY_MAX_MS}, ${MEDIA_RETRY_BASE_MS} * (1 << max(0, ${d.attempts} - 1))))`;
}

/**
 * Documents whose fetch is due: never tried and their nudge lost (written before `writtenBefore`),
 * or due again by their capped backoff.
 */
export function documentsToFetch(db: Db, v: { writtenBefore: number | Placeholder; now: number | Placeholder }) {
  const d = caseDocuments;
  return db
    .select({ id: d.id })
    .from(d)
    .where(and(eq(d.status, 'pending'), isNull(d.supersededAt), or(isNotNull(d.lastAttemptAt), lte(d.createdAt, v.writtenBefore)), fetchDue(v.now)))
    .orderBy(asc(d.createdAt))
    .limit(200);
}

const toFetch = oncePerDb((db) => documentsToFetch(db, { writtenBefore: sql.placeholder('writtenBefore'), now: sql.placeholder('now') }).prepare());

/** documentsToFetch, prepared once per isolate for the cron. */
export function documentsToFetchNow(db: Db, v: { writtenBefore: number; now: number }) {
  return toFetch(db).all(v);
}

const claim = oncePerDb((db) =>
  db
    .update(caseDocuments)
    .set({ attempts: sql`${caseDocuments.attempts} + 1`, lastAttemptAt: sql`${sql.placeholder('now')}` })
    .where(
      and(eq(caseDocuments.id, sql.placeholder('id')), eq(caseDocuments.status, 'pending'), isNull(caseDocuments.supersededAt), fetchDue(sql.placeholder('now'))),
    )
    .returning({ attempts: caseDocuments.attempts })
    .prepare(),
);

/**
 * Claims one fetch try of a pending document when it is due; undefined when another run is
 * fetching it or tried it too recently.
 */
export function claimFetch(db: Db, v: { id: string; now: number }) {
  return claim(db).get(v);
}

/** The case's documents not replaced by a revision. */
export function currentDocuments(db: Db, caseId: string) {
  return db
    .select({ id: caseDocuments.id, requirement: residentRequirement, status: caseDocuments.status })
    .from(caseDocuments)
    .where(and(eq(caseDocuments.caseId, caseId), isNull(caseDocuments.supersededAt), residentDocument))
    .orderBy(asc(caseDocuments.id));
}

const toFetchOne = oncePerDb((db) =>
  db
    .select({
      id: caseDocuments.id, kelurahanId: caseDocuments.kelurahanId, caseId: caseDocuments.caseId, caseState: cases.state,
      pengantarApproved: cases.pengantarApproved, requirement: residentRequirement, status: caseDocuments.status,
      supersededAt: caseDocuments.supersededAt, sourceChannel: caseDocuments.sourceChannel, sourceRef: caseDocuments.sourceRef,
      r2Key: caseDocuments.r2Key, sha256: caseDocuments.sha256,
      notifyPersonId: sql<string>`coalesce(${cases.submitterPersonId}, ${cases.applicantPersonId})`, locale: people.locale,
    })
    .from(caseDocuments)
    .innerJoin(cases, eq(cases.id, caseDocuments.caseId))
    .innerJoin(people, eq(people.id, sql`coalesce(${cases.submitterPersonId}, ${cases.applicantPersonId})`))
    .where(and(eq(caseDocuments.id, sql.placeholder('id')), residentDocument))
    .prepare(),
);

/** A document to fetch, with its case and the person to tell (the helper who sent it, or the applicant). */
export function documentToFetch(db: Db, id: string) {
  return toFetchOne(db).get({ id });
}

export type DocumentToFetch = NonNullable<Awaited<ReturnType<typeof documentToFetch>>>;

const stored = oncePerDb((db) =>
  db
    .update(caseDocuments)
    .set({
      status: 'stored', contentType: sql`${sql.placeholder('contentType')}`, sizeBytes: sql`${sql.placeholder('sizeBytes')}`,
      sha256: sql`${sql.placeholder('sha256')}`, rejectReason: null,
    })
    .where(and(eq(caseDocuments.id, sql.placeholder('id')), residentDocument))
    .prepare(),
);

/** The document is in R2, its type found in its first bytes. */
export function markStored(db: Db, v: { id: string; contentType: string; sizeBytes: number; sha256: string }) {
  return stored(db).run(v);
}

/** Refuses a pending document not replaced meanwhile; changes no row otherwise. */
export function refuseDocument(db: Db, id: string, status: 'rejected' | 'failed', reason: string) {
  return db
    .update(caseDocuments)
    .set({ status, rejectReason: reason })
    .where(and(eq(caseDocuments.id, id), eq(caseDocuments.status, 'pending'), isNull(caseDocuments.supersededAt)));
}

/** One of the case's current documents is still on its way into R2. */
export function pendingScanOf(db: Db, caseId: string) {
  return db
    .select({ id: caseDocuments.id })
    .from(caseDocuments)
    .where(and(eq(caseDocuments.caseId, caseId), isNull(caseDocuments.supersededAt), residentDocument, eq(caseDocuments.status, 'pending')))
    .limit(1);
}

/** The case's current documents in R2, in the order they came. */
export function storedDocuments(db: Db, caseId: string) {
  return db
    .select({ id: caseDocuments.id, requirement: residentRequirement, r2Key: caseDocuments.r2Key, contentType: caseDocuments.contentType })
    .from(caseDocuments)
    .where(and(eq(caseDocuments.caseId, caseId), isNull(caseDocuments.supersededAt), residentDocument, eq(caseDocuments.status, 'stored')))
    .orderBy(asc(caseDocuments.createdAt));
}
