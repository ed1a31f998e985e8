/**
 * Outbox rows to a Telegram chat through the real queue consumer and cron, against the fake Bot
 * API: Telegram's 429 wait is honoured, a chat that blocked the bot is failed and someone who can
 * reach the person is told, and an outage is outlasted.
 */
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearChannelCaches } from '../../src/channels';
import { useFreshDatabase } from '../support/fresh-database';
import { QueueClock } from '../support/queue-clock';
import { MONDAY_10_WIB, recorded, seed } from '../support/simulator';
import { FakeBotApi, TG } from '../support/telegram-api';

useFreshDatabase();
const bot = new FakeBotApi();
/** Siti's private chat with the bot; Telegram gives no phone, hers came from "share my number". */
const SITI_CHAT = '5012345678';
const HASAN = '628990000203';
const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
let clock: QueueClock;

beforeEach(async () => {
  await seed();
  clearChannelCaches();
  bot.install();
  clock = new QueueClock(MONDAY_10_WIB);
  // The longest waits backoff allows: a provider's wait must still win when it is longer.
  vi.spyOn(Math, 'random').mockReturnValue(0.999);
  for (const level of ['log', 'warn', 'error'] as const) vi.spyOn(console, level).mockImplementation(() => {});
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO people (id, kelurahan_id, full_name, phone, created_at) VALUES ('p-siti', 'kel-bukit-sangkal', 'Siti Aminah', '6281234500001', ?1)",
    ).bind(clock.now),
    env.DB.prepare(
      "INSERT INTO channel_identities (id, kelurahan_id, person_id, channel, external_id, display_name, created_at) VALUES ('i-siti-tg', 'kel-bukit-sangkal', 'p-siti', 'telegram', ?1, 'Siti', ?2)",
    ).bind(SITI_CHAT, clock.now),
  ]);
});
afterEach(() => vi.restoreAllMocks());

const row = (id: string) => env.DB.prepare('SELECT status, attempts, last_error, not_before FROM outbox WHERE id = ?1').bind(id).first<{ status: string; attempts: number; last_error: string | null; not_before: number }>();
const sends = () => bot.calls.filter((c) => c.method === 'sendMessage' && String(c.params.chat_id) === SITI_CHAT).length;

describe('429 Too Many Requests', () => {
  it('is retried no sooner than retry_after: the row waits, the queue message comes back then, and it arrives once', async () => {
    bot.failNext.push(TG.tooMany(120));
    const id = await queueText('Berkas KTP-2611-0009 sudah diperiksa Ketua RT.');
    const start = clock.now;
    await clock.runUntil(start + SEC);
    const throttled = (await row(id))!;
    expect(throttled).toMatchObject({ status: 'pending', attempts: 1, last_error: expect.stringContaining('429') });
    // Backoff alone would try again within 5 s; Telegram asked for 120.
    expect(throttled.not_before).toBeGreaterThanOrEqual(start + 120 * SEC);
    expect(clock.waiting.map((w) => w.due)).toEqual([throttled.not_before]);
    await clock.runUntil(start + 119 * SEC);
    expect(sends()).toBe(1);
    await clock.runUntil(start + 3 * MIN);
    expect(bot.texts(SITI_CHAT)).toEqual(['Berkas KTP-2611-0009 sudah diperiksa Ketua RT.']);
    expect(sends()).toBe(2);
    expect(await row(id)).toMatchObject({ status: 'sent' });
  });

  it('a wait longer than the cron interval is left to the cron, which sends it once the wait is over', async () => {
    bot.failNext.push(TG.tooMany(1800));
    const id = await queueText('Halo Siti');
    const start = clock.now;
    await clock.runUntil(start + 29 * MIN);
    expect(sends()).toBe(1);
    expect(clock.waiting).toEqual([]);
    await clock.runUntil(start + 46 * MIN);
    expect(bot.texts(SITI_CHAT)).toEqual(['Halo Siti']);
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2 });
  });
});

