/** The staff member's kelurahan as the desk needs it: its name and address, hours and working calendar. */
import { deskHolidays, deskKelurahan } from '../db/desk';
import type { Db } from '../db/client';
import { addDays, localMoment, workingCalendar, type WorkingCalendar } from '../domain/calendar';
import type { Instant } from '../framework/ports';

export interface Office {
  name: string;
  address: string;
  lurahName: string;
  utcOffsetMinutes: number;
  calendar: WorkingCalendar;
  today: string;
}

/** Holidays a year back and forward cover every date the desk computes or shows. */
export async function loadOffice(db: Db, kelurahanId: string, now: Instant): Promise<Office | null> {
  const [rows, days] = await db.batch([
    deskKelurahan(db, kelurahanId),
    deskHolidays(db, kelurahanId, addDays(localMoment(now).date, -366), addDays(localMoment(now).date, 366)),
  ]);
  const k = rows[0];
  if (!k) return null;
  const calendar = workingCalendar(
    days.map((d) => d.date),
    { utcOffsetMinutes: k.utcOffsetMinutes, opensAtMinute: k.opensAtMinute, closesAtMinute: k.closesAtMinute },
  );
  return { name: k.name, address: k.address, lurahName: k.lurahName, utcOffsetMinutes: k.utcOffsetMinutes, calendar, today: localMoment(now, k.utcOffsetMinutes).date };
}
