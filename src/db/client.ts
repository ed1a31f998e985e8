/**
 * The drizzle handle over the D1 binding. It holds no connection, but building it walks the whole
 * schema, so each isolate builds it once per binding and reuses it.
 */
import { fillPlaceholders, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import * as schema from './schema';

export function createDb(d1: D1Database) {
  return drizzle(d1, { schema });
}

export type Db = ReturnType<typeof createDb>;

const handles = new WeakMap<D1Database, Db>();

export function dbOf(d1: D1Database): Db {
  let db = handles.get(d1);
  if (!db) {
    db = createDb(d1);
    handles.set(d1, db);
  }
  return db;
}

interface PreparedQuery {
  getQuery(): { sql: string; params: unknown[] };
}

/**
 * A query for db.batch whose SQL is built once per isolate (values as sql.placeholder) and only
 * filled per use: drizzle builds SQL at run time, which would cost every inbound message, and its
 * batch neither takes prepared queries nor fills placeholders. The item handed to the batch is
 * the prepared query with its values filled in; its result type is the builder's.
 */
export function reusable<Q extends { prepare(): unknown }>(build: (db: Db) => Q) {
  const prepared = new WeakMap<Db, PreparedQuery>();
  return (db: Db, values: Record<string, unknown>): Q & { toSQL(): { sql: string; params: unknown[] } } => {
    let p = prepared.get(db);
    if (!p) {
      p = build(db).prepare() as PreparedQuery;
      prepared.set(db, p);
    }
    const { sql: text, params } = p.getQuery();
    const filled = Object.create(p, { query: { value: { sql: text, params: fillPlaceholders(params, values) } } }) as PreparedQuery;
    // drizzle's batch calls _prepare() on each item and reads getQuery(), stmt and mapResult().
    return { _prepare: () => filled, toSQL: () => filled.getQuery() } as unknown as Q & { toSQL(): { sql: string; params: unknown[] } };
  };
}

/**
 * A column under its own name in the result: D1's batch returns rows as objects, so two columns
 * of the same name (people.id and channel_identities.id) would collapse into one.
 */
export function named<C extends SQLiteColumn>(column: C, name: string) {
  return sql<C['_']['notNull'] extends true ? C['_']['data'] : C['_']['data'] | null>`${column}`.mapWith(column).as(name);
}
