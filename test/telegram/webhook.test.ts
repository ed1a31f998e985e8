import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useFreshDatabase } from '../support/fresh-database';
import { seed, testEnv } from '../support/simulator';
import { choicesIn, outboxTo, postUpdate, SITI_TG, tg, TgPerson, textOf } from '../support/telegram';
import { WEBHOOK_MAX_BYTES } from '../../src/framework/webhook-body-limit';
import { clearTelegramBotCache } from '../../src/telegram-kelurahan';

// Vite's glob, declared here alone: vite/client's global types clash with the Workers types.
declare global {
  interface ImportMeta {
    glob(patterns: string[], options: { query: '?raw'; import: 'default'; eager: true }): Record<string, unknown>;
  }
}
const fixtures = Object.fromEntries(
  Object.entries(import.meta.glob(['./fixtures/*.json'], { query: '?raw', import: 'default', eager: true })).map(([path, raw]) => [
    path.replace(/^.*\//, '').replace(/\.json$/, ''),
    JSON.parse(raw as string) as { update_id: number },
  ]),
);

useFreshDatabase();
beforeEach(async () => {
  await seed();
  clearTelegramBotCache();
});
afterEach(() => vi.restoreAllMocks());

const count = async (table: string) => Number((await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>())!.n);
/** Everything an update could leave behind. */
const stored = async () => ({
  processed: await count('processed_messages'),
  identities: await count("channel_identities WHERE channel = 'telegram'"),
  conversations: await count('conversations'),
  outbox: await count('outbox'),
});
const NOTHING = { processed: 0, identities: 0, conversations: 0, outbox: 0 };
const REFUSED = 'Tombol ini tidak berlaku lagi.';

describe('POST /webhooks/telegram: the secret token', () => {
  it('refuses a missing or wrong X-Telegram-Bot-Api-Secret-Token with 401, stores nothing and logs no secret', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const update = tg.text(SITI_TG, 'halo');
    expect((await postUpdate(update, null)).status).toBe(401);
    expect((await postUpdate(update, 'local-telegram-secreT')).status).toBe(401);
    expect((await postUpdate(update, '')).status).toBe(401);
    expect(await stored()).toEqual(NOTHING);
    const logged = warn.mock.calls.flat().join('\n');
    expect(logged).toContain('telegram.bad_secret');
    expect(logged).not.toContain('local-telegram-secre');

    expect((await postUpdate(update)).status).toBe(200);
    expect(await stored()).toMatchObject({ processed: 1, identities: 1 });
  });

  it('refuses everything while TELEGRAM_WEBHOOK_SECRET is not set, an empty header included', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const unset = { ...testEnv(), TELEGRAM_WEBHOOK_SECRET: undefined } as Env;
    const update = tg.text(SITI_TG, 'halo');
    expect((await postUpdate(update, '', unset)).status).toBe(401);
    expect((await postUpdate(update, null, unset)).status).toBe(401);
    expect((await postUpdate(update, 'local-telegram-secret', unset)).status).toBe(401);
    expect(await stored()).toEqual(NOTHING);
  });
});

