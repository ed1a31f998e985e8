/**
 * The posyandu example end to end, as its Worker runs it (examples/posyandu/worker.ts): through
 * the simulator API, a signed WhatsApp webhook and a Telegram update, the framework's plain
 * store in D1, the queue consumer delivering to fake providers, and the cron sending the
 * reminder when its time comes. The queue only records; the test runs the consumer and the cron.
 */
import { recordingQueue } from '../support/recording-queue';
import { WEBHOOK_MAX_BYTES } from '../../src/framework/webhook-body-limit';
import { createMessageBatch, createScheduledController, env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OutboundMessage } from '../../adapters/channel';
import { SECRET_HEADER } from '../../adapters/telegram/secret';
import worker, { app } from '../../examples/posyandu/worker';
import { FakeBotApi } from '../support/telegram-api';
import { tg, type TgUser } from '../support/telegram';
import { envelope, FakeGraph, sign, wa } from '../support/whatsapp';

const wib = (local: string) => Date.parse(`${local}+07:00`);
/** Monday 30 November 2026, 10:00 WIB: the next reminder the bot can give is Tuesday 07:00. */
const MONDAY_10 = wib('2026-11-30T10:00:00');
const TUESDAY_07 = wib('2026-12-01T07:00:00');

let now = MONDAY_10;
const recording = recordingQueue();
const queued = recording.queued;
const queue = recording.queue;
const testEnv = (over: Partial<Env> = {}): Env => ({ ...env, OUTBOX: queue, ...over });

beforeEach(() => {
  now = MONDAY_10;
  queued.length = 0;
  vi.spyOn(Date, 'now').mockImplementation(() => now);
});
afterEach(() => vi.restoreAllMocks());

/** Runs the queue consumer until nothing is left, as the Queue would. */
async function deliver(): Promise<void> {
  while (queued.length) {
    const batch = createMessageBatch('posyandu-example-outbox', queued.splice(0).map((body, i) => ({ id: `q${i}`, timestamp: new Date(now), attempts: 1, body })));
    await worker.queue(batch as MessageBatch<unknown>, testEnv());
  }
}

/** Moves the clock, runs the cron at that moment, and delivers what it found due. */
async function cronAt(at: number): Promise<void> {
  now = at;
  await worker.scheduled(createScheduledController({ scheduledTime: at, cron: '*/5 * * * *' }), testEnv());
  await deliver();
}

/** A person's chat and outbox rows, and the message ids recorded (of anyone: they name no person). */
async function rowsOf(externalId: string): Promise<{ chats: number; outbox: number; seen: number }> {
  const count = async (sql: string, ...params: string[]) => (await env.DB.prepare(sql).bind(...params).first<number>('n')) ?? 0;
  return {
    chats: await count('SELECT count(*) n FROM bot_chats WHERE external_id = ?', externalId),
    outbox: await count('SELECT count(*) n FROM bot_outbox WHERE external_id = ?', externalId),
    seen: await count('SELECT count(*) n FROM bot_processed_messages'),
  };
}

const textsIn = (messages: OutboundMessage[]) => messages.map((m) => (m.kind === 'text' ? m.text : `[${m.kind}]`));

