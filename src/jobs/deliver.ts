/**
 * The kelurahan's outbox under the framework's delivery (src/framework/deliver.ts): its rows are
 * claimed, marked and rescheduled through src/db/outbox, and a row that fails for good is told
 * to the case's RT chair or to staff (undeliverable.ts).
 */
import { dbOf } from '../db/client';
import { claimOutboxes, markSent, recordPartsSent, releaseClaims, rescheduleClaimed } from '../db/outbox';
import { deliverBatch, type DeliverOutcome as Outcome, type DeliveryDeps, type OutboxStore } from '../framework/deliver';
import type { IdSource } from '../framework/ports';
import type { QueueMessage } from './queue-messages';
import { markExpired, markUndeliverable } from './undeliverable';

export { CLAIM_TTL_MS } from '../framework/deliver';

export interface DeliverDeps extends DeliveryDeps {
  ids: IdSource;
}

export type DeliverOutcome = Outcome<QueueMessage>;

function kelurahanOutbox(env: Env, ids: IdSource): OutboxStore<QueueMessage> {
  const db = dbOf(env.DB);
  return {
    async claim(rowIds, now, staleBefore) {
      const rows = await claimOutboxes(db, { ids: rowIds, now, staleBefore });
      return rows.map(({ kelurahanId, ...r }) => ({ ...r, tenantId: kelurahanId }));
    },
    async release(rowIds, now) {
      await releaseClaims(db, { ids: rowIds, now });
    },
    async partsSent(v) {
      await recordPartsSent(db, v);
    },
    markSent: (row) => markSent(db, row),
    async reschedule(v) {
      await rescheduleClaimed(db, v);
    },
    fail(id, failure, now) {
      if (failure.kind === 'expired') return markExpired(env, id, failure.detail, now, ids);
      return markUndeliverable(env, id, failure.code, now, ids, failure.kind === 'rejected' ? failure.detail : undefined);
    },
  };
}

/** One row: see deliverOutboxes. */
export async function deliverOutbox(env: Env, outboxId: string, deps: DeliverDeps): Promise<DeliverOutcome> {
  const outcome = (await deliverOutboxes(env, [outboxId], deps)).get(outboxId)!;
  if (outcome instanceof Error) throw outcome;
  return outcome;
}

/** The rows of one queue batch, as the framework delivers them (deliverBatch). */
export function deliverOutboxes(env: Env, outboxIds: readonly string[], deps: DeliverDeps): Promise<Map<string, DeliverOutcome | Error>> {
  return deliverBatch(kelurahanOutbox(env, deps.ids), env, outboxIds, deps);
}
