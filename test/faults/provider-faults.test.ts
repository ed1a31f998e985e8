/**
 * Providers that fail, throttle and hang, met by the real queue consumer (src/jobs/deliver.ts
 * through worker.queue) and the cron, on a clock the test moves. What test/whatsapp/delivery.test.ts
 * and test/telegram/delivery.test.ts already show on rows written by hand is not repeated here:
 * these start from a resident's own message through the webhook, put the three faults one after
 * another on one reply, hang a Telegram call inside the consumer, throttle the second part of a
 * long Telegram text, and let a Telegram outage run for seven days until a person is told.
 *
 * The senders are the Worker's own (src/channels.ts), rebuilt with a call timeout of 50 ms so a
 * hung call ends within the test; the timeout itself is adapters/timeout.ts / grammY's.
 */
import { loketTemplate } from '../../src/whatsapp-templates';
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { telegramSender } from '../../adapters/telegram/sender';
import { whatsappSender } from '../../adapters/whatsapp/sender';
import { clearChannelCaches, senders } from '../../src/channels';
import { useFreshDatabase } from '../support/fresh-database';
import { QueueClock } from '../support/queue-clock';
import { MONDAY_10_WIB, recorded, seed, SimPerson } from '../support/simulator';
import { postUpdate, tg, type TgUser } from '../support/telegram';
import { FakeBotApi, TG } from '../support/telegram-api';
import { envelope, FakeGraph, post, shown, wa } from '../support/whatsapp';

useFreshDatabase();

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const SHORT_CALL_MS = 50;
const HASAN = '628990000203';

const realSenders = { ...senders };
let clock: QueueClock;

beforeEach(async () => {
  await seed();
  clearChannelCaches();
  clock = new QueueClock(MONDAY_10_WIB);
  // The longest waits backoff allows, so "arrives within" holds for every draw of the jitter.
  vi.spyOn(Math, 'random').mockReturnValue(0.999);
  for (const level of ['log', 'warn', 'error'] as const) vi.spyOn(console, level).mockImplementation(() => {});
  senders.whatsapp = whatsappSender({
    now: () => Date.now(),
    account: async () => ({ phoneNumberId: env.WHATSAPP_PHONE_NUMBER_ID, name: 'Bukit Sangkal' }),
    template: loketTemplate,
    log: () => {},
    callTimeoutMs: SHORT_CALL_MS,
  });
  senders.telegram = telegramSender({ log: () => {}, callTimeoutMs: SHORT_CALL_MS });
});
afterEach(() => {
  Object.assign(senders, realSenders);
  vi.restoreAllMocks();
});

const outboxRow = (id: string) =>
  env.DB.prepare('SELECT status, attempts, parts_sent, last_error, not_before FROM outbox WHERE id = ?1')
    .bind(id)
    .first<{ status: string; attempts: number; parts_sent: number; last_error: string | null; not_before: number }>();

