/**
 * The administration pages' reads and writes of the kelurahan itself: its settings and its
 * holiday table. Every statement is scoped to the signed-in admin's kelurahan.
 */
import { and, asc, eq, gte, lte, ne, or } from 'drizzle-orm';
import type { Db } from './client';
import { holidays, kelurahan } from './schema';

export function kelurahanSettings(db: Db, kelurahanId: string) {
  return db
    .select({
      name: kelurahan.name,
      address: kelurahan.address,
      phone: kelurahan.phone,
      lurahName: kelurahan.lurahName,
      utcOffsetMinutes: kelurahan.utcOffsetMinutes,
      opensAtMinute: kelurahan.opensAtMinute,
      closesAtMinute: kelurahan.closesAtMinute,
      whatsappPhoneNumberId: kelurahan.whatsappPhoneNumberId,
      telegramBotId: kelurahan.telegramBotId,
      transparencyMinCases: kelurahan.transparencyMinCases,
      retentionDays: kelurahan.retentionDays,
    })
    .from(kelurahan)
    .where(eq(kelurahan.id, kelurahanId))
    .limit(1);
}

export type SettingsChange = {
  name: string;
  address: string;
  phone: string | null;
  lurahName: string;
  opensAtMinute: number;
  closesAtMinute: number;
  whatsappPhoneNumberId: string | null;
  telegramBotId: string | null;
  transparencyMinCases: number;
  retentionDays: number;
};

export function updateKelurahanSettings(db: Db, kelurahanId: string, set: SettingsChange) {
  return db.update(kelurahan).set(set).where(eq(kelurahan.id, kelurahanId));
}

/**
 * Another kelurahan already served by this WhatsApp number or Telegram bot: webhooks find their
 * kelurahan by these, so two may not share one.
 */
export function channelIdsTakenElsewhere(db: Db, v: { kelurahanId: string; whatsappPhoneNumberId: string | null; telegramBotId: string | null }) {
  const clash = [
    v.whatsappPhoneNumberId ? eq(kelurahan.whatsappPhoneNumberId, v.whatsappPhoneNumberId) : undefined,
    v.telegramBotId ? eq(kelurahan.telegramBotId, v.telegramBotId) : undefined,
  ].filter((x) => x !== undefined);
  return db
    .select({ whatsappPhoneNumberId: kelurahan.whatsappPhoneNumberId, telegramBotId: kelurahan.telegramBotId })
    .from(kelurahan)
    .where(and(ne(kelurahan.id, v.kelurahanId), clash.length ? or(...clash) : eq(kelurahan.id, '')));
}

/** A year of the holiday table, in date order. */
export function holidaysOfYear(db: Db, kelurahanId: string, year: number) {
  return db
    .select({ date: holidays.date, name: holidays.name, kind: holidays.kind })
    .from(holidays)
    .where(and(eq(holidays.kelurahanId, kelurahanId), gte(holidays.date, `${year}-01-01`), lte(holidays.date, `${year}-12-31`)))
    .orderBy(asc(holidays.date));
}

export function addHoliday(db: Db, row: typeof holidays.$inferInsert) {
  return db.insert(holidays).values(row);
}

export function removeHoliday(db: Db, v: { kelurahanId: string; date: string }) {
  return db.delete(holidays).where(and(eq(holidays.kelurahanId, v.kelurahanId), eq(holidays.date, v.date)));
}
