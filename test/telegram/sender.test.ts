/**
 * The Telegram sender against the fake Bot API: what each chat is shown, in how many parts, with
 * which keyboard and file, and what a refused call becomes for the delivery job.
 */
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OutboundMessage } from '../../adapters/channel';
import { UndeliverableError, type OutboxDelivery } from '../../adapters/ports';
import { TelegramRetryError } from '../../adapters/telegram/errors';
import { CallbackDataError } from '../../adapters/telegram/render';
import { telegramSender } from '../../adapters/telegram/sender';
import { JPEG, PDF } from '../support/simulator';
import { BOT_TOKEN, FakeBotApi, TG } from '../support/telegram-api';

const bot = new FakeBotApi();
const CHAT = '5012345678';
const logged: unknown[][] = [];
const sender = telegramSender({ log: (...a) => void logged.push(a), callTimeoutMs: 200 });

beforeEach(() => {
  bot.install();
  logged.length = 0;
});
afterEach(() => vi.restoreAllMocks());

const delivery = (message: OutboundMessage, partsSent = 0): OutboxDelivery => ({
  outboxId: 'o1', tenantId: 'kel-bukit-sangkal', externalId: CHAT, message, lastInboundAt: null, partsSent,
});

async function send(message: OutboundMessage, partsSent = 0) {
  const reported: [number, string | null][] = [];
  const result = await sender.send(delivery(message, partsSent), env, async (n, id) => void reported.push([n, id]));
  return { result, reported };
}

const longText = Array.from({ length: 600 }, (_, i) => `Baris ke-${i} dari pesan yang panjang.`).join('\n');
const yesNo = [{ id: 'rt:ok:c1', label: 'Setuju' }, { id: 'rt:no:c1', label: 'Tidak' }];

describe('texts', () => {
  it('go out in parts under 4096 characters, buttons on the last part, each part but the last reported with its message_id, the last in the result', async () => {
    expect(longText.length).toBeGreaterThan(4096 * 5);
    const { result, reported } = await send({ kind: 'text', text: longText, choices: yesNo });
    const shown = bot.texts(CHAT);
    expect(shown.length).toBe(6);
    for (const part of shown) expect(part.length).toBeLessThanOrEqual(4096);
    expect(shown.join('\n')).toBe(longText);
    expect(bot.keyboards(CHAT)).toEqual([[[{ text: 'Setuju', callback_data: 'rt:ok:c1' }, { text: 'Tidak', callback_data: 'rt:no:c1' }]]]);
    expect(bot.sentTo(CHAT).at(-1)!.params.reply_markup).toBeDefined();
    expect(reported).toEqual([1, 2, 3, 4, 5].map((n) => [n, String(n)]));
    expect(result).toEqual({ providerMessageId: '6', partsSent: 6 });
  });

  it('are shown exactly as typed: no parse_mode, so "<b>" or "*_" stay characters', async () => {
    await send({ kind: 'text', text: 'Nama: <b>Siti</b> *_[x](y)' });
    expect(bot.sentTo(CHAT)[0]!.params).toEqual({ chat_id: CHAT, text: 'Nama: <b>Siti</b> *_[x](y)', link_preview_options: { is_disabled: true } });
  });

  it('resume after the parts already sent: a retry sends only what is missing', async () => {
    const { reported } = await send({ kind: 'text', text: longText, choices: yesNo }, 4);
    const shown = bot.texts(CHAT);
    expect(shown).toHaveLength(2);
    expect(longText.endsWith(shown.join('\n'))).toBe(true);
    expect(reported.map(([n]) => n)).toEqual([5]);
  });

  it('a part refused halfway stops the message: parts before it are reported, none after it is sent', async () => {
    let n = 0;
    bot.answer = () => (++n === 3 ? TG.down : null);
    const reported: number[] = [];
    await expect(sender.send(delivery({ kind: 'text', text: longText }), env, async (p) => void reported.push(p))).rejects.toBeInstanceOf(TelegramRetryError);
    expect(reported).toEqual([1, 2]);
    expect(bot.calls).toHaveLength(3);
  });

  it('a choice id too long for callback_data is refused before anything is sent', async () => {
    const choices = [{ id: `x:${'é'.repeat(40)}`, label: 'Pilih' }];
    await expect(send({ kind: 'text', text: 'Pilih satu', choices })).rejects.toBeInstanceOf(CallbackDataError);
    expect(bot.calls).toEqual([]);
  });
});

