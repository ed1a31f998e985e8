/** Outbound messages after they left: delivery statuses, a retry Meta asked for, the simulator's inbox. */
import { and, asc, eq, gt, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { reusable, reusableSql, value, type Db } from './client';
import { channelIdentities, outbox, type OutboxStatus } from './schema';

/** A status only moves forward; "failed" outranks them all. */
const RANK = sql`CASE ${outbox.status} WHEN 'pending' THEN 0 WHEN 'sending' THEN 0 WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 WHEN 'read' THEN 3 WHEN 'failed' THEN 9 ELSE 0 END`;

export function recordStatus(
  db: Db,
  s: { providerMessageId: string; status: OutboxStatus; rank: number; error: string | null },
  now: number,
) {
  return db
    .update(outbox)
    .set({ status: s.status, lastError: sql`coalesce(${s.error}, ${outbox.lastError})`, updatedAt: now })
    .where(and(eq(outbox.providerMessageId, s.providerMessageId), lt(RANK, s.rank)));
}

export function outboxIdByProviderMessage(db: Db, providerMessageId: string) {
  return db.select({ id: outbox.id }).from(outbox).where(eq(outbox.providerMessageId, providerMessageId));
}

/** Puts a sent row back in the outbox; its last part (the one reported) goes again. */
export function retrySentMessage(db: Db, outboxId: string, notBefore: number, error: string, now: number) {
  return db
    .update(outbox)
    .set({ status: 'pending', partsSent: sql`max(${outbox.partsSent} - 1, 0)`, notBefore, lastError: error, updatedAt: now })
    .where(and(eq(outbox.id, outboxId), inArray(outbox.status, ['sent', 'delivered'])));
}

/** Moves the chat's last inbound time of an outbox row's identity back to at most `before`. */
export function closeServiceWindowOf(db: Db, outboxId: string, before: number) {
  return db
    .update(channelIdentities)
    .set({ lastInboundAt: sql`min(coalesce(${channelIdentities.lastInboundAt}, 0), ${before})` })
    .where(eq(channelIdentities.id, db.select({ id: outbox.identityId }).from(outbox).where(eq(outbox.id, outboxId))));
}

/** What Loket sent a simulated person after `afterSeq`; rowid is the order of writing, as the simulated clock may run ahead. */
export function simulatorInbox(db: Db, externalId: string, afterSeq: number) {
  const seq = sql<number>`${outbox}.rowid`;
  return db
    .select({ seq, id: outbox.id, payload: outbox.payload, status: outbox.status, createdAt: outbox.createdAt })
    .from(outbox)
    .innerJoin(channelIdentities, eq(channelIdentities.id, outbox.identityId))
    .where(and(eq(channelIdentities.channel, 'simulator'), eq(channelIdentities.externalId, externalId), gt(seq, afterSeq)))
    .orderBy(asc(seq))
    .limit(200);
}

export function simulatorOutboxPayload(db: Db, outboxId: string) {
  return db
    .select({ payload: outbox.payload })
    .from(outbox)
    .innerJoin(channelIdentities, eq(channelIdentities.id, outbox.identityId))
    .where(and(eq(outbox.id, outboxId), eq(channelIdentities.channel, 'simulator')));
}

/** The sender wrote: WhatsApp's window is open, documents that waited go (placeholders now, identityId). */
export const releaseDeferred = reusable((db) =>
  db
    .update(outbox)
    .set({ status: 'pending', updatedAt: value('now') })
    .where(and(eq(outbox.identityId, sql.placeholder('identityId')), eq(outbox.status, 'deferred')))
    .returning({ id: outbox.id }),
);

/**
 * A message to the chat chosen by `recipient` (a WHERE over `ci`, channel_identities), with the
 * case code written in place of `codeMark` once the case exists (placeholders id, k, caseId,
 * payload, codeMark, now, and the recipient's). INSERT ... SELECT has no builder form here.
 */
function queueTo(recipient: SQL) {
  return reusableSql(
    () => sql`INSERT INTO ${outbox} (id, kelurahan_id, identity_id, case_id, payload, status, not_before, created_at, updated_at)
      SELECT ${sql.placeholder('id')}, ${sql.placeholder('k')}, ci.id, ${sql.placeholder('caseId')},
        replace(${sql.placeholder('payload')}, ${sql.placeholder('codeMark')}, coalesce((SELECT code FROM cases WHERE id = ${sql.placeholder('caseId')}), '')),
        'pending', ${sql.placeholder('now')}, ${sql.placeholder('now')}, ${sql.placeholder('now')}
      FROM ${channelIdentities} ci WHERE ci.kelurahan_id = ${sql.placeholder('k')} AND ${recipient} LIMIT 1`,
  );
}

/** To one chat (placeholder identityId). */
export const queueToIdentity = queueTo(sql`ci.id = ${sql.placeholder('identityId')}`);
/** To the chat a person last wrote from (placeholder personId). */
export const queueToPerson = queueTo(sql`ci.person_id = ${sql.placeholder('personId')} ORDER BY ci.last_inbound_at DESC NULLS LAST, ci.created_at`);
/** To a chat by channel and number (placeholders channel, externalId). */
export const queueToChat = queueTo(sql`ci.channel = ${sql.placeholder('channel')} AND ci.external_id = ${sql.placeholder('externalId')}`);
