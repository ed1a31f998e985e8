/**
 * The dead-letter queue's consumer. A message lands there only when its handler threw on every
 * try (a crash, D1 unreachable): rescheduled outbox rows never do (see consumer.ts). A dead
 * letter is never left silent: it is logged as an error, recorded where the work lives, and
 * handed back to the work's own retry, or to the person who must act when that has run out.
 */
import type { IdSource, Instant } from '../domain/ports';
import { log } from '../log';
import { DELIVERY_GIVE_UP_MS } from './backoff';
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
  const row = await env.DB.prepare('SELECT status, created_at, updated_at FROM outbox WHERE id = ?1')
    .bind(outboxId)
    .first<{ status: string; created_at: number; updated_at: number }>();
  if (!row || (row.status !== 'pending' && row.status !== 'sending')) return [];
  if (now >= row.created_at + DELIVERY_GIVE_UP_MS) return markExpired(env, outboxId, 'dead-lettered after its last try', now, ids);
  await env.DB.prepare(
    `UPDATE outbox SET status = 'pending', last_error = 'dead-lettered; the cron tries it again', not_before = ?2, updated_at = ?2
     WHERE id = ?1 AND (status = 'pending' OR (status = 'sending' AND updated_at < ?3))`,
  )
    .bind(outboxId, now, now - CLAIM_TTL_MS)
    .run();
  return [];
}
