/** People and their chat identities. */
import { eq, sql, asc } from 'drizzle-orm';
import type { Db } from './client';
import { channelIdentities, people } from './schema';

/** The chat a person used most recently goes first: it is where a message reaches them. */
export const mostRecentFirst = [sql`${channelIdentities.lastInboundAt} DESC NULLS LAST`, asc(channelIdentities.createdAt)] as const;

/** A person's most recent chat and their language. */
export function recentChatOf(db: Db, personId: string) {
  return db
    .select({ id: channelIdentities.id, locale: people.locale })
    .from(channelIdentities)
    .innerJoin(people, eq(people.id, channelIdentities.personId))
    .where(eq(channelIdentities.personId, personId))
    .orderBy(...mostRecentFirst)
    .limit(1);
}
