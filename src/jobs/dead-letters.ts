/**
 * The dead-letter queue's consumer. A message lands there only when its handler threw on every
 * try (a crash, D1 unreachable): rescheduled outbox rows never do (see consumer.ts). A dead
 * letter is never left silent: it is logged as an error, recorded where the work lives, and
 * handed back to the work's own retry, or to the person who must act when that has run out.
 */
import { dbOf } from '../db/client';
import { outboxProgress, releaseDeadLettered } from '../db/outbox';
import type { IdSource, Instant } from '../framework/ports';
import { log } from '../framework/log';
import { DELIVERY_GIVE_UP_MS } from '../framework/backoff';
import { CLAIM_TTL_MS } from './deliver';
import { isQueueMessage, type QueueMessage } from './queue-messages';
import { markExpired } from './undeliverable';

export type DeadLetterHandlers = {
  [T in QueueMessage['type']]: (msg: Extract<QueueMessage, { type: T }>, env: Env) => Promise<void>;
};

export function createDeadLetterConsumer(handlers: DeadLetterHandlers) {
  return async function consumeDeadLetters(batch: MessageBatch<unknown>, env: Env): Promise<void> {
    for (const message of batch.messages) {
      const body = message.body;
      if (!isQueueMessage(body)) {
        log.error('queue.dead_letter_malformed', { queue: batch.queue, id: message.id });
        message.ack();
        continue;
      }
      log.error('queue.dead_letter', { type: body.type, id: message.id, attempts: message.attempts });
      try {
        await (handlers[body.type] as (m: QueueMessage, e: Env) => Promise<void>)(body, env);
        message.ack();
      } catch (err) {
        log.error('queue.dead_letter_failed', { type: body.type, error: err instanceof Error ? err.name : typeof err });
        message.retry();
      }
    }
  };
}

/**
 * A delivery nudge that died: the row is still in D1 and the cron re-queues it once its
 * `not_before` has come, so it is only recorded, and released when its claim is stale (the
 * consumer that held it is gone). Past its give-up time it is failed and a person told now.
 */
export async function deadLetterOutbox(env: Env, outboxId: string, now: Instant, ids: IdSource): Promise<QueueMessage[]> {
  const db = dbOf(env.DB);
  const row = await outboxProgress(db, outboxId).get();
  if (!row || (row.status !== 'pending' && row.status !== 'sending')) return [];
  if (now >= row.createdAt + DELIVERY_GIVE_UP_MS) return markExpired(env, outboxId, 'dead-lettered after its last try', now, ids);
  await releaseDeadLettered(db, { id: outboxId, now, staleBefore: now - CLAIM_TTL_MS });
  return [];
}
