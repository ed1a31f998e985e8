/**
 * The resident's dialogue, channel-neutral and pure: given where the person was, what they sent
 * and what Loket knows, it returns where they are now and the effects to write. Words that work
 * at any step ("menu", "batal", "kembali", "bantuan", "status") are handled here, before the
 * current step sees the message.
 */
import type { InboundBody, InboundEvent } from '../../adapters/channel';
import type { BotContext } from './context';
import { editIsAnswer, questionStood } from './edits';
import type { Effect } from './effects';
import { matchChoice } from '../../adapters/match-choice';
import { office, Session } from './session';
import { idleState, type ConversationState, type StepId } from './state';
import {
  applyBusinessAddress, applyBusinessKind, applyBusinessName, applyForWhom, applyName, applyNik, applyPhone, applyRt, applyRw, applyService,
} from './steps/apply';
import { cancelCase, cancelConfirm, cancelPick } from './steps/cancel';
import { complaintAbout, complaintPhoto, complaintText } from './steps/complaint';
import { pressComplaint, typedComplaintPress } from './steps/complaint-press';
import { answerConfirmation, confirmApplicant, pendingConfirmations } from './steps/confirm';
import { applyAddress, applyChange, applyDelivery, applyDocuments, applyResend, applySummary } from './steps/documents';
import { infoService, language, menu, showStatus } from './steps/menu';
import { neighbourPendingStep, pendingQuestions, pressNeighbour } from './steps/neighbour';
import { redeemInvite } from './steps/invite';
import { resendDocument, documentsToResend } from './steps/resend';
import { resumeDraft, resumeOffer } from './steps/resume';
import { dataRevisionsWaiting, looksLikeCorrection, resubmitRevision, revisionData, revisionDataConfirm, revisionsWaiting } from './steps/revision';
import { listChairCases, pressRt, rtInvalidReason, rtInvalidWhich, rtNeighbours, rtPending, rtPendingStep, rtRefuseReason } from './steps/rt';
import { applySharePhone, sharedPhone } from './steps/share-phone';
import { leaveSurvey, pressSkmInvite, skmQuestion, skmSuggestion, typedSkmInvite } from './steps/skm';
import { answerVoice } from './steps/voice';
import type { Answer, Step } from './steps/step';

const STEPS: Record<Exclude<StepId, 'idle'>, Step> = {
  menu,
  'info.service': infoService,
  'apply.service': applyService,
  'apply.for_whom': applyForWhom,
  'apply.share_phone': applySharePhone,
  'apply.name': applyName,
  'apply.nik': applyNik,
  'apply.phone': applyPhone,
  'apply.business_name': applyBusinessName,
  'apply.business_kind': applyBusinessKind,
  'apply.business_address': applyBusinessAddress,
  'apply.rw': applyRw,
  'apply.rt': applyRt,
  'apply.documents': applyDocuments,
  'apply.delivery': applyDelivery,
  'apply.address': applyAddress,
  'apply.summary': applySummary,
  'apply.change': applyChange,
  'apply.resend': applyResend,
  'cancel.pick': cancelPick,
  'cancel.confirm': cancelConfirm,
  'complaint.text': complaintText,
  'complaint.photo': complaintPhoto,
  'complaint.about': complaintAbout,
  'confirm.applicant': confirmApplicant,
  'rt.pending': rtPendingStep,
  'rt.refuse_reason': rtRefuseReason,
  'rt.invalid_which': rtInvalidWhich,
  'rt.invalid_reason': rtInvalidReason,
  'rt.neighbours': rtNeighbours,
  'neighbour.pending': neighbourPendingStep,
  'revision.data': revisionData,
  'revision.data_confirm': revisionDataConfirm,
  'resume.offer': resumeOffer,
  'skm.question': skmQuestion,
  'skm.suggestion': skmSuggestion,
  language,
};

const MEDIA_STEPS: StepId[] = ['apply.documents', 'complaint.photo', 'revision.data', 'revision.data_confirm'];


type Command = 'menu' | 'greet' | 'stop' | 'back' | 'help' | 'status' | 'language' | 'resume';
const COMMANDS: Record<string, Command> = {
  menu: 'menu', mulai: 'menu', start: 'menu', '/start': 'menu', '/menu': 'menu',
  halo: 'greet', hallo: 'greet', hai: 'greet', hi: 'greet', hello: 'greet', assalamualaikum: 'greet', pagi: 'greet', siang: 'greet',
  batal: 'stop', cancel: 'stop', stop: 'stop', berhenti: 'stop',
  kembali: 'back', back: 'back',
  bantuan: 'help', help: 'help', tolong: 'help', '?': 'help', '/help': 'help',
  status: 'status', 'cek status': 'status', '/status': 'status',
  bahasa: 'language', language: 'language',
  lanjut: 'resume', lanjutkan: 'resume', continue: 'resume',
};

