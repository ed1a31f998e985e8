/**
 * What a failed Bot API call means for the outbox row that made it. The Bot API answers
 * `{ ok: false, error_code, description, parameters? }` (https://core.telegram.org/bots/api#making-requests),
 * which grammY throws as a GrammyError; a call that never got an answer is grammY's HttpError (or
 * Loket's ProviderTimeoutError). The sender turns the verdict into what the delivery job
 * (src/jobs/deliver.ts) already understands, exactly as WhatsApp's sender does: an
 * UndeliverableError when a person must be told, any other error to be retried with backoff.
 */
import { RejectedMessageError, UndeliverableError } from '../ports';

/** The fields of a Bot API error response, as GrammyError carries them. */
export interface BotApiError {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

export type TelegramFailure =
  /**
   * Another try can succeed. `retryAfterSeconds` is Telegram's own wait on a 429 ("the number of
   * seconds left to wait before the request can be repeated", #responseparameters); without it
   * the job's backoff decides. `token`: every call fails until someone renews TELEGRAM_BOT_TOKEN,
   * so the sender logs a hint for the operator, as WhatsApp's sender does for code 190.
   */
  | { kind: 'retry'; reason: 'rate_limited' | 'telegram_down' | 'network' | 'token'; retryAfterSeconds?: number }
  /** This chat will not take the bot's messages: retrying cannot help, a person must act. */
  | { kind: 'unreachable'; code: number; description: string }
  /** Telegram refused this very message (too long, a bad file...): the same request fails again. */
  | { kind: 'permanent'; code: number; description: string };

function isBotApiError(err: unknown): err is BotApiError {
  return typeof err === 'object' && err !== null && typeof (err as BotApiError).error_code === 'number' && typeof (err as BotApiError).description === 'string';
}

/** 400 descriptions that mean the chat id names no chat the bot can write to. */
const NO_SUCH_CHAT = ['chat not found', 'user not found'];

export function classifyTelegramError(err: unknown): TelegramFailure {
  // Not an answer from Telegram (grammY's HttpError, a timeout, a reset connection): the message
  // may or may not have arrived, and the next try is the only way to know.
  if (!isBotApiError(err)) return { kind: 'retry', reason: 'network' };
  const { error_code: code, description } = err;
  const text = description.toLowerCase();
  if (code === 429) {
    const after = err.parameters?.retry_after;
    return { kind: 'retry', reason: 'rate_limited', ...(typeof after === 'number' && after > 0 ? { retryAfterSeconds: after } : {}) };
  }
  if (code >= 500) return { kind: 'retry', reason: 'telegram_down' };
  // 401 Unauthorized is a revoked token, 404 Not Found a malformed one: nothing about this message.
  if (code === 401 || code === 404) return { kind: 'retry', reason: 'token' };
  // Telegram answers 403 only when the bot may not write to that chat at all: blocked by the
  // user, the account deleted ("user is deactivated"), or a chat never started. None of these
  // ends by itself, so every 403 is treated alike.
  if (code === 403) return { kind: 'unreachable', code, description };
  if (code === 400 && NO_SUCH_CHAT.some((d) => text.includes(d))) return { kind: 'unreachable', code, description };
  return { kind: 'permanent', code, description };
}

/** Retried by the delivery job; carries Telegram's wait when it gave one. */
export class TelegramRetryError extends Error {
  constructor(readonly reason: Extract<TelegramFailure, { kind: 'retry' }>['reason'], readonly retryAfterSeconds: number | undefined, detail: string) {
    super(`Telegram ${reason}${retryAfterSeconds !== undefined ? ` (retry after ${retryAfterSeconds} s)` : ''}: ${detail}`);
    this.name = 'TelegramRetryError';
  }
}

/** Telegram refused the message itself; sending it again as it is cannot succeed. */
export class TelegramRejectedError extends RejectedMessageError {
  constructor(code: number, description: string) {
    super(code, `Telegram refused the message (${code}): ${description}`);
    this.name = 'TelegramRejectedError';
  }
}

/**
 * The error the sender throws to the delivery job. Only Telegram's description goes into the
 * message, never grammY's payload (it holds the text sent) or a URL (it holds the bot token).
 */
export function toDeliveryError(err: unknown): Error {
  const failure = classifyTelegramError(err);
  switch (failure.kind) {
    case 'unreachable':
      return new UndeliverableError(failure.code);
    case 'permanent':
      return new TelegramRejectedError(failure.code, failure.description);
    case 'retry':
      return new TelegramRetryError(failure.reason, failure.retryAfterSeconds, isBotApiError(err) ? `${err.error_code} ${err.description}` : err instanceof Error ? err.name : 'unknown');
  }
}