describe('403 Forbidden: the bot was blocked', () => {
  it("fails the row without retrying and tells the case's RT chair, naming Telegram", async () => {
    bot.failNext.push(TG.blocked);
    const id = await queueText('Kabar berkas', await caseInHasansRt());
    await clock.runUntil(clock.now + HOUR);
    expect(sends()).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'failed', last_error: 'undeliverable 403' });
    expect(await textsTo(HASAN)).toEqual(['Pesan Loket untuk Siti Aminah (berkas KTP-2611-0009) tidak sampai ke Telegram-nya. Mohon sampaikan langsung, ya.']);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM case_events WHERE kind = 'undeliverable'").first()).toEqual({ n: 1 });
  });

  it('tells staff when there is no RT chair to tell', async () => {
    await env.DB.prepare("UPDATE staff_users SET identity_id = 'identity-sim-' || (SELECT chair_person_id FROM rt LIMIT 1)").run();
    const staffNumber = (await env.DB.prepare('SELECT ci.external_id FROM staff_users s JOIN channel_identities ci ON ci.id = s.identity_id').first<{ external_id: string }>())!.external_id;
    bot.failNext.push(TG.blocked);
    const id = await queueText('Halo');
    await clock.runUntil(clock.now + HOUR);
    expect(await row(id)).toMatchObject({ status: 'failed' });
    expect(await textsTo(staffNumber)).toEqual(['Pesan Loket untuk Siti Aminah tidak sampai ke Telegram-nya. Mohon sampaikan langsung, ya.']);
  });
});

describe('a message Telegram refuses as it is', () => {
  it('is failed at the first refusal, not retried for days, and the RT chair is told at once', async () => {
    bot.failNext.push(TG.badRequest('message is too long'));
    const id = await queueText('Kabar berkas', await caseInHasansRt());
    await clock.runUntil(clock.now + HOUR);
    expect(sends()).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'failed', last_error: 'Telegram refused the message (400): Bad Request: message is too long' });
    expect(await textsTo(HASAN)).toEqual(['Pesan Loket untuk Siti Aminah (berkas KTP-2611-0009) tidak sampai ke Telegram-nya. Mohon sampaikan langsung, ya.']);
  });

  it('fails a message whose button cannot be callback_data before any call, and tells the chair', async () => {
    const id = await queueText('Pilih', await caseInHasansRt(), [{ id: `rt:ap:${'x'.repeat(70)}`, label: 'Setujui' }]);
    await clock.runUntil(clock.now + HOUR);
    expect(sends()).toBe(0);
    expect(await row(id)).toMatchObject({ status: 'failed', last_error: expect.stringContaining('cannot be Telegram callback_data') });
    expect(await textsTo(HASAN)).toHaveLength(1);
  });
});

describe('5xx', () => {
  it('is retried with backoff until Telegram answers, and the message arrives once', async () => {
    let failures = 3;
    bot.answer = () => (failures-- > 0 ? TG.down : null);
    const id = await queueText('Surat pengantar Bapak/Ibu sudah siap.');
    await clock.runUntil(clock.now + 10 * MIN);
    expect(bot.texts(SITI_CHAT)).toEqual(['Surat pengantar Bapak/Ibu sudah siap.']);
    expect(sends()).toBe(4);
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 4, last_error: null });
    expect(clock.deadLettered).toEqual([]);
  });
});

/** An outbox row to Siti's Telegram chat, nudged as the pipeline would nudge it. */
async function queueText(text: string, caseId: string | null = null, choices?: { id: string; label: string }[]): Promise<string> {
  const id = crypto.randomUUID();
  await env.DB.prepare(
    "INSERT INTO outbox (id, kelurahan_id, identity_id, case_id, payload, not_before, created_at, updated_at) VALUES (?1, 'kel-bukit-sangkal', 'i-siti-tg', ?2, ?3, ?4, ?4, ?4)",
  )
    .bind(id, caseId, JSON.stringify({ kind: 'text', text, ...(choices ? { choices } : {}) }), clock.now)
    .run();
  recorded.push({ body: { type: 'deliver', outboxId: id } });
  return id;
}

/** Siti's case in RT 03/RW 02, whose chair is Bapak Hasan (on the simulator). */
async function caseInHasansRt(): Promise<string> {
  await env.DB.prepare(
    `INSERT INTO cases (id, kelurahan_id, code, kind, service, state, applicant_person_id, rt_id, created_at, updated_at)
     SELECT 'c1', 'kel-bukit-sangkal', 'KTP-2611-0009', 'service', 'ktp', 'draft', 'p-siti',
       (SELECT rt.id FROM rt JOIN channel_identities h ON h.person_id = rt.chair_person_id WHERE h.external_id = ?2), ?1, ?1`,
  )
    .bind(clock.now, HASAN)
    .run();
  return 'c1';
}

async function textsTo(externalId: string): Promise<string[]> {
  const rows = await env.DB.prepare(
    'SELECT o.payload FROM outbox o JOIN channel_identities ci ON ci.id = o.identity_id WHERE ci.external_id = ?1 ORDER BY o.created_at',
  )
    .bind(externalId)
    .all<{ payload: string }>();
  return rows.results.map((r) => (JSON.parse(r.payload) as { text: string }).text);
}
