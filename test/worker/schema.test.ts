/**
 * The migrations in migrations/ (what wrangler applies) must build exactly the tables the
 * drizzle schema describes: same tables, columns, types, nullability, keys, indexes and foreign
 * keys. Change schema.ts (or src/db/framework/schema.ts) without `npm run db:generate` and this fails.
 */
import { env } from 'cloudflare:test';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as frameworkSchema from '../../src/db/framework/schema';
import * as schema from '../../src/db/schema';

// The kelurahan's tables and the framework's plain store (src/db/framework/schema.ts) share one D1.
const tables = ([...Object.values(schema), ...Object.values(frameworkSchema)] as unknown[]).filter((v): v is SQLiteTable => v instanceof SQLiteTable).map((t) => getTableConfig(t));
const all = async <T>(sql: string) => (await env.DB.prepare(sql).all<T>()).results;

describe('migrations match the drizzle schema', () => {
  it('have the same tables', async () => {
    const rows = await all<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name != 'd1_migrations'",
    );
    expect(rows.map((r) => r.name).sort()).toEqual(tables.map((t) => t.name).sort());
  });

  for (const table of tables) {
    it(`${table.name}: columns, keys, indexes and foreign keys`, async () => {
      const columns = await all<{ name: string; type: string; notnull: number; pk: number }>(`PRAGMA table_info(${table.name})`);
      const compositePk = table.primaryKeys[0]?.columns.map((c) => c.name) ?? [];
      expect(
        columns.map((c) => ({ name: c.name, type: c.type.toLowerCase(), notNull: c.notnull === 1, pk: c.pk > 0 })).sort(byName),
      ).toEqual(
        table.columns
          .map((c) => ({
            name: c.name,
            type: c.getSQLType().toLowerCase(),
            notNull: c.notNull || c.primary,
            pk: c.primary || compositePk.includes(c.name),
          }))
          .sort(byName),
      );

      const indexes = await all<{ name: string; unique: number; origin: string; partial: number }>(`PRAGMA index_list(${table.name})`);
      const expectedIndexes = [
        ...table.indexes.map((i) => ({ name: i.config.name, unique: Boolean(i.config.unique), partial: Boolean(i.config.where) })),
        ...table.columns.filter((c) => c.isUnique).map((c) => ({ name: c.uniqueName!, unique: true, partial: false })),
      ];
      expect(
        indexes.filter((i) => i.origin !== 'pk').map((i) => ({ name: i.name, unique: i.unique === 1, partial: i.partial === 1 })).sort(byName),
      ).toEqual(expectedIndexes.sort(byName));

      const fks = await all<{ from: string; table: string; to: string }>(`PRAGMA foreign_key_list(${table.name})`);
      expect(fks.map((f) => `${f.from}->${f.table}.${f.to}`).sort()).toEqual(
        table.foreignKeys
          .map((fk) => {
            const ref = fk.reference();
            return `${ref.columns[0]!.name}->${getTableConfig(ref.foreignTable).name}.${ref.foreignColumns[0]!.name}`;
          })
          .sort(),
      );
    });
  }
});

function byName(a: { name: string }, b: { name: string }) {
  return a.name.localeCompare(b.name);
}
