/**
 * D1 fails in the middle of a turn: the read went well, the dialogue ran, and the write batch (the
 * second round trip, src/pipeline/write-effects.ts) fails after D1 has started on it. The webhook
 * must answer 5xx so the provider delivers the update again, and that retry of the very same
 * webhook must then have exactly one effect: one conversation step, one reply, one case.
 *
 * test/whatsapp/webhook.test.ts ('errors a retry can fix') and test/telegram/webhook.test.ts
 * ('failures a retry can fix') fail every D1 call from the start; here only the write fails, once.
 */
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearChannelCaches } from '../../src/channels';
import { clearTelegramBotCache } from '../../src/telegram-kelurahan';
import { NIK } from '../support/apply-helper';
import { useFreshDatabase } from '../support/fresh-database';
import { drainQueue, JPEG, MONDAY_10_WIB, PDF, PNG, seed, testEnv } from '../support/simulator';
import { postUpdate, tg, type TgUpdate, type TgUser } from '../support/telegram';
import { FakeBotApi } from '../support/telegram-api';
import { envelope, FakeGraph, sign, shown, wa } from '../support/whatsapp';
import { createApp } from '../../src/app';

useFreshDatabase();
let now = MONDAY_10_WIB;
beforeEach(async () => {
  await seed();
  clearChannelCaches();
  clearTelegramBotCache();
  now = MONDAY_10_WIB;
  vi.spyOn(Date, 'now').mockImplementation(() => now);
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

const count = async (sql: string, ...binds: unknown[]) => Number((await env.DB.prepare(sql).bind(...binds).first<{ n: number }>())!.n);

/**
 * env.DB whose next write batch of an inbound message (the one that records the provider's
 * message id) fails once: D1 runs its statements, then a last one fails and the transaction is
 * rolled back, as when D1 is overloaded or restarts halfway. Everything else reaches D1 as it is.
 */
function failWriteOnce(db: D1Database) {
  const state = { armed: true, failed: 0 };
  const proxied = new Proxy(db, {
    get(target, key) {
      if (key === 'batch') {
        return async (statements: D1PreparedStatement[]) => {
          const first = (statements[0] as unknown as { statement?: string }).statement ?? '';
          if (state.armed && /^insert into "processed_messages"/i.test(first)) {
            state.armed = false;
            state.failed++;
            // A statement that fails only when run: the ones before it have been run by then.
            return target.batch([...statements, target.prepare("SELECT json('{ not json')")]);
          }
          return target.batch(statements);
        };
      }
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { db: proxied, state };
}

describe('WhatsApp: the first message of a new number', () => {
  const graph = new FakeGraph();
  const SITI = '6281234500001';
  const app = createApp();
  beforeEach(() => {
    graph.calls = [];
    graph.failNext = [];
    graph.answer = null;
    graph.install();
  });

  it('answers 500 when the write fails, has stored nothing, and its retry answers once', async () => {
    const failing = failWriteOnce(env.DB);
    const e = { ...testEnv(), DB: failing.db };
    const body = JSON.stringify(envelope({ messages: [wa.text(SITI, 'halo')] }, { waId: SITI, name: 'Siti' }));
    const deliver = async () =>
      (await app.request('/webhooks/whatsapp', { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': await sign(body) }, body }, e)).status;

    expect(await deliver()).toBe(500);
    expect(failing.state.failed).toBe(1);
    // Rolled back whole: a retry finds nothing of the first try, not even the person.
    const stored = async () => ({
      processed: await count('SELECT count(*) AS n FROM processed_messages'),
      chats: await count("SELECT count(*) AS n FROM channel_identities WHERE external_id = ?1", SITI),
      people: await count('SELECT count(*) AS n FROM people WHERE phone = ?1', SITI),
      conversations: await count('SELECT count(*) AS n FROM conversations'),
      outbox: await count('SELECT count(*) AS n FROM outbox'),
    });
    expect(await stored()).toEqual({ processed: 0, chats: 0, people: 0, conversations: 0, outbox: 0 });

    // Meta delivers the same webhook again, and again after that: one turn, one answer.
    expect(await deliver()).toBe(200);
    expect(await deliver()).toBe(200);
    expect(await stored()).toEqual({ processed: 1, chats: 1, people: 1, conversations: 1, outbox: 1 });
    expect(await env.DB.prepare('SELECT step, version FROM conversations').first()).toEqual({ step: 'menu', version: 1 });
    await drainQueue();
    const received = graph.deliveredTo(SITI).map(shown);
    expect(received).toHaveLength(1);
    expect(received[0]).toContain('Selamat datang di Loket Kelurahan Bukit Sangkal.');
  });
});

describe('Telegram: the turns that make and submit a case', () => {
  const bot = new FakeBotApi();
  const SITI: TgUser = { id: 700000001, first_name: 'Siti', last_name: 'Aminah' };
  beforeEach(() => bot.install());

  let read = 0;
  /** Posts an update as Telegram does (the same update again on a 5xx), then runs the queue. */
  async function send(update: TgUpdate, e: Env = testEnv()): Promise<{ status: number; shown: string[]; buttons: [string, string][] }> {
    now += 1000;
    const status = (await postUpdate(update, undefined, e)).status;
    await drainQueue();
    const calls = bot.sentTo(SITI.id);
    const fresh = calls.slice(read);
    read = calls.length;
    const shownTexts = fresh.map((c) => String((c.params as { text?: string }).text ?? ''));
    const buttons = fresh.flatMap((c) => ((c.params as { reply_markup?: { inline_keyboard?: { text: string; callback_data: string }[][] } }).reply_markup?.inline_keyboard ?? []).flat().map((b) => [b.text, b.callback_data] as [string, string]));
    return { status, shown: shownTexts, buttons };
  }
  const button = (r: { buttons: [string, string][] }, label: string | RegExp) => {
    const found = r.buttons.find(([l]) => (typeof label === 'string' ? l === label : label.test(l)));
    if (!found) throw new Error(`no button ${label} in ${JSON.stringify(r.buttons)}`);
    return found[1];
  };
  const conversation = () => env.DB.prepare('SELECT c.step, c.version FROM conversations c JOIN channel_identities i ON i.id = c.identity_id WHERE i.external_id = ?1').bind(String(SITI.id)).first<{ step: string; version: number }>();

  it('choosing the RT (a case and its card) and pressing Kirim each fail once, and their retries make one case, one card, one submission', async () => {
    read = 0;
    let r = await send(tg.text(SITI, 'halo'));
    r = await send(tg.press(SITI, button(r, 'Ajukan layanan')));
    r = await send(tg.press(SITI, button(r, 'KTP')));
    r = await send(tg.press(SITI, button(r, 'Diri sendiri')));
    r = await send(tg.contact(SITI, '6281234500001'));
    r = await send(tg.text(SITI, 'Siti Aminah'));
    r = await send(tg.text(SITI, NIK.siti));
    r = await send(tg.press(SITI, button(r, 'RW 02')));

    // The press on RT 03 makes the case and the card to Bapak Hasan; its write fails once.
    const pickRt = tg.press(SITI, button(r, /^RT 03/));
    const before = (await conversation())!;
    const failing = failWriteOnce(env.DB);
    const failed = await send(pickRt, { ...testEnv(), DB: failing.db });
    expect(failed.status).toBe(500);
    expect(failing.state.failed).toBe(1);
    expect(failed.shown).toEqual([]);
    expect(await conversation()).toEqual(before);
    expect(await count('SELECT count(*) AS n FROM cases')).toBe(0);

    r = await send(pickRt, { ...testEnv(), DB: failing.db });
    expect(r.status).toBe(200);
    expect((await send(pickRt)).status).toBe(200);
    expect(await count('SELECT count(*) AS n FROM cases')).toBe(1);
    expect((await conversation())!.version).toBe(before.version + 1);
    expect(r.shown.filter((t) => t.includes('Permintaan surat pengantar sudah kami kirim ke Ketua RT 03/RW 02, Bapak Hasan.'))).toHaveLength(1);
    const cards = await env.DB.prepare(
      "SELECT count(*) AS n FROM outbox o JOIN channel_identities i ON i.id = o.identity_id WHERE i.external_id = '628990000203' AND o.payload LIKE '%Permintaan surat pengantar%'",
    ).first<{ n: number }>();
    expect(cards!.n).toBe(1);

    for (const [bytes, kind] of [[JPEG, 'photo'], [PDF, 'document'], [PNG, 'photo']] as const) {
      const update = kind === 'photo' ? tg.photo(SITI) : tg.document(SITI, 'ktp.pdf', 'application/pdf');
      const m = update.message as { photo?: { file_id: string }[]; document?: { file_id: string } };
      bot.addFile(m.photo ? m.photo.at(-1)!.file_id : m.document!.file_id, bytes);
      r = await send(update);
    }
    r = await send(tg.text(SITI, '1'));
    expect(r.shown.join('\n')).toContain('Ringkasan: KTP untuk Siti Aminah, RT 03/RW 02, diambil di kantor.');

    // Kirim: its write fails once, Telegram brings the same press again (twice).
    const kirim = tg.press(SITI, button(r, 'Kirim'));
    const atSummary = (await conversation())!;
    const again = failWriteOnce(env.DB);
    const refused = await send(kirim, { ...testEnv(), DB: again.db });
    expect(refused.status).toBe(500);
    expect(again.state.failed).toBe(1);
    expect(refused.shown).toEqual([]);
    expect(await env.DB.prepare('SELECT state FROM cases').first()).toEqual({ state: 'draft' });

    const retried = await send(kirim, { ...testEnv(), DB: again.db });
    expect(retried.status).toBe(200);
    expect((await send(kirim)).shown).toEqual([]);
    const code = (await env.DB.prepare('SELECT code FROM cases').first<{ code: string }>())!.code;
    expect(retried.shown.filter((t) => t.includes(`Terkirim. Nomor berkas: ${code}.`))).toHaveLength(1);
    expect((await conversation())!.version).toBe(atSummary.version + 1);
    expect(await env.DB.prepare('SELECT state FROM cases').first()).not.toEqual({ state: 'draft' });
    expect(await count('SELECT count(*) AS n FROM cases')).toBe(1);
  });
});