describe('WhatsApp: one reply meets an outage, a throttle and a hung connection in turn', () => {
  const graph = new FakeGraph();
  const SITI = '6281234500001';
  beforeEach(() => {
    graph.calls = [];
    graph.failNext = [];
    graph.answer = null;
    graph.install();
  });

  it("answers Siti's first message once, after every fault has passed, and never twice", async () => {
    // The Graph API answers Loket's sends, one after another: down twice, throttled, hung, then well.
    const faults: ({ code: number; status: number } | 'hang')[] = [{ code: 2, status: 503 }, { code: 2, status: 503 }, { code: 130429, status: 429 }, 'hang'];
    let tries = 0;
    graph.answer = () => faults[tries++] ?? null;

    expect((await post(envelope({ messages: [wa.text(SITI, 'halo')] }, { waId: SITI, name: 'Siti' }))).status).toBe(200);
    const [reply] = (await env.DB.prepare('SELECT id FROM outbox').all<{ id: string }>()).results;
    expect(reply).toBeDefined();

    // Each failed try leaves the row waiting for its next one, with the reason recorded.
    await clock.runUntil(clock.now); // the first try only: a retry's jittered delay may be as short as 1 s
    expect(await outboxRow(reply!.id)).toMatchObject({ status: 'pending', attempts: 1, last_error: expect.stringContaining('503') });
    expect(graph.deliveredTo(SITI)).toEqual([]);

    await clock.runUntil(clock.now + HOUR);
    // One try per fault, and the one that arrived.
    expect(graph.sentTo(SITI)).toHaveLength(faults.length + 1);
    const delivered = graph.deliveredTo(SITI).map(shown);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toContain('Selamat datang di Loket Kelurahan Bukit Sangkal.');
    // Every try carried the same message; only the last was accepted.
    expect(new Set(graph.sentTo(SITI).map((m) => JSON.stringify(m)))).toEqual(new Set([JSON.stringify(graph.deliveredTo(SITI)[0])]));
    expect(await outboxRow(reply!.id)).toMatchObject({ status: 'sent', attempts: faults.length + 1, last_error: null });

    // Days of cron ticks later it has still arrived once; nothing went to the dead-letter queue.
    await clock.runUntil(clock.now + DAY);
    expect(graph.deliveredTo(SITI)).toHaveLength(1);
    expect(clock.deadLettered).toEqual([]);
  });

  it('records a hung call as timed out and gives the row back for the next try', async () => {
    let hang = true;
    graph.answer = () => (hang ? 'hang' : null);
    expect((await post(envelope({ messages: [wa.text(SITI, 'halo')] }, { waId: SITI, name: 'Siti' }))).status).toBe(200);
    const [reply] = (await env.DB.prepare('SELECT id FROM outbox').all<{ id: string }>()).results;
    await clock.runUntil(clock.now); // the first try only: a retry's jittered delay may be as short as 1 s
    expect(await outboxRow(reply!.id)).toMatchObject({ status: 'pending', attempts: 1, last_error: `provider call timed out after ${SHORT_CALL_MS} ms` });
    // The consumer asked the queue to bring the nudge back: the message is not lost.
    expect(clock.waiting).toHaveLength(1);
    hang = false;
    await clock.runUntil(clock.now + 10 * MIN);
    expect(graph.deliveredTo(SITI).map(shown)).toEqual([expect.stringContaining('Selamat datang di Loket Kelurahan Bukit Sangkal.')]);
  });
});

