/**
 * Carrying on with a draft application once its documents are checked. The queue stores the
 * last document while the resident may be anywhere: waiting at the summary, still on the way to
 * it, back at the menu, or busy with something else. documentsReadyTurn decides, without I/O,
 * what Loket then says and where the conversation goes, one question at a time; "lanjut" picks
 * a draft up again from anywhere, its flow data rebuilt from the case, and "menu" and "status"
 * offer it (a draft left for a day is otherwise forgotten with the conversation).
 */
import type { OutboundMessage } from '../../../adapters/channel';
import { choiceHint, t, type Locale } from '../../domain/messages';
import type { ServiceId } from '../../domain/services';
import type { CaseView } from '../context';
import type { Session } from '../session';
import type { ConversationState, FlowData } from '../state';
import { applyDocuments, askNextDocument, deliveryChoices, draftDocuments, summaryChoices, summaryText } from './documents';
import { chosen, type Step } from './step';

export interface DraftFacts {
  id: string;
  service: ServiceId;
  rtId: string;
  applicantName: string;
  forOther: boolean;
}

export function draftFlowData(c: DraftFacts): FlowData {
  return { service: c.service, caseId: c.id, rtId: c.rtId, applicantName: c.applicantName, forOther: c.forOther };
}

/** The draft this person may pick up: one they are making, for themselves or for someone else. */
export function resumableDraft(s: Session): CaseView | null {
  const mine = (c: CaseView) => (c.submitterPersonId ?? c.applicantPersonId) === s.ctx.person.id;
  return s.ctx.cases.find((c) => c.kind === 'service' && c.state === 'draft' && c.service && c.rtId && mine(c)) ?? null;
}

/** The documents a draft still lacks ("Fotokopi KK, Pas foto"), or null when none is missing. */
export function missingDocuments(s: Session, c: CaseView): string | null {
  const { missing } = draftDocuments(s, c.id, c.service!);
  return missing.length ? missing.map((r) => s.t(`requirement.${r}`)).join(', ') : null;
}

/** What a draft needs next, for the status list: the documents missing, or that it waits to be sent. */
export function draftToDo(s: Session, c: CaseView): string {
  const missing = missingDocuments(s, c);
  if (missing) return s.t('status.draft_missing', { documents: missing });
  return s.t(draftDocuments(s, c.id, c.service!).checking.length ? 'status.draft_checking' : 'status.draft_unsent');
}

/** Back into the draft `c` without asking anything yet. */
function enterDraft(s: Session, c: CaseView): void {
  s.finish();
  const data = draftFlowData({ id: c.id, service: c.service!, rtId: c.rtId!, applicantName: c.applicantName, forOther: c.submitterPersonId !== null });
  s.state = { step: 'apply.documents', data, history: [], choices: [] };
}

/** "lanjut": back into this person's draft, at the next document or at delivery. */
export function resumeDraft(s: Session): void {
  const c = resumableDraft(s);
  if (!c) {
    s.finish();
    s.say(s.t('apply.nothing_to_resume'));
    s.goto('menu');
    return;
  }
  enterDraft(s, c);
  askNextDocument(s, true);
}

/**
 * Offered after "status" while a draft waits. A photo sent instead of an answer is the next
 * document: someone who has just read what is missing sends it.
 */
export const resumeOffer: Step = {
  ask(s) {
    const c = resumableDraft(s);
    if (!c) {
      s.finish();
      s.goto('menu');
      return;
    }
    s.ask(s.t('resume.offer', { service: s.t(`service.${c.service!}`), name: c.applicantName }), [
      { id: 'resume:yes', label: s.t('resume.yes'), aliases: ['ya', 'lanjut', 'yes'] },
      { id: 'resume:later', label: s.t('resume.later'), aliases: ['nanti', 'tidak', 'later'] },
    ]);
  },
  answer(s, answer) {
    const c = resumableDraft(s);
    if (c && answer.kind === 'media') {
      enterDraft(s, c);
      return applyDocuments.answer(s, answer);
    }
    switch (chosen(answer)) {
      case 'resume:yes':
        resumeDraft(s);
        return true;
      case 'resume:later':
        s.say(s.t('resume.later_ok'));
        s.finish();
        return true;
      default:
        return false;
    }
  },
};

export interface ReadyTurn {
  /** The conversation to write (guarded by the version read), or null to leave it. */
  state: ConversationState | null;
  message: OutboundMessage | null;
}

/** Every document of the draft `c` is now stored; `previous` is the conversation, null when expired. */
export function documentsReadyTurn(
  previous: ConversationState | null,
  locale: Locale,
  c: DraftFacts & { rtNumber: number; rwNumber: number },
): ReadyTurn {
  const ready = t(locale, 'apply.docs_ready', { service: t(locale, `service.${c.service}`), name: c.applicantName });
  if (previous && previous.step.startsWith('apply.') && previous.data.caseId === c.id) {
    // On the way to the summary, which will offer Kirim: nothing to interrupt them with.
    if (previous.step !== 'apply.summary' || !previous.data.delivery) return { state: null, message: null };
    const choices = summaryChoices(locale);
    return {
      state: { ...previous, choices },
      message: { kind: 'text', text: [ready, summaryText(locale, previous.data, c)].join('\n\n'), choices, hint: choiceHint(locale) },
    };
  }
  // The offer after "status" is left for the next question the draft needs.
  if (!previous || previous.step === 'idle' || previous.step === 'menu' || previous.step === 'resume.offer') {
    const choices = deliveryChoices(locale);
    return {
      state: { step: 'apply.delivery', data: draftFlowData(c), history: [], choices },
      message: { kind: 'text', text: [ready, t(locale, 'apply.delivery')].join('\n\n'), choices, hint: choiceHint(locale) },
    };
  }
  // In the middle of something else: not taken away from it.
  return { state: null, message: { kind: 'text', text: `${ready}\n\n${t(locale, 'apply.resume_hint')}` } };
}
