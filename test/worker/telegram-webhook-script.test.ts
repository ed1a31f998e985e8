/** `npm run telegram:webhook`: the Bot API call it makes, checked without a network. */
import { describe, expect, it } from 'vitest';
import { webhookRequest } from '../../scripts/telegram-webhook-request.mjs';

const TOKEN = '123456:ABC-secret-bot-token';
const ok = { apiBase: 'http://127.0.0.1:8788/telegram/', token: TOKEN, publicBaseUrl: 'https://loket.example.workers.dev', secret: 'a_Secret-123' };

describe('npm run telegram:webhook', () => {
  it('sets the webhook on /webhooks/telegram with the secret and only the updates Loket reads', () => {
    const r = webhookRequest(ok);
    expect(r.method).toBe('setWebhook');
    expect(r.url).toBe(`http://127.0.0.1:8788/telegram/bot${TOKEN}/setWebhook`);
    expect(r.body).toMatchObject({ url: 'https://loket.example.workers.dev/webhooks/telegram', secret_token: 'a_Secret-123' });
    expect([...(r.body.allowed_updates as string[])].sort()).toEqual(['callback_query', 'edited_message', 'message', 'my_chat_member']);
  });

  it('names the call without the bot token, for printing', () => {
    for (const r of [webhookRequest(ok), webhookRequest({ ...ok, remove: true })]) {
      expect(r.redacted).not.toContain(TOKEN);
      expect(r.redacted).toContain(`/bot<token>/${r.method}`);
    }
  });

  it('removes the webhook with --delete', () => {
    const r = webhookRequest({ ...ok, remove: true, publicBaseUrl: undefined, secret: undefined });
    expect([r.method, r.url]).toEqual(['deleteWebhook', `http://127.0.0.1:8788/telegram/bot${TOKEN}/deleteWebhook`]);
  });

  it('defaults to the real Bot API', () => {
    expect(webhookRequest({ ...ok, apiBase: undefined }).url).toBe(`https://api.telegram.org/bot${TOKEN}/setWebhook`);
  });

  it('refuses what Telegram would refuse, saying what to fix', () => {
    expect(() => webhookRequest({ ...ok, token: '' })).toThrow('TELEGRAM_BOT_TOKEN is not set.');
    expect(() => webhookRequest({ ...ok, secret: 'has space' })).toThrow(/TELEGRAM_WEBHOOK_SECRET must be/);
    expect(() => webhookRequest({ ...ok, secret: 'x'.repeat(257) })).toThrow(/TELEGRAM_WEBHOOK_SECRET must be/);
    expect(() => webhookRequest({ ...ok, publicBaseUrl: 'http://localhost:8787' })).toThrow('Telegram only calls https webhooks; PUBLIC_BASE_URL is http://localhost:8787.');
    expect(() => webhookRequest({ ...ok, publicBaseUrl: 'not a url' })).toThrow(/PUBLIC_BASE_URL must be/);
  });
});
