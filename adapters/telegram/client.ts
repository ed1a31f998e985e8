/**
 * grammY's Bot API client, pointed at TELEGRAM_API_BASE so tests and local runs talk to a fake on
 * loopback. The token lives in every request path (/bot<token>/<method>), so no URL grammY or
 * Loket builds may reach a log line, an error message or a stored row.
 */
import { Api } from 'grammy/web';

/**
 * How long one Bot API call may take. As for WhatsApp (GRAPH_CALL_TIMEOUT_MS): far below the
 * outbox claim's expiry (CLAIM_TTL_MS, 5 minutes), so a hung call gives its row back before
 * another consumer may take it over and send it twice. grammY's default is 500 s.
 */
export const TELEGRAM_CALL_TIMEOUT_MS = 15_000;

export function telegramApi(env: Env, callTimeoutMs = TELEGRAM_CALL_TIMEOUT_MS): Api {
  return new Api(env.TELEGRAM_BOT_TOKEN ?? '', {
    apiRoot: apiRoot(env),
    timeoutSeconds: callTimeoutMs / 1000,
    // Looked up at call time, not when the client is made: a Worker must call fetch without a
    // foreign `this`, and tests replace globalThis.fetch with their fake Bot API.
    fetch: ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init)) as never,
  });
}

/** grammY refuses a root with a trailing slash. */
export function apiRoot(env: Env): string {
  return (env.TELEGRAM_API_BASE || 'https://api.telegram.org').replace(/\/+$/, '');
}
