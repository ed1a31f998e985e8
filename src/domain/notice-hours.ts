/**
 * When the schedule's notices may go out. RT chairs are volunteers, many of them older: nothing
 * reaches them at night, and a reminder only in one of two slots a day, mid morning and mid
 * afternoon. Two slots are how "at most two reminders a day per case" holds without counting
 * anything: a reminder's key names its local date and slot, so each slot carries one at most,
 * however many ticks look. Staff hear of escalations in office hours, on working days.
 */
import { instantAt, isWorkingDay, localMoment, nextWorkingDay, addDays, type WorkingCalendar } from './calendar';
import type { Instant } from '../framework/ports';

/** Local minutes of the day from which, and until which, anything may be sent to an RT chair. */
export const CHAIR_HOURS = { fromMinute: 7 * 60, untilMinute: 20 * 60 } as const;

/**
 * Reminder slots: each opens at `minute` local time. A tick that comes late (the cron catching
 * up) may still send within `lastsMinutes`; later than that, the reminder waits for the next slot.
 */
export const REMINDER_SLOTS = [
  { minute: 9 * 60, lastsMinutes: 3 * 60 },
  { minute: 15 * 60, lastsMinutes: 3 * 60 },
] as const;

/**
 * Deadlines fall at closing time, so the closing moment is office time; the grace lets the tick
 * just after closing still tell staff that day rather than the next morning.
 */
const CLOSING_GRACE_MINUTES = 30;

const pad2 = (n: number) => String(n).padStart(2, '0');
const hhmm = (minute: number) => `${pad2(Math.floor(minute / 60))}${pad2(minute % 60)}`;

/** `at` itself when an RT chair may be written to then, else the next 07:00 local. */
export function chairHoursFrom(at: Instant, cal: WorkingCalendar): Instant {
  const here = localMoment(at, cal.utcOffsetMinutes);
  if (here.minuteOfDay >= CHAIR_HOURS.fromMinute && here.minuteOfDay < CHAIR_HOURS.untilMinute) return at;
  const date = here.minuteOfDay < CHAIR_HOURS.fromMinute ? here.date : addDays(here.date, 1);
  return instantAt(date, CHAIR_HOURS.fromMinute, cal.utcOffsetMinutes);
}

/** The reminder slot open at `at`, named for a key ("2026-12-05:0900"), or null between slots. */
export function reminderSlotAt(at: Instant, cal: WorkingCalendar): string | null {
  const here = localMoment(at, cal.utcOffsetMinutes);
  const slot = REMINDER_SLOTS.find((s) => here.minuteOfDay >= s.minute && here.minuteOfDay < s.minute + s.lastsMinutes);
  return slot ? `${here.date}:${hhmm(slot.minute)}` : null;
}

/** The start of the first reminder slot at or after `at`. */
export function nextReminderSlot(at: Instant, cal: WorkingCalendar): Instant {
  const here = localMoment(at, cal.utcOffsetMinutes);
  const today = REMINDER_SLOTS.find((s) => s.minute >= here.minuteOfDay);
  if (today) return Math.max(at, instantAt(here.date, today.minute, cal.utcOffsetMinutes));
  return instantAt(addDays(here.date, 1), REMINDER_SLOTS[0].minute, cal.utcOffsetMinutes);
}

/** `at` itself when staff are at work then (a working day, opening to closing), else the next opening. */
export function officeHoursFrom(at: Instant, cal: WorkingCalendar): Instant {
  const here = localMoment(at, cal.utcOffsetMinutes);
  if (isWorkingDay(here.date, cal)) {
    if (here.minuteOfDay < cal.opensAtMinute) return instantAt(here.date, cal.opensAtMinute, cal.utcOffsetMinutes);
    if (here.minuteOfDay <= cal.closesAtMinute + CLOSING_GRACE_MINUTES) return at;
  }
  return instantAt(nextWorkingDay(here.date, cal), cal.opensAtMinute, cal.utcOffsetMinutes);
}
