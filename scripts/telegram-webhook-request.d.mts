// Types of scripts/telegram-webhook-request.mjs for the test that imports it.
export declare const ALLOWED_UPDATES: string[];
export declare function webhookRequest(o: {
  apiBase?: string;
  token?: string;
  publicBaseUrl?: string;
  secret?: string;
  remove?: boolean;
}): { method: 'setWebhook' | 'deleteWebhook'; url: string; redacted: string; body: Record<string, unknown> };
