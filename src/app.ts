/**
 * The HTTP surface of Loket. Routes are mounted here and nowhere else, so this file is the map
 * of what the Worker answers. Errors that a caller can fix are HTTPExceptions; anything else is
 * logged without request bodies (they may hold NIKs and phone numbers) and answered with 500.
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { health } from './routes/health';
import { local } from './routes/local';
import { simulator } from './routes/simulator';
import { verify } from './routes/verify';
import { webhookBodyLimit } from './routes/webhook-body-limit';
import { whatsapp } from './routes/whatsapp';
import { log } from './log';

export function createApp() {
  const app = new Hono<{ Bindings: Env }>();
  app.get('/', (c) => c.text('Loket: layanan kelurahan lewat WhatsApp dan Telegram.\n'));
  app.route('/health', health);
  app.route('/__local', local);
  app.route('/simulator', simulator);
  app.route('/verify', verify);
  // Before any webhook reads or hashes its body.
  app.use('/webhooks/*', webhookBodyLimit);
  app.route('/webhooks/whatsapp', whatsapp);
  app.notFound((c) => c.json({ error: 'not_found' }, 404));
  app.onError(function onError(err, c) {
    if (err instanceof HTTPException) return err.getResponse();
    log.error('unhandled', { path: new URL(c.req.url).pathname, error: err });
    return c.json({ error: 'internal_error' }, 500);
  });
  return app;
}
