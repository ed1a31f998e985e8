/**
 * The WhatsApp Cloud API webhook.
 * GET: the subscription handshake (hub.mode / hub.verify_token / hub.challenge).
 * POST: X-Hub-Signature-256 checked on the raw body before anything is read; then every message
 * of the batch goes through the shared pipeline on its own, and statuses are recorded on the
 * outbox. Meta sees 200 once everything is recorded (bad input included: a retry would not fix
 * it) and a 5xx only when something failed that a retry can fix.
 * https://developers.facebook.com/docs/graph-api/webhooks/getting-started
 */
import { Hono } from 'hono';
import { ERROR, RETRYABLE_STATUS_CODES, SERVICE_WINDOW_MS } from '../../adapters/whatsapp/limits';
import { handshakeChallenge } from '../../adapters/whatsapp/handshake';
import { parseWebhook } from '../../adapters/whatsapp/parse';
import { verifySignature } from '../../adapters/whatsapp/signature';
import { kelurahanForPhoneNumber } from '../channels';
import { dbOf, type Db } from '../db/client';
import { closeServiceWindowOf, outboxIdByProviderMessage, retrySentMessage } from '../db/outbox';
import { markUndeliverable } from '../jobs/undeliverable';
import { log } from '../framework/log';
import { enqueue } from '../framework/inbound';
import { processInbound } from '../pipeline/process-inbound';
import { recordStatuses } from '../pipeline/statuses';
import { cryptoIds, systemClock } from '../platform';
import { pipelineDeps } from '../pipeline/deps';

export const whatsapp = new Hono<{ Bindings: Env }>()
  .get('/', async (c) => {
    const challenge = await handshakeChallenge((k) => c.req.query(k), c.env.WHATSAPP_VERIFY_TOKEN);
    return challenge ? c.text(challenge, 200) : c.text('forbidden', 403);
  })
  .post('/', async (c) => {
    const raw = await c.req.arrayBuffer();
    if (!(await verifySignature(c.env.WHATSAPP_APP_SECRET ?? '', raw, c.req.header('x-hub-signature-256')))) {
      log.warn('whatsapp.bad_signature', { bytes: raw.byteLength });
      return c.json({ error: 'invalid_signature' }, 401);
    }
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder().decode(raw));
    } catch {
      log.warn('whatsapp.bad_json', { bytes: raw.byteLength });
      return c.json({ ok: true, ignored: 'not json' }, 200);
    }
    const parsed = parseWebhook(body);
    for (const p of parsed.problems) log.warn('whatsapp.webhook_problem', { phoneNumberId: p.phoneNumberId, code: p.code, detail: p.detail });

    let retryable = 0;
    const deps = pipelineDeps(c.env);
    for (const { phoneNumberId, event } of parsed.messages) {
      try {
        const kelurahanId = await kelurahanForPhoneNumber(c.env, phoneNumberId);
        if (!kelurahanId) {
          log.warn('whatsapp.unknown_number', { phoneNumberId });
          continue;
        }
        await processInbound(deps, kelurahanId, event);
      } catch (err) {
        // Recorded messages are skipped on Meta's retry, so asking for one is safe.
        retryable++;
        log.error('whatsapp.message_failed', { type: event.kind, error: err });
      }
    }
    try {
      const now = systemClock.now();
      const db = dbOf(c.env.DB);
      // A message Meta reports failed, whatever the code (131026 undeliverable, 131049 held back,
      // 131047 outside the window...), did not arrive: someone who can reach the person is told.
      // First, since it acts only on rows not yet marked failed.
      for (const s of parsed.statuses.filter((x) => x.status === 'failed')) {
        const row = await outboxIdByProviderMessage(db, s.providerMessageId).get();
        if (!row) continue;
        const code = s.errors[0]?.code ?? 0;
        const detail = s.errors.length ? s.errors.map((e) => `${e.code} ${e.title}`.trim()).join('; ') : 'failed without a code';
        // A failure another try can cure is tried again (the outbox row's own 7-day schedule);
        // only one that cannot tells a person now.
        if (RETRYABLE_STATUS_CODES.has(code)) await retryAfterFailedStatus(db, row.id, code, detail, now);
        else await enqueue(c.env.OUTBOX, await markUndeliverable(c.env, row.id, code, now, cryptoIds, detail));
      }
      // A curable failure put its row back in the outbox above; recording it as failed would undo that.
      const retried = (x: (typeof parsed.statuses)[number]) => x.status === 'failed' && RETRYABLE_STATUS_CODES.has(x.errors[0]?.code ?? 0);
      await recordStatuses(db, parsed.statuses.filter((x) => !retried(x)), now);
    } catch (err) {
      retryable++;
      log.error('whatsapp.status_failed', { error: err });
    }
    if (retryable) return c.json({ error: 'retry' }, 500);
    return c.json({ ok: true, messages: parsed.messages.length, statuses: parsed.statuses.length });
  });

/** How long a message Meta reported as failed for a curable reason waits before its next try. */
const RETRY_AFTER_FAILED_STATUS_MS = 5 * 60_000;

/**
 * Puts a sent row back in the outbox. Its last part is the one Meta reported (the row keeps the
 * last part's id), so only that part goes again. For 131047 Meta says the 24-hour window is
 * closed: the chat's last inbound time is moved back to match, so the next try is a template.
 */
async function retryAfterFailedStatus(db: Db, outboxId: string, code: number, detail: string, now: number): Promise<void> {
  const retry = retrySentMessage(db, outboxId, now + RETRY_AFTER_FAILED_STATUS_MS, detail.slice(0, 500), now);
  if (code === ERROR.REENGAGEMENT) await db.batch([retry, closeServiceWindowOf(db, outboxId, now - SERVICE_WINDOW_MS)]);
  else await retry.run();
}
