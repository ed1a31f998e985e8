/**
 * The satisfaction survey (SKM, Permenpan RB 14/2017) in the chat. The hand-over sends the
 * applicant one invitation with "Ya" / "Nanti saja" / "Tidak" (domain/desk/actions.ts); its
 * buttons (`skm:y:<case>` ...), or those words typed by someone nothing else is waiting for,
 * land here. "Ya" makes the survey's row and asks the nine elements one at a time, each on four
 * buttons or typed 1-4, then a free suggestion that only staff read. Every answer is written by
 * the message that gave it, so stopping halfway ("menu", or anything that is no answer) keeps
 * what was answered. "Tidak" is recorded on the case and closes the invitation for good.
 */
import type { Choice } from '../../../adapters/channel';
import { DAY_MS } from '../../domain/calendar';
import {
  checkSuggestion, isSkmValue, parseSkmInvitePress, SKM_ELEMENTS, SKM_INVITE_DAYS, SKM_SUGGESTION_MAX,
  type SkmElement, type SkmInvitePress,
} from '../../domain/skm';
import type { SkmCaseView } from '../context';
import { matchLabel } from '../../../adapters/match-choice';
import type { Session } from '../session';
import { chosen, type Step } from './step';

const SKIP = 'skm-suggestion:skip';

/** Handles an invitation button; false when it names no case of this person (the caller says it is stale). */
export function pressSkmInvite(s: Session, choiceId: string): boolean {
  const p = parseSkmInvitePress(choiceId);
  if (!p) return false;
  const c = s.ctx.skm.find((x) => x.caseId === p.caseId);
  if (!c) return false;
  settleInvite(s, c, p.press);
  return true;
}

/**
 * "Ya", "Nanti saja" or "Tidak" typed instead of pressed, by someone with an invitation still
 * open and nothing else waiting for their answer. Only the whole word counts.
 */
export function typedSkmInvite(s: Session, text: string): boolean {
  const c = s.ctx.skm.find((x) => inviteOpen(s, x) && !x.started);
  if (!c) return false;
  const choices: Choice[] = [
    { id: 'yes', label: s.t('skm.yes'), aliases: ['ya', 'iya', 'yes', 'boleh', 'mau'] },
    { id: 'later', label: s.t('skm.later'), aliases: ['nanti', 'nanti saja', 'later'] },
    { id: 'no', label: s.t('skm.no'), aliases: ['tidak', 'tidak mau', 'no', 'ga', 'gak', 'nggak', 'enggak'] },
  ];
  const match = matchLabel(text, choices);
  if (!match) return false;
  settleInvite(s, c, match.id as SkmInvitePress);
  return true;
}

/** In the survey: leaves it, saying that what was answered is kept. */
export function leaveSurvey(s: Session): boolean {
  if (!s.state.step.startsWith('skm.')) return false;
  s.say(s.t('skm.stopped'));
  return true;
}

function inviteOpen(s: Session, c: SkmCaseView): boolean {
  return !c.declined && !c.completed && c.handedOverAt !== null && s.ctx.now - c.handedOverAt <= SKM_INVITE_DAYS * DAY_MS;
}

function settleInvite(s: Session, c: SkmCaseView, press: SkmInvitePress): void {
  if (c.completed) {
    s.say(s.t('skm.already_done', { code: c.code }));
    return carryOn(s);
  }
  if (!inviteOpen(s, c)) {
    s.say(s.t('skm.closed', { code: c.code }));
    return carryOn(s);
  }
  if (press === 'no') {
    // Recorded on the case, not as a survey row: a "Tidak" is no answer to the survey.
    s.effect({ type: 'case_event', caseId: c.caseId, kind: 'skm_declined', actor: 'resident' });
    s.say(s.t('skm.declined'));
    // Whatever the resident was doing (an application half done) goes on where it was.
    return carryOn(s);
  }
  if (press === 'later') {
    s.say(s.t('skm.later_ok', { days: SKM_INVITE_DAYS }));
    return carryOn(s);
  }
  if (!c.started) {
    s.effect({ type: 'skm', op: 'start', caseId: c.caseId, responseId: s.ctx.ids.newId(), service: c.service });
    s.say(s.t('skm.start'));
  } else {
    s.say(s.t('skm.continue', { code: c.code }));
  }
  const first = nextElement(c, null);
  s.state = { step: 'idle', data: { skmCaseId: c.caseId }, history: [], choices: [] };
  if (first) {
    s.state.data.skmElement = first;
    s.jump('skm.question');
  } else {
    s.jump('skm.suggestion');
  }
}

