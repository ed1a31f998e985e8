/**
 * Migration 0011 gives the cases that ended before it the time they ended, from the event that
 * ended them (or their last update), so their files are kept retention_days from then, not from
 * the day of the migration; open cases stay without an end.
 */
import { applyD1Migrations, env, reset } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

const DAY = 86_400_000;

describe('migration 0011_retention', () => {
  it('dates the end of cases that ended before it, and leaves open ones open', async () => {
    await reset();
    const before = env.TEST_MIGRATIONS.filter((m) => !m.name.startsWith('0011'));
    expect(before.length).toBe(env.TEST_MIGRATIONS.length - 1);
    await applyD1Migrations(env.DB, before);
    const q = (sql: string, ...args: unknown[]) => env.DB.prepare(sql).bind(...args);
    const caseRow = (id: string, state: string, updatedAt: number) =>
      q("INSERT INTO cases (id, kelurahan_id, code, kind, service, state, applicant_person_id, created_at, updated_at) VALUES (?1, 'k1', ?1, 'service', 'ktp', ?2, 'p1', 0, ?3)", id, state, updatedAt);
    const event = (id: string, caseId: string, at: number, to: string) =>
      q("INSERT INTO case_events (id, kelurahan_id, case_id, at, actor_kind, kind, from_state, to_state) VALUES (?1, 'k1', ?2, ?3, 'staff', 'x', 'ready', ?4)", id, caseId, at, to);
    await env.DB.batch([
      q("INSERT INTO kelurahan (id, name, kecamatan, city, lurah_name, address, created_at) VALUES ('k1', 'A', 'B', 'C', 'D', 'E', 0)"),
      q("INSERT INTO people (id, kelurahan_id, full_name, created_at) VALUES ('p1', 'k1', 'Warga', 0)"),
      // Completed on day 10, touched again on day 20 (a wrong pickup code, a view): it ended on day 10.
      caseRow('done', 'completed', 20 * DAY),
      event('e1', 'done', 3 * DAY, 'ready'),
      event('e2', 'done', 10 * DAY, 'completed'),
      // Cancelled with no event of it: its last update is the best there is.
      caseRow('gone', 'cancelled', 5 * DAY),
      caseRow('open', 'verifying', 7 * DAY),
    ]);
    await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
    const rows = await env.DB.prepare('SELECT id, ended_at, purged_at FROM cases ORDER BY id').all();
    expect(rows.results).toEqual([
      { id: 'done', ended_at: 10 * DAY, purged_at: null },
      { id: 'gone', ended_at: 5 * DAY, purged_at: null },
      { id: 'open', ended_at: null, purged_at: null },
    ]);
    expect(await env.DB.prepare("SELECT retention_days FROM kelurahan").first()).toEqual({ retention_days: 90 });
  });
});
