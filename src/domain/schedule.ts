/**
 * What the 15-minute cron must do for one case whose next action is due. Pure: the job loads
 * the case, asks this function, and writes what it says in one batch. Every notice carries a
 * key that makes it idempotent, so running the cron twice sends nothing twice.
 */
import { instantAt, isWorkingDay, localMoment, nextWorkingDay, workingDaysAfter, type WorkingCalendar } from './calendar';
import type { CaseEvent, CaseKind, CaseState } from './case-machine';
import { chairHoursFrom, nextReminderSlot, officeHoursFrom, reminderSlotAt } from './notice-hours';
import type { Instant } from '../framework/ports';

const HOUR = 3_600_000;
/**
 * The least time between two nudges to the RT chair about one case (the request or the card
 * counts); the reminder then waits for the first slot after it (notice-hours.ts).
 */
export const REMIND_GAP_MS = 4 * HOUR;
/** Reminders before a waiting pengantar is escalated to staff. */
export const PENGANTAR_REMINDERS = 2;
/** A draft nobody touched for a week is abandoned. */
export const DRAFT_TTL_MS = 7 * 24 * HOUR;
/** A resident asked to resend a document is reminded once a day, at most twice. */
export const REVISION_REMINDERS = 2;

export interface ScheduledCase {
  id: string;
  kind: CaseKind;
  state: CaseState;
  pengantarApproved: boolean;
  createdAt: Instant;
  updatedAt: Instant;
  day1DueAt: Instant | null;
  day2DueAt: Instant | null;
  day3DueAt: Instant | null;
  dueAt: Instant | null;
  remindersSent: number;
}

export type Notice =
  | 'remind_pengantar'
  | 'remind_verification'
  | 'verification_card'
  | 'remind_revision'
  | 'day2_started'
  | 'escalate_pengantar'
  | 'escalate_verification'
  | 'escalate_late'
  | 'resident_late'
  | 'escalate_complaint'
  | 'escalate_disdukcapil'
  | 'escalate_revision'
  | 'draft_abandoned'
  | 'complaint_closed'
  | 'neighbours_silent';

export interface ScheduleDecision {
  event: CaseEvent | null;
  /** `lateDays`: for escalate_late, the working days since day 3 ended (0 on day 3 itself). */
  notices: { notice: Notice; key: string; lateDays?: number }[];
  remindersSent: number;
  nextActionAt: Instant | null;
}

