/**
 * A WhatsApp Cloud API webhook for a framework bot (Loket's own is src/routes/whatsapp.ts).
 * GET: the subscription handshake. POST: X-Hub-Signature-256 checked on the raw body before
 * anything is read, then each message through runTurn. Meta sees 200 once everything is
 * recorded (bad input included: a retry would not fix it) and a 5xx when a retry can help.
 * Statuses (sent, delivered, failed) are not recorded here.
 */
import { Hono } from 'hono';
import { handshakeChallenge } from '../../../adapters/whatsapp/handshake';
import { parseWebhook } from '../../../adapters/whatsapp/parse';
import { verifySignature } from '../../../adapters/whatsapp/signature';
import { runTurn } from '../inbound';
import { log } from '../log';
import { webhookBodyLimit } from '../webhook-body-limit';
import type { AnyHosted } from './hosted';

export function whatsappWebhook(h: AnyHosted) {
  return new Hono<{ Bindings: Env }>()
    .use(webhookBodyLimit)
    .get('/', async (c) => {
      const challenge = await handshakeChallenge((k) => c.req.query(k), c.env.WHATSAPP_VERIFY_TOKEN);
      return challenge ? c.text(challenge, 200) : c.text('forbidden', 403);
    })
    .post('/', async (c) => {
      const raw = await c.req.arrayBuffer();
      if (!(await verifySignature(c.env.WHATSAPP_APP_SECRET ?? '', raw, c.req.header('x-hub-signature-256')))) {
        log.warn('whatsapp.bad_signature', { bot: h.bot.name, bytes: raw.byteLength });
        return c.json({ error: 'invalid_signature' }, 401);
      }
      let body: unknown;
      try {
        body = JSON.parse(new TextDecoder().decode(raw));
      } catch {
        return c.json({ ok: true, ignored: 'not json' }, 200);
      }
      const parsed = parseWebhook(body);
      for (const p of parsed.problems) log.warn('whatsapp.webhook_problem', { phoneNumberId: p.phoneNumberId, code: p.code, detail: p.detail });
      let retryable = 0;
      for (const { phoneNumberId, event } of parsed.messages) {
        // One bot, one number: a message to another number of the same app is not this bot's.
        // Unset, no number is this bot's: the operator hears it, and nothing is taken as someone else's.
        if (phoneNumberId !== c.env.WHATSAPP_PHONE_NUMBER_ID) {
          log.warn('whatsapp.unknown_number', { phoneNumberId });
          continue;
        }
        try {
          await runTurn(h.bot, h.store(c.env), { queue: h.queue(c.env), clock: h.clock }, event);
        } catch (err) {
          // Recorded messages are skipped on Meta's retry, so asking for one is safe.
          retryable++;
          log.error('whatsapp.message_failed', { bot: h.bot.name, type: event.kind, error: err });
        }
      }
      if (retryable) return c.json({ error: 'retry' }, 500);
      return c.json({ ok: true, messages: parsed.messages.length });
    });
}
