/** Dates and times on the desk, in the kelurahan's own time zone, written out like residents read them. */
import { localMoment } from '../domain/calendar';
import type { Locale } from '../domain/messages';
import { formatLongDate } from '../domain/messages/dates';
import type { Instant } from '../framework/ports';

const ZONES: Record<number, string> = { 420: 'WIB', 480: 'WITA', 540: 'WIT' };

export function clock(minuteOfDay: number): string {
  return `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}.${String(minuteOfDay % 60).padStart(2, '0')}`;
}

/** "Rabu, 2 Desember 2026, 16.00 WIB". */
export function dateTime(locale: Locale, at: Instant, utcOffsetMinutes: number): string {
  const m = localMoment(at, utcOffsetMinutes);
  return `${formatLongDate(locale, m.date)}, ${clock(m.minuteOfDay)} ${ZONES[utcOffsetMinutes] ?? ''}`.trim();
}
