/**
 * The RW and RT registry as the administration pages keep it: the neighbourhoods, their chairs
 * (person records), and the chats each chair has linked. Every statement is scoped to the
 * signed-in admin's kelurahan.
 */
import { and, asc, eq } from 'drizzle-orm';
import { named, type Db } from './client';
import { channelIdentities, people, rt, rw } from './schema';

/** Every RW with its chair. */
export function rwsOf(db: Db, kelurahanId: string) {
  return db
    .select({ id: rw.id, number: rw.number, chairPersonId: rw.chairPersonId, chairName: people.fullName, chairPhone: people.phone })
    .from(rw)
    .leftJoin(people, eq(people.id, rw.chairPersonId))
    .where(eq(rw.kelurahanId, kelurahanId))
    .orderBy(asc(rw.number));
}

/** Every RT with its RW and chair. */
export function rtsOf(db: Db, kelurahanId: string) {
  return db
    .select({
      id: rt.id,
      rwId: rt.rwId,
      rwNumber: named(rw.number, 'rw_number'),
      number: rt.number,
      chairPersonId: rt.chairPersonId,
      chairName: people.fullName,
      chairPhone: people.phone,
    })
    .from(rt)
    .innerJoin(rw, eq(rw.id, rt.rwId))
    .leftJoin(people, eq(people.id, rt.chairPersonId))
    .where(eq(rt.kelurahanId, kelurahanId))
    .orderBy(asc(rw.number), asc(rt.number));
}

/** The chats of the RT chairs: who is linked on which channel (a Telegram chat by the person's number). */
export function chairChats(db: Db, kelurahanId: string) {
  return db
    .select({ rtId: rt.id, channel: channelIdentities.channel, externalId: channelIdentities.externalId, phone: people.phone })
    .from(rt)
    .innerJoin(channelIdentities, and(eq(channelIdentities.personId, rt.chairPersonId), eq(channelIdentities.kelurahanId, rt.kelurahanId)))
    .innerJoin(people, eq(people.id, channelIdentities.personId))
    .where(eq(rt.kelurahanId, kelurahanId))
    .orderBy(asc(rt.id), asc(channelIdentities.createdAt));
}

export function addRw(db: Db, row: { id: string; kelurahanId: string; number: number }) {
  return db.insert(rw).values(row);
}

export function addRt(db: Db, row: { id: string; kelurahanId: string; rwId: string; number: number }) {
  return db.insert(rt).values(row);
}

/**
 * A chair as a person of their own: their chats come only through an invitation code, never
 * from the number typed here (src/db/people.ts personOfOwnNumber).
 */
export function addChairPerson(db: Db, row: { id: string; kelurahanId: string; fullName: string; phone: string; rtId: string | null; now: number }) {
  return db.insert(people).values({ id: row.id, kelurahanId: row.kelurahanId, fullName: row.fullName, phone: row.phone, rtId: row.rtId, createdAt: row.now });
}

export function setRtChairPerson(db: Db, v: { rtId: string; kelurahanId: string; personId: string }) {
  return db.update(rt).set({ chairPersonId: v.personId }).where(and(eq(rt.id, v.rtId), eq(rt.kelurahanId, v.kelurahanId)));
}

export function setRwChairPerson(db: Db, v: { rwId: string; kelurahanId: string; personId: string }) {
  return db.update(rw).set({ chairPersonId: v.personId }).where(and(eq(rw.id, v.rwId), eq(rw.kelurahanId, v.kelurahanId)));
}
