/**
 * The satisfaction survey (Survei Kepuasan Masyarakat) of Peraturan Menteri PANRB No. 14 Tahun
 * 2017, Lampiran: nine elements (unsur), each answered on 1-4, and the index (IKM) with its grade.
 *
 * The arithmetic is the regulation's (Lampiran, "Pengolahan Data" and the table "Nilai Persepsi,
 * Nilai Interval, Nilai Interval Konversi, Mutu Pelayanan dan Kinerja Unit Pelayanan"):
 * - NRR per unsur = the sum of the answers to an element / the number of answers to it;
 * - NRR tertimbang per unsur = NRR x the weight, 1 / the number of elements (written 0,111 there);
 * - IKM unit pelayanan = the sum of the NRR tertimbang (1.00-4.00), and its nilai interval
 *   konversi = IKM x 25 (25.00-100.00), which the grade is read from.
 * The weight is the fraction 1/9 itself, not the three decimals the regulation prints: with
 * 0.111 a unit that everyone rated 4 would score 99.9, yet the regulation's own table puts
 * nilai interval 4.00 at 100.00, and so does a published report computed by it (e-SMILE,
 * Kabupaten Tulang Bawang Barat, 2023 semester 1: nine answers of 4, IKM 100, "Sangat Baik").
 * Sources: the regulation as reproduced at https://puskaandriana.blogspot.com/2023/03/permenpan-no-14-th-2017-tentang-survey.html
 * and https://e-smile.tubaba.go.id/main/skm/laporan/online.
 *
 * Stopping halfway keeps what was answered, so a row may lack some elements: each element's mean
 * is taken over the answers it has, and an element nobody answered is left out, its weight going
 * to the others (the regulation's "total unsur yang terisi"). The IKM is then the mean of the
 * element means that exist, times 25. A row with no answer at all is not a respondent.
 */
import { localMoment } from './calendar';
import type { Instant } from '../framework/ports';
import type { ServiceId } from './services';

export const SKM_ELEMENTS = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9'] as const;
export type SkmElement = (typeof SKM_ELEMENTS)[number];
export type SkmValue = 1 | 2 | 3 | 4;

/** One resident's answers: null (or absent) where they did not answer. */
export type SkmAnswers = Partial<Record<SkmElement, number | null>>;

/** A row as the statistics group it: the answers, the service of the case and when it began. */
export interface SkmRow extends SkmAnswers {
  service: ServiceId;
  startedAt: Instant;
}

/**
 * How long the invitation's buttons stay good after the hand-over ("Nanti saja" points back to
 * them); it is never sent a second time.
 */
export const SKM_INVITE_DAYS = 7;

export type SkmInvitePress = 'yes' | 'later' | 'no';
const PRESS_CODE: Record<SkmInvitePress, string> = { yes: 'y', later: 'l', no: 'n' };

/** The invitation's buttons, naming the case: `skm:y:<case id>`, `skm:l:…`, `skm:n:…`. */
export function skmInviteChoices(caseId: string): { id: string; label: 'skm.yes' | 'skm.later' | 'skm.no' }[] {
  return [
    { id: `skm:${PRESS_CODE.yes}:${caseId}`, label: 'skm.yes' },
    { id: `skm:${PRESS_CODE.later}:${caseId}`, label: 'skm.later' },
    { id: `skm:${PRESS_CODE.no}:${caseId}`, label: 'skm.no' },
  ];
}

/** What an invitation button says, or null for an id that is not one. */
export function parseSkmInvitePress(choiceId: string): { press: SkmInvitePress; caseId: string } | null {
  const m = /^skm:([yln]):(.{1,64})$/.exec(choiceId);
  if (!m) return null;
  return { press: m[1] === 'y' ? 'yes' : m[1] === 'l' ? 'later' : 'no', caseId: m[2]! };
}

/** The longest suggestion kept: a few sentences. */
export const SKM_SUGGESTION_MAX = 500;

export function isSkmValue(n: unknown): n is SkmValue {
  return n === 1 || n === 2 || n === 3 || n === 4;
}

export type SkmGrade = 'A' | 'B' | 'C' | 'D';

