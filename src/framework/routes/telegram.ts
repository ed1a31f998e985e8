/**
 * A Telegram Bot API webhook for a framework bot (Loket's own is src/routes/telegram.ts). The
 * secret token header is checked before the body is read; one update per request through
 * runTurn. A button press is answered (answerCallbackQuery) in the response body, which the Bot
 * API allows for webhooks, so the spinner stops without an outbound call.
 */
import type { Update } from 'grammy/types';
import { Hono, type Context } from 'hono';
import { botIdOf } from '../../../adapters/telegram/bot-id';
import { parseUpdate } from '../../../adapters/telegram/parse';
import { SECRET_HEADER, verifySecretToken } from '../../../adapters/telegram/secret';
import { runTurn } from '../inbound';
import { log } from '../log';
import { webhookBodyLimit } from '../webhook-body-limit';
import type { AnyHosted } from './hosted';

type C = Context<{ Bindings: Env }>;

/** `refused`: shown over the chat when a pressed button means nothing any more. */
export function telegramWebhook(h: AnyHosted, texts: { refused: string }) {
  const answerPress = (c: C, id: string, text?: string) =>
    c.json({ method: 'answerCallbackQuery', callback_query_id: id, ...(text ? { text } : {}) }, 200);
  return new Hono<{ Bindings: Env }>().use(webhookBodyLimit).post('/', async (c) => {
    const given = c.req.header(SECRET_HEADER);
    if (!(await verifySecretToken(c.env.TELEGRAM_WEBHOOK_SECRET, given))) {
      log.warn('telegram.bad_secret', { bot: h.bot.name, header: given === undefined ? 'missing' : 'wrong' });
      return c.json({ error: 'invalid_secret' }, 401);
    }
    let update: unknown;
    try {
      update = JSON.parse(await c.req.text());
    } catch {
      return c.body(null, 200);
    }
    const parsed = parseUpdate(update as Update, h.clock.now(), botIdOf(c.env.TELEGRAM_BOT_TOKEN));
    if (parsed.kind === 'ignored') {
      log.info('telegram.ignored', { reason: parsed.reason });
      return parsed.callbackQueryId ? answerPress(c, parsed.callbackQueryId, texts.refused) : c.body(null, 200);
    }
    const press = parsed.kind === 'event' ? parsed.callbackQueryId : undefined;
    try {
      const result = await runTurn(h.bot, h.store(c.env), { queue: h.queue(c.env), clock: h.clock }, parsed.event);
      return press ? answerPress(c, press, result.outcome === 'refused' ? (result.refusedNote ?? texts.refused) : undefined) : c.body(null, 200);
    } catch (err) {
      // Nothing was recorded, so Telegram's retry runs it again.
      log.error('telegram.update_failed', { bot: h.bot.name, type: parsed.event.kind, error: err });
      return c.json({ error: 'retry' }, 500);
    }
  });
}
