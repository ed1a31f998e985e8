/** The drizzle handle over the framework's own tables (never the kelurahan's schema). */
import type { BatchItem } from 'drizzle-orm/batch';
import { drizzle } from 'drizzle-orm/d1';
import * as schema from './schema';

export type BotDb = ReturnType<typeof create>;

const create = (d1: D1Database) => drizzle(d1, { schema });
const handles = new WeakMap<D1Database, BotDb>();

/** Built once per binding: building walks the schema. */
export function botDbOf(d1: D1Database): BotDb {
  let db = handles.get(d1);
  if (!db) {
    db = create(d1);
    handles.set(d1, db);
  }
  return db;
}

export type Item = BatchItem<'sqlite'>;

/** Runs the statements as one D1 batch (one transaction); nothing when there are none. */
export async function batch(db: BotDb, items: Item[]): Promise<unknown[]> {
  if (items.length === 0) return [];
  return db.batch(items as [Item, ...Item[]]);
}
