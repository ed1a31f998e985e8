/**
 * Telling someone that a message did not arrive must end: a notice never causes a notice about
 * itself, and a staff member is not told about their own unreachable number.
 */
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { markUndeliverable } from '../../src/jobs/undeliverable';
import { SequentialIds } from '../../src/framework/ports';
import { useFreshDatabase } from '../support/fresh-database';
import { seed, SimPerson } from '../support/simulator';

useFreshDatabase();
beforeEach(seed);

const NOW = Date.parse('2026-11-30T10:00:00+07:00');

async function linkStaff(phone: string, staffId: string): Promise<string> {
  await new SimPerson(phone, 'Staf').say('halo');
  const { id } = (await env.DB.prepare('SELECT id FROM channel_identities WHERE external_id = ?1').bind(phone).first<{ id: string }>())!;
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO staff_users (id, kelurahan_id, username, display_name, role, password_hash, created_at)
       VALUES (?1, 'kel-bukit-sangkal', ?1, 'Staf', 'staff', 'x', 0) ON CONFLICT (id) DO NOTHING`,
    ).bind(staffId),
    env.DB.prepare('UPDATE staff_users SET identity_id = ?1 WHERE id = ?2').bind(id, staffId),
  ]);
  return id;
}

async function outboxRow(identityId: string, dedupeKey: string | null): Promise<string> {
  const id = crypto.randomUUID();
  await env.DB.prepare(
    `INSERT INTO outbox (id, kelurahan_id, identity_id, payload, dedupe_key, status, not_before, created_at, updated_at)
     VALUES (?1, 'kel-bukit-sangkal', ?2, ?3, ?4, 'sent', ?5, ?5, ?5)`,
  ).bind(id, identityId, JSON.stringify({ kind: 'text', text: 'Kabar' }), dedupeKey, NOW).run();
  return id;
}

/** Notices about failures written to this chat (the row a test fails itself is not one). */
const noticesTo = async (identityId: string) =>
  Number(
    (await env.DB.prepare("SELECT count(*) AS n FROM outbox WHERE identity_id = ?1 AND dedupe_key LIKE 'undeliverable:%' AND status = 'pending'")
      .bind(identityId)
      .first<{ n: number }>())!.n,
  );

describe('a message that did not arrive', () => {
  it('to a staff member\'s chat tells nobody further (no RT chair passes a message on to the office)', async () => {
    const first = await linkStaff('628555000001', 'staff-demo');
    const second = await linkStaff('628555000002', 'staff-two');
    const failed = await outboxRow(first, null);
    expect(await markUndeliverable(env, failed, 131026, NOW, new SequentialIds('n'))).toEqual([]);
    expect(await env.DB.prepare('SELECT status FROM outbox WHERE id = ?1').bind(failed).first()).toEqual({ status: 'failed' });
    expect(await noticesTo(first)).toBe(0);
    expect(await noticesTo(second)).toBe(0);
  });

  it('to the same resident, many times on one day, costs staff one notice', async () => {
    const staff = await linkStaff('628555000001', 'staff-demo');
    await new SimPerson('628123450001', 'Siti').say('halo');
    const siti = (await env.DB.prepare("SELECT id FROM channel_identities WHERE external_id = '628123450001'").first<{ id: string }>())!.id;
    for (let i = 0; i < 3; i++) await markUndeliverable(env, await outboxRow(siti, null), 131026, NOW + i * 60_000, new SequentialIds(`n${i}`));
    expect(await noticesTo(staff)).toBe(1);
    // The next day it is said again.
    await markUndeliverable(env, await outboxRow(siti, null), 131026, NOW + 24 * 3600_000, new SequentialIds('n9'));
    expect(await noticesTo(staff)).toBe(2);
  });

  it('that was itself such a notice tells nobody further', async () => {
    const first = await linkStaff('628555000001', 'staff-demo');
    const second = await linkStaff('628555000002', 'staff-two');
    const notice = await outboxRow(second, 'undeliverable:some-row:x');
    expect(await markUndeliverable(env, notice, 131026, NOW, new SequentialIds('n'))).toEqual([]);
    expect(await env.DB.prepare('SELECT status FROM outbox WHERE id = ?1').bind(notice).first()).toEqual({ status: 'failed' });
    expect(await noticesTo(first)).toBe(0);
    expect(await noticesTo(second)).toBe(0);
  });
});
