/**
 * Whether the office keeps its promise, in numbers: per service and per RT the share of cases
 * finished within the three working days, the median working days from the pengantar to the
 * hand-over, what is open and late now; cases received per week; complaints answered within
 * their deadline. Pure: the rows come from src/db/stats.ts, the calendar from the kelurahan.
 */
import { addDays, firstWorkingDay, localMoment, threeDaySchedule, weekdayOf, workingDaysAfter, type LocalDate, type WorkingCalendar } from './calendar';
import { isTerminal, type CaseState } from './case-machine';
import type { Instant } from '../framework/ports';
import type { ServiceId } from './services';
import { isLate } from './work-list';

export interface StatsCase {
  service: ServiceId;
  /** Null when the case names no RT (it should not happen for a service, but old rows may). */
  rt: { rt: number; rw: number } | null;
  state: CaseState;
  /** When the resident sent it (the submit event; the draft's creation for rows without one). */
  receivedAt: Instant;
  /**
   * When the three days began: the pengantar approved with the documents in. cases.submitted_at
   * is written at that moment (by the chair's or the office's approval, or at the submit when the
   * pengantar came first); null while the pengantar is not approved.
   */
  startedAt: Instant | null;
  /** The end of day 3 as last promised: a revision restarts the three days and moves it. */
  day3DueAt: Instant | null;
  /** What the work list counts late by: day 3's end, or Disdukcapil's date once handed to it. */
  dueAt: Instant | null;
  /**
   * The office's own work done: the first `produce` (output made, ready to hand over) or
   * `hand_off` (KTP and KK data handed to Disdukcapil, whose date then replaces the promise, as the
   * resident is told) event. Null while neither happened.
   */
  finishedAt: Instant | null;
  /** The `hand_over` event: the resident has the result. */
  handedOverAt: Instant | null;
}

export interface StatsComplaint {
  state: CaseState;
  receivedAt: Instant;
  /** The answer date given to the resident (moved when they reopen it). */
  dueAt: Instant | null;
  answeredAt: Instant | null;
}

/** Half-open: from `from` (included) to `to` (excluded). */
export interface Range {
  from: Instant;
  to: Instant;
}

/**
 * Did the office keep the three days? "Finished" is the office's part of the promise, not the
 * hand-over: DOMAIN's day 3 is "staff produce the output documents", promise.ts stops giving a
 * date once the case is ready (then it waits on the resident coming to pick it up), and a KTP or
 * KK leaves the promise when handed to Disdukcapil (case-machine stageDay: at_disdukcapil is
 * outside the three days). A case still open past its deadline already missed it; one rejected
 * or cancelled before the output was owed nothing, and one whose days have not started (no
 * pengantar yet) is not counted either way. Null: not decided.
 */
export function promiseKept(c: StatsCase, now: Instant, cal: WorkingCalendar): boolean | null {
  const deadline = deadlineOf(c, cal);
  if (deadline === null) return null;
  if (c.finishedAt !== null) return c.finishedAt <= deadline;
  if (isTerminal(c.state)) return null;
  return now > deadline ? false : null;
}

/** The stored day 3 (what the resident was told); for rows without it, counted from the start. */
function deadlineOf(c: StatsCase, cal: WorkingCalendar): Instant | null {
  if (c.day3DueAt !== null) return c.day3DueAt;
  return c.startedAt === null ? null : threeDaySchedule(c.startedAt, cal).day3.dueAt;
}

/**
 * Working days from the pengantar to the hand-over, counted as the promise counts them: the day
 * the three days start is day 1 (the next working day when approved after closing or on a day
 * off), so a case handed over on its day 3 took 3, weekends and holidays not counted.
 */
export function workingDaysTaken(startedAt: Instant, handedOverAt: Instant, cal: WorkingCalendar): number {
  const day1 = firstWorkingDay(startedAt, cal);
  const last = localMoment(handedOverAt, cal.utcOffsetMinutes).date;
  return 1 + workingDaysAfter(day1, last, cal);
}

/** The middle value, or the mean of the two middle ones; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface GroupStats {
  /** Received within the range. */
  received: number;
  /** Of those, the ones whose promise is decided (finished, or open past the deadline). */
  decided: number;
  onTime: number;
  /** onTime / decided, 0 to 1; null when nothing is decided. */
  onTimeShare: number | null;
  handedOver: number;
  /** Median working days from the pengantar to the hand-over, of those received in the range. */
  medianDays: number | null;
  /**
   * Open and late now, whenever received: an old case still open is the one most worth seeing.
   * Late is the work list's "Terlambat", so the two pages never disagree.
   */
  open: number;
  late: number;
}

