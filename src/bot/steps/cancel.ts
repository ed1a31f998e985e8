/** Cancelling a case that has not reached day 3 (after that the office is already making it). */
import { chairNotBefore, chairYou } from '../chair-address';
import { applyEvent } from '../../domain/case-machine';
import { maskPhone } from '../../domain/phone';
import type { CaseView } from '../context';
import type { Session } from '../session';
import { chosen, type Step } from './step';

function actorFor(s: Session, c: CaseView) {
  return c.applicantPersonId === s.ctx.person.id ? 'resident' : 'helper';
}

function cancellable(s: Session): CaseView[] {
  return s.ctx.cases.filter(
    (c) => c.kind === 'service' && applyEvent({ kind: 'service', state: c.state, documentsComplete: true, pengantarApproved: c.pengantarApproved }, 'cancel', actorFor(s, c)).ok,
  );
}

export const cancelPick: Step = {
  ask(s) {
    const cases = cancellable(s);
    if (cases.length === 0) {
      s.say(s.t('cancel.none'));
      s.finish();
      return;
    }
    s.ask(
      s.t('cancel.which'),
      cases.map((c) => ({ id: `cancel:${c.id}`, label: `${c.code} ${c.service ? s.t(`service.${c.service}`) : ''}`.trim(), aliases: [c.code] })),
    );
  },
  answer(s, answer) {
    const id = chosen(answer)?.replace(/^cancel:/, '');
    if (!id || !cancellable(s).some((c) => c.id === id)) return false;
    s.state.data = { caseId: id };
    s.goto('cancel.confirm');
    return true;
  },
};

export const cancelConfirm: Step = {
  ask(s) {
    const c = s.ctx.cases.find((x) => x.id === s.state.data.caseId)!;
    s.ask(s.t('cancel.confirm', { code: c.code }), [
      { id: 'cancel:yes', label: s.t('cancel.yes'), aliases: ['ya', 'yes'] },
      { id: 'cancel:no', label: s.t('cancel.no'), aliases: ['tidak', 'no'] },
    ]);
  },
  answer(s, answer) {
    const id = chosen(answer);
    if (id === 'cancel:no') {
      s.finish();
      s.goto('menu');
      return true;
    }
    if (id !== 'cancel:yes') return false;
    const c = s.ctx.cases.find((x) => x.id === s.state.data.caseId)!;
    cancelCase(s, c);
    s.finish();
    return true;
  },
};

/** Cancels `c` for the person in this session, or says why it cannot be. */
export function cancelCase(s: Session, c: CaseView): boolean {
  const actor = actorFor(s, c);
  const result = applyEvent({ kind: 'service', state: c.state, documentsComplete: true, pengantarApproved: c.pengantarApproved }, 'cancel', actor);
  if (!result.ok) {
    s.say(s.t('cancel.too_late'));
    return false;
  }
  s.effect({ type: 'transition', caseId: c.id, event: 'cancel', from: result.from, to: result.to, actor, set: { nextActionAt: null } });
  s.say(s.t('cancel.done', { code: c.code }));
  tellOthers(s, c, actor);
  return true;
}

/**
 * The others who were waiting on the case hear it ended: the RT chair, who may still hold its
 * card, and the applicant or the helper, whoever did not cancel. The helper is named to the
 * applicant only by masked number, as when they applied.
 */
function tellOthers(s: Session, c: CaseView, actor: 'resident' | 'helper') {
  const chair = c.rtId ? s.ctx.registry.find((r) => r.rtId === c.rtId)?.chairPersonId : null;
  if (chair && chair !== s.ctx.person.id) {
    s.effect({ type: 'send', to: { personId: chair }, caseId: c.id, notBefore: chairNotBefore(s), message: { kind: 'text', text: s.ctxText('id', 'cancel.chair_told', { code: c.code, name: c.applicantName, you: chairYou(s, c.rtId) }) } });
  }
  if (!c.submitterPersonId || c.submitterPersonId === c.applicantPersonId) return;
  if (actor === 'resident') {
    s.effect({ type: 'send', to: { personId: c.submitterPersonId }, caseId: c.id, message: { kind: 'text', text: s.ctxText('id', 'cancel.helper_told', { code: c.code, name: c.applicantName }) } });
  } else {
    s.effect({ type: 'send', to: { personId: c.applicantPersonId }, caseId: c.id, message: { kind: 'text', text: s.ctxText('id', 'cancel.applicant_told', { code: c.code, helper: maskPhone(c.submitterPhone) }) } });
  }
}
