/**
 * The drizzle handle over the D1 binding. It holds no connection, but building it walks the whole
 * schema, so each isolate builds it once per binding and reuses it.
 */
import type { BatchItem } from 'drizzle-orm/batch';
import { drizzle } from 'drizzle-orm/d1';
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
