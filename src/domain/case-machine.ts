/**
 * The life of a case, as a table of allowed transitions and who may make each one.
 *
 * Service cases follow the paper's procedure (Tabel 5 and 6): the resident applies (draft),
 * waits for the RT chair's surat pengantar, is received and archived (day 1), verified by the
 * RT chair with neighbours where asked (day 2), and gets the output documents made (day 3),
 * then picks them up or has them delivered. KTP and KK cards are printed by Disdukcapil, not by
 * the kelurahan: on day 3 the office hands the data over and the case waits for the card
 * (at_disdukcapil). Complaints are cases of their own kind.
 * Anything not in the table is refused with a reason; the caller records every change as a
 * case event, so the table is also the audit vocabulary.
 */
import { DAY_MS } from './calendar';
import type { Instant } from '../framework/ports';

export const SERVICE_STATES = [
  'draft',
  'awaiting_pengantar',
  'submitted',
  'verifying',
  'neighbour_check',
  'needs_revision',
  'processing',
  'at_disdukcapil',
  'ready',
  'completed',
  'rejected',
  'cancelled',
] as const;
export const COMPLAINT_STATES = ['open', 'answered', 'closed'] as const;
export type ServiceState = (typeof SERVICE_STATES)[number];
export type ComplaintState = (typeof COMPLAINT_STATES)[number];
export type CaseState = ServiceState | ComplaintState;
export type CaseKind = 'service' | 'complaint';

export const ACTORS = ['resident', 'helper', 'rt_chair', 'neighbour', 'staff', 'system'] as const;
export type Actor = (typeof ACTORS)[number];

export type CaseEvent =
  | 'submit'
  | 'approve_pengantar'
  | 'refuse_pengantar'
  | 'archive'
  | 'ask_neighbours'
  | 'neighbour_answer'
  | 'neighbours_done'
  | 'verify_valid'
  | 'verify_invalid'
  | 'resubmit'
  | 'resubmit_failed'
  | 'request_resend'
  | 'hand_off'
  | 'produce'
  | 'hand_over'
  | 'reject'
  | 'cancel'
  | 'abandon'
  | 'answer'
  | 'reopen'
  | 'close';

/** Facts about the case that some transitions depend on. */
export interface CaseFacts {
  kind: CaseKind;
  state: CaseState;
  /** Every document the resident must upload has arrived. */
  documentsComplete: boolean;
  pengantarApproved: boolean;
  /** Complaints: when the office last answered, and the time of the attempt (for the reopen window). */
  answeredAt?: Instant | null;
  now?: Instant;
}

type Guard = (facts: CaseFacts) => RefusalReason | null;

interface Transition {
  event: CaseEvent;
  kind: CaseKind;
  from: readonly CaseState[];
  to: CaseState;
  actors: readonly Actor[];
  guard?: Guard;
}

export type RefusalReason =
  | 'unknown_event'
  | 'wrong_kind'
  | 'not_allowed_in_state'
  | 'actor_not_allowed'
  | 'documents_incomplete'
  | 'pengantar_already_approved'
  | 'pengantar_not_approved'
  | 'reopen_window_closed';

/** A resident may reopen a complaint for this long after the office's answer. */
export const REOPEN_WINDOW_MS = 7 * DAY_MS;

const applicant: readonly Actor[] = ['resident', 'helper'];
// The office acts for an RT chair who is absent or not linked to Loket: the same decision, the
// same rules (an approval stays final), recorded with actor 'staff' so the timeline shows it.
const chairOrOffice: readonly Actor[] = ['rt_chair', 'staff'];
const documentsNeeded: Guard = (f) => (f.documentsComplete ? null : 'documents_incomplete');
const notYetApproved: Guard = (f) => (f.pengantarApproved ? 'pengantar_already_approved' : null);
const cancellable: readonly ServiceState[] = [
  'draft',
  'awaiting_pengantar',
  'submitted',
  'verifying',
  'neighbour_check',
  'needs_revision',
];
const inVerification: readonly ServiceState[] = ['verifying', 'neighbour_check'];
const day3Work: readonly ServiceState[] = ['processing', 'at_disdukcapil'];
// Fails closed: without both facts the window cannot be shown to be open.
const withinReopenWindow: Guard = (f) =>
  f.answeredAt != null && f.now != null && f.now - f.answeredAt <= REOPEN_WINDOW_MS ? null : 'reopen_window_closed';

