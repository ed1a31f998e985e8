/** Invitation codes that link an RT chair, a neighbour or a staff member's chat. */
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { named, reusable, value, type Db } from './client';
import { invites, kelurahan, people, rt, rw } from './schema';

export function insertInvite(db: Db, row: typeof invites.$inferInsert) {
  return db.insert(invites).values(row);
}

/**
 * The invitation of a code, with the RT its person chairs (placeholders k, inviteCode). A revoked
 * code is not found at all, so the chat answers it exactly as a code that never existed.
 */
export function inviteByCode(db: Db) {
  return db
    .select({
      code: invites.code,
      personId: invites.personId,
      role: invites.role,
      usedAt: invites.usedAt,
      expiresAt: invites.expiresAt,
      fullName: people.fullName,
      locale: people.locale,
      rtNumber: named(rt.number, 'rt_number'),
      rwNumber: named(rw.number, 'rw_number'),
    })
    .from(invites)
    .innerJoin(people, eq(people.id, invites.personId))
    .leftJoin(rt, eq(rt.chairPersonId, invites.personId))
    .leftJoin(rw, eq(rw.id, rt.rwId))
    .where(and(eq(invites.kelurahanId, sql.placeholder('k')), eq(invites.code, sql.placeholder('inviteCode')), isNull(invites.revokedAt)))
    .limit(1);
}

/**
 * Spends a code once: of twenty chats sending it at once only the first changes a row, and
 * linkInvitedIdentity right after it aborts the others' batches (placeholders now, identityId, code, k).
 * A code revoked after the message read it changes no row either, and so links nobody.
 */
export const spendInvite = reusable((db) =>
  db
    .update(invites)
    .set({ usedAt: value('now'), usedByIdentityId: value('identityId') })
    .where(
      and(eq(invites.code, sql.placeholder('code')), eq(invites.kelurahanId, sql.placeholder('k')), isNull(invites.usedAt), isNull(invites.revokedAt)),
    ),
);

/**
 * A staff member's code still waiting to be used, with the kelurahan's offset for the time it
 * expires; at most one, as making a new code ends the earlier ones.
 */
export function openStaffInvite(db: Db, v: { staffId: string; kelurahanId: string; now: number }) {
  return db
    .select({ code: invites.code, expiresAt: invites.expiresAt, utcOffsetMinutes: kelurahan.utcOffsetMinutes })
    .from(invites)
    .innerJoin(kelurahan, eq(kelurahan.id, invites.kelurahanId))
    .where(
      and(
        eq(invites.kelurahanId, v.kelurahanId),
        eq(invites.staffUserId, v.staffId),
        eq(invites.role, 'staff'),
        isNull(invites.usedAt),
        isNull(invites.revokedAt),
        gt(invites.expiresAt, v.now),
      ),
    )
    .orderBy(desc(invites.createdAt))
    .limit(1);
}

/** Ends a staff member's unused codes: only the newest one shown on their page works. */
export function expireStaffInvites(db: Db, v: { staffId: string; kelurahanId: string; now: number }) {
  return db
    .update(invites)
    .set({ expiresAt: v.now })
    .where(
      and(
        eq(invites.kelurahanId, v.kelurahanId),
        eq(invites.staffUserId, v.staffId),
        eq(invites.role, 'staff'),
        isNull(invites.usedAt),
        gt(invites.expiresAt, v.now),
      ),
    );
}

/**
 * The codes of a kelurahan still waiting to be used (not spent, revoked or expired), newest
 * first, with whom each links: an RT chair (and their RT), or a staff account.
 */
export function openInvites(db: Db, v: { kelurahanId: string; now: number }) {
  return db
    .select({
      code: invites.code,
      role: invites.role,
      personName: people.fullName,
      rtNumber: named(rt.number, 'rt_number'),
      rwNumber: named(rw.number, 'rw_number'),
      staffUserId: invites.staffUserId,
      createdAt: invites.createdAt,
      expiresAt: invites.expiresAt,
    })
    .from(invites)
    .innerJoin(people, eq(people.id, invites.personId))
    .leftJoin(rt, and(eq(rt.chairPersonId, invites.personId), eq(rt.kelurahanId, invites.kelurahanId)))
    .leftJoin(rw, eq(rw.id, rt.rwId))
    .where(and(eq(invites.kelurahanId, v.kelurahanId), isNull(invites.usedAt), isNull(invites.revokedAt), gt(invites.expiresAt, v.now)))
    .orderBy(desc(invites.createdAt), invites.code);
}

/** Revokes a code not yet used: from then on it links nobody. */
export function revokeInvite(db: Db, v: { code: string; kelurahanId: string; now: number }) {
  return db
    .update(invites)
    .set({ revokedAt: v.now })
    .where(and(eq(invites.code, v.code), eq(invites.kelurahanId, v.kelurahanId), isNull(invites.usedAt), isNull(invites.revokedAt)));
}

/**
 * Revokes the open chair codes of an RT's chair before the RT gets another: a code the office gave
 * the old chair must not link a phone to a person who no longer holds the RT.
 */
export function revokeChairInvitesOfRt(db: Db, v: { rtId: string; kelurahanId: string; now: number }) {
  return db
    .update(invites)
    .set({ revokedAt: v.now })
    .where(
      and(
        eq(invites.kelurahanId, v.kelurahanId), eq(invites.role, 'rt_chair'), isNull(invites.usedAt), isNull(invites.revokedAt),
        eq(invites.personId, sql`(SELECT ${rt.chairPersonId} FROM ${rt} WHERE ${rt.id} = ${v.rtId} AND ${rt.kelurahanId} = ${v.kelurahanId})`),
      ),
    );
}
