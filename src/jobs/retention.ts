/**
 * Daily, with the digest: the files of a case (the resident's scans, the office's outputs and
 * courier proofs, the letters' PDFs) are deleted from R2 once the case has been over for the
 * kelurahan's retention_days (UU 27/2022: personal data kept no longer than needed). The case,
 * its letters and its timeline stay, so /verify still answers for a letter.
 *
 * In each batch of cases the objects go first, then the rows are marked in one D1 batch: when R2
 * fails nothing of that batch is marked and the next run deletes them again (a delete of a missing key succeeds), so no case is ever
 * said to be purged while a file of it is still stored.
 */
import { dbOf, runBatch, type Db } from '../db/client';
import { casesDueForPurge, filesOfCases, markPurged } from '../db/retention';
import type { Clock, IdSource, Instant } from '../framework/ports';
import { systemClock } from '../platform';

/**
 * How much one run does. A batch of 50 cases is, with a dozen files a case, one or two R2 calls
 * and a D1 batch of a hundred statements, and its ids fit D1's 100 bound parameters in the file
 * reads. Batches follow each other, longest ended first, until none is due or the run has used
 * 20 batches or 10 seconds: a city ends ~466 cases a day, so 1,000 a run clears a backlog (the
 * 0011 backfill, a lowered retention_days) in days while leaving the cron time to spare.
 */
export interface PurgeBudget {
  casesPerBatch: number;
  batches: number;
  ms: number;
}
export const PURGE_BUDGET: PurgeBudget = { casesPerBatch: 50, batches: 20, ms: 10_000 };
/** R2 deletes at most this many keys per call. */
const R2_DELETE_KEYS = 1000;

export interface PurgeResult {
  cases: number;
  files: number;
  /** The run stopped on its budget with cases possibly still due (the next day goes on). */
  stoppedEarly: boolean;
}

/**
 * `now` is the run's instant (the cut-off and the marks); `clock` measures how long the run has
 * taken, so a test can make the time budget run out.
 */
export async function purgeExpiredFiles(
  env: Pick<Env, 'DB' | 'SCANS'>, now: Instant, ids: IdSource, budget: PurgeBudget = PURGE_BUDGET, clock: Clock = systemClock,
): Promise<PurgeResult> {
  const db = dbOf(env.DB);
  const started = clock.now();
  const total = { cases: 0, files: 0, stoppedEarly: false };
  for (let batch = 0; ; batch++) {
    if (batch >= budget.batches || clock.now() - started >= budget.ms) return { ...total, stoppedEarly: true };
    const done = await purgeBatch(env, db, now, ids, budget.casesPerBatch);
    total.cases += done.cases;
    total.files += done.files;
    // A short batch took every case due.
    if (done.cases < budget.casesPerBatch) return total;
  }
}

/** One batch: the objects are deleted, then the cases marked; an error leaves this batch unmarked. */
async function purgeBatch(env: Pick<Env, 'SCANS'>, db: Db, now: Instant, ids: IdSource, limit: number) {
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