const inRange = (at: Instant, r: Range) => at >= r.from && at < r.to;

export function groupStats(rows: readonly StatsCase[], range: Range, now: Instant, cal: WorkingCalendar): GroupStats {
  let received = 0;
  let decided = 0;
  let onTime = 0;
  let open = 0;
  let late = 0;
  const days: number[] = [];
  for (const c of rows) {
    if (!isTerminal(c.state) && c.state !== 'draft') {
      open++;
      if (isLate({ state: c.state, dueAt: c.dueAt }, now)) late++;
    }
    if (!inRange(c.receivedAt, range)) continue;
    received++;
    const kept = promiseKept(c, now, cal);
    if (kept !== null) {
      decided++;
      if (kept) onTime++;
    }
    if (c.startedAt !== null && c.handedOverAt !== null) days.push(workingDaysTaken(c.startedAt, c.handedOverAt, cal));
  }
  return { received, decided, onTime, onTimeShare: decided ? onTime / decided : null, handedOver: days.length, medianDays: median(days), open, late };
}

/** The rows grouped by `key` (in the order keys first appear), each with its stats. */
export function statsBy<K>(rows: readonly StatsCase[], key: (c: StatsCase) => K, range: Range, now: Instant, cal: WorkingCalendar): Map<K, GroupStats> {
  const groups = new Map<K, StatsCase[]>();
  for (const c of rows) {
    const k = key(c);
    const g = groups.get(k);
    if (g) g.push(c);
    else groups.set(k, [c]);
  }
  return new Map([...groups].map(([k, g]) => [k, groupStats(g, range, now, cal)]));
}

/** Monday of the week `date` falls in: office weeks run Monday to Sunday. */
export function weekStart(date: LocalDate): LocalDate {
  return addDays(date, -((weekdayOf(date) + 6) % 7));
}

export interface WeekCount {
  /** The Monday the week begins on. */
  week: LocalDate;
  count: number;
}

/** Cases received in each of the last `weeks` weeks, oldest first, the current (unfinished) week last. */
export function casesPerWeek(receivedAt: Iterable<Instant>, now: Instant, utcOffsetMinutes: number, weeks = 12): WeekCount[] {
  const thisWeek = weekStart(localMoment(now, utcOffsetMinutes).date);
  const out: WeekCount[] = [];
  for (let i = weeks - 1; i >= 0; i--) out.push({ week: addDays(thisWeek, -7 * i), count: 0 });
  const index = new Map(out.map((w, i) => [w.week, i]));
  for (const at of receivedAt) {
    const i = index.get(weekStart(localMoment(at, utcOffsetMinutes).date));
    if (i !== undefined) out[i]!.count++;
  }
  return out;
}

/** The Monday of the chart's oldest week: where the rows for it must start. */
export function weeksFrom(now: Instant, utcOffsetMinutes: number, weeks = 12): LocalDate {
  return addDays(weekStart(localMoment(now, utcOffsetMinutes).date), -7 * (weeks - 1));
}

export interface ComplaintStats {
  received: number;
  answered: number;
  /** Answered no later than the answer date given to the resident. */
  answeredOnTime: number;
  /** Waiting for the office's answer now, and of those past their date. */
  open: number;
  overdue: number;
}

/**
 * Complaints received in the range. A reopened complaint counts by its latest round: it waits
 * for a new answer by a new date, and that is the one the resident is owed now.
 */
export function complaintStats(rows: readonly StatsComplaint[], range: Range, now: Instant): ComplaintStats {
  const s: ComplaintStats = { received: 0, answered: 0, answeredOnTime: 0, open: 0, overdue: 0 };
  for (const c of rows) {
    if (!inRange(c.receivedAt, range)) continue;
    s.received++;
    if (c.state === 'open') {
      s.open++;
      if (c.dueAt !== null && now > c.dueAt) s.overdue++;
    } else if (c.answeredAt !== null) {
      s.answered++;
      if (c.dueAt === null || c.answeredAt <= c.dueAt) s.answeredOnTime++;
    }
  }
  return s;
}
