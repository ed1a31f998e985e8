/**
 * Delivery of outbox rows through their channels, for any bot and any store. Idempotent: a row
 * already sent is not sent again when the queue redelivers the nudge or a sweep re-queues it.
 * The row keeps its own retry schedule (attempts, next try, last error), so no queue setting
 * decides whether it is dropped: it is retried with backoff until DELIVERY_GIVE_UP_MS after it
 * was written, then failed, and the store tells a person.
 */
import type { ChannelName, OutboundMessage } from '../../adapters/channel';
import { RejectedMessageError, UndeliverableError, type ChannelSender } from '../../adapters/ports';
import { afterFailedDelivery, type AfterFailure } from './backoff';
import { log } from './log';
import type { Clock } from './ports';

/**
 * How long a consumer may hold a row it is sending before another may take it over. Each
 * provider call times out well within it, and every part sent renews it.
 */
export const CLAIM_TTL_MS = 5 * 60_000;

/** A row this delivery holds, with the chat it goes to. */
export interface ClaimedRow {
  id: string;
  /** Whose account sends it (a kelurahan's WhatsApp number or Telegram bot). */
  tenantId: string;
  channel: ChannelName;
  externalId: string;
  /** The OutboundMessage as JSON. */
  payload: string;
  attempts: number;
  partsSent: number;
  createdAt: number;
  /** The chat's last inbound message: WhatsApp's 24-hour window starts there. */
  lastInboundAt: number | null;
}

export interface SentRow {
  id: string;
  status: 'sent' | 'deferred';
  providerMessageId: string | null;
  partsSent: number | null;
  now: number;
}

/** Why a row failed for good. */
export type Failure =
  | { kind: 'undeliverable'; code: number }
  | { kind: 'rejected'; code: number; detail: string }
  | { kind: 'expired'; detail: string };

/** What the delivery asks of a store's outbox; each call is one round trip. */
export interface OutboxStore<Nudge> {
  /** Claims pending rows (or rows whose claim is older than `staleBefore`); others are left out. */
  claim(ids: readonly string[], now: number, staleBefore: number): Promise<ClaimedRow[]>;
  /** Hands claimed rows back unsent, as they were. */
  release(ids: readonly string[], now: number): Promise<void>;
  /** A part has arrived: renews the claim and remembers how far the row got. */
  partsSent(v: { id: string; partsSent: number; providerMessageId: string | null; now: number }): Promise<void>;
  markSent(row: SentRow): Promise<void>;
  reschedule(v: { id: string; attempts: number; error: string; notBefore: number; now: number }): Promise<void>;
  /** The row failed for good: the store records it and returns the work that tells a person. */
  fail(id: string, failure: Failure, now: number): Promise<Nudge[]>;
}

export interface DeliveryDeps {
  senders: Partial<Record<ChannelName, ChannelSender>>;
  clock: Clock;
  /** In [0, 1): the jitter of the retry delay. */
  random: () => number;
}

