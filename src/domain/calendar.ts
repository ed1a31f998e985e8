/**
 * The working-day calendar behind the three-day promise.
 *
 * Office days are Monday to Friday, minus national holidays and cuti bersama (a table staff can
 * edit). Time is local office time: WIB (Asia/Jakarta) is UTC+7 all year, with no daylight
 * saving, so a fixed offset is exact; a kelurahan in WITA or WIT passes its own offset.
 * Dates are plain `YYYY-MM-DD` strings of local office time. All arithmetic is done on UTC
 * midnights, which never shift, so no host time zone can leak in.
 */
import type { Instant } from '../framework/ports';

export type LocalDate = string;

export const WIB_OFFSET_MINUTES = 7 * 60;
const MINUTE = 60_000;
/** One day in milliseconds (a calendar day, not a working day). */
export const DAY_MS = 86_400_000;
const DAY = DAY_MS;
/** A calendar with no working day in a whole year is misconfigured; stop rather than spin. */
const MAX_SCAN_DAYS = 366;

export interface WorkingCalendar {
  /** Local dates on which the office is closed besides weekends. */
  holidays: ReadonlySet<LocalDate>;
  /** Minutes after local midnight: 08:00 is 480. */
  opensAtMinute: number;
  closesAtMinute: number;
  utcOffsetMinutes: number;
}

export function workingCalendar(
  holidays: Iterable<LocalDate> = [],
  overrides: Partial<Omit<WorkingCalendar, 'holidays'>> = {},
): WorkingCalendar {
  return {
    holidays: new Set(holidays),
    opensAtMinute: 8 * 60,
    closesAtMinute: 16 * 60,
    utcOffsetMinutes: WIB_OFFSET_MINUTES,
    ...overrides,
  };
}

export interface LocalMoment {
  date: LocalDate;
  /** 0 is Sunday, as in Date#getUTCDay. */
  weekday: number;
  minuteOfDay: number;
}

export function localMoment(at: Instant, utcOffsetMinutes = WIB_OFFSET_MINUTES): LocalMoment {
  const shifted = new Date(at + utcOffsetMinutes * MINUTE);
  return {
    date: shifted.toISOString().slice(0, 10),
    weekday: shifted.getUTCDay(),
    minuteOfDay: shifted.getUTCHours() * 60 + shifted.getUTCMinutes(),
  };
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** UTC midnight of a local date, used only as a day counter. */
function dayNumber(date: LocalDate): number {
  const m = LOCAL_DATE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`no such date: ${date}`);
  return ms;
}

export function isValidLocalDate(date: string): boolean {
  try {
    dayNumber(date);
    return true;
  } catch {
    return false;
  }
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return new Date(dayNumber(date) + days * DAY).toISOString().slice(0, 10);
}

export function weekdayOf(date: LocalDate): number {
  return new Date(dayNumber(date)).getUTCDay();
}

export function isWorkingDay(date: LocalDate, cal: WorkingCalendar): boolean {
  const weekday = weekdayOf(date);
  return weekday !== 0 && weekday !== 6 && !cal.holidays.has(date);
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: LocalDate, cal: WorkingCalendar): LocalDate {
  let d = date;
  for (let i = 0; i < MAX_SCAN_DAYS; i++) {
    d = addDays(d, 1);
    if (isWorkingDay(d, cal)) return d;
  }
  throw new RangeError(`no working day within a year after ${date}`);
}

/** How many working days come after `from` up to and including `to` (0 when `to` is not later). */
export function workingDaysAfter(from: LocalDate, to: LocalDate, cal: WorkingCalendar): number {
  let n = 0;
  for (let d = nextWorkingDay(from, cal); d <= to; d = nextWorkingDay(d, cal)) n++;
  return n;
}

/** `date` itself when it is a working day, otherwise the next one. */
export function workingDayOnOrAfter(date: LocalDate, cal: WorkingCalendar): LocalDate {
  return isWorkingDay(date, cal) ? date : nextWorkingDay(date, cal);
}

export function addWorkingDays(date: LocalDate, count: number, cal: WorkingCalendar): LocalDate {
  let d = date;
  for (let i = 0; i < count; i++) d = nextWorkingDay(d, cal);
  return d;
}

/** The instant at `minuteOfDay` local time on `date`. */
export function instantAt(date: LocalDate, minuteOfDay: number, utcOffsetMinutes = WIB_OFFSET_MINUTES): Instant {
  return dayNumber(date) + (minuteOfDay - utcOffsetMinutes) * MINUTE;
}

/**
 * The working day on which work on something received at `at` begins: that same day when it
 * arrives on a working day before closing time, otherwise the next working day. A message sent
 * at 21:00 on Friday starts on Monday (or later, after a holiday).
 */
export function firstWorkingDay(at: Instant, cal: WorkingCalendar): LocalDate {
  const local = localMoment(at, cal.utcOffsetMinutes);
  if (isWorkingDay(local.date, cal) && local.minuteOfDay < cal.closesAtMinute) return local.date;
  return nextWorkingDay(local.date, cal);
}

export interface StageDeadline {
  date: LocalDate;
  /** Closing time of the office on `date`. */
  dueAt: Instant;
}

export interface ThreeDaySchedule {
  submittedAt: Instant;
  /** Local midnight opening day 1: a submission on a weekend waits until then. */
  startsAt: Instant;
  day1: StageDeadline;
  day2: StageDeadline;
  day3: StageDeadline;
}

/** Day 1 receive and archive, day 2 verify, day 3 produce: each ends at closing time. */
export function threeDaySchedule(submittedAt: Instant, cal: WorkingCalendar): ThreeDaySchedule {
  const d1 = firstWorkingDay(submittedAt, cal);
  const d2 = nextWorkingDay(d1, cal);
  const d3 = nextWorkingDay(d2, cal);
  const due = (date: LocalDate): StageDeadline => ({
    date,
    dueAt: instantAt(date, cal.closesAtMinute, cal.utcOffsetMinutes),
  });
  return {
    submittedAt,
    startsAt: instantAt(d1, 0, cal.utcOffsetMinutes),
    day1: due(d1),
    day2: due(d2),
    day3: due(d3),
  };
}

/**
 * Which of the three days `now` falls in: 0 before day 1 has begun (a weekend submission),
 * 1 to 3 during the promise, 4 once day 3 has closed (late).
 */
export function dayOfThree(schedule: ThreeDaySchedule, now: Instant): 0 | 1 | 2 | 3 | 4 {
  if (now > schedule.day3.dueAt) return 4;
  if (now > schedule.day2.dueAt) return 3;
  if (now > schedule.day1.dueAt) return 2;
  return now >= schedule.startsAt ? 1 : 0;
}
