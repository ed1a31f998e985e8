/**
 * Carrying on with a draft application once its documents are checked. The queue stores the
 * last document while the resident may be anywhere: waiting at the summary, still on the way to
 * it, back at the menu, or busy with something else. documentsReadyTurn decides, without I/O,
 * what Loket then says and where the conversation goes, one question at a time; "lanjut" picks
 * a draft up again from anywhere, its flow data rebuilt from the case.
 */
import type { OutboundMessage } from '../../../adapters/channel';
import { t, type Locale } from '../../domain/messages';
import type { ServiceId } from '../../domain/services';
import type { Session } from '../session';
import type { ConversationState, FlowData } from '../state';
import { askNextDocument, deliveryChoices, summaryChoices, summaryText } from './documents';

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

/** "lanjut": back into this person's draft, at the next document or at delivery. */
export function resumeDraft(s: Session): void {
  const c = s.ctx.cases.find(
    (c) => c.kind === 'service' && c.state === 'draft' && c.service && c.rtId && (c.submitterPersonId ?? c.applicantPersonId) === s.ctx.person.id,
  );
  s.finish();
  if (!c) {
    s.say(s.t('apply.nothing_to_resume'));
    s.goto('menu');
    return;
  }
  const data = draftFlowData({ id: c.id, service: c.service!, rtId: c.rtId!, applicantName: c.applicantName, forOther: c.submitterPersonId !== null });
  s.state = { step: 'apply.documents', data, history: [], choices: [] };
  askNextDocument(s, true);
}

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
  const hint = t(locale, 'hint.reply');
  if (previous && previous.step.startsWith('apply.') && previous.data.caseId === c.id) {
    // On the way to the summary, which will offer Kirim: nothing to interrupt them with.
    if (previous.step !== 'apply.summary' || !previous.data.delivery) return { state: null, message: null };
    const choices = summaryChoices(locale);
    return {
      state: { ...previous, choices },
      message: { kind: 'text', text: [ready, summaryText(locale, previous.data, c), hint].join('\n\n'), choices },
    };
  }
  if (!previous || previous.step === 'idle' || previous.step === 'menu') {
    const choices = deliveryChoices(locale);
    return {
      state: { step: 'apply.delivery', data: draftFlowData(c), history: [], choices },
      message: { kind: 'text', text: [ready, t(locale, 'apply.delivery'), hint].join('\n\n'), choices },
    };
  }
  // In the middle of something else: not taken away from it.
  return { state: null, message: { kind: 'text', text: `${ready}\n\n${t(locale, 'apply.resume_hint')}` } };
}
