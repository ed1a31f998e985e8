/**
 * Retry delays for queue messages and outbox rows: exponential with full jitter, capped. Jitter
 * spreads the retries of a burst that failed together (a provider's rate limit) so they do not
 * fail again together. Randomness comes in as a number in [0, 1) so the functions stay pure.
 */
export const BACKOFF_BASE_SECONDS = 5;
/**
 * An outage of hours is then tried about once an hour rather than hammered, and a message is at
 * most about an hour late once the provider is back. (Queues allow a retry delay of 12 hours.)
 */
export const BACKOFF_MAX_SECONDS = 3600;
/**
 * An outbox row is retried this long after it was written, then failed and a person told. As
 * long as WhatsApp keeps retrying its webhooks: a message that waited longer is news to no one.
 */
export const DELIVERY_GIVE_UP_MS = 7 * 24 * 3600_000;

export function retryDelaySeconds(attempt: number, random: number): number {
  const ceiling = Math.min(BACKOFF_MAX_SECONDS, BACKOFF_BASE_SECONDS * 2 ** Math.max(0, attempt - 1));
  return Math.max(1, Math.round(ceiling * random));
}

/** What to do with an outbox row after its `attempts`-th failed try. */
export type AfterFailure = { giveUp: true } | { giveUp: false; notBefore: number; delaySeconds: number };

export function afterFailedDelivery(createdAt: number, attempts: number, now: number, random: number): AfterFailure {
  const deadline = createdAt + DELIVERY_GIVE_UP_MS;
  if (now >= deadline) return { giveUp: true };
  // The last try falls on the deadline itself, so no row gives up early.
  const notBefore = Math.min(now + retryDelaySeconds(attempts, random) * 1000, deadline);
  return { giveUp: false, notBefore, delaySeconds: Math.max(1, Math.ceil((notBefore - now) / 1000)) };
}
