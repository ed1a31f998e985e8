/**
 * Limits on applying for someone else. Every such application makes the kelurahan's number
 * write to a number the helper typed, so without limits anyone could use Loket to pester a
 * stranger (or flood many strangers) in the kelurahan's name. A real helper, a neighbour
 * or a child applying for a parent, stays far below them.
 */
import { DAY_MS } from './calendar';
import { TERMINAL_STATES, type CaseState } from './case-machine';
import type { Instant } from '../framework/ports';

/** A family applying for a few relatives on one day fits; a list of strangers does not. */
export const MAX_APPLICATIONS_FOR_OTHERS_PER_DAY = 3;
/** One question at a time to the same number: a second, while the first waits, is pestering. */
export const MAX_OPEN_REQUESTS_PER_NUMBER = 1;
/** "Bukan saya" is the number's owner saying no; they should not hear from this helper for a month. */
export const DENIAL_BLOCK_DAYS = 30;


/** An application this person made for someone else, as the limits need to see it. */
export interface HelperRequest {
  caseCode: string;
  state: CaseState;
  /** The applicant's number, when they have one. */
  phone: string | null;
  createdAt: Instant;
  confirmedAt: Instant | null;
  deniedAt: Instant | null;
}

export type HelperRefusal =
  | { code: 'daily_limit'; limit: number }
  | { code: 'own_number' }
  | { code: 'request_open'; caseCode: string }
  | { code: 'denied'; until: Instant };

/** Whether the helper may start another application for someone else today (`dayStart`: local midnight). */
export function dailyLimitRefusal(requests: readonly HelperRequest[], dayStart: Instant): HelperRefusal | null {
  // Cancelled ones count too: cancelling must not make room for another message to a stranger.
  const today = requests.filter((r) => r.createdAt >= dayStart).length;
  return today >= MAX_APPLICATIONS_FOR_OTHERS_PER_DAY ? { code: 'daily_limit', limit: MAX_APPLICATIONS_FOR_OTHERS_PER_DAY } : null;
}

/** Whether Loket may ask the owner of `phone` to confirm an application by this helper. */
export function targetRefusal(
  requests: readonly HelperRequest[],
  phone: string,
  helperPhone: string | null,
  now: Instant,
): HelperRefusal | null {
  if (helperPhone !== null && phone === helperPhone) return { code: 'own_number' };
  const toThisNumber = requests.filter((r) => r.phone === phone);
  const blockedUntil = Math.max(
    ...toThisNumber.map((r) => (r.deniedAt === null ? 0 : r.deniedAt + DENIAL_BLOCK_DAYS * DAY_MS)),
    0,
  );
  if (blockedUntil > now) return { code: 'denied', until: blockedUntil };
  const open = toThisNumber.filter(isUnanswered);
  if (open.length >= MAX_OPEN_REQUESTS_PER_NUMBER) return { code: 'request_open', caseCode: open[0]!.caseCode };
  return null;
}

/** The owner has neither confirmed nor denied, and the case can still be answered. */
function isUnanswered(r: HelperRequest): boolean {
  return r.confirmedAt === null && r.deniedAt === null && !TERMINAL_STATES.includes(r.state);
}
