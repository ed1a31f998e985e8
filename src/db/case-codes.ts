/**
 * The per-kelurahan counters behind case codes and letter numbers: one atomic upsert that
 * returns the new value.
 */
import { fillPlaceholders, sql, type Placeholder } from 'drizzle-orm';
import type { Db } from './client';
import { dbOf } from './client';
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

let nextSequenceSql: { sql: string; params: unknown[] } | undefined;

/**
 * The same upsert as a raw D1 statement, for the write batch that still speaks D1 directly: its
 * SQL is built once per isolate, only the values change.
 */
export function nextSequenceStatement(d1: D1Database, kelurahanId: string, period: string): D1PreparedStatement {
  nextSequenceSql ??= nextSequence(dbOf(d1), sql.placeholder('kelurahanId'), sql.placeholder('period')).toSQL();
  return d1.prepare(nextSequenceSql.sql).bind(...fillPlaceholders(nextSequenceSql.params, { kelurahanId, period }));
}
