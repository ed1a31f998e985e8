/**
 * The daily purge of files (UU 27/2022 on personal data): which ended cases have outlived their
 * kelurahan's retention_days, the R2 keys of their files, and the marks written once the objects
 * are gone. Cases already purged are out of the partial index cases_to_purge, so the purge reads
 * only the cases due, however many ended before.
 */
import { and, eq, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import { DAY_MS } from '../domain/calendar';
import { recordCaseEvent } from './cases';
import type { Db } from './client';
import { caseDocuments, cases, kelurahan, letters } from './schema';

/**
 * Ended cases whose files are due for deletion, the longest ended first, at most `limit` (the
 * rest in the next batch). The order is over every kelurahan, so a large one cannot keep a small
 * one's cases waiting; it sorts all the due cases read through the index, which costs little
 * once the backlog is gone (a city ends a few hundred cases a day).
 */
export function casesDueForPurge(db: Db, v: { now: number; limit: number }) {
  return db
    .select({ id: cases.id, kelurahanId: cases.kelurahanId, state: cases.state })
    // CROSS JOIN keeps the few kelurahan rows outside, so each one's cut-off bounds the range read
    // in cases_to_purge; SQLite, left to choose, walks every ended case still kept instead.
    .from(kelurahan)
    .crossJoin(cases)
    .where(
      and(
        eq(cases.kelurahanId, kelurahan.id),
        isNotNull(cases.endedAt),
        isNull(cases.purgedAt),
        lte(cases.endedAt, sql`${v.now} - ${kelurahan.retentionDays} * ${DAY_MS}`),
      ),
    )
    .orderBy(cases.endedAt, cases.id)
    .limit(v.limit);
}

/** The R2 keys of every scan, output file and letter PDF of these cases (read in one batch). */
export function filesOfCases(db: Db, caseIds: string[]) {
  return [
    db.select({ caseId: caseDocuments.caseId, r2Key: caseDocuments.r2Key }).from(caseDocuments).where(inArray(caseDocuments.caseId, caseIds)),
    db.select({ caseId: letters.caseId, r2Key: letters.r2Key }).from(letters).where(inArray(letters.caseId, caseIds)),
  ] as const;
}

/**
 * Marks a case purged, after its objects were deleted, and records how many files went. The
 * case row, its letters (numbers and verification codes) and its document rows stay: only the
 * files are gone. The event is written only when the mark changed the row (a run that overlapped
 * another one aborts its batch rather than record the purge twice).
 */
export function markPurged(
  db: Db,
  v: { caseId: string; kelurahanId: string; state: typeof cases.$inferSelect.state; now: number; eventId: string; documents: number; letters: number },
) {
  return [
    db.update(cases).set({ purgedAt: v.now }).where(and(eq(cases.id, v.caseId), isNull(cases.purgedAt))),
    recordCaseEvent(
      db,
      {
        id: v.eventId, kelurahanId: v.kelurahanId, caseId: v.caseId, at: v.now, actorKind: 'system', kind: 'files_purged',
        fromState: v.state, toState: v.state, detail: JSON.stringify({ documents: v.documents, letters: v.letters }),
      },
      true,
    ),
  ];
}
