/** Invitation codes that link an RT chair or a neighbour to their chat. */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { named, reusable, value, type Db } from './client';
import { invites, people, rt, rw } from './schema';

export function insertInvite(db: Db, row: typeof invites.$inferInsert) {
  return db.insert(invites).values(row);
}

/** The invitation of a code, with the RT its person chairs (placeholders k, inviteCode). */
export function inviteByCode(db: Db) {
  return db
    .select({
      code: invites.code,
      personId: invites.personId,
      role: invites.role,
      usedAt: invites.usedAt,
      expiresAt: invites.expiresAt,
      fullName: people.fullName,
      rtNumber: named(rt.number, 'rt_number'),
      rwNumber: named(rw.number, 'rw_number'),
    })
    .from(invites)
    .innerJoin(people, eq(people.id, invites.personId))
    .leftJoin(rt, eq(rt.chairPersonId, invites.personId))
    .leftJoin(rw, eq(rw.id, rt.rwId))
    .where(and(eq(invites.kelurahanId, sql.placeholder('k')), eq(invites.code, sql.placeholder('inviteCode'))))
    .limit(1);
}

/**
 * Spends a code once: of twenty chats sending it at once only the first changes a row, and
 * linkInvitedIdentity right after it aborts the others' batches (placeholders now, identityId, code, k).
 */
export const spendInvite = reusable((db) =>
  db
    .update(invites)
    .set({ usedAt: value('now'), usedByIdentityId: value('identityId') })
    .where(and(eq(invites.code, sql.placeholder('code')), eq(invites.kelurahanId, sql.placeholder('k')), isNull(invites.usedAt))),
);
