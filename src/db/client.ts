/**
 * The drizzle handle over the D1 binding. It holds no connection, but building it walks the whole
 * schema, so each isolate builds it once per binding and reuses it.
 */
import { Column, is, Param, Placeholder, SQL, sql, Subquery } from 'drizzle-orm';
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
  stmt: D1PreparedStatement;
  mapResult(result: unknown, isFromBatch?: boolean): unknown;
  executeMethod?: string;
  fields?: { path: string[]; field: unknown }[];
  customResultMapper?: unknown;
}

/** A parameter of a statement built once: a value fixed at build time, or one filled per use. */
type Slot = { fixed: unknown } | { name: string; encode?: (value: unknown) => unknown };

function slotsOf(params: unknown[]): Slot[] {
  return params.map((p) => {
    if (is(p, Placeholder)) return { name: p.name };
    if (is(p, Param) && is(p.value, Placeholder)) {
      const encoder = p.encoder as { mapToDriverValue(v: unknown): unknown };
      return { name: p.value.name, encode: (v: unknown) => encoder.mapToDriverValue(v) };
    }
    return { fixed: p };
  });
}

function fill(slots: Slot[], values: Record<string, unknown>): unknown[] {
  const out = new Array<unknown>(slots.length);
  for (let i = 0; i < slots.length; i++) {
    const s = slots[i]!;
    if ('fixed' in s) {
      out[i] = s.fixed;
      continue;
    }
    // D1 has no undefined: a value left out is a mistake, a null is said as null.
    const v = values[s.name];
    if (v === undefined) throw new Error(`No value for placeholder "${s.name}" was provided`);
    out[i] = s.encode ? s.encode(v) : v;
  }
  return out;
}

type Decoder = { mapFromDriverValue(value: unknown): unknown };

/**
 * The rows of a flat select (every field at the top level) mapped as drizzle maps them, with each
 * column's decoder looked up once instead of once per row and column; null for other shapes,
 * which keep drizzle's own mapping.
 */
function rowMapper(p: PreparedQuery): ((result: unknown) => unknown) | null {
  if (p.executeMethod !== 'all' || !p.fields || p.customResultMapper) return null;
  if (p.fields.some((f) => f.path.length !== 1)) return null;
  const keys = p.fields.map((f) => f.path[0]!);
  const decoders = p.fields.map(({ field }): Decoder => {
    if (is(field, Column)) return field as unknown as Decoder;
    // decoder is internal to drizzle 0.45 (mapResultRow reads it the same way).
    const decoderOf = (x: SQL) => (x as unknown as { decoder: Decoder }).decoder;
    if (is(field, SQL)) return decoderOf(field);
    if (is(field, Subquery)) return decoderOf((field as unknown as { _: { sql: SQL } })._.sql);
    return decoderOf((field as { sql: SQL }).sql);
  });
  const decodes = decoders.map((d) => d.mapFromDriverValue !== Column.prototype.mapFromDriverValue && d.mapFromDriverValue !== NOOP.mapFromDriverValue);
  const asIs = !decodes.some(Boolean);
  return (result) => {
    const rows = (result as D1Result<Record<string, unknown>>).results;
    // A select whose columns are named as its keys (see named()) needs no mapping at all.
    if (asIs && rows.length > 0 && sameKeys(rows[0]!, keys)) return rows;
    return rows.map((row) => {
      const values = Object.values(row);
      const out: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) {
        const v = values[i];
        out[keys[i]!] = v === null || v === undefined ? null : decodes[i] ? decoders[i]!.mapFromDriverValue(v) : v;
      }
      return out;
    });
  };
}

/** The decoder of an SQL fragment without mapWith(): values pass as they are. */
const NOOP = (sql`` as unknown as { decoder: Decoder }).decoder;

function sameKeys(row: Record<string, unknown>, keys: string[]): boolean {
  let i = 0;
  for (const k in row) if (k !== keys[i++]) return false;
  return i === keys.length;
}

/**
 * A query for db.batch whose SQL is built once per isolate (values as sql.placeholder) and only
 * filled per use: drizzle builds SQL at run time, which would cost every inbound message, and its
 * batch neither takes prepared queries nor fills placeholders. Where each parameter comes from and
 * how each column is decoded are worked out once too: drizzle's per-row mapping asks of every
 * column what kind of thing it is, which was most of the CPU of an inbound message. The item
 * handed to the batch is the prepared query with its values filled in; its result type is the
 * builder's.
 */
export function reusable<Q extends { prepare(): unknown }>(build: (db: Db) => Q) {
  const compiled = new WeakMap<Db, Compiled>();
  return (db: Db, values: Record<string, unknown>): Q & { toSQL(): { sql: string; params: unknown[] } } => {
    let c = compiled.get(db);
    if (!c) {
      const p = build(db).prepare() as PreparedQuery;
      const q = p.getQuery();
      c = { p, text: q.sql, slots: slotsOf(q.params), map: rowMapper(p) };
      compiled.set(db, c);
    }
    return new FilledQuery(c, fill(c.slots, values)) as unknown as Q & { toSQL(): { sql: string; params: unknown[] } };
  };
}

interface Compiled {
  p: PreparedQuery;
  text: string;
  slots: Slot[];
  map: ((result: unknown) => unknown) | null;
}

/**
 * A compiled query with this use's values: what drizzle's batch asks of an item (_prepare(),
 * then getQuery(), stmt and mapResult() of what it returns), in one small object per use.
 */
class FilledQuery {
  constructor(
    readonly c: Compiled,
    readonly params: unknown[],
  ) {}
  get stmt() {
    return this.c.p.stmt;
  }
  _prepare() {
    return this;
  }
  getQuery() {
    return { sql: this.c.text, params: this.params };
  }
  toSQL() {
    return this.getQuery();
  }
  mapResult(result: unknown, fromBatch?: boolean) {
    return this.c.map ? this.c.map(result) : this.c.p.mapResult(result, fromBatch);
  }
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
  const prepared = new WeakMap<Db, { text: string; slots: Slot[]; stmt: D1PreparedStatement }>();
  return (db: Db, values: Record<string, unknown>): RawItem => {
    let p = prepared.get(db);
    if (!p) {
      const q = dialect.sqlToQuery(build(db));
      p = { text: q.sql, slots: slotsOf(q.params), stmt: db.$client.prepare(q.sql) };
      prepared.set(db, p);
    }
    return rawItem(p.stmt, p.text, fill(p.slots, values));
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

type Item = { _prepare(): { getQuery(): { params: unknown[] }; stmt: D1PreparedStatement; mapResult(r: unknown, fromBatch: boolean): unknown } };

/**
 * db.batch for the hot path: a statement built once is bound as it is (drizzle's batch would ask
 * each for its query object first), others go through drizzle's own preparation. Results are
 * mapped as drizzle maps them.
 */
export async function batchOf(db: Db, items: readonly unknown[]): Promise<unknown[]> {
  const stmts = new Array<D1PreparedStatement>(items.length);
  const prepared = new Array<ReturnType<Item['_prepare']> | null>(items.length);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item instanceof FilledQuery) {
      stmts[i] = item.c.p.stmt.bind(...item.params);
      prepared[i] = null;
    } else {
      const p = (item as Item)._prepare();
      const { params } = p.getQuery();
      stmts[i] = params.length > 0 ? p.stmt.bind(...params) : p.stmt;
      prepared[i] = p;
    }
  }
  const results = await db.$client.batch(stmts);
  return results.map((r, i) => {
    const p = prepared[i];
    return p ? p.mapResult(r, true) : (items[i] as FilledQuery).mapResult(r, true);
  });
}

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
