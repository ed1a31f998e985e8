/**
 * The CSV export of cases: one row per service case, written for a spreadsheet (Excel, LibreOffice,
 * Google Sheets) as RFC 4180 with CRLF line ends and a byte-order mark, so names with letters
 * beyond ASCII open right in Excel.
 */
import type { ExportCaseRow } from '../../db/stats';
import type { WorkingCalendar } from '../../domain/calendar';
import { localMoment } from '../../domain/calendar';
import { t as message, type Locale } from '../../domain/messages';
import { maskNik } from '../../domain/nik';
import type { Instant } from '../../framework/ports';
import { promiseKept } from '../../domain/stats';
import { clock } from '../format';
import { workText } from '../work-text';
import { statsCase } from './rows';
import { statsText } from './text';

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return, which some
 * strip before looking) as a formula: a name typed by a resident could call out or run
 * commands (OWASP, "CSV Injection"). A leading apostrophe makes it text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

const BOM = '\uFEFF';

/** "2026-11-30 10.05", office time: sorts as text and reads as a date. */
function when(at: Instant | null, utcOffsetMinutes: number): string {
  if (at === null) return '';
  const m = localMoment(at, utcOffsetMinutes);
  return `${m.date} ${clock(m.minuteOfDay)}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * In fours, as maskNik writes it: sixteen bare digits become a number in a spreadsheet, which
 * keeps fifteen and turns the last into a zero.
 */
function groupedNik(nik: string): string {
  return nik.replace(/\D/g, '').replace(/(\d{4})(?=\d)/g, '$1 ');
}

export interface CsvOptions {
  locale: Locale;
  /** Lurah and admin see the NIK whole; staff see it masked. */
  fullNik: boolean;
  now: Instant;
  calendar: WorkingCalendar;
}

export function casesCsv(rows: readonly ExportCaseRow[], o: CsvOptions): string {
  const w = statsText(o.locale);
  const stage = workText(o.locale).stage;
  const offset = o.calendar.utcOffsetMinutes;
  let out = BOM + csvLine(w.csvHeader);
  for (const r of rows) {
    if (r.service === null) continue;
    const kept = promiseKept(statsCase({ ...r, service: r.service }), o.now, o.calendar);
    out += csvLine([
      r.code,
      message(o.locale, `service.${r.service}`),
      stage[r.state],
      // Spelled out: a bare "03/02" becomes 3 February in a spreadsheet.
      r.rtNumber !== null && r.rwNumber !== null ? `RT ${pad(r.rtNumber)}/RW ${pad(r.rwNumber)}` : '',
      when(r.receivedAt, offset),
      when(r.day3DueAt, offset),
      when(r.handedOverAt, offset),
      kept === null ? '' : kept ? w.yes : w.no,
      r.applicantName,
      r.applicantNik ? (o.fullNik ? groupedNik(r.applicantNik) : maskNik(r.applicantNik)) : '',
    ]);
  }
  return out;
}
