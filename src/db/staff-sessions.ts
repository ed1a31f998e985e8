/** Staff sign-in and sessions: the account behind a username, and the sessions of the staff desk. */
import { and, eq, gt, lte } from 'drizzle-orm';
import type { Db } from './client';
import { kelurahan, staffSessions, staffUsers } from './schema';

/** The account a sign-in names; nothing when the username is unknown. */
export function staffForSignIn(db: Db, username: string) {
  return db
    .select({ id: staffUsers.id, kelurahanId: staffUsers.kelurahanId, passwordHash: staffUsers.passwordHash })
    .from(staffUsers)
    .where(eq(staffUsers.username, username));
}

export function insertSession(db: Db, row: typeof staffSessions.$inferInsert) {
  return db.insert(staffSessions).values(row);
}

/**
 * The signed-in staff member of a live session. The join on both staff id and kelurahan ends a
 * session whose account was deleted or moved to another kelurahan after it began.
 */
export function sessionByHash(db: Db, idHash: string, now: number) {
  return db
    .select({
      staffId: staffUsers.id,
      username: staffUsers.username,
      displayName: staffUsers.displayName,
      role: staffUsers.role,
      kelurahanId: staffSessions.kelurahanId,
      kelurahanName: kelurahan.name,
      csrfToken: staffSessions.csrfToken,
      createdAt: staffSessions.createdAt,
      lastSeenAt: staffSessions.lastSeenAt,
    })
    .from(staffSessions)
    .innerJoin(staffUsers, and(eq(staffUsers.id, staffSessions.staffId), eq(staffUsers.kelurahanId, staffSessions.kelurahanId)))
    .innerJoin(kelurahan, eq(kelurahan.id, staffSessions.kelurahanId))
    .where(and(eq(staffSessions.idHash, idHash), gt(staffSessions.expiresAt, now)));
}

/** The session was used: its idle limit moves on (never past its absolute limit, which the caller computes). */
export function touchSession(db: Db, v: { idHash: string; now: number; expiresAt: number }) {
  return db.update(staffSessions).set({ lastSeenAt: v.now, expiresAt: v.expiresAt }).where(eq(staffSessions.idHash, v.idHash));
}

export function deleteSession(db: Db, idHash: string) {
  return db.delete(staffSessions).where(eq(staffSessions.idHash, idHash));
}

/** The daily clean-up: expired sessions no longer sign anyone in, and are dropped through the expiry index. */
export function deleteExpiredSessions(db: Db, now: number) {
  return db.delete(staffSessions).where(lte(staffSessions.expiresAt, now));
}