export const TRANSITIONS: readonly Transition[] = [
  // Confirming the summary: straight to day 1 when the RT chair already approved the pengantar.
  {
    event: 'submit', kind: 'service', from: ['draft'], to: 'submitted', actors: applicant,
    guard: (f) => documentsNeeded(f) ?? (f.pengantarApproved ? null : 'pengantar_not_approved'),
  },
  {
    event: 'submit', kind: 'service', from: ['draft'], to: 'awaiting_pengantar', actors: applicant,
    guard: (f) => documentsNeeded(f) ?? (f.pengantarApproved ? 'pengantar_already_approved' : null),
  },
  // The pengantar may be approved while the resident is still sending documents.
  { event: 'approve_pengantar', kind: 'service', from: ['draft'], to: 'draft', actors: chairOrOffice, guard: notYetApproved },
  { event: 'approve_pengantar', kind: 'service', from: ['awaiting_pengantar'], to: 'submitted', actors: chairOrOffice },
  // The chair's decision is final: once given, only staff may still reject the case.
  { event: 'refuse_pengantar', kind: 'service', from: ['draft', 'awaiting_pengantar'], to: 'rejected', actors: chairOrOffice, guard: notYetApproved },
  // Day 1 ends: documents received and archived, verification begins.
  { event: 'archive', kind: 'service', from: ['submitted'], to: 'verifying', actors: ['system', 'staff'] },
  { event: 'ask_neighbours', kind: 'service', from: ['verifying'], to: 'neighbour_check', actors: ['rt_chair'] },
  { event: 'neighbour_answer', kind: 'service', from: ['neighbour_check'], to: 'neighbour_check', actors: ['neighbour'] },
  { event: 'neighbours_done', kind: 'service', from: ['neighbour_check'], to: 'verifying', actors: ['system'] },
  { event: 'verify_valid', kind: 'service', from: inVerification, to: 'processing', actors: chairOrOffice },
  { event: 'verify_invalid', kind: 'service', from: inVerification, to: 'needs_revision', actors: chairOrOffice },
  // The office finds a scan unreadable or wrong while receiving or checking it, and names it.
  { event: 'request_resend', kind: 'service', from: ['submitted', ...inVerification], to: 'needs_revision', actors: ['staff'] },
  { event: 'resubmit', kind: 'service', from: ['needs_revision'], to: 'verifying', actors: applicant, guard: documentsNeeded },
  // The resent scan could not be fetched or is not a usable file: the resident is asked for it again.
  { event: 'resubmit_failed', kind: 'service', from: ['verifying'], to: 'needs_revision', actors: ['system'] },
  // Day 3: KTP and KK cards are printed by Disdukcapil; handing the data over again records a new
  // reference or date. The desk checks which services may go there (desk/).
  { event: 'hand_off', kind: 'service', from: day3Work, to: 'at_disdukcapil', actors: ['staff'] },
  // The output documents are made (or the card came back); then picked up or delivered.
  { event: 'produce', kind: 'service', from: day3Work, to: 'ready', actors: ['staff'] },
  { event: 'hand_over', kind: 'service', from: ['ready'], to: 'completed', actors: ['staff'] },
  {
    event: 'reject', kind: 'service', from: ['awaiting_pengantar', 'submitted', ...inVerification, 'needs_revision', ...day3Work, 'ready'],
    to: 'rejected', actors: ['staff'],
  },
  // Day 3 work has begun once the case is processing: from then on the resident no longer
  // cancels it by themselves. The office still may, with a reason (asked at the counter, never
  // collected).
  { event: 'cancel', kind: 'service', from: cancellable, to: 'cancelled', actors: applicant },
  { event: 'cancel', kind: 'service', from: [...cancellable, ...day3Work, 'ready'], to: 'cancelled', actors: ['staff'] },
  { event: 'abandon', kind: 'service', from: ['draft'], to: 'cancelled', actors: ['system'] },

  { event: 'answer', kind: 'complaint', from: ['open'], to: 'answered', actors: ['staff'] },
  // Within the window even a closed complaint reopens: closing must not cut the resident short.
  { event: 'reopen', kind: 'complaint', from: ['answered', 'closed'], to: 'open', actors: applicant, guard: withinReopenWindow },
  { event: 'close', kind: 'complaint', from: ['answered'], to: 'closed', actors: [...applicant, 'staff', 'system'] },
];

