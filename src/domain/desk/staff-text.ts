/**
 * What staff type on the desk before it reaches a resident: a reason, a note, an answer, a
 * Disdukcapil reference, a date. Staff are trusted to mean well, not to paste well: text copied
 * from another program brings invisible and direction-changing characters that would make a
 * message read differently than it is stored, and an empty or endless text is a slip.
 */
import { isValidLocalDate, isWorkingDay, localMoment, type LocalDate, type WorkingCalendar } from '../calendar';
import type { Instant } from '../../framework/ports';

/** A reason or note: a few sentences. */
export const REASON_MAX = 500;
/**
 * A reply or a complaint's answer. With Loket's words around it, it still fits the 900
 * characters of a WhatsApp template parameter, which carries it outside the 24-hour window.
 */
export const LONG_TEXT_MAX = 700;
export const REFERENCE_MAX = 40;

export type TextRefusal = { reason: 'text_required' } | { reason: 'text_too_long'; max: number };

// Line breaks are kept (a reply may have lines); every other control, format (zero-width,
// bidi override, BOM), private-use or surrogate character goes.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/gu;

/** The text as it will be sent, or why it cannot be. Too long is refused, not cut: staff must see what goes out. */
export function cleanStaffText(input: string, max = REASON_MAX): { ok: true; value: string } | { ok: false; refusal: TextRefusal } {
  const value = input
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .split('\n')
    .map((line) => line.replace(INVISIBLE, '').replace(/ {2,}/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (value.length === 0) return { ok: false, refusal: { reason: 'text_required' } };
  if ([...value].length > max) return { ok: false, refusal: { reason: 'text_too_long', max } };
  return { ok: true, value };
}

/** Disdukcapil's registration number as stored and told to the resident ("3671/LU/2026-00042"), or null. */
export function normalizeDisdukcapilReference(input: string): string | null {
  const ref = input.trim().toUpperCase();
  if (ref.length === 0 || ref.length > REFERENCE_MAX) return null;
  return /^[A-Z0-9/-]+$/.test(ref) && /[A-Z0-9]/.test(ref) ? ref : null;
}

export type DateRefusal = 'date_invalid' | 'date_past' | 'date_not_working_day';

/** A date staff promise on the office's behalf: real, not before today (office time), a working day. */
export function checkPromiseDate(input: string, now: Instant, cal: WorkingCalendar): { ok: true; date: LocalDate } | { ok: false; reason: DateRefusal } {
  const date = input.trim();
  if (!isValidLocalDate(date)) return { ok: false, reason: 'date_invalid' };
  // YYYY-MM-DD strings compare as dates.
  if (date < localMoment(now, cal.utcOffsetMinutes).date) return { ok: false, reason: 'date_past' };
  if (!isWorkingDay(date, cal)) return { ok: false, reason: 'date_not_working_day' };
  return { ok: true, date };
}
