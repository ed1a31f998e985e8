/** Staff members of a kelurahan, as the jobs reach them by chat, and the chat each one linked. */
import { and, eq, isNotNull, ne, sql } from 'drizzle-orm';
import { named, reusable, value, type Db } from './client';
import { channelIdentities, invites, people, staffUsers } from './schema';

const ph = sql.placeholder;

/**
 * A staff member's linked chat counts only within their own kelurahan: a chat is a kelurahan's
 * (its number), and an account moved to another kelurahan must not take the old one's chat along.
 */
const ownChat = and(eq(channelIdentities.id, staffUsers.identityId), eq(channelIdentities.kelurahanId, staffUsers.kelurahanId));

/**
 * The linked staff chats of one kelurahan, with the language each reads in (that of the chat's
 * person): whom escalations reach. Empty: escalations reach nobody (the desk says so). The ids
 * are named apart, since a batch returns rows keyed by column name.
 */
export function linkedStaffChats(db: Db, kelurahanId: string) {
  return db
    .select({ staffId: named(staffUsers.id, 'staff_id'), identityId: named(channelIdentities.id, 'identity_id'), locale: people.locale })
    .from(staffUsers)
    .innerJoin(channelIdentities, ownChat)
    .innerJoin(people, eq(people.id, channelIdentities.personId))
    .where(eq(staffUsers.kelurahanId, kelurahanId))
    .orderBy(staffUsers.id);
}

/** Every kelurahan's linked staff chats at once, for the daily digest. */
export function linkedStaffChatsEverywhere(db: Db) {
  return db
    .select({
      staffId: named(staffUsers.id, 'staff_id'),
      kelurahanId: named(staffUsers.kelurahanId, 'kelurahan_id'),
      identityId: named(channelIdentities.id, 'identity_id'),
      locale: people.locale,
    })
    .from(staffUsers)
    .innerJoin(channelIdentities, ownChat)
    .innerJoin(people, eq(people.id, channelIdentities.personId))
    .orderBy(staffUsers.kelurahanId, staffUsers.id);
}

/** Linked staff chats of the kelurahan, but for `exceptPersonId`'s own, with their language. */
export function staffChatsExcept(db: Db, kelurahanId: string, exceptPersonId: string) {
  return db
    .select({ id: channelIdentities.id, locale: people.locale })
    .from(staffUsers)
    .innerJoin(channelIdentities, ownChat)
    .innerJoin(people, eq(people.id, channelIdentities.personId))
    .where(and(eq(staffUsers.kelurahanId, kelurahanId), ne(channelIdentities.personId, exceptPersonId)));
}

/** The chat a staff member linked, as their account page shows it (the number masked there). */
export function staffChatOf(db: Db, v: { staffId: string; kelurahanId: string }) {
  return db
    .select({ channel: channelIdentities.channel, externalId: channelIdentities.externalId, phone: people.phone })
    .from(staffUsers)
    .innerJoin(channelIdentities, ownChat)
    .innerJoin(people, eq(people.id, channelIdentities.personId))
    .where(and(eq(staffUsers.id, v.staffId), eq(staffUsers.kelurahanId, v.kelurahanId)));
}

/**
 * Links the chat to the staff account a code was made for, in the write batch after spendInvite
 * and its guard (linkInvitedIdentity), which abort the batch if the code was spent meanwhile
 * (placeholders identityId, code, k).
 */
export const linkStaffChat = reusable((db) =>
  db
    .update(staffUsers)
    .set({ identityId: value('identityId') })
    .where(
      and(
        eq(staffUsers.kelurahanId, ph('k')),
        eq(
          staffUsers.id,
          sql`(${db
            .select({ id: invites.staffUserId })
            .from(invites)
            .where(and(eq(invites.code, ph('code')), eq(invites.kelurahanId, ph('k')), eq(invites.role, 'staff')))})`,
        ),
      ),
    ),
);

export function unlinkStaffChat(db: Db, v: { staffId: string; kelurahanId: string }) {
  return db
    .update(staffUsers)
    .set({ identityId: null })
    .where(and(eq(staffUsers.id, v.staffId), eq(staffUsers.kelurahanId, v.kelurahanId), isNotNull(staffUsers.identityId)));
}
