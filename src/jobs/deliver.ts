/**
 * Delivers one outbox row through its channel. Idempotent: a row already sent is not sent again
 * when the queue redelivers the nudge or the cron re-queues it. The row keeps its own retry
 * schedule (attempts, not_before, last_error), so no queue setting decides whether it is dropped:
 * it is retried with backoff until DELIVERY_GIVE_UP_MS after it was written, then failed and a
 * person told.
 */
import type { ChannelName, OutboundMessage } from '../../adapters/channel';
import { RejectedMessageError, UndeliverableError, type ChannelSender } from '../../adapters/ports';
import { dbOf } from '../db/client';
import { claimOutboxes, markSent, recordPartsSent, releaseClaims, rescheduleClaimed, type ClaimedOutbox, type SentRow } from '../db/outbox';
import type { Clock, IdSource } from '../framework/ports';
import { log } from '../framework/log';
import { afterFailedDelivery, type AfterFailure } from '../framework/backoff';
import type { QueueMessage } from './queue-messages';
import { markExpired, markUndeliverable } from './undeliverable';

/**
 * How long a consumer may hold a row it is sending before another may take it over. Each
 * provider call times out well within it (GRAPH_CALL_TIMEOUT_MS), and every part sent renews it.
 */
export const CLAIM_TTL_MS = 5 * 60_000;

export interface DeliverDeps {
  senders: Partial<Record<ChannelName, ChannelSender>>;
  clock: Clock;
  ids: IdSource;
  /** In [0, 1): the jitter of the retry delay. */
  random: () => number;
}

export interface DeliverOutcome {
  /** Follow-up work (a notice to the RT chair or staff). */
  queued: QueueMessage[];
  /** Set when the row failed and was rescheduled: the earliest moment a nudge may help. */
  retryAfterSeconds?: number;
}

/** One row: see deliverOutboxes. */
export async function deliverOutbox(env: Env, outboxId: string, deps: DeliverDeps): Promise<DeliverOutcome> {
  const outcome = (await deliverOutboxes(env, [outboxId], deps)).get(outboxId)!;
  if (outcome instanceof Error) throw outcome;
  return outcome;
}

/**
 * Delivers the rows of one queue batch: one round trip claims them all, then each row is marked
 * sent the moment it has gone (a status webhook may name it at once, and a crash later must not
 * send it again). A chat's rows go out one after another in the order given; different chats go
 * at once. When a row of a chat does not go, the chat's later rows are given back to wait behind
 * it, so no reply overtakes one that has not arrived. Rows still unsent when half the claim's
 * time has passed are given back too, rather than sent on a claim about to be taken over. A row
 * whose failure could not be recorded comes back as an Error, so only its message is retried.
 */
export async function deliverOutboxes(env: Env, outboxIds: readonly string[], deps: DeliverDeps): Promise<Map<string, DeliverOutcome | Error>> {
  const claimedAt = deps.clock.now();
  // Claim first, so that a nudge delivered twice (a redelivery, or the cron re-queueing a row
  // while its first nudge still waits) sends it once. A claim older than CLAIM_TTL_MS belongs to
  // a consumer that died mid-send, and may be taken over.
  const db = dbOf(env.DB);
  const ids = [...new Set(outboxIds)];
  const claimed = new Map((await claimOutboxes(db, { ids, now: claimedAt, staleBefore: claimedAt - CLAIM_TTL_MS })).map((r) => [r.id, r]));
  const outcomes = new Map<string, DeliverOutcome | Error>(ids.map((id) => [id, { queued: [] }]));
  const chats = new Map<string, ClaimedOutbox[]>();
  for (const id of ids) {
    const row = claimed.get(id);
    if (!row) continue;
    const chat = `${row.channel}:${row.externalId}`;
    if (!chats.has(chat)) chats.set(chat, []);
    chats.get(chat)!.push(row);
  }
  /** The chat's rows not sent now go back unclaimed, to come again `waitSeconds` later. */
  const giveBack = async (rows: ClaimedOutbox[], waitSeconds: number) => {
    if (rows.length === 0) return;
    await releaseClaims(db, { ids: rows.map((r) => r.id), now: deps.clock.now() });
    for (const r of rows) outcomes.set(r.id, { queued: [], retryAfterSeconds: waitSeconds });
  };
  await Promise.all(
    [...chats.values()].map(async (rows) => {
      for (const [i, row] of rows.entries()) {
        if (deps.clock.now() - claimedAt > CLAIM_TTL_MS / 2) return giveBack(rows.slice(i), 1);
        let outcome: DeliverOutcome | Error | null;
        try {
          outcome = await deliverRow(env, row, deps);
        } catch (err) {
          outcome = err instanceof Error ? err : new Error(String(err));
        }
        if (outcome === null) continue;
        outcomes.set(row.id, outcome);
        // Behind the row that did not go: a second later than its own next try.
        return giveBack(rows.slice(i + 1), (outcome instanceof Error ? 0 : (outcome.retryAfterSeconds ?? 0)) + 1);
      }
    }),
  );
  return outcomes;
}

