/**
 * `npm run telegram:webhook` points the bot's webhook at this Worker, with its secret token and
 * the updates Loket reads; `npm run telegram:webhook -- --delete` removes it. Reads
 * TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET, PUBLIC_BASE_URL and TELEGRAM_API_BASE from the
 * environment. The token is never printed.
 */
import { webhookRequest } from './telegram-webhook-request.mjs';

const env = process.env;
let request;
try {
  request = webhookRequest({
    apiBase: env.TELEGRAM_API_BASE,
    token: env.TELEGRAM_BOT_TOKEN,
    publicBaseUrl: env.PUBLIC_BASE_URL,
    secret: env.TELEGRAM_WEBHOOK_SECRET,
    remove: process.argv.includes('--delete'),
  });
} catch (err) {
  console.error(err.message);
  process.exit(2);
}

const res = await fetch(request.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request.body) });
const answer = await res.json().catch(() => ({ ok: false, description: `HTTP ${res.status}` }));
if (!answer.ok) {
  console.error(`${request.method} failed: ${answer.description ?? res.status} (${request.redacted})`);
  process.exit(1);
}
console.log(request.method === 'setWebhook' ? `Webhook set: ${request.body.url} (updates: ${request.body.allowed_updates.join(', ')})` : 'Webhook deleted.');
