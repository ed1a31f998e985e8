/**
 * The queue consumer delivers a batch's outbox rows together (src/jobs/deliver.ts): one claim for
 * all, each row marked sent as soon as it has gone, a chat's rows in order.
 */
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearChannelCaches } from '../../src/channels';
import { useFreshDatabase } from '../support/fresh-database';
import { QueueClock } from '../support/queue-clock';
import { MONDAY_10_WIB, recorded, seed } from '../support/simulator';
import { FakeBotApi, TG } from '../support/telegram-api';

useFreshDatabase();
const HOUR = 3600_000;
const SITI = '700000001';
const BUDI = '700000002';
let clock: QueueClock;
const bot = new FakeBotApi();

beforeEach(async () => {
  await seed();
  clearChannelCaches();
  clock = new QueueClock(MONDAY_10_WIB);
  for (const level of ['log', 'warn', 'error'] as const) vi.spyOn(console, level).mockImplementation(() => {});
  bot.install();
  const chat = (person: string, name: string, identity: string, external: string) => [
    env.DB.prepare("INSERT INTO people (id, kelurahan_id, full_name, created_at) VALUES (?1, 'kel-bukit-sangkal', ?2, ?3)").bind(person, name, clock.now),
    env.DB.prepare(
      "INSERT INTO channel_identities (id, kelurahan_id, person_id, channel, external_id, display_name, created_at) VALUES (?1, 'kel-bukit-sangkal', ?2, 'telegram', ?3, ?4, ?5)",
    ).bind(identity, person, external, name, clock.now),
  ];
  await env.DB.batch([...chat('p-siti', 'Siti', 'i-siti', SITI), ...chat('p-budi', 'Budi', 'i-budi', BUDI)]);
});
afterEach(() => vi.restoreAllMocks());

async function queue(identity: string, text: string): Promise<string> {
  const id = crypto.randomUUID();
  await env.DB.prepare(
    "INSERT INTO outbox (id, kelurahan_id, identity_id, payload, not_before, created_at, updated_at) VALUES (?1, 'kel-bukit-sangkal', ?2, ?3, ?4, ?4, ?4)",
  ).bind(id, identity, JSON.stringify({ kind: 'text', text }), clock.now).run();
  recorded.push({ body: { type: 'deliver', outboxId: id } });
  return id;
}

const statuses = async () => (await env.DB.prepare('SELECT status FROM outbox ORDER BY created_at, rowid').all<{ status: string }>()).results.map((r) => r.status);

describe('a queue batch of replies', () => {
  it('reaches every chat once, each row marked sent, the same row queued twice sent once', async () => {
    const satu = await queue('i-siti', 'Satu');
    await queue('i-siti', 'Dua');
    await queue('i-budi', 'Halo Budi');
    recorded.push({ body: { type: 'deliver', outboxId: satu } });
    await clock.runUntil(clock.now);
    expect(bot.texts(SITI)).toEqual(['Satu', 'Dua']);
    expect(bot.texts(BUDI)).toEqual(['Halo Budi']);
    expect(await statuses()).toEqual(['sent', 'sent', 'sent']);
    await clock.runUntil(clock.now + 2 * HOUR);
    expect(bot.texts(SITI)).toEqual(['Satu', 'Dua']);
  });

  it('keeps a chat in order: when its first reply fails, the next waits behind it, and other chats are not held up', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    let siti = 0;
    bot.answer = (c) => (c.method === 'sendMessage' && String(c.params.chat_id) === SITI && ++siti === 1 ? TG.down : null);
    await queue('i-siti', 'Satu');
    await queue('i-siti', 'Dua');
    await queue('i-budi', 'Halo Budi');
    await clock.runUntil(clock.now);
    expect(bot.texts(SITI)).toEqual([]);
    expect(bot.texts(BUDI)).toEqual(['Halo Budi']);
    // Dua was never tried: handed back unclaimed, its tries untouched.
    expect((await env.DB.prepare("SELECT status, attempts FROM outbox WHERE payload LIKE '%Dua%'").first())).toEqual({ status: 'pending', attempts: 0 });
    await clock.runUntil(clock.now + HOUR);
    expect(bot.texts(SITI)).toEqual(['Satu', 'Dua']);
    expect(await statuses()).toEqual(['sent', 'sent', 'sent']);
  });

  it('sends nothing twice when marking a row sent fails once', async () => {
    const real = env.DB.batch.bind(env.DB);
    let failed = 0;
    vi.spyOn(env.DB, 'batch').mockImplementation(async (stmts: D1PreparedStatement[]) => {
      const first = (stmts[0] as unknown as { statement?: string }).statement ?? '';
      if (failed === 0 && /"attempts" = "outbox"."attempts" \+ 1/.test(first)) {
        failed++;
        throw new Error('D1 overloaded');
      }
      return real(stmts);
    });
    await queue('i-siti', 'Satu');
    await queue('i-siti', 'Dua');
    await clock.runUntil(clock.now + 2 * HOUR);
    expect(failed).toBe(1);
    expect(bot.texts(SITI)).toEqual(['Satu', 'Dua']);
    expect(await statuses()).toEqual(['sent', 'sent']);
  });

  it('draws the retry jitter from Math.random at each failure', async () => {
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.999);
    bot.answer = (c) => (c.method === 'sendMessage' ? TG.down : null);
    await queue('i-siti', 'Satu');
    await clock.runUntil(clock.now);
    expect(random).toHaveBeenCalled();
    // The first retry's ceiling is 5 s; 0.999 of it rounds to 5.
    const row = await env.DB.prepare('SELECT attempts, not_before FROM outbox').first<{ attempts: number; not_before: number }>();
    expect(row).toEqual({ attempts: 1, not_before: clock.now + 5000 });
  });
});
