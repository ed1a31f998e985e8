/**
 * What a queue consumer does with a message once its handler has run: the same rules for every
 * bot. A handler that threw is retried with backoff (after the queue's max_retries it goes to the
 * dead-letter queue); it is never acked in a catch block, which would drop it. A handler that
 * keeps its own schedule in D1 (an outbox row) returns `retryAfterSeconds` instead: a short wait
 * comes back through the queue, a long one is acked and left to the cron, which re-queues rows
 * whose time has come, so the row's fate is decided by the row, never by the retry count.
 */
import { retryDelaySeconds } from './backoff';
import { log } from './log';

/** The cron looks for due rows every 15 minutes: a longer wait needs no queue message. */
export const QUEUE_WAIT_MAX_SECONDS = 15 * 60;
/** Below wrangler.toml's max_retries (8), so a rescheduled message never reaches the DLQ. */
export const QUEUE_RETRIES_FOR_RESCHEDULED = 5;

/** Set when the handler recorded its own next try: the message only needs to come back then. */
export interface RetryAfter {
  retryAfterSeconds?: number;
}

export function settle(message: Message<unknown>, outcome: void | RetryAfter): void {
  const wait = outcome?.retryAfterSeconds;
  if (wait !== undefined && wait <= QUEUE_WAIT_MAX_SECONDS && message.attempts < QUEUE_RETRIES_FOR_RESCHEDULED) {
    message.retry({ delaySeconds: wait });
  } else {
    message.ack();
  }
}

/** `random` in [0, 1): the jitter of the delay. */
export function retryFailed(message: Message<unknown>, type: string, err: unknown, random: () => number): void {
  const delaySeconds = retryDelaySeconds(message.attempts, random());
  log.warn('queue.retry', { type, attempts: message.attempts, delaySeconds, error: err });
  message.retry({ delaySeconds });
}