/** `cal`: the kelurahan's working days and office hours (a late case is escalated on each working day). */
export function decide(c: ScheduledCase, now: Instant, cal: WorkingCalendar): ScheduleDecision {
  // A round is everything since the case last changed state (updated_at): a revision starts a
  // new round, whose reminders must not be mistaken for the earlier round's.
  const key = (notice: Notice, n: number | string = 0) => `${c.id}:${notice}:${c.updatedAt}:${n}`;
  const keep = (nextActionAt: Instant | null, notices: ScheduleDecision['notices'] = [], remindersSent = c.remindersSent): ScheduleDecision => ({
    event: null, notices, remindersSent, nextActionAt,
  });

  if (c.kind === 'complaint') {
    if (c.state === 'open' && c.dueAt !== null && now >= c.dueAt) {
      if (officeHoursFrom(now, cal) > now) return keep(officeHoursFrom(now, cal));
      return keep(null, [{ notice: 'escalate_complaint', key: key('escalate_complaint') }]);
    }
    // Answered, and the days to reopen it passed without a word: it is done.
    if (c.state === 'answered') {
      return { event: 'close', notices: [{ notice: 'complaint_closed', key: key('complaint_closed') }], remindersSent: c.remindersSent, nextActionAt: null };
    }
    return keep(c.state === 'open' ? c.dueAt : null);
  }

  switch (c.state) {
    case 'draft': {
      if (now >= c.updatedAt + DRAFT_TTL_MS) {
        return { event: 'abandon', notices: [{ notice: 'draft_abandoned', key: key('draft_abandoned') }], remindersSent: c.remindersSent, nextActionAt: null };
      }
      return pengantarWait(c, now, cal, keep, key, c.updatedAt + DRAFT_TTL_MS);
    }
    case 'awaiting_pengantar':
      return pengantarWait(c, now, cal, keep, key, null);
    case 'submitted':
      if (c.day1DueAt !== null && now >= c.day1DueAt) {
        // Day 1 is over: archived. Day 2 starts with the RT chair's card, or, at night (a
        // kelurahan closing late, the cron catching up), once the chair's day has begun.
        const cardAt = chairHoursFrom(now, cal);
        if (cardAt > now) {
          return {
            event: 'archive',
            notices: [{ notice: 'day2_started', key: key('day2_started') }],
            remindersSent: 0,
            nextActionAt: Math.min(cardAt, c.day2DueAt ?? Infinity),
          };
        }
        return {
          event: 'archive',
          notices: [
            { notice: 'day2_started', key: key('day2_started') },
            { notice: 'verification_card', key: key('verification_card') },
          ],
          // The card is the first nudge of day 2.
          remindersSent: 1,
          nextActionAt: Math.min(nextReminderSlot(now + REMIND_GAP_MS, cal), c.day2DueAt ?? Infinity),
        };
      }
      return keep(c.day1DueAt);
    case 'verifying':
    case 'neighbour_check': {
      if (c.state === 'neighbour_check') return neighbourWait(c, now, cal, keep, key);
      if (c.day2DueAt !== null && now >= c.day2DueAt) {
        if (officeHoursFrom(now, cal) > now) return keep(officeHoursFrom(now, cal));
        // Escalated once; looked at again when day 3 closes, and never again after that.
        const next = c.day3DueAt !== null && c.day3DueAt > now ? c.day3DueAt : null;
        return keep(next, [{ notice: 'escalate_verification', key: day2Key(c) }]);
      }
      const beforeDay2Ends = (t: Instant) => Math.min(t, c.day2DueAt ?? Infinity);
      const n = c.remindersSent + 1;
      if (c.remindersSent === 0) {
        // After a revision the chair first gets the card again, with the resent document: news,
        // not a reminder, so it goes at once, unless it is night for the chair.
        const cardAt = chairHoursFrom(now, cal);
        if (cardAt > now) return keep(beforeDay2Ends(cardAt));
        return keep(beforeDay2Ends(nextReminderSlot(now + REMIND_GAP_MS, cal)), [{ notice: 'verification_card', key: key('verification_card', n) }], n);
      }
      const slot = reminderSlotAt(now, cal);
      if (slot === null) return keep(beforeDay2Ends(nextReminderSlot(now, cal)));
      return keep(beforeDay2Ends(nextReminderSlot(now + REMIND_GAP_MS, cal)), [{ notice: 'remind_verification', key: `${c.id}:remind_verification:${slot}` }], n);
    }
    case 'needs_revision': {
      if (c.remindersSent > REVISION_REMINDERS) return keep(null);
      // Reminded and still nothing: the office is told once, in office hours (it may call, or close the case).
      if (c.remindersSent === REVISION_REMINDERS) {
        const staffAt = officeHoursFrom(now, cal);
        if (staffAt > now) return keep(staffAt);
        return keep(null, [{ notice: 'escalate_revision', key: key('escalate_revision') }], c.remindersSent + 1);
      }
      // Residents are not woken either: a reminder waits for the hours a chair is written to.
      const awakeAt = chairHoursFrom(now, cal);
      if (awakeAt > now) return keep(awakeAt);
      const n = c.remindersSent + 1;
      return keep(now + 24 * HOUR, [{ notice: 'remind_revision', key: key('remind_revision', n) }], n);
    }
    case 'processing':
      if (c.day3DueAt !== null && now >= c.day3DueAt) return lateEveryWorkingDay(c, c.day3DueAt, now, cal, keep);
      return keep(c.day3DueAt);
    case 'at_disdukcapil':
      // dueAt is the date Disdukcapil gave. Staff are told once it passes; a new date from
      // Disdukcapil (hand_off again) reschedules the case and starts a new round.
      if (c.dueAt !== null && now >= c.dueAt) {
        if (officeHoursFrom(now, cal) > now) return keep(officeHoursFrom(now, cal));
        return keep(null, [{ notice: 'escalate_disdukcapil', key: key('escalate_disdukcapil') }]);
      }
      return keep(c.dueAt);
    default:
      return keep(null);
  }
}

/**
 * Day 2 running out is one event, whatever the case did meanwhile: keyed on the deadline, not on
 * updated_at, which each neighbour's answer and the move between verifying and neighbour_check
 * bump (staff would otherwise hear of the same day 2 twice). A resend sets a new day 2.
 */
function day2Key(c: ScheduledCase): string {
  return `${c.id}:escalate_verification:${c.day2DueAt}`;
}