/** A press on an old message: whoever is in the middle of a question gets it again. */
function carryOn(s: Session): void {
  if (s.state.step !== 'idle') return s.reask();
  s.finish();
}

/** The first element after `after` (in the regulation's order) not answered yet. */
function nextElement(c: SkmCaseView, after: SkmElement | null): SkmElement | null {
  const from = after === null ? 0 : SKM_ELEMENTS.indexOf(after) + 1;
  return SKM_ELEMENTS.slice(from).find((e) => !isSkmValue(c.answers[e])) ?? null;
}

function surveyCase(s: Session): SkmCaseView | undefined {
  return s.ctx.skm.find((c) => c.caseId === s.state.data.skmCaseId && c.started && !c.completed);
}

export const skmQuestion: Step = {
  ask(s) {
    const e = s.state.data.skmElement;
    if (!e) return s.finish();
    const choices: Choice[] = ([1, 2, 3, 4] as const).map((v) => ({ id: `${e}:${v}`, label: s.t(`skm.${e}.${v}`) }));
    s.ask(s.t('skm.question', { n: SKM_ELEMENTS.indexOf(e) + 1, total: SKM_ELEMENTS.length, question: s.t(`skm.${e}`) }), choices);
  },
  answer(s, a) {
    const c = surveyCase(s);
    const e = s.state.data.skmElement;
    if (!c || !e) {
      s.finish();
      return true;
    }
    const id = chosen(a);
    const value = id === null ? null : Number(id.slice(e.length + 1));
    if (!isSkmValue(value)) {
      if (a.kind === 'text' && /^\s*\d+\s*$/.test(a.text)) {
        s.say(s.t('skm.range'));
        s.reask();
        return true;
      }
      // Anything that is no answer ends the survey politely; what was answered stays.
      leaveSurvey(s);
      s.finish();
      return true;
    }
    s.effect({ type: 'skm', op: 'answer', caseId: c.caseId, element: e, value });
    const next = nextElement(c, e);
    if (next) {
      s.state.data.skmElement = next;
      s.goto('skm.question');
    } else {
      // skmElement stays: "kembali" from the suggestion returns to the last question.
      s.goto('skm.suggestion');
    }
    return true;
  },
};

export const skmSuggestion: Step = {
  ask(s) {
    s.ask(s.t('skm.suggestion_ask'), [{ id: SKIP, label: s.t('skm.skip'), aliases: ['lewati', 'tidak', 'tidak ada', 'skip', 'no'] }]);
  },
  answer(s, a) {
    const c = surveyCase(s);
    if (!c) {
      s.finish();
      return true;
    }
    let suggestion: string | null = null;
    if (chosen(a) !== SKIP) {
      if (a.kind !== 'text') return false;
      const r = checkSuggestion(a.text);
      if (!r.ok) {
        s.say(r.reason === 'too_long' ? s.t('skm.suggestion_too_long', { max: SKM_SUGGESTION_MAX }) : s.t('skm.suggestion_empty'));
        s.reask();
        return true;
      }
      suggestion = r.value;
    }
    s.effect({ type: 'skm', op: 'finish', caseId: c.caseId, suggestion });
    s.say(s.t('skm.thanks'));
    s.finish();
    return true;
  },
};
