/**
 * The drizzle handle over the D1 binding. It holds no connection, but building it walks the whole
 * schema, so each isolate builds it once per binding and reuses it.
 */
import { fillPlaceholders, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { drizzle } from 'drizzle-orm/d1';
import { SQLiteAsyncDialect, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
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

type Built = { toSQL(): { sql: string; params: unknown[] } };
/** A statement in drizzle's batch that returns D1's result as it is (rows as objects). */
export type RawItem = { readonly _: { result: D1Result } } & Built;

const dialect = new SQLiteAsyncDialect();

/**
 * Like reusable(), for a statement only the `sql` template can say (guards on changes(),
 * INSERT ... SELECT with ON CONFLICT ... WHERE): built and prepared once per isolate.
 */
export function reusableSql(build: (db: Db) => SQL) {
  const prepared = new WeakMap<Db, { text: string; params: unknown[]; stmt: D1PreparedStatement }>();
  return (db: Db, values: Record<string, unknown>): RawItem => {
    let p = prepared.get(db);
    if (!p) {
      const q = dialect.sqlToQuery(build(db));
      p = { text: q.sql, params: q.params, stmt: db.$client.prepare(q.sql) };
      prepared.set(db, p);
    }
    return rawItem(p.stmt, p.text, fillPlaceholders(p.params, values));
  };
}

function rawItem(stmt: D1PreparedStatement, text: string, params: unknown[]): RawItem {
  const query = { sql: text, params };
  // drizzle's batch binds getQuery().params to stmt when there are any, and maps the result.
  const prepared = { getQuery: () => query, stmt, mapResult: (r: unknown) => r };
  return { _prepare: () => prepared, toSQL: () => query } as unknown as RawItem;
}

/** A statement still built on the D1 binding elsewhere, carried by drizzle's batch as it is. */
export function d1Item(stmt: D1PreparedStatement): RawItem {
  return rawItem({ bind: () => stmt } as unknown as D1PreparedStatement, '', [null]);
}

/** A per-use value where the builder takes no placeholder (UPDATE ... SET). */
export const value = (name: string) => sql`${sql.placeholder(name)}`;

/** One statement of a drizzle batch (a query builder, or a `db.run(sql...)`). */
export type Statement = BatchItem<'sqlite'>;

/** Sends the statements as one D1 batch (one transaction); nothing when there are none. */
export async function runBatch(db: Db, statements: Statement[]): Promise<void> {
  if (statements.length) await db.batch(statements as [Statement, ...Statement[]]);
}

/**
 * A query built once per isolate and D1 binding (drizzle builds SQL at run time; what runs per
 * row or per tick is built only on its first use).
 */
export function oncePerDb<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let q = built.get(db);
    if (q === undefined) {
      q = build(db);
      built.set(db, q);
    }
    return q;
  };
}
