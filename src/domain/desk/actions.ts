/**
 * The staff desk's actions on one case (/status/cases/:code), decided without I/O: each is one
 * transition of the case machine (or a note that leaves the state as it is: a reply, a revoked
 * letter, a new pickup code), refused when the case changed since the page was loaded, and told
 * to the resident, their helper and, where the office decided in their stead, the RT chair.
 *
 * The caller loads the case, calls decideDeskAction, and on success writes in one batch: the
 * guarded update of `set` (state from `from` to `to`, version checked), the case event
 * (`event`, actor 'staff', `detail`), the outbox rows of `messages`, and `effects`. A refusal
 * writes nothing, except `record` when it has one (a wrong pickup code counts against the limit).
 */
import {
  addWorkingDays,
  instantAt,
  localMoment,
  threeDaySchedule,
  DAY_MS,
  type LocalDate,
  type WorkingCalendar,
} from '../calendar';
import { applyEvent, availableEvents, REOPEN_WINDOW_MS, type CaseEvent, type CaseKind, type CaseState, type RefusalReason } from '../case-machine';
import type { CaseChanges } from '../case-changes';
import { complaintAnswerDue } from '../complaints';
import { checkPersonName, type NameError } from '../person-name';
import { newPickupCode, pickupCodeMatches, PICKUP_CODE_MAX_ATTEMPTS } from '../pickup-code';
import type { Instant, RandomSource } from '../../framework/ports';
import { promisedDate } from '../promise';
import { uploadRequirements, type RequirementId, type ServiceId } from '../services';
import { skmInviteChoices } from '../skm';
import { newVerificationCode } from '../verification-code';
import type { DeskMessage, Recipient } from './messages';
import { checkPromiseDate, cleanStaffText, LONG_TEXT_MAX, normalizeDisdukcapilReference, type DateRefusal, type TextRefusal } from './staff-text';

/** The case as the desk decides on it: read in the same request as the action. */
export interface DeskCase {
  id: string;
  code: string;
  kind: CaseKind;
  service: ServiceId | null;
  state: CaseState;
  /** cases.version now; the page sent the one it showed. */
  version: number;
  pengantarApproved: boolean;
  documentsComplete: boolean;
  delivery: 'pickup' | 'courier' | null;
  /** Someone applied for the applicant: they hear what the applicant hears. */
  hasHelper: boolean;
  /** The case's RT chair has a linked chat: told when the office decided in their stead. */
  chairLinked: boolean;
  day3DueAt: Instant | null;
  dueAt: Instant | null;
  pickupCode: string | null;
  pickupCodeAttempts: number;
  answeredAt: Instant | null;
  letters: readonly DeskLetter[];
}

export interface DeskLetter {
  id: string;
  kind: 'pengantar_rt' | 'output';
  number: string;
  revokedAt: Instant | null;
}

export interface DeskContext {
  now: Instant;
  /** The kelurahan's calendar: its holidays and opening hours, told to residents who pick up. */
  calendar: WorkingCalendar;
  random: RandomSource;
  kelurahan: { name: string; address: string };
}

/** What the staff member filled in. Strings are as typed; everything is checked here. */
export type DeskAction =
  | { action: 'archive' }
  | { action: 'request_resend'; requirement: string; note: string }
  | { action: 'approve_pengantar'; reason: string }
  | { action: 'refuse_pengantar'; reason: string }
  | { action: 'verify_valid'; reason: string }
  /** `requirement` null: the applicant's data, not one document, is wrong. */
  | { action: 'verify_invalid'; requirement: string | null; reason: string }
  | { action: 'hand_off'; reference: string; expectedDate: string }
  | { action: 'produce'; output: DeskOutput; courierName?: string }
  | { action: 'new_pickup_code' }
  | { action: 'hand_over'; pickupCode?: string; receiverName?: string; proofDocumentId?: string }
  | { action: 'reject'; reason: string }
  | { action: 'cancel'; reason: string }
  | { action: 'revoke_letter'; letterId: string; reason: string }
  | { action: 'reply'; text: string }
  | { action: 'answer'; answer: string }
  | { action: 'close' };

export type DeskActionName = DeskAction['action'];

/** The output of day 3: a file staff uploaded, the kelurahan's own letter, or the card back from Disdukcapil. */
export type DeskOutput = { kind: 'upload'; documentId: string } | { kind: 'letter' } | { kind: 'card' };

