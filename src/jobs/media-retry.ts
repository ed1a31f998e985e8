/**
 * How long one media download may take and when a fetch that did not succeed starts again. The
 * queue consumer and the 15-minute cron both go through the same claim on the document row
 * (attempts, last_attempt_at), so a download still running is never started a second time and
 * a provider that keeps failing is given up on after a bounded number of tries.
 */

/**
 * One download (media lookup and the file, streamed into R2) may take this long. A 10 MB scan
 * (our upload limit) over a poor 2 Mbit/s link takes about 40 s; past a minute the provider is
 * hanging, and a hung call must end well before the fetch may be started again (below).
 */
export const MEDIA_FETCH_TIMEOUT_MS = 60_000;

/** After this many tries the document is 'failed' and the resident asked to send it again. */
export const MEDIA_FETCH_MAX_ATTEMPTS = 4;

/**
 * Wait after the n-th try before the next may start: 5, 10, 20 minutes, capped at 30. The cron
 * runs every 15 minutes, so tries land on its ticks, and the whole bounded round spans about an
 * hour: long enough to ride out a provider outage, short enough that the resident still hears on
 * the day. The first wait is far longer than MEDIA_FETCH_TIMEOUT_MS, so a running fetch has
 * ended (or timed out) before anyone may start the document again.
 */
export const MEDIA_RETRY_BASE_MS = 5 * 60_000;
export const MEDIA_RETRY_MAX_MS = 30 * 60_000;

export function mediaRetryAfterMs(attempts: number): number {
  return Math.min(MEDIA_RETRY_MAX_MS, MEDIA_RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));
}
