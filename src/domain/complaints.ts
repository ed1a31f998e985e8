/** The complaint promise: every complaint gets an answer within a few working days. */
import { addWorkingDays, firstWorkingDay, instantAt, type WorkingCalendar } from './calendar';
import type { Instant } from '../framework/ports';

/** Working days within which a complaint is answered, when filed and again when reopened. */
export const COMPLAINT_ANSWER_WORKING_DAYS = 5;

/** Closing time of the last working day to answer a complaint filed (or reopened) at `at`. */
export function complaintAnswerDue(at: Instant, cal: WorkingCalendar): Instant {
  const answerBy = addWorkingDays(firstWorkingDay(at, cal), COMPLAINT_ANSWER_WORKING_DAYS - 1, cal);
  return instantAt(answerBy, cal.closesAtMinute, cal.utcOffsetMinutes);
}