describe('files from R2', () => {
  it('a document is uploaded with its name and caption', async () => {
    await env.SCANS.put('letters/k/c1/pengantar.pdf', PDF);
    const { result, reported } = await send({ kind: 'document', r2Key: 'letters/k/c1/pengantar.pdf', filename: 'surat-pengantar-KTP-2611-0001.pdf', mimeType: 'application/pdf', caption: 'Surat pengantar Bapak/Ibu.' });
    const [call] = bot.sentTo(CHAT);
    expect(call!.method).toBe('sendDocument');
    expect(call!.params).toMatchObject({ chat_id: CHAT, caption: 'Surat pengantar Bapak/Ibu.' });
    expect(call!.params).not.toHaveProperty('parse_mode');
    expect(call!.file).toEqual({ field: 'document', filename: 'surat-pengantar-KTP-2611-0001.pdf', bytes: PDF });
    expect(reported).toEqual([]);
    expect(result).toEqual({ providerMessageId: '1', partsSent: 1 });
  });

  it('a photo is uploaded as a photo; a caption too long for it goes first as text', async () => {
    await env.SCANS.put('scans/k/c1/d1', JPEG);
    const caption = 'Foto keluhan. '.repeat(100).trim();
    await send({ kind: 'image', r2Key: 'scans/k/c1/d1', mimeType: 'image/jpeg', caption });
    const calls = bot.sentTo(CHAT);
    expect(calls.map((c) => c.method)).toEqual(['sendMessage', 'sendPhoto']);
    expect(calls[0]!.params.text).toBe(caption);
    expect(calls[1]!.params).not.toHaveProperty('caption');
    expect(calls[1]!.file).toMatchObject({ field: 'photo', bytes: JPEG });
  });

  it('a file missing from storage throws and nothing is sent', async () => {
    await expect(send({ kind: 'document', r2Key: 'letters/none.pdf', filename: 'x.pdf', mimeType: 'application/pdf' })).rejects.toThrow(/missing from storage/);
    expect(bot.calls).toEqual([]);
  });
});

describe('refusals become what the delivery job understands', () => {
  it('403 blocked: undeliverable, a person must be told', async () => {
    bot.failNext.push(TG.blocked);
    await expect(send({ kind: 'text', text: 'Halo' })).rejects.toEqual(new UndeliverableError(403));
  });

  it('429: retried no sooner than Telegram asked, and the warning says so', async () => {
    bot.failNext.push(TG.tooMany(37));
    const err = await send({ kind: 'text', text: 'Halo Siti' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TelegramRetryError);
    expect(err).toMatchObject({ retryAfterSeconds: 37 });
    expect(logged).toEqual([['warn', 'telegram.rate_limited', { method: 'sendMessage', retry_after: 37 }]]);
  });

  it("a network error, a hung call or a refused token is retried, and no error holds the token or the text sent", async () => {
    const failures = ['network', 'hang', { code: 401, description: 'Unauthorized' }, TG.badRequest()] as const;
    for (const failure of failures) {
      bot.failNext.push(failure);
      const started = performance.now();
      const err = (await send({ kind: 'text', text: 'Rahasia Siti' }).catch((e: unknown) => e)) as Error;
      expect(performance.now() - started).toBeLessThan(2000);
      expect(err).toBeInstanceOf(Error);
      const seen = JSON.stringify([err.message, err.name, Object.entries(err), String(err.stack)]);
      expect(seen).not.toContain(BOT_TOKEN);
      expect(seen).not.toContain('Rahasia');
    }
    expect(JSON.stringify(logged)).not.toContain(BOT_TOKEN);
    expect(logged).toContainEqual(['error', 'telegram.bot_token_rejected', expect.objectContaining({ hint: expect.stringContaining('TELEGRAM_BOT_TOKEN') })]);
    expect(bot.texts(CHAT)).toEqual([]);
  });
});
