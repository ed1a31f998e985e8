/**
 * Webhook bodies are capped before they are read or hashed: a provider's batch is a few
 * kilobytes (Meta sends text, ids and media references, never media itself), so anything near a
 * megabyte is an attack on the Worker's memory and CPU, not a message. Content-Length is checked
 * first; a body without one (chunked) is counted while it streams and dropped at the cap.
 */
import { bodyLimit } from 'hono/body-limit';
import { log } from './log';

export const WEBHOOK_MAX_BYTES = 1024 * 1024;

export const webhookBodyLimit = bodyLimit({
  maxSize: WEBHOOK_MAX_BYTES,
  onError(c) {
    log.warn('webhook.body_too_large', { path: new URL(c.req.url).pathname, declared: c.req.header('content-length') ?? null });
    return c.json({ error: 'payload_too_large', max_bytes: WEBHOOK_MAX_BYTES }, 413);
  },
});
