/**
 * The OUTBOX queue consumer: every message is handled on its own, so one failure never holds
 * back the others; each is then settled by the framework's rules (src/framework/settle.ts). A
 * malformed body can never succeed, so it is acked and logged instead of retried.
 */
import { log } from '../framework/log';
import { retryFailed, settle, type RetryAfter } from '../framework/settle';
import { isQueueMessage, type QueueMessage } from './queue-messages';

/** What a handler may know about its delivery: `attempts` is 1 on the first try. */
export interface Delivery {
  attempts: number;
}

export type { RetryAfter };

export type QueueHandlers = {
  [T in QueueMessage['type']]: (msg: Extract<QueueMessage, { type: T }>, env: Env, delivery: Delivery) => Promise<void | RetryAfter>;
};

/**
 * Handlers that take every message of their type in a batch at once (the delivery job claims and
 * marks a whole batch in one round trip each). The result gives each message's outcome by
 * position; an Error there retries only that message, a throw retries them all.
 */
export type BatchHandlers = {
  [T in QueueMessage['type']]?: (msgs: Extract<QueueMessage, { type: T }>[], env: Env) => Promise<Array<void | RetryAfter | Error>>;
};

export function createConsumer(handlers: QueueHandlers, random: () => number = Math.random, batched: BatchHandlers = {}) {
  const fail = (message: Message<unknown>, type: string, err: unknown) => retryFailed(message, type, err, random);

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