describe('Telegram: faults inside the queue consumer', () => {
  const bot = new FakeBotApi();
  const SITI: TgUser = { id: 700000001, first_name: 'Siti', last_name: 'Aminah' };
  beforeEach(() => bot.install());
  const sends = () => bot.calls.filter((c) => c.method === 'sendMessage' && String(c.params.chat_id) === String(SITI.id));

  it("a hung sendMessage times out, is retried through the queue, and Siti's reply arrives once", async () => {
    bot.failNext.push('hang');
    expect((await postUpdate(tg.text(SITI, 'halo'))).status).toBe(200);
    const [reply] = (await env.DB.prepare('SELECT id FROM outbox').all<{ id: string }>()).results;
    await clock.runUntil(clock.now); // the first try only: a retry's jittered delay may be as short as 1 s
    const hung = (await outboxRow(reply!.id))!;
    expect(hung).toMatchObject({ status: 'pending', attempts: 1 });
    expect(hung.last_error).toMatch(/^Telegram network/);
    expect(bot.texts(SITI.id)).toEqual([]);
    expect(clock.waiting).toHaveLength(1);

    await clock.runUntil(clock.now + 10 * MIN);
    expect(sends()).toHaveLength(2);
    expect(bot.texts(SITI.id)).toEqual([expect.stringContaining('Selamat datang di Loket Kelurahan Bukit Sangkal.')]);
    expect(await outboxRow(reply!.id)).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
  });

  it('a 429 on the second part of a long text waits retry_after, then sends only that part', async () => {
    const long = Array.from({ length: 700 }, (_, i) => `baris ${i}`).join('\n');
    let n = 0;
    bot.answer = (c) => (c.method === 'sendMessage' && ++n === 2 ? TG.tooMany(90) : null);
    const id = await queueTelegramText(long);
    const start = clock.now;

    await clock.runUntil(start + 89 * SEC);
    expect(bot.texts(SITI.id)).toHaveLength(1);
    expect(await outboxRow(id)).toMatchObject({ status: 'pending', parts_sent: 1, last_error: expect.stringContaining('429') });

    await clock.runUntil(start + 5 * MIN);
    const parts = bot.texts(SITI.id);
    expect(parts).toHaveLength(2);
    expect(parts.join('\n')).toBe(long);
    expect(sends()).toHaveLength(3);
    expect(await outboxRow(id)).toMatchObject({ status: 'sent', parts_sent: 2 });
  });

  it('an outage of seven days fails the message and tells her RT chair what did not arrive, to which number (masked)', { timeout: 20_000 }, async () => {
    clock = new QueueClock(clock.now, HOUR);
    bot.answer = () => TG.down;
    const id = await queueTelegramText('Berkas KTP-2611-0009 sudah diperiksa Ketua RT.', 'c1');

    await clock.runUntil(MONDAY_10_WIB + 7 * DAY - HOUR);
    expect(await outboxRow(id)).toMatchObject({ status: 'pending' });
    expect(await textsTo(HASAN)).toEqual([]);

    await clock.runUntil(MONDAY_10_WIB + 7 * DAY + HOUR);
    expect(bot.texts(SITI.id)).toEqual([]);
    expect(await outboxRow(id)).toMatchObject({ status: 'failed', last_error: expect.stringMatching(/^gave up after \d+ attempts: Telegram telegram_down/) });
    // Telegram's chat id is no phone number: the chair reads the number Siti gave, masked.
    expect(await textsTo(HASAN)).toEqual([
      {
        status: 'sent',
        text:
          'Pesan dari Loket untuk nomor 0812****001 (berkas KTP-2611-0009) tidak terkirim, walaupun Loket sudah mencoba selama 7 hari sejak Senin, 30 November 2026.\n' +
          'Mohon kabari orangnya langsung, dan minta ia mengetik "status" di chat Loket.',
      },
    ]);
    expect(clock.deadLettered).toEqual([]);
  });

  /** Siti on Telegram, with the number she shared; an outbox row to her chat, nudged as the pipeline would. */
  async function queueTelegramText(text: string, caseId: string | null = null): Promise<string> {
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO people (id, kelurahan_id, full_name, phone, created_at) VALUES ('p-siti', 'kel-bukit-sangkal', 'Siti Aminah', '6281234500001', ?1)",
      ).bind(clock.now),
      env.DB.prepare(
        "INSERT INTO channel_identities (id, kelurahan_id, person_id, channel, external_id, display_name, created_at) VALUES ('i-siti-tg', 'kel-bukit-sangkal', 'p-siti', 'telegram', ?1, 'Siti', ?2)",
      ).bind(String(SITI.id), clock.now),
    ]);
    if (caseId) await insertCase(caseId);
    const id = crypto.randomUUID();
    await env.DB.prepare(
      "INSERT INTO outbox (id, kelurahan_id, identity_id, case_id, payload, not_before, created_at, updated_at) VALUES (?1, 'kel-bukit-sangkal', 'i-siti-tg', ?2, ?3, ?4, ?4, ?4)",
    )
      .bind(id, caseId, JSON.stringify({ kind: 'text', text }), clock.now)
      .run();
    recorded.push({ body: { type: 'deliver', outboxId: id } });
    return id;
  }

  /** Siti's case in RT 03/RW 02, whose chair is Bapak Hasan (on the simulator). */
  async function insertCase(id: string): Promise<void> {
    await env.DB.prepare(
      `INSERT INTO cases (id, kelurahan_id, code, kind, service, state, applicant_person_id, rt_id, created_at, updated_at)
       SELECT ?3, 'kel-bukit-sangkal', 'KTP-2611-0009', 'service', 'ktp', 'draft', 'p-siti',
         (SELECT rt.id FROM rt JOIN channel_identities h ON h.person_id = rt.chair_person_id WHERE h.external_id = ?2), ?1, ?1`,
    )
      .bind(clock.now, HASAN, id)
      .run();
  }
});

/** What a simulator phone shows (Bapak Hasan's, in the demo seed): the messages sent to it. */
async function textsTo(externalId: string): Promise<{ status: string; text: string }[]> {
  const shownOn = await new SimPerson(externalId, 'Hasan').inbox();
  return shownOn.map((m) => ({ status: m.status, text: m.message.kind === 'text' ? m.message.text : `[${m.message.kind}]` }));
}
