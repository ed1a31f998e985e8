/**
 * What the queue consumer needs from each channel: a way to send one outbox message, and a way
 * to open an inbound media item. Adapters fill these in; the consumer never knows a provider.
 */
import type { OutboundMessage } from './channel';

export interface OutboxDelivery {
  outboxId: string;
  /** Whose account sends it (one WhatsApp number or Telegram bot per tenant). */
  tenantId: string;
  externalId: string;
  message: OutboundMessage;
  /** Last inbound message from this person: WhatsApp's 24-hour window starts there. */
  lastInboundAt: number | null;
  /**
   * Parts of this message already delivered on an earlier try (a long text goes out in several
   * parts): the sender skips them, so a retry sends only what is missing.
   */
  partsSent: number;
}

/**
 * Told after a part reaches the provider, before the next is sent. Not told of the last part: the
 * result's `partsSent` carries it, so a one-part message costs the delivery job no extra write.
 */
export type PartSent = (partsSent: number, providerMessageId: string | null) => Promise<void>;

export interface ChannelSender {
  /**
   * Throws to have the row retried with backoff; an error with a numeric `retryAfterSeconds`
   * (a provider's own wait, as Telegram's 429 gives) moves the next try no earlier than that.
   * `deferred`: only a notice could be sent now (WhatsApp outside the 24-hour window cannot
   * carry a document); the row waits and is sent when the person next writes. `partsSent`: how
   * many parts of the message have now arrived, when this try sent its parts.
   */
  send(delivery: OutboxDelivery, env: Env, partSent: PartSent): Promise<{ providerMessageId: string | null; deferred?: boolean; partsSent?: number }>;
}

/** The largest file a resident may send: MAX_UPLOAD_BYTES, or 10 MB where it is not set. */
export function maxUploadBytes(env: { MAX_UPLOAD_BYTES?: string }): number {
  return Number(env.MAX_UPLOAD_BYTES) || 10 * 1024 * 1024;
}

export interface MediaSource {
  /**
   * The file's bytes and their exact length, as the provider holds them. `signal` aborts the
   * requests and the body stream (the consumer's download timeout). Throws MediaGoneError when
   * the provider no longer has the file.
   */
  open(ref: string, env: Env, signal?: AbortSignal): Promise<{ body: ReadableStream<Uint8Array>; length: number; sha256?: string | null }>;
  /** Frees the provider-side copy once stored, where the channel allows it. */
  release?(ref: string, env: Env): Promise<void>;
}

/** A provider call took longer than its timeout: it may or may not have arrived; retried later. */
export class ProviderTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`provider call timed out after ${timeoutMs} ms`);
    this.name = 'ProviderTimeoutError';
  }
}

/** The recipient cannot be reached on this channel: retrying will not help, a person must act. */
export class UndeliverableError extends Error {
  constructor(readonly code: number) {
    super(`message undeliverable (${code})`);
    this.name = 'UndeliverableError';
  }
}

/**
 * The provider refused this very message (too long, a file it will not take, a malformed
 * button): sending the same request again fails again, so the delivery job fails it at once and
 * tells a person, instead of retrying it for days. `code`: the provider's, for the record.
 */
export class RejectedMessageError extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
    this.name = 'RejectedMessageError';
  }
}

/** The provider no longer holds the media (expired or never there): asking again will not help. */
export class MediaGoneError extends Error {
  constructor(readonly httpStatus: number) {
    super(`media gone (${httpStatus})`);
    this.name = 'MediaGoneError';
  }
}

/**
 * The provider holds the media but will not hand it over at this size (Telegram's bots download
 * at most 20 MB): the resident is told the file is too large, as for one Loket refuses itself.
 */
export class MediaTooLargeError extends Error {
  constructor(readonly sizeBytes: number | null) {
    super(`media too large${sizeBytes !== null ? ` (${sizeBytes} bytes)` : ''}`);
    this.name = 'MediaTooLargeError';
  }
}
