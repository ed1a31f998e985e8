/** Staff members of a kelurahan, as the jobs reach them by chat. */
import { and, eq, isNotNull, ne, sql } from 'drizzle-orm';
import type { Db } from './client';
import { channelIdentities, people, staffUsers } from './schema';

/** Staff of the kelurahan with a linked chat, but for `exceptPersonId`, with their language. */
export function staffChatsExcept(db: Db, kelurahanId: string, exceptPersonId: string) {
  return db
    .select({ id: linkedChat, locale: people.locale })
    .from(staffUsers)
    .innerJoin(channelIdentities, eq(channelIdentities.id, staffUsers.identityId))
    .innerJoin(people, eq(people.id, channelIdentities.personId))
    .where(and(eq(staffUsers.kelurahanId, kelurahanId), ne(channelIdentities.personId, exceptPersonId)));
}

/** Not null where the queries below ask for it. */
const linkedChat = sql<string>`${staffUsers.identityId}`;

/** Every staff member with a linked chat. */
export function staffWithChats(db: Db) {
  return db
    .select({ id: staffUsers.id, kelurahanId: staffUsers.kelurahanId, identityId: linkedChat })
    .from(staffUsers)
    .where(isNotNull(staffUsers.identityId));
}

/** The staff members of one kelurahan with a linked chat. */
export function staffWithChatsIn(db: Db, kelurahanId: string) {
  return db
    .select({ id: staffUsers.id, identityId: linkedChat })
    .from(staffUsers)
    .where(and(eq(staffUsers.kelurahanId, kelurahanId), isNotNull(staffUsers.identityId)));
}