/** The action with the case version of the page it was sent from. */
export type DeskInput = DeskAction & { version: number };

/** Actions that leave the state as it is: recorded as case events of their own kind. */
export type DeskNote = 'revoke_letter' | 'reply' | 'new_pickup_code';

/** Columns the decision sets on the case (the one set of case changes, src/domain/case-changes.ts). */
export type DeskCaseChanges = CaseChanges;

/** The case event's detail: what staff decided and why. Never a NIK, phone number, name or pickup code. */
export type DeskEventDetail = Record<string, string | number | boolean | null>;

export type DeskEffect =
  /** Make the kelurahan's own letter as a verifiable PDF (letters.kind 'output'), with this code. */
  | { type: 'issue_output_letter'; verificationCode: string }
  /** Revoke this letter; /verify shows the general reason, never what staff typed. */
  | { type: 'revoke_letter'; letterId: string; publicReason: 'letter.revoked_by_office' };

export interface DeskDone {
  ok: true;
  event: CaseEvent | DeskNote;
  from: CaseState;
  to: CaseState;
  set: DeskCaseChanges;
  detail: DeskEventDetail;
  messages: DeskMessage[];
  effects: DeskEffect[];
}

export type DeskRefusal =
  | { reason: RefusalReason }
  | { reason: 'stale' }
  | TextRefusal
  | { reason: DateRefusal }
  | { reason: 'courier_name_invalid' | 'receiver_name_invalid'; error: NameError }
  | { reason: 'pickup_code_wrong'; left: number }
  | {
      reason:
        | 'requirement_unknown'
        | 'proof_required'
        | 'reference_invalid'
        | 'not_disdukcapil_service'
        | 'disdukcapil_first'
        | 'output_not_for_service'
        | 'pickup_code_missing'
        | 'pickup_code_locked'
        | 'not_pickup'
        | 'letter_unknown'
        | 'letter_already_revoked';
    };

export interface DeskRefused {
  ok: false;
  refusal: DeskRefusal;
  /** Written even though the action was refused (same version guard), so that the refusal counts. */
  record?: { event: 'pickup_code_wrong'; set: DeskCaseChanges };
}

export type DeskDecision = DeskDone | DeskRefused;

/** KTP and KK cards are printed by Disdukcapil; the kelurahan writes its own letter for the others. */
const DISDUKCAPIL_SERVICES: readonly ServiceId[] = ['ktp', 'kk'];
const LETTER_SERVICES: readonly ServiceId[] = ['nikah', 'situ'];
/** Days within which a resident may reopen an answered complaint, as told to them. */
export const REOPEN_WINDOW_DAYS = REOPEN_WINDOW_MS / DAY_MS;

const refused = (refusal: DeskRefusal): DeskRefused => ({ ok: false, refusal });

/**
 * Decides one desk action on one case. Pure: time, calendar and randomness come in `ctx`.
 * Checked in this order: the page is current, the machine allows the step, then what was typed.
 */
