/**
 * The applicant's own confirmation when a helper applied for them (Tabel 6 c): the request
 * arrives with two buttons whose ids name the case. Ids are never trusted: the case must be one
 * this person is the applicant of, submitted by someone else, and not yet confirmed.
 */
import { applyEvent } from '../../domain/case-machine';
import type { CaseView } from '../context';
import type { Session } from '../session';
import { chosen, type Step } from './step';

export function pendingConfirmations(s: Session): CaseView[] {
  return s.ctx.cases.filter(
    (c) =>
      c.applicantPersonId === s.ctx.person.id &&
      c.submitterPersonId !== null &&
      c.submitterPersonId !== s.ctx.person.id &&
      c.applicantConfirmedAt === null &&
      ['draft', 'awaiting_pengantar', 'submitted', 'verifying', 'neighbour_check', 'needs_revision'].includes(c.state),
  );
}

/** Handles an `ac:y:<case>` / `ac:n:<case>` press; false when it is not one this person may make. */
export function answerConfirmation(s: Session, choiceId: string): boolean {
  const m = /^ac:([yn]):(.+)$/.exec(choiceId);
  if (!m) return false;
  const c = pendingConfirmations(s).find((x) => x.id === m[2]);
  if (!c) return false;
  const helperId = c.submitterPersonId!;
  if (m[1] === 'y') {
    s.effect({ type: 'case_event', caseId: c.id, kind: 'applicant_confirmed', actor: 'resident', setApplicantConfirmedAt: s.ctx.now });
    s.say(s.t('apply.confirm_thanks'));
    notifyHelper(s, c, helperId, 'apply.helper_told_confirmed');
  } else {
    const result = applyEvent({ kind: 'service', state: c.state, documentsComplete: true, pengantarApproved: c.pengantarApproved }, 'cancel', 'resident');
    if (result.ok) {
      s.effect({ type: 'transition', caseId: c.id, event: 'cancel', from: result.from, to: result.to, actor: 'resident', set: { nextActionAt: null }, detail: { reason: 'applicant_denied' } });
    }
    s.say(s.t('apply.confirm_denied'));
    notifyHelper(s, c, helperId, 'apply.helper_told_denied');
  }
  s.finish();
  return true;
}

function notifyHelper(s: Session, c: CaseView, helperPersonId: string, key: 'apply.helper_told_confirmed' | 'apply.helper_told_denied'): void {
  s.effect({
    type: 'send',
    to: { personId: helperPersonId },
    caseId: c.id,
    message: { kind: 'text', text: s.ctxText('id', key, { name: c.applicantName, code: c.code }) },
  });
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
      s.t('apply.confirm_request', { helper: c.submitterName ?? '-', service: s.t(`service.${c.service!}`), name: c.applicantName }),
      [
        { id: `ac:y:${c.id}`, label: s.t('apply.confirm_yes'), aliases: ['ya', 'benar', 'yes'] },
        { id: `ac:n:${c.id}`, label: s.t('apply.confirm_no'), aliases: ['tidak', 'bukan', 'no'] },
      ],
    );
  },
  answer(s, answer) {
    const id = chosen(answer);
    return id ? answerConfirmation(s, id) : false;
  },
};
