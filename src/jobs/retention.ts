/**
 * Daily, with the digest: the files of a case (the resident's scans, the office's outputs and
 * courier proofs, the letters' PDFs) are deleted from R2 once the case has been over for the
 * kelurahan's retention_days (UU 27/2022: personal data kept no longer than needed). The case,
 * its letters and its timeline stay, so /verify still answers for a letter.
 *
 * The objects go first, then the rows are marked in one batch: when R2 fails nothing is marked
 * and the next run deletes them again (a delete of a missing key succeeds), so no case is ever
 * said to be purged while a file of it is still stored.
 */
import { dbOf, runBatch } from '../db/client';
import { casesDueForPurge, filesOfCases, markPurged } from '../db/retention';
import type { IdSource, Instant } from '../domain/ports';

/**
 * Cases purged in one run; the rest wait for the next day. With a dozen files a case this is one
 * or two R2 calls and a D1 batch of a hundred statements, well inside a cron invocation's limits,
 * and the ids fit D1's 100 bound parameters in the file reads.
 */
export const PURGE_CASES_PER_RUN = 50;
/** R2 deletes at most this many keys per call. */
const R2_DELETE_KEYS = 1000;

export interface PurgeResult {
  cases: number;
  files: number;
}

export async function purgeExpiredFiles(
  env: Pick<Env, 'DB' | 'SCANS'>, now: Instant, ids: IdSource, limit = PURGE_CASES_PER_RUN,
): Promise<PurgeResult> {
  const db = dbOf(env.DB);
  const due = await casesDueForPurge(db, { now, limit });
  if (due.length === 0) return { cases: 0, files: 0 };
  const [documents, letterFiles] = await db.batch(filesOfCases(db, due.map((c) => c.id)));
  const keys = [...new Set([...documents, ...letterFiles].map((f) => f.r2Key))];
  for (let i = 0; i < keys.length; i += R2_DELETE_KEYS) await env.SCANS.delete(keys.slice(i, i + R2_DELETE_KEYS));
  const count = (rows: { caseId: string }[], caseId: string) => rows.filter((r) => r.caseId === caseId).length;
  await runBatch(
    db,
    due.flatMap((c) =>
      markPurged(db, {
        caseId: c.id, kelurahanId: c.kelurahanId, state: c.state, now, eventId: ids.newId(),
        documents: count(documents, c.id), letters: count(letterFiles, c.id),
      }),
    ),
  );
  return { cases: due.length, files: keys.length };
}