export function decideDeskAction(c: DeskCase, input: DeskInput, ctx: DeskContext): DeskDecision {
  if (input.version !== c.version) return refused({ reason: 'stale' });
  const a: DeskAction = input;
  switch (a.action) {
    case 'archive':
      return transition(c, ctx, 'archive', () => ({
        // The cron sends the RT chair the day-2 card at its next tick (a new round, no reminder sent yet).
        set: { remindersSent: 0, nextActionAt: ctx.now },
        messages: tell(c, 'resident.day2', { code: c.code }),
      }));
    case 'request_resend':
      return transition(c, ctx, 'request_resend', () => {
        const requirement = requirementOf(c, a.requirement);
        if (!requirement) return refused({ reason: 'requirement_unknown' });
        return withText(a.note, (note) => ({
          set: revision(ctx, requirement, note),
          detail: { requirement, note },
          messages: tell(c, 'desk.resend', { code: c.code, document: requirement, note }),
        }));
      });
    case 'approve_pengantar':
      return transition(c, ctx, 'approve_pengantar', (to) =>
        withText(a.reason, (reason) => {
          const set: DeskCaseChanges = { pengantarApproved: true };
          let date: LocalDate | null = null;
          if (to === 'submitted') {
            // As when the chair approves: the three days start now, documents in and pengantar given.
            const s = threeDaySchedule(ctx.now, ctx.calendar);
            Object.assign(set, {
              submittedAt: ctx.now, day1DueAt: s.day1.dueAt, day2DueAt: s.day2.dueAt, day3DueAt: s.day3.dueAt,
              dueAt: s.day3.dueAt, nextActionAt: s.day1.dueAt, remindersSent: 0,
            });
            date = s.day3.date;
          }
          return {
            set,
            detail: { override: true, reason },
            messages: [...tell(c, 'desk.pengantar_approved', { code: c.code, reason, date }), ...toChair(c, 'approve_pengantar')],
          };
        }),
      );
    case 'refuse_pengantar':
      return transition(c, ctx, 'refuse_pengantar', () =>
        withText(a.reason, (reason) => ({
          set: { nextActionAt: null },
          detail: { override: true, reason },
          messages: [...tell(c, 'desk.pengantar_refused', { code: c.code, reason }), ...toChair(c, 'refuse_pengantar')],
        })),
      );
    case 'verify_valid':
      return transition(c, ctx, 'verify_valid', () =>
        withText(a.reason, (reason) => {
          const due = c.day3DueAt ?? c.dueAt;
          // A late case is told a date still to come, as `status` would.
          const date =
            promisedDate({ state: 'processing', dueAt: due }, ctx.now, ctx.calendar)?.date ??
            addWorkingDays(localMoment(ctx.now, ctx.calendar.utcOffsetMinutes).date, 1, ctx.calendar);
          return {
            set: { nextActionAt: due, remindersSent: 0 },
            detail: { override: true, reason },
            messages: [...tell(c, 'desk.verified_valid', { code: c.code, reason, date }), ...toChair(c, 'verify_valid')],
          };
        }),
      );
    case 'verify_invalid':
      return transition(c, ctx, 'verify_invalid', () => {
        const requirement = a.requirement === null ? null : requirementOf(c, a.requirement);
        if (requirement === undefined) return refused({ reason: 'requirement_unknown' });
        return withText(a.reason, (reason) => ({
          set: revision(ctx, requirement, reason),
          detail: { override: true, requirement, reason },
          messages: [...tell(c, 'desk.verified_invalid', { code: c.code, reason, document: requirement }), ...toChair(c, 'verify_invalid')],
        }));
      });
    case 'hand_off':
      return transition(c, ctx, 'hand_off', () => handOff(c, a, ctx));
    case 'produce':
      return transition(c, ctx, 'produce', () => produce(c, a, ctx));
    case 'new_pickup_code': {
      if (c.state !== 'ready') return refused({ reason: 'not_allowed_in_state' });
      if (c.delivery === 'courier') return refused({ reason: 'not_pickup' });
      const pickupCode = newPickupCode(ctx.random);
      return note(c, 'new_pickup_code', {
        set: { pickupCode, pickupCodeAttempts: 0 },
        messages: tell(c, 'desk.new_pickup_code', { code: c.code, pickupCode }),
      });
    }
    case 'hand_over':
      // The machine first: a document not ready yet is not handed over, whatever code is typed.
      return transition(c, ctx, 'hand_over', () => handOver(c, a, ctx));
    case 'reject':
      return transition(c, ctx, 'reject', () =>
        withText(a.reason, (reason) => ({
          set: { nextActionAt: null },
          detail: { reason },
          messages: tell(c, 'desk.rejected', { code: c.code, reason }),
        })),
      );
    case 'cancel':
      return transition(c, ctx, 'cancel', () =>
        withText(a.reason, (reason) => ({
          set: { nextActionAt: null },
          detail: { reason },
          messages: tell(c, 'desk.cancelled', { code: c.code, reason }),
        })),
      );
    case 'revoke_letter': {
      const letter = c.letters.find((l) => l.id === a.letterId);
      if (!letter) return refused({ reason: 'letter_unknown' });
      if (letter.revokedAt !== null) return refused({ reason: 'letter_already_revoked' });
      return settle(c, 'revoke_letter', c.state, withText(a.reason, (reason) => ({
        detail: { letterId: letter.id, letterKind: letter.kind, reason },
        messages: tell(c, 'desk.letter_revoked', { code: c.code, number: letter.number, reason }),
        effects: [{ type: 'revoke_letter', letterId: letter.id, publicReason: 'letter.revoked_by_office' }],
      })));
    }
    case 'reply':
      // Any state, even a closed case: a resident asking why deserves an answer. Outside
      // WhatsApp's 24-hour window the sender carries it in the case-update template.
      return settle(c, 'reply', c.state, withText(a.text, (text) => ({ messages: tell(c, 'desk.reply', { code: c.code, text }) }), LONG_TEXT_MAX));
    case 'answer':
      return transition(c, ctx, 'answer', () =>
        withText(
          a.answer,
          (answer) => ({
            // The cron closes it when the window to reopen has passed without a word.
            set: { answeredAt: ctx.now, nextActionAt: ctx.now + REOPEN_WINDOW_MS },
            detail: { answer },
            messages: [
              {
                to: 'applicant',
                key: 'desk.complaint_answered',
                params: { code: c.code, answer, days: REOPEN_WINDOW_DAYS },
                choices: [
                  { id: complaintChoiceId('reopen', c.id), label: 'desk.complaint_reopen' },
                  { id: complaintChoiceId('close', c.id), label: 'desk.complaint_done' },
                ],
              },
            ],
          }),
          LONG_TEXT_MAX,
        ),
      );
    case 'close':
      return transition(c, ctx, 'close', () => ({
        set: { nextActionAt: null },
        messages: [{ to: 'applicant', key: 'desk.complaint_closed', params: { code: c.code } }],
      }));
  }
}