export type TransitionResult =
  | { ok: true; from: CaseState; to: CaseState; event: CaseEvent }
  | { ok: false; reason: RefusalReason };

/**
 * Decides whether `actor` may apply `event` to a case with these facts, and where it leads.
 * Refusals name the most useful reason: a wrong actor is reported before a failed guard, so a
 * stranger learns nothing about the case's documents.
 */
export function applyEvent(facts: CaseFacts, event: CaseEvent, actor: Actor): TransitionResult {
  const forEvent = TRANSITIONS.filter((t) => t.event === event);
  if (forEvent.length === 0) return { ok: false, reason: 'unknown_event' };
  const forKind = forEvent.filter((t) => t.kind === facts.kind);
  if (forKind.length === 0) return { ok: false, reason: 'wrong_kind' };
  const fromHere = forKind.filter((t) => t.from.includes(facts.state));
  if (fromHere.length === 0) return { ok: false, reason: 'not_allowed_in_state' };
  const permitted = fromHere.filter((t) => t.actors.includes(actor));
  if (permitted.length === 0) {
    // Someone who may do this in other states (a resident cancelling once day 3 began) is told
    // the case moved on; only someone who never may is told it is not theirs.
    return { ok: false, reason: forKind.some((t) => t.actors.includes(actor)) ? 'not_allowed_in_state' : 'actor_not_allowed' };
  }

  let firstRefusal: RefusalReason | null = null;
  for (const t of permitted) {
    const refusal = t.guard?.(facts) ?? null;
    if (refusal === null) return { ok: true, from: facts.state, to: t.to, event };
    firstRefusal ??= refusal;
  }
  return { ok: false, reason: firstRefusal ?? 'not_allowed_in_state' };
}

/** The events `actor` could apply now, for showing only the buttons that will work. */
export function availableEvents(facts: CaseFacts, actor: Actor): CaseEvent[] {
  const events = new Set(TRANSITIONS.map((t) => t.event));
  return [...events].filter((e) => applyEvent(facts, e, actor).ok);
}

/**
 * States in which the case is over for lists, deadlines and limits. A closed complaint is among
 * them although its resident may still reopen it within REOPEN_WINDOW_MS of the answer.
 */
export const TERMINAL_STATES: readonly CaseState[] = ['completed', 'rejected', 'cancelled', 'closed'];

export function isTerminal(state: CaseState): boolean {
  return TERMINAL_STATES.includes(state);
}

/** Which day of the three-day promise a state belongs to; null outside the promise. */
export function stageDay(state: CaseState): 1 | 2 | 3 | null {
  switch (state) {
    case 'submitted':
      return 1;
    case 'verifying':
    case 'neighbour_check':
    case 'needs_revision':
      return 2;
    case 'processing':
      return 3;
    // Waiting on Disdukcapil's date, not on the office's three days.
    case 'at_disdukcapil':
    default:
      return null;
  }
}
