/**
 * The dates a statistics page or an export covers: `from` and `to` as YYYY-MM-DD in office
 * time, both days included, at most a year (366 days, for a leap year) so one request never
 * reads the whole history. Without dates: the twelve weeks of the chart, up to today.
 */
import { addDays, instantAt, isValidLocalDate, type LocalDate } from '../../domain/calendar';
import type { Range } from '../../domain/stats';
import type { RangeError } from './text';

export const MAX_RANGE_DAYS = 366;

export interface DateRange {
  from: LocalDate;
  to: LocalDate;
  /** The same days as instants: from the first midnight to the midnight after `to`. */
  range: Range;
}

export type RangeResult = { ok: true; value: DateRange } | { ok: false; error: RangeError; value: DateRange };

export function dateRange(from: LocalDate, to: LocalDate, utcOffsetMinutes: number): DateRange {
  return { from, to, range: { from: instantAt(from, 0, utcOffsetMinutes), to: instantAt(addDays(to, 1), 0, utcOffsetMinutes) } };
}

/** The asked range, or the default one with the reason it was refused. */
export function parseRange(query: { from?: string; to?: string }, fallback: { from: LocalDate; to: LocalDate }, utcOffsetMinutes: number): RangeResult {
  const asDefault = dateRange(fallback.from, fallback.to, utcOffsetMinutes);
  const from = query.from?.trim() || fallback.from;
  const to = query.to?.trim() || fallback.to;
  if (!isValidLocalDate(from) || !isValidLocalDate(to)) return { ok: false, error: 'bad_date', value: asDefault };
  if (from > to) return { ok: false, error: 'reversed', value: asDefault };
  if (addDays(from, MAX_RANGE_DAYS) <= to) return { ok: false, error: 'too_long', value: asDefault };
  return { ok: true, value: dateRange(from, to, utcOffsetMinutes) };
}
