/** Look-ups of the kelurahan and its registry (RW, RT and their chairs). */
import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { named, type Db } from './client';
import { channelIdentities, kelurahan, people, rt, rw } from './schema';

export function countKelurahan(db: Db) {
  return db.select({ n: sql<number>`count(*)` }).from(kelurahan);
}

export function kelurahanById(db: Db, id: string) {
  return db.select({ id: kelurahan.id }).from(kelurahan).where(eq(kelurahan.id, id));
}

/** The first kelurahan created: the demo one when running locally. */
export function firstKelurahan(db: Db) {
  return db.select({ id: kelurahan.id }).from(kelurahan).orderBy(asc(kelurahan.createdAt), asc(kelurahan.id)).limit(1);
}

export function kelurahanByWhatsappNumber(db: Db, phoneNumberId: string) {
  return db.select({ id: kelurahan.id }).from(kelurahan).where(eq(kelurahan.whatsappPhoneNumberId, phoneNumberId));
}

/** The kelurahan a Telegram bot serves (the digits before ":" in its token). */
export function kelurahanByTelegramBot(db: Db, botId: string) {
  return db.select({ id: kelurahan.id }).from(kelurahan).where(eq(kelurahan.telegramBotId, botId));
}

export function whatsappNumberOfKelurahan(db: Db, id: string) {
  return db
    .select({ name: kelurahan.name, whatsappPhoneNumberId: kelurahan.whatsappPhoneNumberId })
    .from(kelurahan)
    .where(eq(kelurahan.id, id));
}

/** The RT numbered rt in RW rw, if it has a chair (an invitation needs someone to invite). */
export function chairedRtByNumbers(db: Db, rwNumber: number, rtNumber: number) {
  return db
    .select({ kelurahanId: rt.kelurahanId, chairPersonId: rt.chairPersonId })
    .from(rt)
    .innerJoin(rw, eq(rw.id, rt.rwId))
    .where(and(eq(rw.number, rwNumber), eq(rt.number, rtNumber), isNotNull(rt.chairPersonId)))
    .limit(1);
}

/** RT chairs who have a simulator identity, for the simulator's list of people. */
export function simulatorChairs(db: Db) {
  return db
    .select({ id: channelIdentities.externalId, name: people.fullName, rt: rt.number, rw: rw.number })
    .from(rt)
    .innerJoin(rw, eq(rw.id, rt.rwId))
    .innerJoin(people, eq(people.id, rt.chairPersonId))
    .innerJoin(channelIdentities, and(eq(channelIdentities.personId, people.id), eq(channelIdentities.channel, 'simulator')))
    .orderBy(asc(rw.number), asc(rt.number));
}

/**
 * Name, office hours, and how residents reach the office (placeholder k). Read with every
 * inbound message, so the phone and address cost no round trip of their own.
 */
export function kelurahanHours(db: Db) {
  return db
    .select({
      id: kelurahan.id,
      name: kelurahan.name,
      phone: kelurahan.phone,
      address: kelurahan.address,
      utcOffsetMinutes: kelurahan.utcOffsetMinutes,
      opensAtMinute: kelurahan.opensAtMinute,
      closesAtMinute: kelurahan.closesAtMinute,
    })
    .from(kelurahan)
    .where(eq(kelurahan.id, sql.placeholder('k')));
}

/** Every RT with its RW and chair, and the chat the chair last wrote from (placeholder k). */
export function registryOf(db: Db) {
  const ci = alias(channelIdentities, 'ci');
  return db
    .select({
      rtId: named(rt.id, 'rtId'),
      rwNumber: named(rw.number, 'rwNumber'),
      rtNumber: named(rt.number, 'rtNumber'),
      chairPersonId: named(rt.chairPersonId, 'chairPersonId'),
      chairName: named(people.fullName, 'chairName'),
      chairNik: named(people.nik, 'chairNik'),
      chairIdentityId: sql<string | null>`(${db
        .select({ id: ci.id })
        .from(ci)
        .where(eq(ci.personId, rt.chairPersonId))
        .orderBy(sql`${ci.lastInboundAt} DESC NULLS LAST`, asc(ci.createdAt))
        .limit(1)})`.as('chairIdentityId'),
    })
    .from(rt)
    .innerJoin(rw, eq(rw.id, rt.rwId))
    .leftJoin(people, eq(people.id, rt.chairPersonId))
    .where(eq(rt.kelurahanId, sql.placeholder('k')))
    .orderBy(asc(rw.number), asc(rt.number));
}
