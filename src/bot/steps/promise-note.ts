/** What the resident is told besides a promised date: why it is later than three calendar days. */
import type { LocalDate } from '../../domain/calendar';
import { formatLongDate } from '../../domain/messages/dates';
import { holidaysWithin } from '../../domain/promise';
import type { Session } from '../session';

/** The holidays between `from` and the promised date `to`, said plainly; null when none. */
export function holidayNote(s: Session, from: LocalDate, to: LocalDate): string | null {
  const holidays = holidaysWithin(from, to, s.ctx.calendar);
  if (holidays.length === 0) return null;
  // The dates themselves hold commas ("Kamis, 24 Desember 2026"): joined with a word instead.
  return s.t('promise.holiday', { dates: holidays.map((d) => formatLongDate(s.locale, d)).join(` ${s.t('promise.and')} `) });
}
