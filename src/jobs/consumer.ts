/**
 * The OUTBOX queue consumer: every message is handled on its own, so one failure never holds
 * back the others. A handler that throws is retried later with backoff (after max_retries it goes
 * to the dead-letter queue, see wrangler.toml); it is never acked in a catch block, which would
 * drop it. A malformed body can never succeed, so it is acked and logged instead of retried.
 *
 * A handler that keeps its own schedule in D1 (an outbox row) returns `retryAfterSeconds`
 * instead of throwing: the row's fate is then decided by the row, never by the queue's retry
 * count. A short wait comes back through the queue; a long one is acked and left to the cron,
 * which re-queues rows whose time has come.
 */
import { log } from '../framework/log';
import { retryDelaySeconds } from '../framework/backoff';
import { isQueueMessage, type QueueMessage } from './queue-messages';

/** What a handler may know about its delivery: `attempts` is 1 on the first try. */
export interface Delivery {
  attempts: number;
}

/** Set when the handler recorded its own next try: the message only needs to come back then. */
export interface RetryAfter {
  retryAfterSeconds?: number;
}

export type QueueHandlers = {
  [T in QueueMessage['type']]: (msg: Extract<QueueMessage, { type: T }>, env: Env, delivery: Delivery) => Promise<void | RetryAfter>;
};

/** The cron looks for due rows every 15 minutes: a longer wait needs no queue message. */
export const QUEUE_WAIT_MAX_SECONDS = 15 * 60;
/** Below wrangler.toml's max_retries (8), so a rescheduled message never reaches the DLQ. */
export const QUEUE_RETRIES_FOR_RESCHEDULED = 5;

/**
 * Handlers that take every message of their type in a batch at once (the delivery job claims and
 * marks a whole batch in one round trip each). The result gives each message's outcome by
 * position; an Error there retries only that message, a throw retries them all.
 */
export type BatchHandlers = {
  [T in QueueMessage['type']]?: (msgs: Extract<QueueMessage, { type: T }>[], env: Env) => Promise<Array<void | RetryAfter | Error>>;
};

export function createConsumer(handlers: QueueHandlers, random: () => number = Math.random, batched: BatchHandlers = {}) {
  const settle = (message: Message<unknown>, outcome: void | RetryAfter) => {
    const wait = outcome?.retryAfterSeconds;
    if (wait !== undefined && wait <= QUEUE_WAIT_MAX_SECONDS && message.attempts < QUEUE_RETRIES_FOR_RESCHEDULED) {
      message.retry({ delaySeconds: wait });
    } else {
      message.ack();
    }
  };
  const fail = (message: Message<unknown>, type: string, err: unknown) => {
    const delaySeconds = retryDelaySeconds(message.attempts, random());
    log.warn('queue.retry', { type, attempts: message.attempts, delaySeconds, error: err });
    message.retry({ delaySeconds });
  };

  return async function consume(batch: MessageBatch<unknown>, env: Env): Promise<void> {
    const grouped = new Map<QueueMessage['type'], Message<unknown>[]>();
    const single: Message<unknown>[] = [];
    for (const message of batch.messages) {
      const body = message.body;
      if (!isQueueMessage(body)) {
        log.warn('queue.malformed', { queue: batch.queue, id: message.id });
        message.ack();
      } else if (batched[body.type]) {
        if (!grouped.has(body.type)) grouped.set(body.type, []);
        grouped.get(body.type)!.push(message);
      } else {
        single.push(message);
      }
    }
    await Promise.all([
      ...[...grouped].map(async ([type, messages]) => {
        try {
          const run = batched[type] as (m: QueueMessage[], e: Env) => Promise<Array<void | RetryAfter | Error>>;
          const outcomes = await run(messages.map((m) => m.body as QueueMessage), env);
          messages.forEach((m, i) => {
            const outcome = outcomes[i];
            if (outcome instanceof Error) fail(m, type, outcome);
            else settle(m, outcome);
          });
        } catch (err) {
          for (const m of messages) fail(m, type, err);
        }
      }),
      ...single.map(async (message) => {
        const body = message.body as QueueMessage;
        try {
          settle(message, await (handlers[body.type] as (m: QueueMessage, e: Env, d: Delivery) => Promise<void | RetryAfter>)(body, env, { attempts: message.attempts }));
        } catch (err) {
          fail(message, body.type, err);
        }
      }),
    ]);
  };
}
