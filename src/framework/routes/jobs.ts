/**
 * The queue consumer and the cron of a framework bot: the consumer delivers the rows its
 * messages name (src/framework/deliver.ts) and settles each message by what the delivery decided
 * (src/framework/settle.ts, the rules the kelurahan's consumer follows too); the cron puts on the
 * queue what a sweep of the store found due.
 */
import { deliverBatch, type DeliveryDeps, type OutboxStore } from '../deliver';
import { enqueue } from '../inbound';
import { log } from '../log';
import type { PlainNudge as DeliverNudge } from '../plain-bot';
import { retryFailed, settle } from '../settle';

const isDeliver = (b: unknown): b is DeliverNudge =>
  typeof b === 'object' && b !== null && (b as DeliverNudge).type === 'deliver' && typeof (b as DeliverNudge).outboxId === 'string';

export async function consumeDeliveries<N>(
  batch: MessageBatch<unknown>,
  env: Env,
  deps: DeliveryDeps & { store: OutboxStore<N>; queue: Queue },
): Promise<void> {
  const messages = batch.messages.filter((m) => {
    if (isDeliver(m.body)) return true;
    // Nothing can make sense of it later either.
    log.error('queue.unknown_message', {});
    m.ack();
    return false;
  });
  const outcomes = await deliverBatch(deps.store, env, messages.map((m) => (m.body as DeliverNudge).outboxId), deps);
  const followUps: N[] = [];
  for (const m of messages) {
    const outcome = outcomes.get((m.body as DeliverNudge).outboxId);
    if (!outcome || outcome instanceof Error) {
      retryFailed(m, 'deliver', outcome ?? new Error('no outcome'), deps.random);
      continue;
    }
    settle(m, outcome);
    followUps.push(...outcome.queued);
  }
  await enqueue(deps.queue, followUps);
}

/** The cron: what the sweep found due goes on the queue. Returns how many. */
export async function sweepToQueue(sweep: () => Promise<string[]>, queue: Queue): Promise<number> {
  const ids = await sweep();
  await enqueue<DeliverNudge>(queue, ids.map((outboxId) => ({ type: 'deliver', outboxId })));
  return ids.length;
}
