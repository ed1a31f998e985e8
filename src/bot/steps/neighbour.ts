/**
 * A neighbour's answer to "do you know this applicant?" (Tabel 6 a). The question id in the
 * button is checked against the identity it was sent to; the last answer hands the case back to
 * the RT chair with a summary and the two verdict buttons.
 */
import { applyEvent } from '../../domain/case-machine';
import { localMinute } from '../session';
import type { QuestionView } from '../context';
import { verifyChoices } from '../rt-cards';
import type { Session } from '../session';
import { chosen, type Step } from './step';

export function pendingQuestions(s: Session): QuestionView[] {
  return s.ctx.questions.filter((q) => q.identityId === s.ctx.identity.id && q.answer === null && q.caseState === 'neighbour_check');
}

export function pressNeighbour(s: Session, choiceId: string): boolean {
  const m = /^nb:([yn]):(.+)$/.exec(choiceId);
  if (!m) return false;
  const q = s.ctx.questions.find((x) => x.id === m[2]);
  // No such question: the caller answers that the button is no longer valid.
  if (!q) return false;
  if (q.identityId !== s.ctx.identity.id) {
    s.effect({ type: 'case_event', caseId: q.caseId, kind: 'press_refused', actor: 'resident', detail: { action: 'neighbour_answer', reason: 'not_asked' } });
    s.say(s.t('refusal.actor_not_allowed'));
    s.finish();
    return true;
  }
  if (q.answer !== null || q.caseState !== 'neighbour_check') {
    s.say(s.t('rt.already_handled', { code: q.caseCode }));
    s.finish();
    return true;
  }
  const answer = m[1] === 'y' ? 'yes' : 'no';
  s.effect({ type: 'answer_question', questionId: q.id, caseId: q.caseId, caseVersion: q.caseVersion, answer });
  const answers = q.all.map((o) => (o.id === q.id ? { ...o, answer } : o));
  if (answers.every((o) => o.answer !== null)) {
    const done = applyEvent({ kind: 'service', state: 'neighbour_check', documentsComplete: true, pengantarApproved: true }, 'neighbours_done', 'system');
    if (done.ok) {
      s.effect({ type: 'transition', caseId: q.caseId, event: 'neighbours_done', from: done.from, to: done.to, actor: 'system', detail: { answers: answers.map((o) => o.answer) } });
    }
    const rt = s.ctx.registry.find((r) => r.rtNumber === q.rtNumber && r.rwNumber === q.rwNumber);
    if (rt?.chairPersonId) {
      const lines = answers.map((o, i) => `${i + 1}. ${s.ctxText('id', o.answer === 'yes' ? 'rt.neighbour_yes' : 'rt.neighbour_no')}`).join('\n');
      s.effect({
        type: 'send',
        to: { personId: rt.chairPersonId },
        caseId: q.caseId,
        message: { kind: 'text', text: s.ctxText('id', 'rt.neighbours_answered', { code: q.caseCode, lines }), choices: verifyChoices('id', s, q.caseId, false) },
      });
    }
  }
  s.say(s.t('neighbour.thanks'));
  s.finish();
  return true;
}

export const neighbourPendingStep: Step = {
  ask(s) {
    const q = pendingQuestions(s)[0];
    if (!q) {
      s.finish();
      return s.goto('menu');
    }
    const pad2 = (n: number) => String(n).padStart(2, '0');
    s.ask(s.t('neighbour.question', { rt: pad2(q.rtNumber), rw: pad2(q.rwNumber), name: q.applicantName, minuteOfDay: localMinute(s) }), [
      { id: `nb:y:${q.id}`, label: s.t('neighbour.yes'), aliases: ['ya', 'kenal'] },
      { id: `nb:n:${q.id}`, label: s.t('neighbour.no'), aliases: ['tidak'] },
    ]);
  },
  answer(s, a) {
    const id = chosen(a);
    return id ? pressNeighbour(s, id) : false;
  },
};
