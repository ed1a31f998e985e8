/**
 * The plain bots' outbox under the framework's delivery (src/framework/deliver.ts), the cron's
 * sweep, and the simulator's inbox. A row is sent only once its time (not_before) has come, so
 * a message for later cannot leave early whoever nudges it.
 */
import { and, asc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { ChannelName } from '../../../adapters/channel';
import { CLAIM_TTL_MS, type ClaimedRow, type OutboxStore } from '../../framework/deliver';
import { log } from '../../framework/log';
import type { PlainNudge } from '../../framework/plain-bot';
import { botDbOf } from './db';
import { botOutbox } from './schema';

/** A row the queue was nudged for just now is left to that nudge. */
export const SWEEP_GRACE_MS = 60_000;
const SWEEP_LIMIT = 200;

export function botOutboxStore(d1: D1Database): OutboxStore<PlainNudge> {
  const db = botDbOf(d1);
  // Named in full: drizzle writes an UPDATE's columns unqualified, and inside this subquery a bare
  // "bot" or "channel" would name bot_chats' own, matching every chat.
  const lastInboundAt = sql<number | null>`(SELECT c.last_inbound_at FROM bot_chats c WHERE c.bot = "bot_outbox"."bot"
    AND c.channel = "bot_outbox"."channel" AND c.external_id = "bot_outbox"."external_id")`;
  const claim = (id: string, now: number, staleBefore: number) =>
    db
      .update(botOutbox)
      .set({ status: 'sending', updatedAt: now })
      .where(
        and(
          eq(botOutbox.id, id),
          or(and(eq(botOutbox.status, 'pending'), lte(botOutbox.notBefore, now)), and(eq(botOutbox.status, 'sending'), lt(botOutbox.updatedAt, staleBefore))),
        ),
      )
      .returning({
        id: botOutbox.id, tenantId: botOutbox.tenantId, channel: botOutbox.channel, externalId: botOutbox.externalId, payload: botOutbox.payload,
        attempts: botOutbox.attempts, partsSent: botOutbox.partsSent, createdAt: botOutbox.createdAt, lastInboundAt,
      });
  const claimed = eq(botOutbox.status, 'sending');
  return {
    async claim(ids, now, staleBefore): Promise<ClaimedRow[]> {
      const [first, ...rest] = ids.map((id) => claim(id, now, staleBefore));
      if (!first) return [];
      const results = await db.batch([first, ...rest]);
      return results.flat().map((r) => ({ ...r, channel: r.channel as ChannelName }));
    },
    async release(ids, now) {
      await db.update(botOutbox).set({ status: 'pending', updatedAt: now }).where(and(inArray(botOutbox.id, [...ids]), claimed));
    },
    async partsSent(v) {
      await db
        .update(botOutbox)
        .set({ partsSent: v.partsSent, providerMessageId: sql`coalesce(${v.providerMessageId}, ${botOutbox.providerMessageId})`, updatedAt: v.now })
        .where(and(eq(botOutbox.id, v.id), claimed));
    },
    async markSent(row) {
      await db
        .update(botOutbox)
        .set({
          status: row.status,
          providerMessageId: sql`coalesce(${row.providerMessageId}, ${botOutbox.providerMessageId})`,
          partsSent: sql`coalesce(${row.partsSent}, ${botOutbox.partsSent})`,
          attempts: sql`${botOutbox.attempts} + 1`,
          lastError: null,
          updatedAt: row.now,
        })
        .where(and(eq(botOutbox.id, row.id), claimed));
    },
    async reschedule(v) {
      await db
        .update(botOutbox)
        .set({ status: 'pending', attempts: v.attempts, lastError: v.error, notBefore: v.notBefore, updatedAt: v.now })
        .where(and(eq(botOutbox.id, v.id), claimed));
    },
    // A plain bot has no staff to tell: the row is kept as failed, and the log says so.
    async fail(id, failure, now) {
      const detail = failure.kind === 'expired' ? failure.detail : `${failure.kind} ${failure.code}${failure.kind === 'rejected' ? `: ${failure.detail}` : ''}`;
      await db.update(botOutbox).set({ status: 'failed', lastError: detail.slice(0, 500), updatedAt: now }).where(eq(botOutbox.id, id));
      log.error('bot_outbox.failed', { outbox_id: id, reason: failure.kind, ...(failure.kind === 'expired' ? {} : { code: failure.code }) });
      return [];
    },
  };
}

/**
 * For the cron: rows whose time has come and that no nudge took (untouched for a minute), and
 * rows whose consumer died mid-send. Each is touched as it is taken, so the next sweep leaves it
 * to this one's nudge. Returns their ids, oldest due first.
 */
export async function sweepDue(d1: D1Database, now: number): Promise<string[]> {
  const db = botDbOf(d1);
  const due = db
    .select({ id: botOutbox.id })
    .from(botOutbox)
    .where(
      or(
        and(eq(botOutbox.status, 'pending'), lte(botOutbox.notBefore, now), lte(botOutbox.updatedAt, now - SWEEP_GRACE_MS)),
        and(eq(botOutbox.status, 'sending'), lt(botOutbox.updatedAt, now - CLAIM_TTL_MS)),
      ),
    )
    .orderBy(asc(botOutbox.notBefore))
    .limit(SWEEP_LIMIT);
  // The claim, not this stamp, keeps a row from going twice; the stamp only spares the queue a
  // second nudge. A dead consumer's claim keeps its old time, so that the delivery takes it over.
  const taken = await db
    .update(botOutbox)
    .set({ updatedAt: sql`CASE WHEN ${botOutbox.status} = 'pending' THEN ${now} ELSE ${botOutbox.updatedAt} END` })
    .where(inArray(botOutbox.id, due))
    .returning({ id: botOutbox.id, notBefore: botOutbox.notBefore, seq: sql<number>`${botOutbox}.rowid` });
  // RETURNING gives rows in no set order, and the replies of one turn share their time: rowid is
  // the order they were written in.
  return taken.sort((a, b) => a.notBefore - b.notBefore || a.seq - b.seq).map((r) => r.id);
}

/**
 * What a simulated person has received from a bot: the rows sent, in the order they went, and
 * how many still wait (a reminder for later).
 */
export async function simulatorInbox(d1: D1Database, bot: string, externalId: string) {
  const db = botDbOf(d1);
  const chat = and(eq(botOutbox.bot, bot), eq(botOutbox.channel, 'simulator'), eq(botOutbox.externalId, externalId));
  const [sent, waiting] = await db.batch([
    db
      .select({ id: botOutbox.id, payload: botOutbox.payload, at: botOutbox.updatedAt })
      .from(botOutbox)
      .where(and(chat, eq(botOutbox.status, 'sent')))
      .orderBy(asc(botOutbox.updatedAt), asc(sql`${botOutbox}.rowid`))
      .limit(200),
    db.select({ n: sql<number>`count(*)` }).from(botOutbox).where(and(chat, inArray(botOutbox.status, ['pending', 'sending']))),
  ]);
  return { sent, waiting: waiting[0]?.n ?? 0 };
}
