/** Where each sender is in the dialogue, and the provider message ids already handled. */
import { and, eq, sql } from 'drizzle-orm';
import { named, type Db } from './client';
import { channelIdentities, conversations, people, processedMessages } from './schema';

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
