/**
 * Retry delays for queue messages: exponential with full jitter, capped. Jitter spreads the
 * retries of a burst that failed together (a provider's rate limit) so they do not fail again
 * together. Randomness comes in as a number in [0, 1) so the function stays pure.
 */
export const BACKOFF_BASE_SECONDS = 5;
/** Queues allow a retry delay of at most 12 hours; we stay far below it. */
export const BACKOFF_MAX_SECONDS = 15 * 60;

export function retryDelaySeconds(attempt: number, random: number): number {
  const ceiling = Math.min(BACKOFF_MAX_SECONDS, BACKOFF_BASE_SECONDS * 2 ** Math.max(0, attempt - 1));
  return Math.max(1, Math.round(ceiling * random));
}
