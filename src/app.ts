/**
 * The HTTP surface of Loket. Routes are mounted here and nowhere else, so this file is the map
 * of what the Worker answers. Errors that a caller can fix are HTTPExceptions; anything else is
 * logged without request bodies (they may hold NIKs and phone numbers) and answered with 500.
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { DESK_PREFIXES, isDeskPath } from './desk/context';
import { requireFormToken } from './desk/form-token';
import { deskHeaders } from './desk/headers';
import { refusal } from './desk/pages/errors';
import { requireStaff } from './desk/session';
import { signIn } from './desk/signin';
import { scans } from './desk/scans';
import { status } from './desk/status';
import { health } from './routes/health';
import { local } from './routes/local';
import { simulator } from './routes/simulator';
import { telegram } from './routes/telegram';
import { transparansi } from './routes/transparansi';
import { verify } from './routes/verify';
import { webhookBodyLimit } from './framework/webhook-body-limit';
import { whatsapp } from './routes/whatsapp';
import { log } from './framework/log';
import { notFoundPage } from './routes/not-found';

export function createApp() {
  const app = new Hono<{ Bindings: Env }>();
  app.get('/', (c) => c.text('Loket: layanan kelurahan lewat WhatsApp dan Telegram.\n'));
  app.route('/health', health);
  app.route('/__local', local);
  app.route('/simulator', simulator);
  app.route('/verify', verify);
  app.route('/transparansi', transparansi);
  // Before any webhook reads or hashes its body.
  app.use('/webhooks/*', webhookBodyLimit);
  app.route('/webhooks/whatsapp', whatsapp);
  app.route('/webhooks/telegram', telegram);
  // The staff desk. Every path under its prefixes is behind a session and, for anything but a
  // page view, the session's form token: registered before any desk route, so a route added
  // later cannot be served without them (test/desk/routes-guarded.test.ts lists them all).
  app.use('/login', deskHeaders);
  app.use('/logout', deskHeaders);
  for (const prefix of DESK_PREFIXES) app.use(`${prefix}/*`, deskHeaders, requireStaff, requireFormToken);
  app.route('/', signIn);
  app.route('/status', status);
  app.route('/scans', scans);
  app.notFound((c) => (isDeskPath(c.req.path) ? refusal('not_found') : notFoundPage(c)));
  app.onError(function onError(err, c) {
    // One 404 page for the whole desk: another kelurahan's case looks like no case at all.
    if (err instanceof HTTPException && err.status === 404 && isDeskPath(c.req.path)) return refusal('not_found');
    if (err instanceof HTTPException) return err.getResponse();
    log.error('unhandled', { path: new URL(c.req.url).pathname, error: err });
    return c.json({ error: 'internal_error' }, 500);
  });
  return app;
}
