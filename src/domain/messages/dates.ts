/**
 * Dates as residents read them: "Rabu, 2 Desember 2026". Written out by hand rather than with
 * Intl so that the text is identical in every runtime and test.
 */
import { weekdayOf, type LocalDate } from '../calendar';

// Keyed by locale without importing the catalogue's Locale: the catalogues themselves format dates.
const WEEKDAYS = {
  id: ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
} as const;
const MONTHS: Record<keyof typeof WEEKDAYS, readonly string[]> = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

export function formatLongDate(locale: keyof typeof WEEKDAYS, date: LocalDate): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = WEEKDAYS[locale][weekdayOf(date)];
  const month = MONTHS[locale][m - 1];
  return `${weekday}, ${d} ${month} ${y}`;
}

/** "30 November 2026": a date in a list, where the weekday would only make the line longer. */
export function formatDate(locale: keyof typeof WEEKDAYS, date: LocalDate): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[locale][m - 1]} ${y}`;
}
