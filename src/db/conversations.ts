/** Where each sender is in the dialogue, and the provider message ids already handled. */
import { type Db, named, reusable, reusableSql } from './client';
import { chatOfPhone } from './people';
import { channelIdentities, conversations, people, processedMessages } from './schema';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
/** Placeholders channel, messageId. */
export function seenMessage(db: Db) {
  return db
    .select({ seen: sql<number>`1` })
    .from(processedMessages)
    .where(and(eq(processedMessages.channel, sql.placeholder('channel')), eq(processedMessages.messageId, sql.placeholder('messageId'))));
}

/** The sender's identity, person and conversation (placeholders k, channel, externalId). */
export function senderWithConversation(db: Db) {
  return db
    .select({
      identityId: named(channelIdentities.id, 'identity_id'),
      displayName: channelIdentities.displayName,
      personId: named(people.id, 'person_id'),
      fullName: people.fullName,
      nik: people.nik,
      phone: people.phone,
      rtId: people.rtId,
      locale: people.locale,
      conversation: conversations.data,
      version: conversations.version,
      expiresAt: conversations.expiresAt,
    })
    .from(channelIdentities)
    .innerJoin(people, eq(people.id, channelIdentities.personId))
    .leftJoin(conversations, eq(conversations.identityId, channelIdentities.id))
    .where(
      and(
        eq(channelIdentities.kelurahanId, sql.placeholder('k')),
        eq(channelIdentities.channel, sql.placeholder('channel')),
        eq(channelIdentities.externalId, sql.placeholder('externalId')),
      ),
    );
}

/**
 * Records the provider's message id and, in the same stroke, checks that the conversation is
 * still at the version read (placeholders channel, messageId, k, identityId, expectedVersion,
 * now): a repeat fails on the primary key, a concurrent change on NOT NULL, and either way the
 * whole batch is undone.
 */
export const recordMessage = reusable((db) =>
  db.insert(processedMessages).values({
    channel: sql.placeholder('channel'),
    messageId: sql.placeholder('messageId'),
    kelurahanId: sql.placeholder('k'),
    receivedAt: sql`CASE WHEN (${db
      .select({ version: conversations.version })
      .from(conversations)
      .where(eq(conversations.identityId, sql.placeholder('identityId')))}) IS ${sql.placeholder('expectedVersion')} THEN ${sql.placeholder('now')} ELSE NULL END`,
  }),
);

/** Placeholders identityId, k, flow, step, data, now, expiresAt. */
export const saveConversation = reusable((db) =>
  db
    .insert(conversations)
    .values({
      identityId: sql.placeholder('identityId'),
      kelurahanId: sql.placeholder('k'),
      flow: sql.placeholder('flow'),
      step: sql.placeholder('step'),
      data: sql.placeholder('data'),
      version: 1,
      updatedAt: sql.placeholder('now'),
      expiresAt: sql.placeholder('expiresAt'),
    })
    .onConflictDoUpdate({ target: conversations.identityId, set: upsertSet }),
);

const upsertSet = {
  flow: sql`excluded.flow`,
  step: sql`excluded.step`,
  data: sql`excluded.data`,
  version: sql`${conversations.version} + 1`,
  updatedAt: sql`excluded.updated_at`,
  expiresAt: sql`excluded.expires_at`,
};

/**
 * Puts someone else's chat on a question (a confirmation) unless they are in the middle of
 * something: the chat where the phone number's person is reached (placeholders k, step, data,
 * now, expiresAt, channel, phone). INSERT ... SELECT with a guarded upsert has no builder form.
 */
export const awaitAnswer = reusableSql(
  () => sql`INSERT INTO ${conversations} (identity_id, kelurahan_id, flow, step, data, version, updated_at, expires_at)
    SELECT ci.id, ${sql.placeholder('k')}, 'confirm', ${sql.placeholder('step')}, ${sql.placeholder('data')}, 1, ${sql.placeholder('now')}, ${sql.placeholder('expiresAt')}
    FROM ${channelIdentities} ci
    WHERE ci.id = ${chatOfPhone()}
    ON CONFLICT (identity_id) DO UPDATE SET flow = excluded.flow, step = excluded.step, data = excluded.data,
      version = conversations.version + 1, updated_at = excluded.updated_at, expires_at = excluded.expires_at
    WHERE conversations.step IN ('idle', 'menu') OR conversations.expires_at < excluded.updated_at`,
);

/**
 * Writes a chat's conversation only if it is still at `readVersion` (null: there was none). A
 * message the person sent meanwhile moved it on: then no row changes, and a guarded statement
 * after it in the batch aborts the write.
 */
export function saveConversationAt(
  db: Db, row: Omit<typeof conversations.$inferInsert, 'version'>, readVersion: number | null,
) {
  return db
    .insert(conversations)
    .values({ ...row, version: 1 })
    .onConflictDoUpdate({
      target: conversations.identityId,
      set: {
        flow: sql`excluded.flow`, step: sql`excluded.step`, data: sql`excluded.data`, version: sql`${conversations.version} + 1`,
        updatedAt: sql`excluded.updated_at`, expiresAt: sql`excluded.expires_at`,
      },
      setWhere: readVersion === null ? isNull(conversations.version) : eq(conversations.version, readVersion),
    });
}

/** Message ids received before `before`: no provider retries that long, so they can go. */
export function deleteOldProcessedMessages(db: Db, before: number) {
  return db.delete(processedMessages).where(lt(processedMessages.receivedAt, before));
}
