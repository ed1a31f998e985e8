/**
 * A neighbour's answer to "do you know this applicant?" (Tabel 6 a). The question id in the
 * button is checked against the identity it was sent to. Each answer is passed on to the RT chair;
 * the last hands the case back to them with a summary and the two verdict buttons.
 */
import { applyEvent } from '../../domain/case-machine';
import { maskPhone } from '../../domain/phone';
import { choiceHint } from '../../domain/messages';
import { localMinute } from '../session';
import type { QuestionView } from '../context';
import { chairNotBefore, chairYou } from '../chair-address';
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
  if (q.caseState === 'cancelled') {
    // The question went with the case: said plainly, and not asked again.
    s.say(s.t('neighbours.case_cancelled'));
    s.finish();
    return true;
  }
  if (q.answer !== null || q.caseState !== 'neighbour_check') {
    s.say(s.t('rt.already_handled', { code: q.caseCode }));
    s.finish();
    return true;
  }
  const answer: 'yes' | 'no' = m[1] === 'y' ? 'yes' : 'no';
  s.effect({ type: 'answer_question', questionId: q.id, caseId: q.caseId, caseVersion: q.caseVersion, answer });
  const answers = q.all.map((o) => (o.id === q.id ? { ...o, answer } : o));
  const done = answers.every((o) => o.answer !== null);
  if (done) {
    const back = applyEvent({ kind: 'service', state: 'neighbour_check', documentsComplete: true, pengantarApproved: true }, 'neighbours_done', 'system');
    if (back.ok) {
      s.effect({ type: 'transition', caseId: q.caseId, event: 'neighbours_done', from: back.from, to: back.to, actor: 'system', detail: { answers: answers.map((o) => o.answer) } });
    }
  }
  tellChair(s, q, answer, answers, done);
  s.say(s.t('neighbour.thanks'));
  s.finish();
  return true;
}

/**
 * Each answer reaches the chair as it comes, named by the number the chair typed (masked), never
 * by the neighbour's profile name; the last one with all answers. The verdict buttons come with
 * every answer: the chair need not wait for the others.
 */
function tellChair(s: Session, q: QuestionView, answer: 'yes' | 'no', answers: QuestionView['all'], done: boolean): void {
  const rt = s.ctx.registry.find((r) => r.rtNumber === q.rtNumber && r.rwNumber === q.rwNumber);
  if (!rt?.chairPersonId) return;
  const said = (a: 'yes' | 'no' | null) => s.ctxText('id', a === null ? 'neighbours.not_yet' : a === 'yes' ? 'rt.neighbour_yes' : 'rt.neighbour_no');
  const own = answers.find((o) => o.id === q.id)!;
  const text = done
    ? s.ctxText('id', 'rt.neighbours_answered', {
        code: q.caseCode,
        lines: answers.map((o, i) => `${i + 1}. ${s.ctxText('id', 'neighbours.line', { who: maskPhone(o.phone), answer: said(o.answer) })}`).join('\n'),
      })
    : [
        s.ctxText('id', 'neighbours.answer_in', { code: q.caseCode, who: maskPhone(own.phone), answer: said(answer), name: q.applicantName }),
        s.ctxText('id', 'neighbours.still_waiting', { count: answers.filter((o) => o.answer === null).length, you: chairYou(s, rt.rtId) }),
      ].join('\n');
  s.effect({ type: 'send', to: { personId: rt.chairPersonId }, caseId: q.caseId, notBefore: chairNotBefore(s), message: { kind: 'text', text, choices: verifyChoices('id', s, q.caseId, false), hint: choiceHint('id') } });
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
