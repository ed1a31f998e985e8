/**
 * The per-kelurahan counters behind case codes and letter numbers. The upsert is one atomic
 * statement; in the write batch the case insert that follows reads the new value, so two
 * applications at the same moment never share a number, and the unique index on
 * cases(kelurahan_id, code) is the second line of defence. `allocateCaseCode` draws one alone.
 */
import { caseCodePeriod, formatCaseCode } from '../domain/case-code';
import type { LocalDate } from '../domain/calendar';

export function nextSequenceStatement(d1: D1Database, kelurahanId: string, period: string): D1PreparedStatement {
  return d1
    .prepare(
      `INSERT INTO case_code_counters (kelurahan_id, period, last_sequence) VALUES (?1, ?2, 1)
       ON CONFLICT (kelurahan_id, period) DO UPDATE SET last_sequence = last_sequence + 1
       RETURNING last_sequence`,
    )
    .bind(kelurahanId, period);
}

export async function allocateCaseCode(
  d1: D1Database,
  kelurahanId: string,
  prefix: string,
  today: LocalDate,
): Promise<string> {
  const row = await nextSequenceStatement(d1, kelurahanId, caseCodePeriod(prefix, today)).first<{ last_sequence: number }>();
  if (!row) throw new Error('case code counter returned no row');
  return formatCaseCode(prefix, today, row.last_sequence);
}
