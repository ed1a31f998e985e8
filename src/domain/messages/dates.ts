/**
 * Dates as residents read them: "Rabu, 2 Desember 2026". Written out by hand rather than with
 * Intl so that the text is identical in every runtime and test.
 */
import { weekdayOf, type LocalDate } from '../calendar';
import type { Locale } from './index';

const WEEKDAYS: Record<Locale, readonly string[]> = {
  id: ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};
const MONTHS: Record<Locale, readonly string[]> = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

export function formatLongDate(locale: Locale, date: LocalDate): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = WEEKDAYS[locale][weekdayOf(date)];
  const month = MONTHS[locale][m - 1];
  return `${weekday}, ${d} ${month} ${y}`;
}
