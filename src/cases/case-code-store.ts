/**
 * The per-kelurahan counters behind case codes and letter numbers. The upsert is one atomic
 * statement; in the write batch the case insert that follows reads the new value, so two
 * applications at the same moment never share a number, and the unique index on
 * cases(kelurahan_id, code) is the second line of defence. `allocateCaseCode` draws one alone.
 */
import { dbOf } from '../db/client';
import { nextSequence } from '../db/case-codes';
import { caseCodePeriod, formatCaseCode } from '../domain/case-code';
import type { LocalDate } from '../domain/calendar';

export async function allocateCaseCode(
  d1: D1Database,
  kelurahanId: string,
  prefix: string,
  today: LocalDate,
): Promise<string> {
  const row = await nextSequence(dbOf(d1), kelurahanId, caseCodePeriod(prefix, today)).get();
  if (!row) throw new Error('case code counter returned no row');
  return formatCaseCode(prefix, today, row.lastSequence);
}
