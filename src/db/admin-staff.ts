/**
 * Staff accounts as the administration pages keep them. Every statement is scoped to the
 * signed-in admin's kelurahan; no read returns a password hash.
 */
import { and, asc, eq, ne } from 'drizzle-orm';
import type { Db } from './client';
import { channelIdentities, people, staffSessions, staffUsers } from './schema';

type StaffRole = (typeof staffUsers.$inferSelect)['role'];

/** The kelurahan's accounts, with the chat each linked (if any): its channel, id and its person's number. */
export function staffOf(db: Db, kelurahanId: string) {
  return db
    .select({
      id: staffUsers.id,
      username: staffUsers.username,
      displayName: staffUsers.displayName,
      role: staffUsers.role,
      chatChannel: channelIdentities.channel,
      chatExternalId: channelIdentities.externalId,
      chatPhone: people.phone,
    })
    .from(staffUsers)
    .leftJoin(channelIdentities, and(eq(channelIdentities.id, staffUsers.identityId), eq(channelIdentities.kelurahanId, staffUsers.kelurahanId)))
    .leftJoin(people, eq(people.id, channelIdentities.personId))
    .where(eq(staffUsers.kelurahanId, kelurahanId))
    .orderBy(asc(staffUsers.username));
}

/** Usernames are unique across every kelurahan: sign-in names no kelurahan. */
export function usernameTaken(db: Db, username: string) {
  return db.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.username, username)).limit(1);
}

export function addStaffAccount(db: Db, row: { id: string; kelurahanId: string; username: string; displayName: string; role: StaffRole; passwordHash: string; now: number }) {
  const { now, ...rest } = row;
  return db.insert(staffUsers).values({ ...rest, createdAt: now });
}

export function setStaffRole(db: Db, v: { staffId: string; kelurahanId: string; role: StaffRole }) {
  return db.update(staffUsers).set({ role: v.role }).where(and(eq(staffUsers.id, v.staffId), eq(staffUsers.kelurahanId, v.kelurahanId)));
}

export function setStaffPassword(db: Db, v: { staffId: string; kelurahanId: string; passwordHash: string }) {
  return db.update(staffUsers).set({ passwordHash: v.passwordHash }).where(and(eq(staffUsers.id, v.staffId), eq(staffUsers.kelurahanId, v.kelurahanId)));
}

/** A reset password signs the account out everywhere, but for the session that made the reset. */
export function endStaffSessions(db: Db, v: { staffId: string; kelurahanId: string; exceptIdHash: string }) {
  return db
    .delete(staffSessions)
    .where(and(eq(staffSessions.staffId, v.staffId), eq(staffSessions.kelurahanId, v.kelurahanId), ne(staffSessions.idHash, v.exceptIdHash)));
}