/**
 * The resident's own buttons under an answer: reopen (within REOPEN_WINDOW_MS of the answer) or
 * close. Actor 'resident' when the applicant pressed; the case is told back to them.
 */
export function decideComplaintPress(c: DeskCase, event: 'reopen' | 'close', actor: 'resident' | 'helper', ctx: Pick<DeskContext, 'now' | 'calendar'>): DeskDecision {
  const r = applyEvent(facts(c, ctx.now), event, actor);
  if (!r.ok) return refused({ reason: r.reason });
  if (event === 'close') {
    return done(c, event, r.to, { set: { nextActionAt: null }, messages: [{ to: 'applicant', key: 'desk.complaint_closed', params: { code: c.code } }] });
  }
  // A reopened complaint gets a new answer deadline of its own, watched by the cron like the first.
  const dueAt = complaintAnswerDue(ctx.now, ctx.calendar);
  return done(c, event, r.to, {
    set: { dueAt, nextActionAt: dueAt },
    messages: [{ to: 'applicant', key: 'desk.complaint_reopened', params: { code: c.code, date: localMoment(dueAt, ctx.calendar.utcOffsetMinutes).date } }],
  });
}

/** The button ids under a complaint's answer: `cp:ro:<case id>` and `cp:cl:<case id>`. */
export function complaintChoiceId(event: 'reopen' | 'close', caseId: string): string {
  return `cp:${event === 'reopen' ? 'ro' : 'cl'}:${caseId}`;
}

/** The actions the desk should offer on this case now: only those that can work. */
export function availableDeskActions(c: DeskCase, now: Instant): DeskActionName[] {
  const staffEvents = new Set<string>(availableEvents(facts(c, now), 'staff'));
  const names: DeskActionName[] = [];
  const offer = (name: DeskActionName, ok: boolean) => {
    if (ok) names.push(name);
  };
  const disdukcapil = c.service !== null && DISDUKCAPIL_SERVICES.includes(c.service);
  for (const e of ['archive', 'request_resend', 'approve_pengantar', 'refuse_pengantar', 'verify_valid', 'verify_invalid'] as const) offer(e, staffEvents.has(e));
  offer('hand_off', staffEvents.has('hand_off') && disdukcapil);
  offer('produce', staffEvents.has('produce') && !(disdukcapil && c.state === 'processing'));
  offer('new_pickup_code', c.state === 'ready' && c.delivery !== 'courier');
  for (const e of ['hand_over', 'reject', 'cancel', 'answer', 'close'] as const) offer(e, staffEvents.has(e));
  offer('revoke_letter', c.letters.some((l) => l.revokedAt === null));
  offer('reply', true);
  return names;
}

