/**
 * Human case codes such as KTP-2611-0042: service prefix, year and month of submission (local
 * office time), and a per-kelurahan sequence for that prefix and month. Short enough to read
 * over the phone; the sequence comes from the store, which makes it unique per kelurahan.
 */
import type { LocalDate } from './calendar';

const CODE = /^([A-Z]{2,4})-(\d{2})(\d{2})-(\d{4,})$/;

export interface CaseCodeParts {
  prefix: string;
  /** `YYMM` of the month the sequence belongs to. */
  period: string;
  sequence: number;
}

/** The counter a code is drawn from: one per prefix and month, e.g. `KTP-2611`. */
export function caseCodePeriod(prefix: string, date: LocalDate): string {
  return `${prefix}-${date.slice(2, 4)}${date.slice(5, 7)}`;
}

export function formatCaseCode(prefix: string, date: LocalDate, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`bad sequence ${sequence}`);
  return `${caseCodePeriod(prefix, date)}-${String(sequence).padStart(4, '0')}`;
}

/** Accepts what people type: any case, spaces instead of dashes. */
export function parseCaseCode(input: string): CaseCodeParts | null {
  const m = CODE.exec(input.trim().toUpperCase().replace(/\s+/g, '-'));
  if (!m) return null;
  const month = Number(m[3]);
  if (month < 1 || month > 12) return null;
  return { prefix: m[1]!, period: `${m[2]}${m[3]}`, sequence: Number(m[4]) };
}

export function normalizeCaseCode(input: string): string | null {
  const parts = parseCaseCode(input);
  if (!parts) return null;
  return `${parts.prefix}-${parts.period}-${String(parts.sequence).padStart(4, '0')}`;
}