export interface Ikm {
  /** Nilai interval konversi, 25.00-100.00, to two decimals as the regulation reports it. */
  value: number;
  grade: SkmGrade;
  /** Rows with at least one answer. */
  respondents: number;
  /** NRR per element; null where nobody answered it. */
  elementMeans: Record<SkmElement, number | null>;
}

/** The mean answer of each element over the rows that answered it. */
export function elementMeans(rows: readonly SkmAnswers[]): Record<SkmElement, number | null> {
  const out = {} as Record<SkmElement, number | null>;
  for (const e of SKM_ELEMENTS) {
    let sum = 0;
    let n = 0;
    for (const r of rows) {
      const v = r[e];
      if (isSkmValue(v)) {
        sum += v;
        n++;
      }
    }
    out[e] = n === 0 ? null : sum / n;
  }
  return out;
}

/** Nilai interval (the sum of the NRR tertimbang, 1-4) to nilai interval konversi (25-100), rounded to two decimals. */
export function convert(intervalValue: number): number {
  // The small nudge keeps a value like 88.305, stored as 88.30499..., rounding up as written.
  return Math.round(intervalValue * 25 * 100 + 1e-7) / 100;
}

/** The IKM of these rows, or null when none of them answered anything. */
export function ikm(rows: readonly SkmAnswers[]): Ikm | null {
  const means = elementMeans(rows);
  const present = SKM_ELEMENTS.map((e) => means[e]).filter((m): m is number => m !== null);
  if (present.length === 0) return null;
  const weight = 1 / present.length;
  const value = convert(present.reduce((sum, m) => sum + m * weight, 0));
  const respondents = rows.filter((r) => SKM_ELEMENTS.some((e) => isSkmValue(r[e]))).length;
  return { value, grade: grade(value), respondents, elementMeans: means };
}

/**
 * Mutu pelayanan of a nilai interval konversi: A 88.31-100.00 (Sangat Baik), B 76.61-88.30
 * (Baik), C 65.00-76.60 (Kurang Baik), D 25.00-64.99 (Tidak Baik). Read from the value rounded
 * to two decimals, so no value falls between two grades.
 */
export function grade(value: number): SkmGrade {
  const v = Math.round(value * 100 + 1e-7) / 100;
  if (v >= 88.31) return 'A';
  if (v >= 76.61) return 'B';
  if (v >= 65) return 'C';
  return 'D';
}

/** The calendar quarter an instant falls in, in the kelurahan's time zone: "2026-Q4". */
export function quarterOf(at: Instant, utcOffsetMinutes?: number): string {
  const date = localMoment(at, utcOffsetMinutes).date;
  const [year, month] = date.split('-').map(Number) as [number, number];
  return `${year}-Q${Math.ceil(month / 3)}`;
}

/** The IKM of each service that has respondents. */
export function ikmByService(rows: readonly SkmRow[]): Map<ServiceId, Ikm> {
  return ikmBy(rows, (r) => r.service);
}

/** The IKM of each quarter (by when the survey began) that has respondents, oldest first. */
export function ikmByQuarter(rows: readonly SkmRow[], utcOffsetMinutes?: number): Map<string, Ikm> {
  const m = ikmBy(rows, (r) => quarterOf(r.startedAt, utcOffsetMinutes));
  return new Map([...m].sort(([a], [b]) => a.localeCompare(b)));
}

function ikmBy<K>(rows: readonly SkmRow[], key: (r: SkmRow) => K): Map<K, Ikm> {
  const groups = new Map<K, SkmRow[]>();
  for (const r of rows) {
    const k = key(r);
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  const out = new Map<K, Ikm>();
  for (const [k, g] of groups) {
    const v = ikm(g);
    if (v) out.set(k, v);
  }
  return out;
}

/**
 * A suggestion as typed, checked before it is kept: control and direction characters dropped,
 * runs of blank lines closed up, trimmed. Refused when nothing readable is left, or when longer
 * than SKM_SUGGESTION_MAX (the resident is asked to shorten it rather than have it cut).
 */
export function checkSuggestion(input: string): { ok: true; value: string } | { ok: false; reason: 'empty' | 'too_long' } {
  const value = input
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (!/[\p{L}\p{N}]/u.test(value)) return { ok: false, reason: 'empty' };
  if ([...value].length > SKM_SUGGESTION_MAX) return { ok: false, reason: 'too_long' };
  return { ok: true, value };
}