describe('the posyandu example through the simulator', () => {
  const post = (body: Record<string, unknown>, e = testEnv()) =>
    app.request('/simulator/api/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, e);
  async function inbox(id: string): Promise<{ waiting: number; texts: string[] }> {
    const res = await app.request(`/simulator/api/inbox?id=${id}`, {}, testEnv());
    const json = (await res.json()) as { waiting: number; messages: { message: OutboundMessage }[] };
    return { waiting: json.waiting, texts: textsIn(json.messages.map((m) => m.message)) };
  }

  it('shows the schedule, takes a reminder, and reminds at its moment, not before', async () => {
    const from = { id: '628111000001', name: 'Siti' };
    expect(await (await post({ from, text: 'jadwal' })).json()).toMatchObject({ ok: true, outcome: 'processed' });
    // Nothing has arrived until the queue delivered it.
    expect((await inbox(from.id)).texts).toEqual([]);
    await deliver();
    const first = await inbox(from.id);
    expect(first.texts).toHaveLength(1);
    expect(first.texts[0]).toContain('Rabu, 2 Desember: Posyandu Mawar');

    await post({ from, choiceId: 'ingat' });
    await deliver();
    const confirmed = await inbox(from.id);
    expect(confirmed.texts[1]).toContain('Kami ingatkan Selasa, 1 Desember, pukul 07.00 WIB');
    expect(confirmed.waiting).toBe(1);

    await cronAt(TUESDAY_07 - 60_000);
    expect(await inbox(from.id)).toEqual(confirmed);

    await cronAt(TUESDAY_07);
    const reminded = await inbox(from.id);
    expect(reminded.texts).toHaveLength(3);
    expect(reminded.texts[2]).toMatch(/^Pengingat: besok Rabu, 2 Desember ada Posyandu Mawar/);
    expect(reminded.waiting).toBe(0);

    // The cron again, later: the reminder went once.
    await cronAt(TUESDAY_07 + 3_600_000);
    expect((await inbox(from.id)).texts).toHaveLength(3);
  });

  it('cancels a reminder with "batal": it never arrives', async () => {
    const from = { id: '628111000003' };
    await post({ from, choiceId: 'ingat' });
    await post({ from, text: 'batal' });
    await deliver();
    expect((await inbox(from.id)).texts.at(-1)).toBe('Pengingat sudah dibatalkan.');
    await cronAt(TUESDAY_07);
    const after = await inbox(from.id);
    expect(after.texts.some((t) => t.startsWith('Pengingat:'))).toBe(false);
    expect(after.waiting).toBe(0);
  });

  it('has no second effect for a message sent twice', async () => {
    const from = { id: '628111000004' };
    await post({ from, text: 'jadwal', messageId: 'sim-dup-1' });
    const again = await post({ from, text: 'jadwal', messageId: 'sim-dup-1' });
    expect(await again.json()).toMatchObject({ outcome: 'duplicate' });
    await deliver();
    expect((await inbox(from.id)).texts).toHaveLength(1);
    expect((await rowsOf(from.id)).outbox).toBe(1);
  });

  it('is not there unless LOCAL_TOOLS is "true"', async () => {
    const res = await post({ from: { id: '628111000005' }, text: 'jadwal' }, testEnv({ LOCAL_TOOLS: 'false' }));
    expect(res.status).toBe(404);
    expect((await rowsOf('628111000005')).chats).toBe(0);
  });
});

describe('the posyandu example through the WhatsApp webhook', () => {
  const graph = new FakeGraph();
  beforeEach(() => {
    graph.calls = [];
    graph.install();
  });
  const shown = (m: Record<string, unknown>) =>
    ((m.interactive as { body?: { text?: string } } | undefined)?.body?.text ?? (m.text as { body?: string } | undefined)?.body ?? '') as string;

  async function postSigned(payload: unknown, signature?: string): Promise<Response> {
    const body = JSON.stringify(payload);
    return app.request(
      '/webhooks/whatsapp',
      { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature ?? (await sign(body)) }, body },
      testEnv(),
    );
  }

  it('answers the handshake only with the verify token', async () => {
    const ask = (token: string) => app.request(`/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`, {}, testEnv());
    const ok = await ask(env.WHATSAPP_VERIFY_TOKEN!);
    expect([ok.status, await ok.text()]).toEqual([200, '1158201444']);
    expect((await ask('wrong')).status).toBe(403);
  });

  it('shows the schedule with a button, takes the press, and sends the reminder at its moment', async () => {
    const waId = '628111000011';
    const contact = { waId, name: 'Siti' };
    expect((await postSigned(envelope({ messages: [wa.text(waId, 'jadwal')] }, contact))).status).toBe(200);
    await deliver();
    const schedule = graph.deliveredTo(waId);
    expect(schedule).toHaveLength(1);
    expect(shown(schedule[0]!)).toContain('Rabu, 2 Desember: Posyandu Mawar');
    const buttons = (schedule[0]!.interactive as { action: { buttons: { reply: { id: string; title: string } }[] } }).action.buttons;
    expect(buttons.map((b) => b.reply)).toEqual([{ id: 'ingat', title: 'Ingatkan saya' }]);

    const pressed = wa.button(waId, 'ingat', 'Ingatkan saya');
    expect((await postSigned(envelope({ messages: [pressed] }, contact))).status).toBe(200);
    await deliver();
    expect(shown(graph.deliveredTo(waId)[1]!)).toContain('Kami ingatkan Selasa, 1 Desember');

    // Meta retries the same webhook: nothing new is stored, queued or sent.
    const before = await rowsOf(waId);
    expect((await postSigned(envelope({ messages: [pressed] }, contact))).status).toBe(200);
    expect(queued).toEqual([]);
    expect(await rowsOf(waId)).toEqual(before);

    await cronAt(TUESDAY_07);
    const all = graph.deliveredTo(waId);
    expect(all).toHaveLength(3);
    // 21 hours after the press: inside the 24-hour window, so the reminder goes as plain text.
    expect(all[2]!.type).toBe('text');
    expect(shown(all[2]!)).toMatch(/^Pengingat: besok Rabu, 2 Desember ada Posyandu Mawar/);
  });

  it('sends a reminder due more than 24 hours after the press as its registered template', async () => {
    const waId = '628111000013';
    const contact = { waId, name: 'Siti' };
    // Wednesday 05:00 WIB: the next reminder is Thursday 07:00, 26 hours on.
    now = wib('2026-12-02T05:00:00');
    expect((await postSigned(envelope({ messages: [wa.text(waId, 'Ingatkan saya')] }, contact))).status).toBe(200);
    await deliver();
    expect(shown(graph.deliveredTo(waId)[0]!)).toContain('Kami ingatkan Kamis, 3 Desember');
    await cronAt(wib('2026-12-03T07:00:00'));
    const reminder = graph.deliveredTo(waId)[1]! as { type: string; template: { name: string; components: { parameters: { text: string }[] }[] } };
    expect(reminder.type).toBe('template');
    expect(reminder.template.name).toBe('posyandu_pengingat');
    const [service, body] = reminder.template.components[0]!.parameters.map((p) => p.text);
    expect(service).toBe('Jadwal Posyandu');
    expect(body).toMatch(/^Pengingat: besok Jumat, 4 Desember ada Posyandu Anggrek/);
  });

  it('refuses a body over the webhook cap before reading it, with nothing stored', async () => {
    const waId = '628111000014';
    const before = await rowsOf(waId);
    const payload = envelope({ messages: [wa.text(waId, 'x'.repeat(WEBHOOK_MAX_BYTES))] });
    const res = await postSigned(payload);
    expect(res.status).toBe(413);
    expect(await rowsOf(waId)).toEqual({ ...before, chats: 0, outbox: 0 });
    expect(queued).toEqual([]);
  });

  it('refuses a bad signature with nothing stored', async () => {
    const waId = '628111000012';
    const before = await rowsOf(waId);
    const payload = envelope({ messages: [wa.text(waId, 'jadwal')] });
    // Signed with another secret: what anyone without the app secret can do.
    const res = await postSigned(payload, await sign(JSON.stringify(payload), 'not-the-app-secret'));
    expect(res.status).toBe(401);
    expect(await rowsOf(waId)).toEqual({ ...before, chats: 0, outbox: 0 });
    expect(queued).toEqual([]);
    expect(graph.calls).toEqual([]);
  });
});

