/**
 * Every inbound message reads the kelurahan's open cases carrying its NIK (openCasesWithNik);
 * almost no message is a NIK. D1 bills and slows by rows read, so a message without one must not
 * walk the kelurahan's cases. The rows D1 reports as read are the measure.
 */
import { env } from 'cloudflare:test';
import { Placeholder } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { openCasesWithNik } from '../../src/db/cases';
import { dbOf } from '../../src/db/client';

const OPEN_CASES = 40;

beforeAll(async () => {
  await env.DB.prepare("INSERT INTO kelurahan (id, name, kecamatan, city, lurah_name, address, created_at) VALUES ('k1', 'A', 'B', 'C', 'D', 'E', 0)").run();
  const rows = Array.from({ length: OPEN_CASES }, (_, i) => [
    env.DB.prepare("INSERT INTO people (id, kelurahan_id, full_name, nik, created_at) VALUES (?1, 'k1', 'Warga', ?2, 0)").bind(`p${i}`, `16710245087900${String(i).padStart(2, '0')}`),
    env.DB.prepare(
      "INSERT INTO cases (id, kelurahan_id, code, kind, service, state, applicant_person_id, created_at, updated_at) VALUES (?1, 'k1', ?2, 'service', 'ktp', 'verifying', ?3, 0, 0)",
    ).bind(`c${i}`, `KTP-2611-${String(i).padStart(4, '0')}`, `p${i}`),
  ]);
  await env.DB.batch(rows.flat());
});

async function rowsRead(nik: string | null): Promise<{ found: number; read: number }> {
  const { sql, params } = openCasesWithNik(dbOf(env.DB)).toSQL();
  const values: Record<string, unknown> = { k: 'k1', nik };
  const bound = params.map((p) => (p instanceof Placeholder ? values[p.name] : p));
  const result = await env.DB.prepare(sql).bind(...bound).all();
  return { found: result.results.length, read: result.meta.rows_read };
}

describe('the NIK read of every message', () => {
  it('reads no row when the message is not a NIK', async () => {
    const { found, read } = await rowsRead(null);
    expect(found).toBe(0);
    // D1 reports one row for a statement that stopped before its scan; the scan reads three per case.
    expect(read).toBeLessThanOrEqual(1);
  });

  it('finds the case of a NIK the message carries', async () => {
    const { found, read } = await rowsRead('1671024508790007');
    expect(found).toBe(1);
    // The measure above means something: a NIK does make the read walk the open cases.
    expect(read).toBeGreaterThan(OPEN_CASES);
  });
});
