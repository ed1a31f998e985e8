/**
 * Outbound messages: written by the jobs, claimed and sent by the consumer, their delivery
 * statuses, a retry Meta asked for, the simulator's inbox.
 */
/**
 * An outbox row a job writes. A dedupe key makes it idempotent: writing it twice leaves one row,
 * so a job that runs twice sends once.
 */
export type OutboxRow = Pick<typeof outbox.$inferInsert, 'id' | 'kelurahanId' | 'caseId' | 'payload' | 'dedupeKey'> & { now: number };
/** To a person, on the chat they used most recently; nothing when they have none. */
export function outboxToPerson(db: Db, personId: string, o: OutboxRow) {
  // An insert from a select names every column, in the table's order.
  const recent = db
    .select({
      id: sql`${o.id}`.as('id'),
      kelurahanId: sql`${o.kelurahanId}`.as('kelurahan_id'),
      identityId: channelIdentities.id,
      caseId: sql`${o.caseId ?? null}`.as('case_id'),
      payload: sql`${o.payload}`.as('payload'),
      dedupeKey: sql`${o.dedupeKey ?? null}`.as('dedupe_key'),
      status: sql`'pending'`.as('status'),
      attempts: sql`0`.as('attempts'),
      providerMessageId: sql`NULL`.as('provider_message_id'),
      lastError: sql`NULL`.as('last_error'),
      partsSent: sql`0`.as('parts_sent'),
      notBefore: sql`${o.now}`.as('not_before'),
      createdAt: sql`${o.now}`.as('created_at'),
      updatedAt: sql`${o.now}`.as('updated_at'),
    })
    .from(channelIdentities)
    .where(eq(channelIdentities.personId, personId))
    .orderBy(...mostRecentFirst)
    .limit(1);
  return db.insert(outbox).select(recent).onConflictDoNothing({ target: [outbox.kelurahanId, outbox.dedupeKey] });
}
/** To one known chat identity. */
export function outboxToIdentity(db: Db, identityId: string, o: OutboxRow) {
  return db
    .insert(outbox)
    .values({
      id: o.id, kelurahanId: o.kelurahanId, identityId, caseId: o.caseId, payload: o.payload, dedupeKey: o.dedupeKey,
      status: 'pending', notBefore: o.now, createdAt: o.now, updatedAt: o.now,
    })
    .onConflictDoNothing({ target: [outbox.kelurahanId, outbox.dedupeKey] });
}
import type { SentRow } from '../framework/deliver';
import { batchOf, type Db, oncePerDb, reusable, reusableSql, value } from './client';
import { chatOfPhone, mostRecentFirst } from './people';
import { cases, channelIdentities, kelurahan, outbox, type OutboxStatus, people, rt, staffUsers } from './schema';
import { and, asc, eq, gt, inArray, lt, lte, or, type Placeholder, sql, type SQL } from 'drizzle-orm';

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

/**
 * What Loket sent a simulated person after `afterSeq`; rowid is the order of writing, as the
 * simulated clock may run ahead. `held`: written for later (a chair's message at night) and not
 * sent yet (`notBefore` says until when); the simulator shows it once it is.
 */