describe('the posyandu example through the Telegram webhook', () => {
  const bot = new FakeBotApi();
  beforeEach(() => bot.install());
  const user: TgUser = { id: 700000031, first_name: 'Siti' };
  const post = (update: unknown, secret: string | null = env.TELEGRAM_WEBHOOK_SECRET!) =>
    app.request(
      '/webhooks/telegram',
      { method: 'POST', headers: { 'content-type': 'application/json', ...(secret !== null ? { [SECRET_HEADER]: secret } : {}) }, body: JSON.stringify(update) },
      testEnv(),
    );

  it('shows the schedule with a button, takes the press, and sends the reminder at its moment', async () => {
    expect((await post(tg.text(user, 'jadwal'))).status).toBe(200);
    await deliver();
    expect(bot.texts(user.id)).toHaveLength(1);
    expect(bot.texts(user.id)[0]).toContain('Rabu, 2 Desember: Posyandu Mawar');
    expect(bot.keyboards(user.id)).toEqual([[[{ text: 'Ingatkan saya', callback_data: 'ingat' }]]]);

    const press = tg.press(user, 'ingat');
    const res = await post(press);
    // The spinner stops in the response itself, with no note: the press meant something.
    expect(await res.json()).toEqual({ method: 'answerCallbackQuery', callback_query_id: (press.callback_query as { id: string }).id });
    await deliver();
    expect(bot.texts(user.id)[1]).toContain('Kami ingatkan Selasa, 1 Desember');

    const before = await rowsOf(String(user.id));
    expect((await post(press)).status).toBe(200);
    expect(queued).toEqual([]);
    expect(await rowsOf(String(user.id))).toEqual(before);

    await cronAt(TUESDAY_07);
    expect(bot.texts(user.id)).toHaveLength(3);
    expect(bot.texts(user.id)[2]).toMatch(/^Pengingat: besok Rabu, 2 Desember ada Posyandu Mawar/);
  });

  it('says so on a button that means nothing any more', async () => {
    const res = await post(tg.press({ id: 700000032, first_name: 'Budi' }, 'lama:1'));
    expect(await res.json()).toMatchObject({ method: 'answerCallbackQuery', text: 'Tombol ini sudah tidak berlaku.' });
  });

  it('refuses a wrong secret with nothing stored', async () => {
    const other = { id: 700000033, first_name: 'Ani' };
    const before = await rowsOf(String(other.id));
    expect((await post(tg.text(other, 'jadwal'), 'wrong-secret')).status).toBe(401);
    expect((await post(tg.text(other, 'jadwal'), null)).status).toBe(401);
    expect(await rowsOf(String(other.id))).toEqual({ ...before, chats: 0, outbox: 0 });
    expect(queued).toEqual([]);
  });
});
