/**
 * The outbox inserts of src/db/outbox.ts as raw D1 statements, for batches that still speak D1
 * directly. Their SQL is built once per isolate; only the values change.
 */
import { fillPlaceholders, sql } from 'drizzle-orm';
import { dbOf } from '../db/client';
import { outboxToIdentity as toIdentity, outboxToPerson as toPerson, type OutboxRow } from '../db/outbox';

export type { OutboxRow } from '../db/outbox';

type Built = { sql: string; params: unknown[] };
const p = {
  id: sql.placeholder('id'), kelurahanId: sql.placeholder('kelurahanId'), caseId: sql.placeholder('caseId'),
  payload: sql.placeholder('payload'), dedupeKey: sql.placeholder('dedupeKey'), now: sql.placeholder('now'),
} as unknown as OutboxRow;
let toPersonSql: Built | undefined;
let toIdentitySql: Built | undefined;

function statement(d1: D1Database, built: Built, to: string, o: OutboxRow): D1PreparedStatement {
  const values = { ...o, caseId: o.caseId ?? null, dedupeKey: o.dedupeKey ?? null, to };
  return d1.prepare(built.sql).bind(...fillPlaceholders(built.params, values));
}

/** To a person, on the chat they used most recently; nothing when they have none. */
export function outboxToPerson(d1: D1Database, personId: string, o: OutboxRow): D1PreparedStatement {
  toPersonSql ??= toPerson(dbOf(d1), sql.placeholder('to') as unknown as string, p).toSQL();
  return statement(d1, toPersonSql, personId, o);
}

/** To one known chat identity. */
export function outboxToIdentity(d1: D1Database, identityId: string, o: OutboxRow): D1PreparedStatement {
  toIdentitySql ??= toIdentity(dbOf(d1), sql.placeholder('to') as unknown as string, p).toSQL();
  return statement(d1, toIdentitySql, identityId, o);
}
