/**
 * Error bodies as the Bot API answers them: `{ ok: false, error_code, description, parameters? }`
 * (https://core.telegram.org/bots/api#making-requests, #responseparameters). Telegram documents the
 * shape, not each description; the descriptions below are the ones Telegram sent, as reported
 * publicly (each cited), thrown the way grammY throws them (GrammyError, https://grammy.dev/guide/errors).
 */
import { GrammyError, HttpError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { ProviderTimeoutError, UndeliverableError } from '../../adapters/ports';
import { classifyTelegramError, TelegramRejectedError, TelegramRetryError, toDeliveryError } from '../../adapters/telegram/errors';

const PAYLOAD = { chat_id: 123456789, text: 'Surat pengantar untuk Siti Aminah, NIK 3171234567890001' };
const botApi = (body: { ok: false; error_code: number; description: string; parameters?: { retry_after?: number } }) =>
  new GrammyError("Call to 'sendMessage' failed!", body, 'sendMessage', PAYLOAD);

/** https://github.com/tdlib/telegram-bot-api/issues/184 */
const FLOOD = { ok: false, error_code: 429, description: 'Too Many Requests: retry after 2282', parameters: { retry_after: 2282 } } as const;
/** An older 429 without parameters: https://github.com/hdghg/cjbot/issues/13 */
const FLOOD_BARE = { ok: false, error_code: 429, description: 'Too Many Requests: retry after 3' } as const;
/** https://github.com/y9san9/catbot/issues/24 */
const BLOCKED = { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' } as const;
/** https://github.com/LibertyPaul/LostFilmUpdatesBot/issues/57 */
const DEACTIVATED = { ok: false, error_code: 403, description: 'Forbidden: user is deactivated' } as const;
/** https://github.com/AC-Lover/backup/issues/21 */
const CHAT_NOT_FOUND = { ok: false, error_code: 400, description: 'Bad Request: chat not found' } as const;
/** https://github.com/orangecoding/fredy/issues/35 */
const TOO_LONG = { ok: false, error_code: 400, description: 'Bad Request: message is too long' } as const;

describe('Bot API errors, classified for delivery', () => {
  it('429 waits the seconds Telegram names, and is retried, not failed', () => {
    expect(classifyTelegramError(botApi(FLOOD))).toEqual({ kind: 'retry', reason: 'rate_limited', retryAfterSeconds: 2282 });
    const err = toDeliveryError(botApi(FLOOD));
    expect(err).toBeInstanceOf(TelegramRetryError);
    expect((err as TelegramRetryError).retryAfterSeconds).toBe(2282);
    expect(classifyTelegramError(botApi(FLOOD_BARE))).toEqual({ kind: 'retry', reason: 'rate_limited' });
  });

  it('a blocked bot or a deleted account: unreachable, as WhatsApp reports 131026', () => {
    for (const body of [BLOCKED, DEACTIVATED]) {
      expect(classifyTelegramError(botApi(body))).toEqual({ kind: 'unreachable', code: 403, description: body.description });
      const err = toDeliveryError(botApi(body));
      expect(err).toBeInstanceOf(UndeliverableError);
      expect((err as UndeliverableError).code).toBe(403);
    }
  });

  it('400 chat not found: unreachable; other 400s: Telegram refused this message, a retry will not change it', () => {
    expect(toDeliveryError(botApi(CHAT_NOT_FOUND))).toBeInstanceOf(UndeliverableError);
    expect(classifyTelegramError(botApi(TOO_LONG))).toEqual({ kind: 'permanent', code: 400, description: 'Bad Request: message is too long' });
    const err = toDeliveryError(botApi(TOO_LONG));
    expect(err).toBeInstanceOf(TelegramRejectedError);
    expect(err).not.toBeInstanceOf(UndeliverableError);
  });

  it('Telegram down, the network, a timeout: retried', () => {
    expect(classifyTelegramError(botApi({ ok: false, error_code: 502, description: 'Bad Gateway' }))).toEqual({ kind: 'retry', reason: 'telegram_down' });
    expect(classifyTelegramError(new HttpError("Network request for 'sendMessage' failed!", new TypeError('fetch failed')))).toEqual({ kind: 'retry', reason: 'network' });
    expect(toDeliveryError(new ProviderTimeoutError(10_000))).toBeInstanceOf(TelegramRetryError);
  });

  it('a rejected token is retried, with its own reason so the operator is told what to renew', () => {
    expect(classifyTelegramError(botApi({ ok: false, error_code: 401, description: 'Unauthorized' }))).toEqual({ kind: 'retry', reason: 'token' });
  });

  it('what the delivery job stores says what Telegram said, never the text that was sent', () => {
    for (const body of [FLOOD, TOO_LONG]) {
      const message = toDeliveryError(botApi(body)).message;
      expect(message).toContain(body.description);
      expect(message).not.toContain('Siti');
      expect(message).not.toContain('3171234567890001');
    }
  });
});
