/**
 * The per-kelurahan counters behind case codes and letter numbers: one atomic upsert that
 * returns the new value.
 */
import { sql, type Placeholder } from 'drizzle-orm';
import { reusable, type Db } from './client';
import { caseCodeCounters } from './schema';

export function nextSequence(db: Db, kelurahanId: string | Placeholder, period: string | Placeholder) {
  return db
    .insert(caseCodeCounters)
    .values({ kelurahanId, period, lastSequence: 1 })
    .onConflictDoUpdate({
      target: [caseCodeCounters.kelurahanId, caseCodeCounters.period],
      set: { lastSequence: sql`${caseCodeCounters.lastSequence} + 1` },
    })
    .returning({ lastSequence: caseCodeCounters.lastSequence });
}

/** The upsert for a batch whose next statement reads the new value; built once per isolate (placeholders k, period). */
export const drawSequence = reusable((db) => nextSequence(db, sql.placeholder('k'), sql.placeholder('period')));