const CHAIR_WORDS = new Set(['rt', 'berkas rt', '/rt']);

export interface DialogueResult {
  state: ConversationState;
  effects: Effect[];
  /** A button was pressed that no longer means anything: the note for the button, in the person's language (the reply says so too). */
  pressRefused?: string;
}

/** What the dialogue reads of an inbound event: its body, and which message it is or edits. */
export type DialogueInput = InboundBody & Pick<InboundEvent, 'ref' | 'editOf'>;

function askStep(s: Session, step: StepId): void {
  if (step === 'idle') return;
  STEPS[step].ask(s);
}

export function runDialogue(previous: ConversationState | null, input: DialogueInput, ctx: BotContext): DialogueResult {
  const before = previous ?? idleState();
  const s = new Session(ctx, structuredClone(before), askStep);
  if (input.editOf !== undefined && !editIsAnswer(before, input.editOf)) {
    // A live location moves by editing its message, again and again: nothing to answer there.
    if (input.kind === 'text' || input.kind === 'media') s.say(s.t('edit.not_read'));
    s.flush();
    return { state: s.state, effects: s.effects };
  }
  handle(s, input);
  s.flush();
  const ref = input.ref ?? input.editOf;
  if (ref) s.state.last = { ref, stood: questionStood(before, s.state, s.effects, ctx.identity.id) };
  else delete s.state.last;
  return { state: s.state, effects: s.effects, ...(s.pressRefused ? { pressRefused: s.pressRefused } : {}) };
}

function handle(s: Session, input: InboundBody): void {
  if (input.kind === 'unsupported') {
    // A reaction is not a message to answer; everything else gets a polite way forward.
    if (input.what === 'reaction') return;
    if (input.what === 'voice' || input.what === 'audio') return answerVoice(s);
    // Someone else's card while Loket waits for the person's own number.
    if (input.what === 'contact' && s.state.step === 'apply.share_phone') {
      s.say(s.t('identity.not_own'));
      return s.reask();
    }
    s.say(s.t('unsupported.other'));
    return;
  }

  if (input.kind === 'phone') {
    if (sharedPhone(s, input.phone)) return;
    if (s.state.step === 'idle') s.goto(waitingStep(s));
    else s.reask();
    return;
  }

  if (input.kind === 'text' && redeemInvite(s, input.text)) return;

  if (input.kind === 'text') {
    const word = input.text.trim().toLowerCase().replace(/[.!]+$/, '');
    const command = COMMANDS[word];
    if (command) return runCommand(s, command);
    // The RT chair's word, named by the morning digest; from anyone else it is an ordinary answer.
    if (CHAIR_WORDS.has(word) && listChairCases(s)) return;
  }

  let answer: Answer =
    input.kind === 'text' ? { kind: 'text', text: input.text } : input.kind === 'choice' ? { kind: 'choice', id: input.choiceId } : { kind: 'media', media: input.media };

  // Buttons on messages Loket sent unasked (cards, questions) name their case; each handler
  // checks that this person may press them.
  if (answer.kind === 'choice') {
    const id = answer.id;
    if (id.startsWith('ac:')) return void (answerConfirmation(s, id) || staleChoice(s));
    if (id.startsWith('rt:')) return void (pressRt(s, id) || staleChoice(s));
    if (id.startsWith('nb:')) return void (pressNeighbour(s, id) || staleChoice(s));
    if (id.startsWith('cp:')) return void (pressComplaint(s, id) || staleChoice(s));
    if (id.startsWith('skm:')) return void (pressSkmInvite(s, id) || staleChoice(s));
  }

  // "Buka lagi" or "Selesai" typed under the office's answer to a complaint, instead of pressed.
  if (answer.kind === 'text' && (s.state.step === 'idle' || s.state.step === 'menu') && !matchChoice(answer.text, s.state.choices)) {
    if (typedComplaintPress(s, answer.text)) return;
    // "ya" to the survey's invitation, only when no other question waits for a "ya".
    if (waitingStep(s) === 'menu' && typedSkmInvite(s, answer.text)) return;
  }

  if (s.state.step === 'idle') {
    if (answer.kind === 'media' && revisionsWaiting(s).length) return resubmitRevision(s, answer.media);
    if (answer.kind === 'media' && documentsToResend(s).length) return resendDocument(s, answer.media);
    // Asked to type the applicant's corrected name or NIK: what looks like it is that answer;
    // a "baik pak" or a greeting gets the question again.
    if (answer.kind === 'text' && waitingStep(s) === 'revision.data') {
      if (!looksLikeCorrection(answer.text)) return s.goto('revision.data');
      s.state = { ...s.state, step: 'revision.data' };
      STEPS['revision.data'].answer(s, answer);
      return;
    }
    // Someone starting a conversation: an answer to the question waiting for them (a helper's
    // application to confirm, an RT card, a neighbour question, or the menu) typed straight
    // away is taken; anything else (a greeting, a question) is answered with that question.
    const waiting = waitingStep(s);
    const choices = choicesOf(s, waiting);
    const pressed = answer.kind === 'choice' ? answer.id : null;
    // A button from an old message, or an id Loket never made: say so, then what waits.
    if (pressed !== null && !choices.some((c) => c.id === pressed)) return staleChoice(s);
    if (waiting !== 'menu') {
      const match = answer.kind === 'text' ? matchChoice(answer.text, choices) : pressed !== null ? { id: pressed } : null;
      if (match) {
        s.state = { ...s.state, step: waiting, choices };
        STEPS[waiting].answer(s, { kind: 'choice', id: match.id });
        return;
      }
      return s.goto(waiting);
    }
    const match = answer.kind === 'text' ? matchChoice(answer.text, choices) : null;
    if (!match && pressed === null) return s.goto('menu');
    s.state = { ...s.state, step: 'menu', choices };
  }

  if (answer.kind === 'text') {
    const match = matchChoice(answer.text, s.state.choices);
    if (match) answer = { kind: 'choice', id: match.id };
  } else if (answer.kind === 'choice') {
    const pressed = answer.id;
    if (!s.state.choices.some((c) => c.id === pressed)) return staleChoice(s);
  }

  if (answer.kind === 'media' && !MEDIA_STEPS.includes(s.state.step)) {
    // A photo while a revision waits is the resent document, whatever the conversation was at.
    if (revisionsWaiting(s).length) return resubmitRevision(s, answer.media);
    // Likewise a document Loket asked for again because it could not be used.
    if (documentsToResend(s).length) return resendDocument(s, answer.media);
    // After "status" offered the draft, a photo is its next document.
    if (s.state.step === 'resume.offer' && resumeOffer.answer(s, answer)) return;
    s.say(s.t('unsupported.media_here'));
    return s.reask();
  }

  const step = s.state.step as Exclude<StepId, 'idle'>;
  if (!STEPS[step].answer(s, answer)) {
    s.say(s.t('hint.not_understood'));
    s.reask();
  }
}