describe('POST /webhooks/telegram: what Telegram sends', () => {
  it('answers 200 to every fixture from the Bot API reference', async () => {
    expect(Object.keys(fixtures).length).toBeGreaterThanOrEqual(26);
    expect(Object.keys(fixtures)).toEqual(expect.arrayContaining(['chat_member', 'edited_channel_post', 'sticker']));
    for (const [name, update] of Object.entries(fixtures)) {
      const res = await postUpdate(update);
      expect(res.status, name).toBe(200);
    }
  });

  it('gives a resident the dialogue\'s reply, to their chat id on the telegram channel', async () => {
    const res = await postUpdate(tg.text(SITI_TG, 'halo'));
    expect(res.status).toBe(200);
    const out = await outboxTo(SITI_TG.id);
    expect(out).toHaveLength(1);
    expect(textOf(out)).toContain('Selamat datang di Loket Kelurahan Bukit Sangkal.');
    expect(choicesIn(out).map((c) => c.id)).toContain('menu:apply');
    const row = await env.DB.prepare(
      `SELECT i.channel, i.external_id, i.display_name FROM outbox o JOIN channel_identities i ON i.id = o.identity_id`,
    ).first();
    expect(row).toEqual({ channel: 'telegram', external_id: '700000001', display_name: 'Siti Aminah' });
  });

  it('handles a repeated update_id once: one reply only', async () => {
    const update = tg.text(SITI_TG, 'halo');
    expect((await postUpdate(update)).status).toBe(200);
    expect((await postUpdate(update)).status).toBe(200);
    expect(await outboxTo(SITI_TG.id)).toHaveLength(1);
    expect(await count('processed_messages')).toBe(1);
  });

  it('refuses a body over the webhook limit with 413, storing nothing', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const json = JSON.stringify(tg.text(SITI_TG, 'halo'));
    const body = json + ' '.repeat(WEBHOOK_MAX_BYTES + 1 - json.length);
    expect((await postUpdate(body)).status).toBe(413);
    expect(await stored()).toEqual(NOTHING);
  });

  it('answers 200 to a body that is not JSON, and stores nothing', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (const body of ['not json at all', '', '{"update_id":']) expect((await postUpdate(body)).status).toBe(200);
    expect((await postUpdate('null')).status).toBe(200);
    expect((await postUpdate('[1,2]')).status).toBe(200);
    expect(await stored()).toEqual(NOTHING);
  });

  it('stores nothing and replies nothing for groups, channels, member updates and inline queries', async () => {
    const names = ['group_text', 'channel_post', 'edited_channel_post', 'my_chat_member_kicked', 'my_chat_member_restarted', 'chat_member', 'inline_query'];
    for (const name of names) {
      expect(fixtures[name], name).toBeDefined();
      const res = await postUpdate(fixtures[name]);
      expect(res.status, name).toBe(200);
      expect(await res.text(), name).toBe('');
    }
    expect((await postUpdate(tg.group(SITI_TG, 'halo'))).status).toBe(200);
    expect(await stored()).toEqual(NOTHING);
  });

  it('answers a sticker, a voice note and a location politely, and an edited live location not at all', async () => {
    const siti = new TgPerson(SITI_TG);
    expect(textOf(await siti.send(fixtures.sticker as never))).toContain('Maaf, Loket belum bisa membaca pesan seperti itu.');
    expect(textOf(await siti.send(tg.sticker(SITI_TG)))).toContain('Maaf, Loket belum bisa membaca pesan seperti itu.');
    expect(textOf(await siti.send(fixtures.voice as never))).toMatch(/pesan suara/);
    expect(textOf(await siti.send(fixtures.location as never))).toContain('Maaf, Loket belum bisa membaca pesan seperti itu.');
    expect(await siti.send(fixtures.edited_message_live_location as never)).toEqual([]);
  });

  it('tells someone who edits a message Loket already answered that edits are not read', async () => {
    const siti = new TgPerson(SITI_TG);
    await siti.say('halo');
    expect(textOf(await siti.send(fixtures.edited_message as never))).toBe(
      'Maaf, pesan yang diubah tidak kami baca. Kalau ada yang perlu diganti, kirim lagi sebagai pesan baru.',
    );
  });
});

describe('button presses: always answered in the response body', () => {
  const answer = async (res: Response) => {
    expect(res.status).toBe(200);
    return res.json();
  };

  it('answers a press the dialogue takes without a note, and a stale one with a short note', async () => {
    const siti = new TgPerson(SITI_TG);
    await siti.say('halo');
    const taken = tg.press(SITI_TG, 'menu:apply');
    const id = (taken.callback_query as { id: string }).id;
    expect(await answer(await postUpdate(taken))).toEqual({ method: 'answerCallbackQuery', callback_query_id: id });
    expect(textOf(await siti.replies())).toMatch(/Layanan apa\?/);

    const stale = tg.press(SITI_TG, 'rt:ap:no-such-case');
    expect(await answer(await postUpdate(stale))).toEqual({
      method: 'answerCallbackQuery', callback_query_id: (stale.callback_query as { id: string }).id, text: REFUSED,
    });
    // The chat says it too, with the question that is open now.
    expect(textOf(await siti.replies())).toMatch(/^Tombol itu sudah tidak berlaku\.[\s\S]*Layanan apa\?/);
  });

  it('says the stale press\'s note in the language the resident chose', async () => {
    const john = new TgPerson({ id: 700000077, first_name: 'John' });
    await john.say('bahasa');
    expect(textOf(await john.say('English'))).toMatch(/English/);
    const stale = tg.press(john.user, 'rt:ap:no-such-case');
    expect(await answer(await postUpdate(stale))).toEqual({
      method: 'answerCallbackQuery', callback_query_id: (stale.callback_query as { id: string }).id, text: 'This button is no longer valid.',
    });
  });

  it('answers presses it ignores (inline message, group, no data) with the note, storing nothing', async () => {
    for (const name of ['callback_query_inline_message', 'callback_query_group']) {
      const q = (fixtures[name] as unknown as { callback_query: { id: string } }).callback_query;
      expect(await answer(await postUpdate(fixtures[name])), name).toEqual({ method: 'answerCallbackQuery', callback_query_id: q.id, text: REFUSED });
    }
    const noData = tg.press(SITI_TG, '');
    expect(await answer(await postUpdate(noData))).toMatchObject({ callback_query_id: (noData.callback_query as { id: string }).id, text: REFUSED });
    expect(await stored()).toEqual(NOTHING);
  });

  it('answers a repeated press again, without acting on it twice', async () => {
    const siti = new TgPerson(SITI_TG);
    await siti.say('halo');
    const press = tg.press(SITI_TG, 'menu:apply');
    await postUpdate(press);
    const again = await answer(await postUpdate(press));
    expect(again).toEqual({ method: 'answerCallbackQuery', callback_query_id: (press.callback_query as { id: string }).id });
    const replies = await siti.replies();
    expect(replies).toHaveLength(1);
    expect(textOf(replies)).toMatch(/Layanan apa\?/);
  });
});