/** Sends one claimed row and marks it sent: null when it went, else what its failure decided. */
async function deliverRow(env: Env, row: ClaimedOutbox, deps: DeliverDeps): Promise<DeliverOutcome | null> {
  const now = deps.clock.now();
  const db = dbOf(env.DB);
  let result: { providerMessageId: string | null; deferred?: boolean; partsSent?: number };
  try {
    const sender = deps.senders[row.channel];
    if (!sender) throw new Error(`no sender for channel ${row.channel}`);
    result = await sender.send(
      {
        outboxId: row.id,
        kelurahanId: row.kelurahanId,
        externalId: row.externalId,
        message: JSON.parse(row.payload) as OutboundMessage,
        lastInboundAt: row.lastInboundAt,
        partsSent: row.partsSent,
      },
      env,
      async (partsSent, providerMessageId) => {
        await recordPartsSent(db, { id: row.id, partsSent, providerMessageId, now: deps.clock.now() });
      },
    );
  } catch (err) {
    // Retrying cannot help an unreachable number; a person must be told instead.
    if (err instanceof UndeliverableError) return { queued: await markUndeliverable(env, row.id, err.code, now, deps.ids) };
    // Nor a message the provider refused as it is: loud in the log (Loket built something the
    // provider will not take), and the person is reached another way now, not in seven days.
    if (err instanceof RejectedMessageError) {
      log.error('outbox.rejected', { outbox_id: row.id, channel: row.channel, code: err.code, error: err });
      return { queued: await markUndeliverable(env, row.id, err.code, now, deps.ids, err.message) };
    }
    return retryLater(env, row, err, deps);
  }
  const sent: SentRow = {
    id: row.id, status: result.deferred ? 'deferred' : 'sent', providerMessageId: result.providerMessageId, partsSent: result.partsSent ?? null, now: deps.clock.now(),
  };
  try {
    await markSent(db, sent);
  } catch {
    // The message has gone: a row left claimed would be sent again once its claim runs out, so a
    // passing D1 hiccup gets one more try before the error goes up.
    await markSent(db, sent);
  }
  return null;
}

/** Gives a claimed row back with the time of its next try, or fails it once retrying has had its time. */
async function retryLater(env: Env, row: ClaimedOutbox, err: unknown, deps: DeliverDeps): Promise<DeliverOutcome> {
  const now = deps.clock.now();
  const attempts = row.attempts + 1;
  const error = (err instanceof Error ? err.message : String(err)).slice(0, 500);
  const next = notSooner(afterFailedDelivery(row.createdAt, attempts, now, deps.random()), now, providerWaitSeconds(err));
  if (next.giveUp) {
    log.error('outbox.gave_up', { outbox_id: row.id, attempts, error: err });
    return { queued: await markExpired(env, row.id, `gave up after ${attempts} attempts: ${error}`, now, deps.ids) };
  }
  await rescheduleClaimed(dbOf(env.DB), { id: row.id, attempts, error, notBefore: next.notBefore, now });
  log.warn('outbox.retry_later', { outbox_id: row.id, attempts, delaySeconds: next.delaySeconds, error: err });
  return { queued: [], retryAfterSeconds: next.delaySeconds };
}

/**
 * The wait a provider asked for, carried by the error as `retryAfterSeconds` (Telegram's 429
 * retry_after). Trying sooner only earns another refusal and, repeated, a longer ban.
 */
function providerWaitSeconds(err: unknown): number | null {
  const wait = (err as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
  return typeof wait === 'number' && Number.isFinite(wait) && wait > 0 ? wait : null;
}

/** The backoff's next try, moved no earlier than the provider's wait; the queue's delay follows. */
function notSooner(next: AfterFailure, now: number, waitSeconds: number | null): AfterFailure {
  if (next.giveUp || waitSeconds === null) return next;
  const notBefore = Math.max(next.notBefore, now + waitSeconds * 1000);
  return { giveUp: false, notBefore, delaySeconds: Math.max(1, Math.ceil((notBefore - now) / 1000)) };
}
