/**
 * The Telegram Bot API webhook (setWebhook with a secret_token; `npm run telegram:webhook`).
 * X-Telegram-Bot-Api-Secret-Token is checked before the body is read. One update per request:
 * it goes through the shared pipeline and Telegram sees 200 once it is recorded; bad input and
 * updates Loket leaves alone get 200 too (a retry would not change them), and only a failure a
 * retry can fix gets a 5xx. A retried update is skipped by its update_id, as WhatsApp's ids are.
 * A button press is answered (answerCallbackQuery) in the response body itself, which the Bot API
 * allows for webhooks, so Telegram stops the button's spinner without an outbound call.
 * https://core.telegram.org/bots/api#making-requests-when-getting-updates
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { Update } from 'grammy/types';
import { botIdOf } from '../../adapters/telegram/bot-id';
import { parseUpdate } from '../../adapters/telegram/parse';
import { SECRET_HEADER, verifySecretToken } from '../../adapters/telegram/secret';
import { isLocale, t } from '../domain/messages';
import { log } from '../framework/log';
import { pipelineDeps } from '../pipeline/deps';
import { processInbound } from '../pipeline/process-inbound';
import { systemClock } from '../platform';
import { kelurahanForTelegramBot } from '../telegram-kelurahan';

type C = Context<{ Bindings: Env }>;

const done = (c: C) => c.body(null, 200);

/** Stops the spinner on the pressed button; `text` shows over the chat for a moment. */
function answerPress(c: C, callbackQueryId: string, text?: string) {
  return c.json({ method: 'answerCallbackQuery', callback_query_id: callbackQueryId, ...(text ? { text } : {}) }, 200);
}

/** Said on a press Loket cannot act on, when no message of the dialogue explains it already. */
const refusedText = (env: Env) => t(isLocale(env.DEFAULT_LOCALE) ? env.DEFAULT_LOCALE : 'id', 'press.refused');

export const telegram = new Hono<{ Bindings: Env }>().post('/', async (c) => {
  const given = c.req.header(SECRET_HEADER);
  if (!(await verifySecretToken(c.env.TELEGRAM_WEBHOOK_SECRET, given))) {
    // Never the header itself: a near miss would show most of the secret.
    log.warn('telegram.bad_secret', { header: given === undefined ? 'missing' : 'wrong', configured: Boolean(c.env.TELEGRAM_WEBHOOK_SECRET) });
    return c.json({ error: 'invalid_secret' }, 401);
  }
  let update: unknown;
  try {
    update = JSON.parse(await c.req.text());
  } catch {
    log.warn('telegram.bad_json', {});
    return done(c);
  }
  const parsed = parseUpdate(update as Update, systemClock.now(), botIdOf(c.env.TELEGRAM_BOT_TOKEN));
  if (parsed.kind === 'ignored') {
    log.info('telegram.ignored', { reason: parsed.reason, messageId: parsed.messageId });
    return parsed.callbackQueryId ? answerPress(c, parsed.callbackQueryId, refusedText(c.env)) : done(c);
  }
  const callbackQueryId = parsed.kind === 'event' ? parsed.callbackQueryId : undefined;
  try {
    const kelurahanId = await kelurahanForTelegramBot(c.env);
    if (!kelurahanId) {
      // No kelurahan has this bot yet (telegram_bot_id not set): the operator is told, and
      // Telegram keeps the update and tries again (for up to a day), so what residents sent while
      // the setting was missing is not lost. The press's spinner just times out meanwhile.
      log.error('telegram.unknown_bot', { hint: 'set kelurahan.telegram_bot_id to the digits before ":" in TELEGRAM_BOT_TOKEN', messageId: parsed.event.messageId });
      return c.json({ error: 'unknown_bot' }, 503);
    }
    const { outcome, refusedNote } = await processInbound(pipelineDeps(c.env), kelurahanId, parsed.event);
    // A stale button is also explained in the chat, with the question now open; the note on
    // the button says at once why nothing else happened.
    if (callbackQueryId) return answerPress(c, callbackQueryId, outcome === 'refused' ? (refusedNote ?? refusedText(c.env)) : undefined);
    return done(c);
  } catch (err) {
    // Nothing was recorded, so Telegram's retry runs it again; a recorded one would be skipped.
    log.error('telegram.update_failed', { type: parsed.event.kind, error: err });
    return c.json({ error: 'retry' }, 500);
  }
});