/** Neighbours the RT chair asked have until the office closes on the next working day. */
export function neighbourDeadline(askedAt: Instant, cal: WorkingCalendar): Instant {
  return instantAt(nextWorkingDay(localMoment(askedAt, cal.utcOffsetMinutes).date, cal), cal.closesAtMinute, cal.utcOffsetMinutes);
}

/**
 * While neighbours are asked nobody is reminded. At the neighbours' deadline (counted from
 * updated_at, when the chair asked) the chair is told once, so they can decide without them; the
 * job sends it only when nobody has answered. Day 2 running out is escalated as for a verification.
 */
function neighbourWait(
  c: ScheduledCase,
  now: Instant,
  cal: WorkingCalendar,
  keep: (next: Instant | null, notices?: ScheduleDecision['notices']) => ScheduleDecision,
  key: (notice: Notice, n?: number | string) => string,
): ScheduleDecision {
  const deadline = neighbourDeadline(c.updatedAt, cal);
  const notices: ScheduleDecision['notices'] = [];
  if (now >= deadline) notices.push({ notice: 'neighbours_silent', key: key('neighbours_silent') });
  // Staff hear of it in office hours, as of any escalation.
  let staffAt: Instant | null = null;
  if (c.day2DueAt !== null && now >= c.day2DueAt) {
    staffAt = officeHoursFrom(now, cal);
    if (staffAt <= now) notices.push({ notice: 'escalate_verification', key: day2Key(c) });
  }
  const later = [deadline, c.day2DueAt, c.day3DueAt, staffAt].filter((t): t is Instant => t !== null && t > now);
  return keep(later.length ? Math.min(...later) : null, notices);
}

/** Reminders in the chair's slots, then staff are told in office hours. */
function pengantarWait(
  c: ScheduledCase,
  now: Instant,
  cal: WorkingCalendar,
  keep: (next: Instant | null, notices?: ScheduleDecision['notices'], reminders?: number) => ScheduleDecision,
  key: (notice: Notice, n?: number | string) => string,
  cap: Instant | null,
): ScheduleDecision {
  const capped = (t: Instant) => (cap === null ? t : Math.min(t, cap));
  if (c.pengantarApproved) return keep(cap);
  if (c.remindersSent < PENGANTAR_REMINDERS) {
    const slot = reminderSlotAt(now, cal);
    if (slot === null) return keep(capped(nextReminderSlot(now, cal)));
    return keep(capped(nextReminderSlot(now + REMIND_GAP_MS, cal)), [{ notice: 'remind_pengantar', key: `${c.id}:remind_pengantar:${slot}` }], c.remindersSent + 1);
  }
  if (c.remindersSent === PENGANTAR_REMINDERS) {
    const open = officeHoursFrom(now, cal);
    if (open > now) return keep(capped(open));
    return keep(cap, [{ notice: 'escalate_pengantar', key: key('escalate_pengantar') }], c.remindersSent + 1);
  }
  return keep(cap);
}

/**
 * Day 3 is over and the output documents are not made: staff are told when day 3 closes and
 * again each working day at opening time until the case moves on. The key names the local date,
 * so however many ticks run on one day, that day's escalation is sent once. With the first one the
 * resident hears the promise is missed (remindersSent counts it: entering processing resets it),
 * once: later days would only repeat the apology.
 */
function lateEveryWorkingDay(
  c: ScheduledCase,
  day3DueAt: Instant,
  now: Instant,
  cal: WorkingCalendar,
  keep: (next: Instant | null, notices?: ScheduleDecision['notices'], remindersSent?: number) => ScheduleDecision,
): ScheduleDecision {
  const here = localMoment(now, cal.utcOffsetMinutes);
  const opening = (date: string) => instantAt(date, cal.opensAtMinute, cal.utcOffsetMinutes);
  const nextOpening = opening(nextWorkingDay(here.date, cal));
  // A tick on a closed day or before opening (the cron catching up) waits for office hours.
  if (!isWorkingDay(here.date, cal)) return keep(nextOpening);
  if (here.minuteOfDay < cal.opensAtMinute) return keep(opening(here.date));
  const day3 = localMoment(day3DueAt, cal.utcOffsetMinutes).date;
  const lateDays = workingDaysAfter(day3, here.date, cal);
  const notices: ScheduleDecision['notices'] = [{ notice: 'escalate_late', key: `${c.id}:escalate_late:${here.date}`, lateDays }];
  if (c.remindersSent > 0) return keep(nextOpening, notices);
  return keep(nextOpening, [...notices, { notice: 'resident_late', key: `${c.id}:resident_late:${c.updatedAt}` }], 1);
}
