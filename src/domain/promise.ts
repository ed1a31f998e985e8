/**
 * What Loket tells a resident about when their case will be done. On time, it is the date that
 * was promised. Once that date has passed, repeating it would be telling them a date already gone:
 * the case is called late, with a new date counted from today by the working days the remaining
 * stages need, one each.
 */
import { addDays, addWorkingDays, localMoment, weekdayOf, type LocalDate, type WorkingCalendar } from './calendar';
import { isTerminal, type CaseState } from './case-machine';
import type { Instant } from '../framework/ports';

export type Promised = { late: false; date: LocalDate } | { late: true; date: LocalDate };

/** Working days still needed from each state that waits on the office or the RT chair. */
function stagesLeft(state: CaseState): number {
  switch (state) {
    case 'awaiting_pengantar':
    case 'submitted':
      return 3;
    case 'verifying':
    case 'neighbour_check':
      return 2;
    default:
      // processing, at_disdukcapil, an open complaint: only the last step is left.
      return 1;
  }
}

/**
 * The date to give a resident for a case, or null when no date applies: the case is over, is
 * ready, has no deadline, or waits on someone whose answer starts the three days: the resident (a
 * document to resend) or the RT chair (the pengantar: the days count from the approval, and the
 * exact date is given with it).
 */
export function promisedDate(c: { state: CaseState; dueAt: Instant | null }, now: Instant, cal: WorkingCalendar): Promised | null {
  if (c.dueAt === null || isTerminal(c.state)) return null;
  if (c.state === 'draft' || c.state === 'awaiting_pengantar' || c.state === 'needs_revision' || c.state === 'ready' || c.state === 'answered') {
    return null;
  }
  if (now <= c.dueAt) return { late: false, date: localMoment(c.dueAt, cal.utcOffsetMinutes).date };
  const today = localMoment(now, cal.utcOffsetMinutes).date;
  return { late: true, date: addWorkingDays(today, stagesLeft(c.state), cal) };
}

/**
 * The holidays on weekdays from `from` to `to` (both local dates, both included): the days a
 * promised date was pushed back by. A resident who counts three days on the calendar is told why
 * the date is later; weekends need no saying.
 */
export function holidaysWithin(from: LocalDate, to: LocalDate, cal: WorkingCalendar): LocalDate[] {
  const found: LocalDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const weekday = weekdayOf(d);
    if (weekday !== 0 && weekday !== 6 && cal.holidays.has(d)) found.push(d);
  }
  return found;
}