export interface DeliverOutcome<Nudge> {
  /** Follow-up work (telling someone a message could not be delivered). */
  queued: Nudge[];
  /** Set when the row failed and was rescheduled: the earliest moment a nudge may help. */
  retryAfterSeconds?: number;
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
export async function deliverBatch<Nudge>(
  store: OutboxStore<Nudge>,
  env: Env,
  outboxIds: readonly string[],
  deps: DeliveryDeps,
): Promise<Map<string, DeliverOutcome<Nudge> | Error>> {
  const claimedAt = deps.clock.now();
  // Claim first, so that a nudge delivered twice (a redelivery, or a sweep re-queueing a row
  // while its first nudge still waits) sends it once.
  const ids = [...new Set(outboxIds)];
  const claimed = new Map((await store.claim(ids, claimedAt, claimedAt - CLAIM_TTL_MS)).map((r) => [r.id, r]));
  const outcomes = new Map<string, DeliverOutcome<Nudge> | Error>(ids.map((id) => [id, { queued: [] }]));
  const chats = new Map<string, ClaimedRow[]>();
  for (const id of ids) {
    const row = claimed.get(id);
    if (!row) continue;
    const chat = `${row.channel}:${row.externalId}`;
    if (!chats.has(chat)) chats.set(chat, []);
    chats.get(chat)!.push(row);
  }
  /** The chat's rows not sent now go back unclaimed, to come again `waitSeconds` later. */
  const giveBack = async (rows: ClaimedRow[], waitSeconds: number) => {
    if (rows.length === 0) return;
    await store.release(rows.map((r) => r.id), deps.clock.now());
    for (const r of rows) outcomes.set(r.id, { queued: [], retryAfterSeconds: waitSeconds });
  };
  await Promise.all(
    [...chats.values()].map(async (rows) => {
      for (const [i, row] of rows.entries()) {
        if (deps.clock.now() - claimedAt > CLAIM_TTL_MS / 2) return giveBack(rows.slice(i), 1);
        let outcome: DeliverOutcome<Nudge> | Error | null;
        try {
          outcome = await deliverRow(store, env, row, deps);
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
async function deliverRow<Nudge>(store: OutboxStore<Nudge>, env: Env, row: ClaimedRow, deps: DeliveryDeps): Promise<DeliverOutcome<Nudge> | null> {
  const now = deps.clock.now();
  let result: { providerMessageId: string | null; deferred?: boolean; partsSent?: number };
  try {
    const sender = deps.senders[row.channel];
    if (!sender) throw new Error(`no sender for channel ${row.channel}`);
    result = await sender.send(
      {
        outboxId: row.id,
        tenantId: row.tenantId,
        externalId: row.externalId,
        message: JSON.parse(row.payload) as OutboundMessage,
        lastInboundAt: row.lastInboundAt,
        partsSent: row.partsSent,
      },
      env,
      (partsSent, providerMessageId) => store.partsSent({ id: row.id, partsSent, providerMessageId, now: deps.clock.now() }),
    );
  } catch (err) {
    // Retrying cannot help an unreachable number; a person must be told instead.
    if (err instanceof UndeliverableError) return { queued: await store.fail(row.id, { kind: 'undeliverable', code: err.code }, now) };
    // Nor a message the provider refused as it is: loud in the log (the bot built something the
    // provider will not take), and the person is reached another way now, not in seven days.
    if (err instanceof RejectedMessageError) {
      log.error('outbox.rejected', { outbox_id: row.id, channel: row.channel, code: err.code, error: err });
      return { queued: await store.fail(row.id, { kind: 'rejected', code: err.code, detail: err.message }, now) };
    }
    return retryLater(store, row, err, deps);
  }
  const sent: SentRow = {
    id: row.id, status: result.deferred ? 'deferred' : 'sent', providerMessageId: result.providerMessageId, partsSent: result.partsSent ?? null, now: deps.clock.now(),
  };
  try {
    await store.markSent(sent);
  } catch {
    // The message has gone: a row left claimed would be sent again once its claim runs out, so a
    // passing D1 hiccup gets one more try before the error goes up.
    await store.markSent(sent);
  }
  return null;
}

/** Gives a claimed row back with the time of its next try, or fails it once retrying has had its time. */
async function retryLater<Nudge>(store: OutboxStore<Nudge>, row: ClaimedRow, err: unknown, deps: DeliveryDeps): Promise<DeliverOutcome<Nudge>> {
  const now = deps.clock.now();
  const attempts = row.attempts + 1;
  const error = (err instanceof Error ? err.message : String(err)).slice(0, 500);
  const next = notSooner(afterFailedDelivery(row.createdAt, attempts, now, deps.random()), now, providerWaitSeconds(err));
  if (next.giveUp) {
    log.error('outbox.gave_up', { outbox_id: row.id, attempts, error: err });
    return { queued: await store.fail(row.id, { kind: 'expired', detail: `gave up after ${attempts} attempts: ${error}` }, now) };
  }
  await store.reschedule({ id: row.id, attempts, error, notBefore: next.notBefore, now });
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
