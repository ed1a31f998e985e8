/**
 * A number typed by an RT chair (a neighbour) or a helper (the applicant) is looked up among the
 * kelurahan's people, on the message's hot read. D1 bills and slows by rows read, so the lookup
 * must go straight to the number (index people_kelurahan_phone), not walk every resident.
 */
import { env } from 'cloudflare:test';
import { Placeholder, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { dbOf } from '../../src/db/client';
import { personByPhone } from '../../src/db/people';
import { kelurahan } from '../../src/db/schema';

const PEOPLE = 60;

beforeAll(async () => {
  await env.DB.prepare("INSERT INTO kelurahan (id, name, kecamatan, city, lurah_name, address, created_at) VALUES ('k1', 'A', 'B', 'C', 'D', 'E', 0)").run();
  // Residents who shared their number on Telegram: the number is on the person, not an identity.
  const rows = Array.from({ length: PEOPLE }, (_, i) => [
    env.DB.prepare("INSERT INTO people (id, kelurahan_id, full_name, phone, created_at) VALUES (?1, 'k1', 'Warga', ?2, 0)").bind(`p${i}`, `62812345${String(i).padStart(4, '0')}`),
    env.DB.prepare("INSERT INTO channel_identities (id, kelurahan_id, person_id, channel, external_id, created_at) VALUES (?1, 'k1', ?1, 'telegram', ?2, 0)").bind(`p${i}`, String(700000000 + i)),
  ]);
  await env.DB.batch(rows.flat());
});

async function lookUp(phone: string): Promise<{ id: unknown; read: number }> {
  const { sql: text, params } = dbOf(env.DB).select({ id: sql`${personByPhone()}`.as('id') }).from(kelurahan).toSQL();
  const values: Record<string, unknown> = { k: 'k1', channel: 'whatsapp', phone };
  const bound = params.map((p) => (p instanceof Placeholder ? values[p.name] : p));
  const result = await env.DB.prepare(text).bind(...bound).first<{ id: unknown }>();
  const meta = await env.DB.prepare(text).bind(...bound).run();
  return { id: result?.id ?? null, read: meta.meta.rows_read };
}

describe('finding a person by number', () => {
  it('finds the Telegram resident whose shared number it is, reading a handful of rows, not every resident', async () => {
    const { id, read } = await lookUp('628123450042');
    expect(id).toBe('p42');
    expect(read).toBeLessThan(10);
  });

  it('reads as little for a number nobody has', async () => {
    const { id, read } = await lookUp('628999999999');
    expect(id).toBeNull();
    expect(read).toBeLessThan(10);
  });
});
