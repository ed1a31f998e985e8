/**
 * The Bot API call `npm run telegram:webhook` makes: setWebhook with the secret Telegram echoes
 * in X-Telegram-Bot-Api-Secret-Token and only the updates Loket reads, or deleteWebhook with
 * --delete. Kept apart from the script so a test can check it without a network.
 */

/** The update kinds Loket handles; Telegram sends nothing else (polls, inline queries, ...). */
export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'my_chat_member'];

/** Telegram's rule for secret_token: 1-256 characters, A-Z, a-z, 0-9, _ and -. */
const SECRET_SHAPE = /^[A-Za-z0-9_-]{1,256}$/;

/**
 * `{ method, url, body }` for the call, or throws with a message for the person running it. The
 * URL holds the bot token: print `method` and `redacted`, never `url`.
 */
export function webhookRequest({ apiBase, token, publicBaseUrl, secret, remove = false }) {
  if (!token) throw new Error('TELEGRAM_BOT_TOKEN is not set.');
  const base = (apiBase || 'https://api.telegram.org').replace(/\/+$/, '');
  const at = (method) => ({ url: `${base}/bot${token}/${method}`, redacted: `${base}/bot<token>/${method}` });
  if (remove) return { method: 'deleteWebhook', ...at('deleteWebhook'), body: { drop_pending_updates: false } };
  if (!secret || !SECRET_SHAPE.test(secret)) {
    throw new Error('TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ or - (Telegram refuses others).');
  }
  let hook;
  try {
    hook = new URL('/webhooks/telegram', publicBaseUrl);
  } catch {
    throw new Error('PUBLIC_BASE_URL must be the Worker\'s public https address, e.g. https://loket.example.workers.dev');
  }
  if (hook.protocol !== 'https:') throw new Error(`Telegram only calls https webhooks; PUBLIC_BASE_URL is ${hook.origin}.`);
  return {
    method: 'setWebhook',
    ...at('setWebhook'),
    body: { url: hook.href, secret_token: secret, allowed_updates: ALLOWED_UPDATES, drop_pending_updates: false },
  };
}
