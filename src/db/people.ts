/** People and how they reach Loket (channel identities). */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from './client';
import { channelIdentities } from './schema';

/** The person behind the sender (placeholders k, channel, externalId), as a scalar subquery. */
export function senderPersonId(db: Db) {
  return db
    .select({ personId: channelIdentities.personId })
    .from(channelIdentities)
    .where(
      and(
        eq(channelIdentities.kelurahanId, sql.placeholder('k')),
        eq(channelIdentities.channel, sql.placeholder('channel')),
        eq(channelIdentities.externalId, sql.placeholder('externalId')),
      ),
    );
}

/** The sender's identity id (placeholders k, channel, externalId), as a scalar subquery. */
export function senderIdentityId(db: Db) {
  return db
    .select({ id: channelIdentities.id })
    .from(channelIdentities)
    .where(
      and(
        eq(channelIdentities.kelurahanId, sql.placeholder('k')),
        eq(channelIdentities.channel, sql.placeholder('channel')),
        eq(channelIdentities.externalId, sql.placeholder('externalId')),
      ),
    );
}
