/**
 * The daily purge reads the cases whose files are due for deletion, and not the years of cases
 * already purged, still open, or ended too recently: D1 bills and slows by rows read, and every
 * kelurahan piles up ended cases. The rows D1 reports as read are the measure, and the plan must
 * go through the partial index cases_to_purge.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { dbOf } from '../../src/db/client';
import { casesDueForPurge } from '../../src/db/retention';

const DAY = 86_400_000;
const NOW = Date.parse('2027-06-01T00:00:00Z');
const EACH = 40;

beforeAll(async () => {
  await env.DB.batch([
    env.DB.prepare("INSERT INTO kelurahan (id, name, kecamatan, city, lurah_name, address, created_at) VALUES ('k1', 'A', 'B', 'C', 'D', 'E', 0)"),
    env.DB.prepare("INSERT INTO people (id, kelurahan_id, full_name, created_at) VALUES ('p1', 'k1', 'Warga', 0)"),
  ]);
  const insert = (id: string, state: string, endedAt: number | null, purgedAt: number | null) =>
    env.DB.prepare(
      "INSERT INTO cases (id, kelurahan_id, code, kind, service, state, applicant_person_id, created_at, updated_at, ended_at, purged_at) VALUES (?1, 'k1', ?1, 'service', 'ktp', ?2, 'p1', 0, 0, ?3, ?4)",
    ).bind(id, state, endedAt, purgedAt);
  const rows = Array.from({ length: EACH }, (_, i) => [
    // Purged long ago, open for a year, and ended last week: none of them is due.
    insert(`purged-${i}`, 'completed', NOW - 400 * DAY, NOW - 300 * DAY),
    insert(`open-${i}`, 'verifying', null, null),
    insert(`recent-${i}`, 'completed', NOW - 7 * DAY, null),
  ]);
  await env.DB.batch(rows.flat());
});

async function run(now: number) {
  const { sql, params } = casesDueForPurge(dbOf(env.DB), { now, limit: 50 }).toSQL();
  const result = await env.DB.prepare(sql).bind(...params).all();
  const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...params).all<{ detail: string }>();
  return { found: result.results.length, read: result.meta.rows_read, plan: plan.results.map((r) => r.detail).join('\n') };
}

describe('the read of the daily purge', () => {
  it('goes through cases_to_purge and reads almost nothing when nothing is due', async () => {
    const { found, read, plan } = await run(NOW);
    expect(found).toBe(0);
    // Each kelurahan's cut-off bounds the range read in the index.
    expect(plan).toMatch(/SEARCH cases USING INDEX cases_to_purge \(kelurahan_id=\? AND ended_at>\? AND ended_at<\?\)/);
    expect(plan).not.toMatch(/SCAN cases/);
    // The kelurahan row and the edge of the index range, whatever the number of old cases.
    expect(read).toBeLessThanOrEqual(3);
  });

  it('reads the due cases when they are due: the measure above means something', async () => {
    // A hundred days on, last week's cases have outlived the default 90 days.
    const { found, read } = await run(NOW + 100 * DAY);
    expect(found).toBe(EACH);
    expect(read).toBeGreaterThanOrEqual(EACH);
    // D1 counts a due case twice: read through the index, then out of the sort that puts the
    // longest ended first. Walking every ended case still kept would read the recent ones too.
    expect(read).toBeLessThanOrEqual(2 * EACH + 3);
  });
});