function handOff(c: DeskCase, a: Extract<DeskAction, { action: 'hand_off' }>, ctx: DeskContext): Outcome | DeskRefused {
  const service = c.service;
  if (service === null || !DISDUKCAPIL_SERVICES.includes(service)) return refused({ reason: 'not_disdukcapil_service' });
  const reference = normalizeDisdukcapilReference(a.reference);
  if (reference === null) return refused({ reason: 'reference_invalid' });
  const checked = checkPromiseDate(a.expectedDate, ctx.now, ctx.calendar);
  if (!checked.ok) return refused({ reason: checked.reason });
  // The promise is now Disdukcapil's date: status shows it, and the cron tells staff if it passes.
  const dueAt = instantAt(checked.date, ctx.calendar.closesAtMinute, ctx.calendar.utcOffsetMinutes);
  const params = { code: c.code, service, reference, date: checked.date };
  return {
    set: { disdukcapilReference: reference, disdukcapilExpectedDate: checked.date, dueAt, nextActionAt: dueAt },
    detail: { reference, expectedDate: checked.date },
    messages: tell(c, c.state === 'at_disdukcapil' ? 'desk.disdukcapil_moved' : 'desk.disdukcapil_handed', params),
  };
}

function produce(c: DeskCase, a: Extract<DeskAction, { action: 'produce' }>, ctx: DeskContext): Outcome | DeskRefused {
  const service = c.service!;
  const disdukcapil = DISDUKCAPIL_SERVICES.includes(service);
  if (disdukcapil && c.state === 'processing') return refused({ reason: 'disdukcapil_first' });
  const fits =
    a.output.kind === 'upload' ? a.output.documentId.trim().length > 0 : a.output.kind === 'letter' ? LETTER_SERVICES.includes(service) : disdukcapil;
  if (!fits) return refused({ reason: 'output_not_for_service' });
  let courierName: string | null = null;
  if (c.delivery === 'courier') {
    const name = checkPersonName(a.courierName ?? '');
    if (!name.ok) return refused({ reason: 'courier_name_invalid', error: name.error });
    courierName = name.value;
  }
  const effects: DeskEffect[] = a.output.kind === 'letter' ? [{ type: 'issue_output_letter', verificationCode: newVerificationCode(ctx.random) }] : [];
  const detail: DeskEventDetail = { output: a.output.kind, delivery: c.delivery ?? 'pickup' };
  if (a.output.kind === 'upload') detail.documentId = a.output.documentId;
  if (courierName !== null) {
    return {
      set: { courierName, nextActionAt: null },
      detail,
      effects,
      messages: tell(c, 'desk.courier', { code: c.code, service, courier: courierName }),
    };
  }
  const pickupCode = newPickupCode(ctx.random);
  return {
    set: { pickupCode, pickupCodeAttempts: 0, nextActionAt: null },
    detail,
    effects,
    messages: tell(c, 'desk.ready_pickup', {
      code: c.code, service, pickupCode, kelurahan: ctx.kelurahan.name, address: ctx.kelurahan.address,
      opensAtMinute: ctx.calendar.opensAtMinute, closesAtMinute: ctx.calendar.closesAtMinute,
    }),
  };
}

function handOver(c: DeskCase, a: Extract<DeskAction, { action: 'hand_over' }>, ctx: DeskContext): Outcome | DeskRefused {
  const detail: DeskEventDetail = { delivery: c.delivery ?? 'pickup' };
  const set: DeskCaseChanges = { nextActionAt: null };
  if (c.delivery === 'courier') {
    const proofDocumentId = a.proofDocumentId?.trim() || null;
    const typedName = a.receiverName?.trim() ?? '';
    if (!proofDocumentId && typedName === '') return refused({ reason: 'proof_required' });
    if (typedName !== '') {
      const name = checkPersonName(typedName);
      if (!name.ok) return refused({ reason: 'receiver_name_invalid', error: name.error });
      // The name goes to the case (cases.received_by), not into the event: events carry no names.
      set.receivedBy = name.value;
      detail.proof = 'receiver_name';
    }
    if (proofDocumentId) {
      detail.proof = 'photo';
      detail.proofDocumentId = proofDocumentId;
    }
  } else {
    if (c.pickupCode === null || c.pickupCodeAttempts >= PICKUP_CODE_MAX_ATTEMPTS) return refused({ reason: 'pickup_code_locked' });
    const typed = a.pickupCode?.trim() ?? '';
    if (typed === '') return refused({ reason: 'pickup_code_missing' });
    if (!pickupCodeMatches(typed, c.pickupCode)) {
      const attempts = c.pickupCodeAttempts + 1;
      return { ok: false, refusal: { reason: 'pickup_code_wrong', left: PICKUP_CODE_MAX_ATTEMPTS - attempts }, record: { event: 'pickup_code_wrong', set: { pickupCodeAttempts: attempts } } };
    }
    // Spent: the code proved the hand-over and is good for nothing else.
    set.pickupCode = null;
    detail.proof = 'pickup_code';
  }
  return { set, detail, messages: [...tell(c, 'desk.completed', { code: c.code, service: c.service!, kelurahan: ctx.kelurahan.name }), skmInvitation(c)] };
}

