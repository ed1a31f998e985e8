/**
 * The OUTBOX queue consumer: every message is handled on its own, so one failure never holds
 * back the others. A failed message is retried later with backoff (after max_retries it goes to
 * the dead-letter queue, see wrangler.toml); it is never acked in a catch block, which would
 * drop it. A malformed body can never succeed, so it is acked and logged instead of retried.
 */
import { log } from '../log';
import { retryDelaySeconds } from './backoff';
import { isQueueMessage, type QueueMessage } from './queue-messages';

/** What a handler may know about its delivery: `attempts` is 1 on the first try. */
export interface Delivery {
  attempts: number;
}

export type QueueHandlers = {
  [T in QueueMessage['type']]: (msg: Extract<QueueMessage, { type: T }>, env: Env, delivery: Delivery) => Promise<void>;
};

export function createConsumer(handlers: QueueHandlers, random: () => number = Math.random) {
  return async function consume(batch: MessageBatch<unknown>, env: Env): Promise<void> {
    await Promise.all(
      batch.messages.map(async (message) => {
        const body = message.body;
        if (!isQueueMessage(body)) {
          log.warn('queue.malformed', { queue: batch.queue, id: message.id });
          message.ack();
          return;
        }
        try {
          await (handlers[body.type] as (m: QueueMessage, e: Env, d: Delivery) => Promise<void>)(body, env, { attempts: message.attempts });
          message.ack();
        } catch (err) {
          const delaySeconds = retryDelaySeconds(message.attempts, random());
          log.warn('queue.retry', {
            type: body.type,
            attempts: message.attempts,
            delaySeconds,
            error: err,
          });
          message.retry({ delaySeconds });
        }
      }),
    );
  };
}