describe('which kelurahan', () => {
  const production = (over: Partial<Env> = {}) => ({ ...testEnv(), LOCAL_TOOLS: 'false', ...over }) as Env;

  it('is the one whose telegram_bot_id is the id in TELEGRAM_BOT_TOKEN, outside local tools too', async () => {
    expect(await env.DB.prepare('SELECT telegram_bot_id AS b FROM kelurahan').first()).toEqual({ b: '123456' });
    expect((await postUpdate(tg.text(SITI_TG, 'halo'), undefined, production())).status).toBe(200);
    expect(textOf(await outboxTo(SITI_TG.id))).toContain('Bukit Sangkal');
  });

  it('for a bot no kelurahan has yet: 503 and nothing stored, so Telegram brings the update again once the bot is set', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const other = production({ TELEGRAM_BOT_TOKEN: '999999:another-bot' });
    const update = tg.text(SITI_TG, 'halo');
    expect((await postUpdate(update, undefined, other)).status).toBe(503);
    expect((await postUpdate(tg.press(SITI_TG, 'menu:apply'), undefined, other)).status).toBe(503);
    expect(await stored()).toEqual(NOTHING);
    expect(error.mock.calls.flat().join('\n')).toContain('telegram.unknown_bot');
    expect(error.mock.calls.flat().join('\n')).not.toContain('another-bot');

    // The operator sets the bot on the kelurahan; Telegram's retry of the same update is served.
    await env.DB.prepare("UPDATE kelurahan SET telegram_bot_id = '999999'").run();
    expect((await postUpdate(update, undefined, other)).status).toBe(200);
    expect(textOf(await outboxTo(SITI_TG.id))).toContain('Bukit Sangkal');
  });

  it('keeps the update ids of one bot apart from another\'s: the same update_id sent to a new bot is new', async () => {
    const update = tg.text(SITI_TG, 'halo');
    expect((await postUpdate(update)).status).toBe(200);
    await env.DB.prepare("UPDATE kelurahan SET telegram_bot_id = '777777'").run();
    clearTelegramBotCache();
    expect((await postUpdate(update, undefined, production({ TELEGRAM_BOT_TOKEN: '777777:new-token' }))).status).toBe(200);
    expect(await outboxTo(SITI_TG.id)).toHaveLength(2);
    expect(await env.DB.prepare("SELECT message_id FROM processed_messages WHERE channel = 'telegram' ORDER BY message_id").all()).toMatchObject({
      results: [{ message_id: `tg:123456:${update.update_id}` }, { message_id: `tg:777777:${update.update_id}` }],
    });
  });

  it('locally, falls back to the first kelurahan when the seed named no bot', async () => {
    await env.DB.prepare('UPDATE kelurahan SET telegram_bot_id = NULL').run();
    expect((await postUpdate(tg.text(SITI_TG, 'halo'))).status).toBe(200);
    expect(await outboxTo(SITI_TG.id)).toHaveLength(1);
  });
});

describe('failures a retry can fix', () => {
  it('answer 5xx with nothing recorded, so Telegram\'s retry is handled in full', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const broken = { ...testEnv(), DB: { prepare: () => { throw new Error('D1 is down'); }, batch: () => Promise.reject(new Error('D1 is down')) } } as unknown as Env;
    const update = tg.text(SITI_TG, 'halo');
    expect((await postUpdate(update, undefined, broken)).status).toBe(500);
    expect(await stored()).toEqual(NOTHING);
    expect((await postUpdate(update)).status).toBe(200);
    expect(await outboxTo(SITI_TG.id)).toHaveLength(1);
  });
});