/**
 * The satisfaction survey is offered once, to the applicant (the resident served, not a helper),
 * with the hand-over that ends the case: it happens once, so the invitation does too.
 */
function skmInvitation(c: DeskCase): DeskMessage {
  return { to: 'applicant', key: 'skm.invite', params: { code: c.code }, choices: skmInviteChoices(c.id) };
}

type Outcome = { set?: DeskCaseChanges; detail?: DeskEventDetail; messages?: DeskMessage[]; effects?: DeskEffect[] };

function facts(c: DeskCase, now: Instant) {
  return { kind: c.kind, state: c.state, documentsComplete: c.documentsComplete, pengantarApproved: c.pengantarApproved, answeredAt: c.answeredAt, now };
}

/** Applies `event` as staff; `outcome` checks what was typed, only once the machine allows the step. */
function transition(c: DeskCase, ctx: DeskContext, event: CaseEvent, outcome: (to: CaseState) => Outcome | DeskRefused): DeskDecision {
  const r = applyEvent(facts(c, ctx.now), event, 'staff');
  if (!r.ok) return refused({ reason: r.reason });
  return settle(c, event, r.to, outcome(r.to));
}

function settle(c: DeskCase, event: CaseEvent | DeskNote, to: CaseState, o: Outcome | DeskRefused): DeskDecision {
  return 'ok' in o ? o : done(c, event, to, o);
}

function note(c: DeskCase, kind: DeskNote, o: Outcome): DeskDone {
  return done(c, kind, c.state, o);
}

function done(c: DeskCase, event: CaseEvent | DeskNote, to: CaseState, o: Outcome): DeskDone {
  return { ok: true, event, from: c.state, to, set: o.set ?? {}, detail: o.detail ?? {}, messages: o.messages ?? [], effects: o.effects ?? [] };
}

function withText(input: string, then: (text: string) => Outcome | DeskRefused, max?: number): Outcome | DeskRefused {
  const r = cleanStaffText(input, max);
  return r.ok ? then(r.value) : refused(r.refusal);
}

/** The applicant, and the helper who applied for them, hear the same thing, each in their own language. */
function tell<K extends DeskMessage['key']>(c: DeskCase, key: K, params: Extract<DeskMessage, { key: K }>['params']): DeskMessage[] {
  const to: Recipient[] = c.hasHelper ? ['applicant', 'helper'] : ['applicant'];
  return to.map((r) => ({ to: r, key, params }) as DeskMessage);
}

/** The chair whose decision the office took is told, so that their card is not pressed in vain. */
function toChair(c: DeskCase, decision: 'approve_pengantar' | 'refuse_pengantar' | 'verify_valid' | 'verify_invalid'): DeskMessage[] {
  return c.chairLinked ? [{ to: 'rt_chair', key: 'desk.chair_told', params: { code: c.code, decision } }] : [];
}

/** One of the documents this case's service asks the resident to upload, or undefined. */
function requirementOf(c: DeskCase, input: string): RequirementId | undefined {
  if (c.service === null) return undefined;
  return uploadRequirements(c.service).find((r) => r === input);
}

/** A revision round: the named document (or the data) again; the first reminder a day later. */
function revision(ctx: DeskContext, requirement: RequirementId | null, reason: string): DeskCaseChanges {
  return { revisionRequirement: requirement, revisionReason: reason, remindersSent: 0, nextActionAt: ctx.now + DAY_MS };
}
