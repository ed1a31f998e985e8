/**
 * A provider that delivers the same message many times at once (a retry storm after a slow
 * answer, two edge servers racing): 50 deliveries of one webhook run concurrently, each reading
 * "not seen yet" before any has written. The dedupe lives in the write batch itself (its first
 * statement records the provider's message id, src/db/conversations.ts recordMessage), so one
 * batch commits and the others write nothing: one reply, one conversation step.
 * test/whatsapp/webhook.test.ts and test/telegram/webhook.test.ts repeat a message one after another.
 */
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearChannelCaches } from '../../src/channels';
import { clearTelegramBotCache } from '../../src/telegram-kelurahan';
import { useFreshDatabase } from '../support/fresh-database';
import { drainQueue, seed } from '../support/simulator';
import { postUpdate, tg, type TgUser } from '../support/telegram';
import { FakeBotApi } from '../support/telegram-api';
import { envelope, FakeGraph, post, shown, wa } from '../support/whatsapp';

useFreshDatabase();
const COPIES = 50;
beforeEach(async () => {
  await seed();
  clearChannelCaches();
  clearTelegramBotCache();
  for (const level of ['log', 'warn', 'error'] as const) vi.spyOn(console, level).mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

const count = async (sql: string, ...binds: unknown[]) => Number((await env.DB.prepare(sql).bind(...binds).first<{ n: number }>())!.n);
const statuses = (all: number[]) => [...new Set(all)].sort();

describe('WhatsApp', () => {
  const graph = new FakeGraph();
  const SITI = '6281234500001';
  beforeEach(() => {
    graph.calls = [];
    graph.failNext = [];
    graph.answer = null;
    graph.install();
  });

  it(`${COPIES} concurrent deliveries of a new number's first message: one person, one chat, one reply received`, async () => {
    const webhook = JSON.stringify(envelope({ messages: [wa.text(SITI, 'halo')] }, { waId: SITI, name: 'Siti' }));
    const answers = await Promise.all(Array.from({ length: COPIES }, async () => (await post(webhook)).status));
    expect(statuses(answers)).toEqual([200]);
    expect(await count('SELECT count(*) AS n FROM processed_messages')).toBe(1);
    expect(await count('SELECT count(*) AS n FROM channel_identities WHERE external_id = ?1', SITI)).toBe(1);
    expect(await count('SELECT count(*) AS n FROM people WHERE phone = ?1', SITI)).toBe(1);
    expect(await env.DB.prepare('SELECT step, version FROM conversations').first()).toEqual({ step: 'menu', version: 1 });
    await drainQueue();
    const received = graph.deliveredTo(SITI).map(shown);
    expect(received).toHaveLength(1);
    expect(received[0]).toContain('Selamat datang di Loket Kelurahan Bukit Sangkal.');
  });

  it(`${COPIES} concurrent deliveries of a message in a running conversation: one step, one reply`, async () => {
    expect((await post(envelope({ messages: [wa.text(SITI, 'halo')] }, { waId: SITI, name: 'Siti' }))).status).toBe(200);
    await drainQueue();
    const before = graph.deliveredTo(SITI).length;
    const webhook = JSON.stringify(envelope({ messages: [wa.list(SITI, 'menu:apply', 'Ajukan layanan')] }, { waId: SITI, name: 'Siti' }));
    const answers = await Promise.all(Array.from({ length: COPIES }, async () => (await post(webhook)).status));
    expect(statuses(answers)).toEqual([200]);
    expect(await env.DB.prepare('SELECT step, version FROM conversations').first()).toEqual({ step: 'apply.service', version: 2 });
    await drainQueue();
    expect(graph.deliveredTo(SITI).slice(before)).toHaveLength(1);
  });

  it(`${COPIES} concurrent deliveries of the press that makes a case: one case, one code drawn, one card to the RT chair`, async () => {
    const say = async (m: Record<string, unknown>) => {
      expect((await post(envelope({ messages: [m] }, { waId: SITI, name: 'Siti' }))).status).toBe(200);
      await drainQueue();
      return graph.deliveredTo(SITI).at(-1)!;
    };
    await say(wa.text(SITI, 'halo'));
    await say(wa.list(SITI, 'menu:apply', 'Ajukan layanan'));
    await say(wa.list(SITI, 'svc:ktp', 'KTP'));
    await say(wa.button(SITI, 'whom:self'));
    await say(wa.text(SITI, 'Siti Aminah'));
    await say(wa.text(SITI, '1671024508790003'));
    const rts = await say(wa.button(SITI, 'rw:2'));
    const i = rts.interactive as { type: string; action: { buttons?: { reply: { id: string; title: string } }[]; sections?: { rows: { id: string; title: string }[] }[] } };
    const buttons = i.type === 'button' ? i.action.buttons!.map((b) => b.reply) : i.action.sections!.flatMap((x) => x.rows);
    const rt03 = buttons.find((b) => b.title.startsWith('RT 03'))!;
    const before = graph.deliveredTo(SITI).length;

    const webhook = JSON.stringify(envelope({ messages: [wa.button(SITI, rt03.id, rt03.title)] }, { waId: SITI, name: 'Siti' }));
    const answers = await Promise.all(Array.from({ length: COPIES }, async () => (await post(webhook)).status));
    expect(statuses(answers)).toEqual([200]);
    // The first code of the month: no loser's draw of the sequence was kept either.
    expect(await env.DB.prepare('SELECT code, state FROM cases').all().then((r) => r.results)).toEqual([{ code: expect.stringMatching(/^KTP-\d{4}-0001$/), state: 'draft' }]);
    await drainQueue();
    const toSiti = graph.deliveredTo(SITI).slice(before).map(shown);
    expect(toSiti).toHaveLength(1);
    expect(toSiti[0]).toContain('Permintaan surat pengantar sudah kami kirim ke Ketua RT 03/RW 02, Bapak Hasan.');
    const cards = await env.DB.prepare(
      "SELECT count(*) AS n FROM outbox o JOIN channel_identities i ON i.id = o.identity_id WHERE i.external_id = '628990000203' AND o.payload LIKE '%Permintaan surat pengantar%'",
    ).first<{ n: number }>();
    expect(cards!.n).toBe(1);
  });
});

describe('Telegram', () => {
  const bot = new FakeBotApi();
  const SITI: TgUser = { id: 700000001, first_name: 'Siti', last_name: 'Aminah' };
  beforeEach(() => bot.install());

  it(`${COPIES} concurrent deliveries of one update_id: one chat, one reply received`, async () => {
    const update = tg.text(SITI, 'halo');
    const answers = await Promise.all(Array.from({ length: COPIES }, async () => (await postUpdate(update)).status));
    expect(statuses(answers)).toEqual([200]);
    expect(await count('SELECT count(*) AS n FROM processed_messages')).toBe(1);
    expect(await count("SELECT count(*) AS n FROM channel_identities WHERE channel = 'telegram'")).toBe(1);
    await drainQueue();
    expect(bot.texts(SITI.id)).toEqual([expect.stringContaining('Selamat datang di Loket Kelurahan Bukit Sangkal.')]);
  });

  it(`${COPIES} concurrent deliveries of one button press: one step, one reply, every press answered`, async () => {
    expect((await postUpdate(tg.text(SITI, 'halo'))).status).toBe(200);
    await drainQueue();
    const update = tg.press(SITI, 'menu:apply');
    const responses = await Promise.all(Array.from({ length: COPIES }, () => postUpdate(update)));
    expect(statuses(responses.map((r) => r.status))).toEqual([200]);
    // Every copy stops the button's spinner, the duplicates too.
    for (const r of responses) expect(await r.json()).toMatchObject({ method: 'answerCallbackQuery' });
    expect(await env.DB.prepare('SELECT step, version FROM conversations').first()).toEqual({ step: 'apply.service', version: 2 });
    await drainQueue();
    expect(bot.texts(SITI.id)).toHaveLength(2);
  });
});
