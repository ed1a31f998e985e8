/**
 * The demo kelurahan's upserts. Each is keyed on a fixed id, so seeding twice leaves the same
 * data; the caller sends them in one batch.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from './client';
import { channelIdentities, holidays, kelurahan, people, rt, rw, staffUsers } from './schema';

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];

export function upsertKelurahan(db: Db, row: Insert<typeof kelurahan>) {
  const { name, kecamatan, city, lurahName, address, phone, whatsappPhoneNumberId, telegramBotId } = row;
  return db
    .insert(kelurahan)
    .values(row)
    .onConflictDoUpdate({ target: kelurahan.id, set: { name, kecamatan, city, lurahName, address, phone, whatsappPhoneNumberId, telegramBotId } });
}

export function insertRw(db: Db, row: Insert<typeof rw>) {
  return db.insert(rw).values(row).onConflictDoNothing({ target: rw.id });
}

export function insertRt(db: Db, row: Insert<typeof rt>) {
  return db.insert(rt).values(row).onConflictDoNothing({ target: rt.id });
}

export function setRtChair(db: Db, rtId: string, personId: string) {
  return db.update(rt).set({ chairPersonId: personId }).where(eq(rt.id, rtId));
}

export function upsertPerson(db: Db, row: Insert<typeof people>) {
  return db
    .insert(people)
    .values(row)
    .onConflictDoUpdate({ target: people.id, set: { fullName: row.fullName, phone: row.phone, rtId: row.rtId } });
}

export function insertIdentity(db: Db, row: Insert<typeof channelIdentities>) {
  return db.insert(channelIdentities).values(row).onConflictDoNothing({ target: channelIdentities.id });
}

/** The password is re-hashed on every seed, so the printed local password always works. */
export function upsertStaffUser(db: Db, row: Insert<typeof staffUsers>) {
  return db
    .insert(staffUsers)
    .values(row)
    .onConflictDoUpdate({
      target: staffUsers.id,
      set: { passwordHash: row.passwordHash, displayName: row.displayName, role: row.role },
    });
}

export function insertHoliday(db: Db, row: Insert<typeof holidays>) {
  return db.insert(holidays).values(row).onConflictDoNothing({ target: [holidays.kelurahanId, holidays.date] });
}


/** The demo staff's simulator chat, unless the account has linked another since. */
export function linkStaffChatIfNone(db: Db, v: { staffId: string; identityId: string }) {
  return db
    .update(staffUsers)
    .set({ identityId: sql`coalesce(${staffUsers.identityId}, ${v.identityId})` })
    .where(eq(staffUsers.id, v.staffId));
}
