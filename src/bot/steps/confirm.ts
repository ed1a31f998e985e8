/**
 * The applicant's own confirmation when a helper applied for them (Tabel 6 c): the request
 * arrives with two buttons whose ids name the case. Ids are never trusted: the case must be one
 * this person is the applicant of, submitted by someone else, and not yet confirmed.
 */
import { chairNotBefore, chairYou } from '../chair-address';
import { applyEvent } from '../../domain/case-machine';
import { DENIAL_BLOCK_DAYS } from '../../domain/helper-limits';
import type { Locale } from '../../domain/messages';
import { maskPhone } from '../../domain/phone';
import type { ServiceId } from '../../domain/services';
import type { CaseView } from '../context';
import type { Session } from '../session';
import { chosen, type Step } from './step';

const CONFIRMABLE: CaseView['state'][] = ['draft', 'awaiting_pengantar', 'submitted', 'verifying', 'neighbour_check', 'needs_revision'];

/** Requests for this person still open to a "Ya, benar". */
export function pendingConfirmations(s: Session): CaseView[] {
  return unansweredRequests(s).filter((c) => CONFIRMABLE.includes(c.state));
}

/**
 * Requests for this person not yet answered, whatever became of the case: a helper who cancels
 * before the owner answers must not escape the owner's "Bukan saya" and its 30-day block.
 */
function unansweredRequests(s: Session): CaseView[] {
  return s.ctx.cases.filter(
    (c) =>
      c.applicantPersonId === s.ctx.person.id &&
      c.submitterPersonId !== null &&
      c.submitterPersonId !== s.ctx.person.id &&
      c.applicantConfirmedAt === null &&
      c.applicantDeniedAt === null,
  );
}

/** Handles an `ac:y:<case>` / `ac:n:<case>` press; false when it is not one this person may make. */
export function answerConfirmation(s: Session, choiceId: string): boolean {
  const m = /^ac:([yn]):(.+)$/.exec(choiceId);
  if (!m) return false;
  const c = (m[1] === 'y' ? pendingConfirmations(s) : unansweredRequests(s)).find((x) => x.id === m[2]);
  if (!c) return false;
  const helperId = c.submitterPersonId!;
  if (m[1] === 'y') {
    s.effect({ type: 'case_event', caseId: c.id, kind: 'applicant_confirmed', actor: 'resident', setApplicantConfirmedAt: s.ctx.now });
    s.say(s.t('apply.confirm_thanks'));
    notifyHelper(s, c, helperId, 'apply.helper_told_confirmed');
  } else {
    // Recorded whatever the case's state: it is what keeps this helper from asking again.
    s.effect({ type: 'case_event', caseId: c.id, kind: 'applicant_denied', actor: 'resident', setApplicantDeniedAt: s.ctx.now });
    const result = applyEvent({ kind: 'service', state: c.state, documentsComplete: true, pengantarApproved: c.pengantarApproved }, 'cancel', 'resident');
    if (result.ok) {
      s.effect({ type: 'transition', caseId: c.id, event: 'cancel', from: result.from, to: result.to, actor: 'resident', set: { nextActionAt: null }, detail: { reason: 'applicant_denied' } });
      tellChair(s, c, helperId);
    }
    s.say(s.t('apply.confirm_denied'));
    notifyHelper(s, c, helperId, 'apply.helper_told_denied');
  }
  s.finish();
  return true;
}

/** The RT chair may hold the case's card (or be waiting on neighbours): they hear it is off. */
function tellChair(s: Session, c: CaseView, helperPersonId: string): void {
  const chair = c.rtId ? s.ctx.registry.find((r) => r.rtId === c.rtId)?.chairPersonId : null;
  // A chair who applied as the helper hears it as the helper, once.
  if (!chair || chair === s.ctx.person.id || chair === helperPersonId) return;
  s.effect({ type: 'send', to: { personId: chair }, caseId: c.id, notBefore: chairNotBefore(s), message: { kind: 'text', text: s.ctxText('id', 'neighbours.chair_denied', { code: c.code, name: c.applicantName, you: chairYou(s, c.rtId) }) } });
}

function notifyHelper(s: Session, c: CaseView, helperPersonId: string, key: 'apply.helper_told_confirmed' | 'apply.helper_told_denied'): void {
  s.effect({
    type: 'send',
    to: { personId: helperPersonId },
    caseId: c.id,
    // The name is the one the helper typed themselves (given_name), told back only to them.
    message: { kind: 'text', text: s.ctxText('id', key, { name: c.applicantName, code: c.code, days: DENIAL_BLOCK_DAYS }) },
  });
}

/**
 * The question to the applicant. It carries nothing the helper chose about themselves (no
 * profile name, no name they gave themselves): only their masked number, the service, and the
 * applicant's name, which passed the name rule when it was typed.
 */
export function confirmRequestText(s: Session, locale: Locale, p: { helperPhone: string | null; service: ServiceId; name: string }): string {
  const helper = p.helperPhone
    ? s.ctxText(locale, 'apply.helper_number', { number: maskPhone(p.helperPhone) })
    : s.ctxText(locale, 'apply.helper_unknown');
  return s.ctxText(locale, 'apply.confirm_request', { helper, service: s.ctxText(locale, `service.${p.service}`), name: p.name, days: DENIAL_BLOCK_DAYS });
}

export const confirmApplicant: Step = {
  ask(s) {
    const c = pendingConfirmations(s)[0];
    if (!c) {
      s.finish();
      s.goto('menu');
      return;
    }
    s.ask(
      confirmRequestText(s, s.locale, { helperPhone: c.submitterPhone, service: c.service!, name: c.applicantName }),
      [
        { id: `ac:y:${c.id}`, label: s.t('apply.confirm_yes'), aliases: ['ya', 'benar', 'yes'] },
        { id: `ac:n:${c.id}`, label: s.t('apply.confirm_no'), aliases: ['tidak', 'bukan', 'bukan saya', 'no', 'not me'] },
      ],
    );
  },
  answer(s, answer) {
    const id = chosen(answer);
    return id ? answerConfirmation(s, id) : false;
  },
};
