/** Invitation codes that link an RT chair or a neighbour to their chat. */
import { and, eq, sql } from 'drizzle-orm';
import { named, type Db } from './client';
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