export function simulatorInbox(db: Db, externalId: string, afterSeq: number) {
  const seq = sql<number>`${outbox}.rowid`;
  const held = sql<number>`(${outbox.status} = 'pending' AND ${outbox.notBefore} > ${outbox.createdAt})`;
  return db
    .select({ seq, id: outbox.id, payload: outbox.payload, status: outbox.status, createdAt: outbox.createdAt, notBefore: outbox.notBefore, held })
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
 * payload, codeMark, now, notBefore (null: now), and the recipient's). INSERT ... SELECT has no
 * builder form here.
 */
function queueTo(recipient: SQL) {
  return reusableSql(
    () => sql`INSERT INTO ${outbox} (id, kelurahan_id, identity_id, case_id, payload, status, not_before, created_at, updated_at)
      SELECT ${sql.placeholder('id')}, ${sql.placeholder('k')}, ci.id, ${sql.placeholder('caseId')},
        replace(${sql.placeholder('payload')}, ${sql.placeholder('codeMark')}, coalesce((SELECT code FROM cases WHERE id = ${sql.placeholder('caseId')}), '')),
        'pending', coalesce(${sql.placeholder('notBefore')}, ${sql.placeholder('now')}), ${sql.placeholder('now')}, ${sql.placeholder('now')}
      FROM ${channelIdentities} ci WHERE ci.kelurahan_id = ${sql.placeholder('k')} AND ${recipient} LIMIT 1`,
  );
}

/** To one chat (placeholder identityId). */
export const queueToIdentity = queueTo(sql`ci.id = ${sql.placeholder('identityId')}`);
/** To the chat a person last wrote from (placeholder personId). */
export const queueToPerson = queueTo(sql`ci.person_id = ${sql.placeholder('personId')} ORDER BY ci.last_inbound_at DESC NULLS LAST, ci.created_at`);
/** To a chat by channel and number (placeholders channel, externalId). */
export const queueToChat = queueTo(sql`ci.channel = ${sql.placeholder('channel')} AND ci.external_id = ${sql.placeholder('externalId')}`);
/**
 * To the person a phone number reaches, on the chat they last wrote from: a Telegram chat when
 * the number was shared there (placeholders channel, phone).
 */
export const queueToPhone = queueTo(sql`ci.id = ${chatOfPhone()}`);

const identityField = <K extends 'channel' | 'externalId' | 'lastInboundAt'>(db: Db, key: K) =>
  sql<(typeof channelIdentities.$inferSelect)[K]>`${db.select({ v: channelIdentities[key] }).from(channelIdentities).where(eq(channelIdentities.id, outbox.identityId))}`;

const claim = reusable((db) =>
  db
    .update(outbox)
    .set({ status: 'sending', updatedAt: sql`${sql.placeholder('now')}` })
    .where(
      and(
        eq(outbox.id, sql.placeholder('id')),
        or(eq(outbox.status, 'pending'), and(eq(outbox.status, 'sending'), lt(outbox.updatedAt, sql.placeholder('staleBefore')))),
      ),
    )
    .returning({
      id: outbox.id, kelurahanId: outbox.kelurahanId, payload: outbox.payload, attempts: outbox.attempts, partsSent: outbox.partsSent,
      createdAt: outbox.createdAt, channel: identityField(db, 'channel'), externalId: identityField(db, 'externalId'),
      lastInboundAt: identityField(db, 'lastInboundAt'),
    }),
);

export type ClaimedOutbox = Awaited<ReturnType<typeof claim>>[number];

/**
 * Claims rows to send, in one round trip for a whole queue batch: each pending, or held by a
 * claim older than `staleBefore` (its consumer died mid-send). Returns the rows claimed, with
 * their chats; a row someone else holds, or one already done, is left out.
 */
export async function claimOutboxes(db: Db, v: { ids: readonly string[]; now: number; staleBefore: number }): Promise<ClaimedOutbox[]> {
  if (v.ids.length === 0) return [];
  const results = (await batchOf(db, v.ids.map((id) => claim(db, { id, now: v.now, staleBefore: v.staleBefore })))) as ClaimedOutbox[][];
  return results.flat();
}

const partsSent = oncePerDb((db) =>
  db
    .update(outbox)
    .set({
      partsSent: sql`${sql.placeholder('partsSent')}`,
      providerMessageId: sql`coalesce(${sql.placeholder('providerMessageId')}, ${outbox.providerMessageId})`,
      updatedAt: sql`${sql.placeholder('now')}`,
    })
    .where(and(eq(outbox.id, sql.placeholder('id')), eq(outbox.status, 'sending')))
    .prepare(),
);

/** Each part sent renews the claim and remembers how far the row got. */
export function recordPartsSent(db: Db, v: { id: string; partsSent: number; providerMessageId: string | null; now: number }) {
  return partsSent(db).run(v);
}

const sent = reusable((db) =>
  db
    .update(outbox)
    .set({
      status: sql`${sql.placeholder('status')}`,
      providerMessageId: sql`coalesce(${sql.placeholder('providerMessageId')}, ${outbox.providerMessageId})`,
      partsSent: sql`coalesce(${sql.placeholder('partsSent')}, ${outbox.partsSent})`,
      attempts: sql`${outbox.attempts} + 1`,
      lastError: null,
      updatedAt: sql`${sql.placeholder('now')}`,
    })
    .where(and(eq(outbox.id, sql.placeholder('id')), eq(outbox.status, 'sending'))),
);

/** Only the claim this try holds: a failure reported meanwhile (a status webhook) stays. */
export async function markSent(db: Db, row: SentRow): Promise<void> {
  await batchOf(db, [sent(db, { ...row })]);
}

/** Claimed rows handed back unsent, as they were (their tries and next try unchanged). */
export function releaseClaims(db: Db, v: { ids: readonly string[]; now: number }) {
  return db
    .update(outbox)
    .set({ status: 'pending', updatedAt: v.now })
    .where(and(inArray(outbox.id, [...v.ids]), eq(outbox.status, 'sending')));
}

/** Gives a claimed row back with the time of its next try. */
export function rescheduleClaimed(db: Db, v: { id: string; attempts: number; error: string; notBefore: number; now: number }) {
  return db
    .update(outbox)
    .set({ status: 'pending', attempts: v.attempts, lastError: v.error, notBefore: v.notBefore, updatedAt: v.now })
    .where(and(eq(outbox.id, v.id), eq(outbox.status, 'sending')));
}

export function outboxProgress(db: Db, id: string) {
  return db.select({ status: outbox.status, createdAt: outbox.createdAt, updatedAt: outbox.updatedAt }).from(outbox).where(eq(outbox.id, id));
}

/** A dead-lettered row goes back to pending for the cron, unless a live claim holds it. */
export function releaseDeadLettered(db: Db, v: { id: string; now: number; staleBefore: number }) {
  return db
    .update(outbox)
    .set({ status: 'pending', lastError: 'dead-lettered; the cron tries it again', notBefore: v.now, updatedAt: v.now })
    .where(and(eq(outbox.id, v.id), or(eq(outbox.status, 'pending'), and(eq(outbox.status, 'sending'), lt(outbox.updatedAt, v.staleBefore)))));
}

/** A row that will not arrive, with who it was for and whom to tell (the case's RT chair). */
export function failingOutbox(db: Db, id: string) {
  return db
    .select({
      kelurahanId: outbox.kelurahanId, caseId: outbox.caseId, status: outbox.status, payload: outbox.payload, createdAt: outbox.createdAt,
      dedupeKey: outbox.dedupeKey, identityId: outbox.identityId, personId: channelIdentities.personId,
      toStaff: sql<number>`EXISTS ${db.select({ one: sql`1` }).from(staffUsers).where(eq(staffUsers.identityId, outbox.identityId))}`,
      channel: channelIdentities.channel, externalId: channelIdentities.externalId, phone: people.phone,
      utcOffsetMinutes: kelurahan.utcOffsetMinutes, code: cases.code, chairPersonId: rt.chairPersonId,
      // An applicant a helper named has no name of their own until they confirm: the case's.
      fullName: sql<string | null>`coalesce(nullif(${people.fullName}, ''), CASE WHEN ${cases.applicantPersonId} = ${people.id} THEN ${cases.givenName} END)`,
    })
    .from(outbox)
    .innerJoin(channelIdentities, eq(channelIdentities.id, outbox.identityId))
    .innerJoin(people, eq(people.id, channelIdentities.personId))
    .innerJoin(kelurahan, eq(kelurahan.id, outbox.kelurahanId))
    .leftJoin(cases, eq(cases.id, outbox.caseId))
    .leftJoin(rt, eq(rt.id, cases.rtId))
    .where(eq(outbox.id, id));
}

export type FailingOutbox = NonNullable<Awaited<ReturnType<ReturnType<typeof failingOutbox>['get']>>>;

export function failOutbox(db: Db, id: string, lastError: string, now: number) {
  return db.update(outbox).set({ status: 'failed', lastError, updatedAt: now }).where(eq(outbox.id, id));
}

/** Rows whose next try has come and whose nudge went missing (untouched since `untouchedSince`). */
export function outboxToRequeue(db: Db, v: { now: number | Placeholder; untouchedSince: number | Placeholder }) {
  return db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(inArray(outbox.status, ['pending', 'sending']), lte(outbox.notBefore, v.now), lte(outbox.updatedAt, v.untouchedSince)))
    .orderBy(asc(outbox.notBefore))
    .limit(200);
}

const toRequeue = oncePerDb((db) => outboxToRequeue(db, { now: sql.placeholder('now'), untouchedSince: sql.placeholder('untouchedSince') }).prepare());

/** outboxToRequeue, prepared once per isolate for the cron. */
export function outboxToRequeueNow(db: Db, v: { now: number; untouchedSince: number }) {
  return toRequeue(db).all(v);
}

/** Whether a message with this dedupe key was written already. */
export function outboxByDedupeKey(db: Db, kelurahanId: string, dedupeKey: string) {
  return db.select({ id: outbox.id }).from(outbox).where(and(eq(outbox.kelurahanId, kelurahanId), eq(outbox.dedupeKey, dedupeKey)));
}