/** What to put before someone who writes without being in a flow. */
function waitingStep(s: Session): Exclude<StepId, 'idle'> {
  if (pendingConfirmations(s).length) return 'confirm.applicant';
  if (rtPending(s).length) return 'rt.pending';
  if (pendingQuestions(s).length) return 'neighbour.pending';
  if (dataRevisionsWaiting(s).length) return 'revision.data';
  return 'menu';
}

/** The choices `step` would offer, without sending anything. */
function choicesOf(s: Session, step: Exclude<StepId, 'idle'>) {
  const probe = new Session(s.ctx, structuredClone(s.state), () => {});
  STEPS[step].ask(probe);
  return probe.state.choices;
}

/** A button that no longer means anything: said plainly, then the question that is open now. */
function staleChoice(s: Session): void {
  s.pressRefused = s.t('press.refused');
  s.say(s.t('hint.stale_choice'));
  if (s.state.step === 'idle') s.goto(waitingStep(s));
  else s.reask();
}

function runCommand(s: Session, command: Command): void {
  switch (command) {
    case 'menu':
      leaveSurvey(s);
      s.finish();
      s.goto('menu');
      return;
    case 'greet':
      // A greeting starts over, with whatever waits for this person (an RT card, a question).
      leaveSurvey(s);
      s.finish();
      s.goto(waitingStep(s));
      return;
    case 'stop': {
      const draft = s.ctx.cases.find((c) => c.id === s.state.data.caseId && c.state === 'draft');
      if (draft && s.state.step.startsWith('apply.')) cancelCase(s, draft);
      else if (!leaveSurvey(s)) s.say(s.t('flow.cancelled'));
      s.finish();
      s.goto('menu');
      return;
    }
    case 'back':
      if (!s.back()) {
        leaveSurvey(s);
        s.finish();
        s.goto('menu');
      }
      return;
    case 'help':
      s.say(s.t('help.text', office(s)));
      if (s.state.step === 'idle') s.goto('menu');
      else s.reask();
      return;
    case 'status':
      showStatus(s);
      return;
    case 'language':
      s.finish();
      s.goto('language');
      return;
    case 'resume':
      resumeDraft(s);
      return;
  }
}
