/**
 * The RT chair's part (Tabel 5 a-b, Tabel 6 a): approving or refusing the surat pengantar, and on
 * day 2 declaring the applicant's documents valid, not valid (the case goes to revision), or
 * asking neighbours. Buttons carry `rt:<action>:<case>`; the case is loaded whoever pressed, and
 * only the chair of the case's own RT may act. Anyone else is refused and the attempt recorded.
 * The cards and buttons themselves are in ../rt-cards.ts, shared with the cron.
 */
import { localMoment, threeDaySchedule } from '../../domain/calendar';
import { applyEvent, type CaseEvent } from '../../domain/case-machine';
import type { Locale } from '../../domain/messages';
import { localMinute, office } from '../session';
import { formatLongDate } from '../../domain/messages/dates';
import { newVerificationCode } from '../../domain/verification-code';
import { uploadRequirements, type RequirementId } from '../../domain/services';
import type { RtCaseView } from '../context';
import { pengantarCardText, pengantarChoices, verifyCardText, verifyChoices } from '../rt-cards';
import { log } from '../../log';
import type { Session } from '../session';
import { normalizePhone } from '../../domain/phone';
import { chosen, type Step } from './step';

const pad2 = (n: number | null) => String(n ?? 0).padStart(2, '0');
const ACTIONS = { ap: 'approve_pengantar', rf: 'refuse_pengantar', ok: 'verify_valid', no: 'verify_invalid', nb: 'ask_neighbours' } as const;
type Action = keyof typeof ACTIONS;

/** Cases waiting for this person's decision as an RT chair, oldest first. */
export function rtPending(s: Session): RtCaseView[] {
  return s.ctx.rtCases.filter(
    (c) =>
      c.chairPersonId === s.ctx.person.id &&
      (((c.state === 'draft' || c.state === 'awaiting_pengantar') && !c.pengantarApproved) || c.state === 'verifying'),
  );
}

function facts(c: RtCaseView) {
  return { kind: c.kind, state: c.state, documentsComplete: true, pengantarApproved: c.pengantarApproved };
}

/**
 * Handles an `rt:` press. Returns false when the id names no action or no case Loket knows; the
 * caller then answers that the button is no longer valid.
 */
export function pressRt(s: Session, choiceId: string): boolean {
  const m = /^rt:([a-z]{2}):(.+)$/.exec(choiceId);
  if (!m || !Object.hasOwn(ACTIONS, m[1]!)) return false;
  const action = m[1] as Action;
  const c = s.ctx.rtCases.find((x) => x.id === m[2]);
  if (!c) {
    // No such case in this kelurahan: a forged or mangled id. Nothing to attach it to but the log.
    log.warn('rt.press_unknown_case', { action, identity: s.ctx.identity.id });
    return false;
  }
  if (c.chairPersonId !== s.ctx.person.id) {
    s.effect({ type: 'case_event', caseId: c.id, kind: 'press_refused', actor: 'resident', detail: { action, reason: 'not_rt_chair' } });
    s.say(s.t('refusal.actor_not_allowed'));
    s.finish();
    return true;
  }
  if (action === 'rf' && c.pengantarApproved) {
    // The approval is final, the chair's or the office's; only staff may still reject the case.
    // Which of them gave it is said: a chair who never approved must not read that they did.
    s.say(s.t('rt.refuse_after_approval', { code: c.code, by: c.pengantarApprovedBy, ...office(s) }));
    s.finish();
    return true;
  }
  if (!applyEvent(facts(c), ACTIONS[action] as CaseEvent, 'rt_chair').ok) {
    s.say(s.t('rt.already_handled', { code: c.code }));
    s.finish();
    return true;
  }
  s.state = { step: 'idle', data: { caseId: c.id }, history: [], choices: [] };
  switch (action) {
    case 'ap':
      approve(s, c);
      return true;
    case 'ok':
      verifyValid(s, c);
      return true;
    case 'rf':
      s.state.step = 'rt.refuse_reason';
      s.reask();
      return true;
    case 'no':
      s.state.step = 'rt.invalid_which';
      s.reask();
      return true;
    case 'nb':
      s.state.step = 'rt.neighbours';
      s.reask();
      return true;
  }
}

/** Tells the applicant, and the helper who applied for them, in their own language. */
export function notifyApplicant(s: Session, c: RtCaseView, render: (locale: Locale) => string): void {
  s.effect({ type: 'send', to: { personId: c.applicantPersonId }, caseId: c.id, message: { kind: 'text', text: render(c.applicantLocale) } });
  if (c.submitterPersonId && c.submitterPersonId !== c.applicantPersonId) {
    s.effect({ type: 'send', to: { personId: c.submitterPersonId }, caseId: c.id, message: { kind: 'text', text: render(c.submitterLocale ?? 'id') } });
  }
}

function longDate(s: Session, at: number, locale: Locale): string {
  return formatLongDate(locale, localMoment(at, s.ctx.calendar.utcOffsetMinutes).date);
}

function approve(s: Session, c: RtCaseView): void {
  const result = applyEvent(facts(c), 'approve_pengantar', 'rt_chair');
  if (!result.ok) return;
  const rtLabel = `RT${pad2(c.rtNumber)}RW${pad2(c.rwNumber)}`;
  const set: Extract<Session['effects'][number], { type: 'transition' }>['set'] = { pengantarApproved: true };
  let schedule: ReturnType<typeof threeDaySchedule> | null = null;
  if (result.to === 'submitted') {
    // The three days start when the office can start: documents in and the pengantar given.
    schedule = threeDaySchedule(s.ctx.now, s.ctx.calendar);
    Object.assign(set, {
      submittedAt: s.ctx.now, day1DueAt: schedule.day1.dueAt, day2DueAt: schedule.day2.dueAt, day3DueAt: schedule.day3.dueAt,
      dueAt: schedule.day3.dueAt, nextActionAt: schedule.day1.dueAt, remindersSent: 0,
    });
  }
  s.effect({ type: 'transition', caseId: c.id, event: 'approve_pengantar', from: result.from, to: result.to, actor: 'rt_chair', set });
  s.effect({
    type: 'issue_letter',
    letterId: s.ctx.ids.newId(),
    caseId: c.id,
    kind: 'pengantar_rt',
    numberPrefix: `PGT-${rtLabel}-${s.ctx.today.slice(0, 4)}`,
    verificationCode: newVerificationCode(s.ctx.random),
    issuerName: s.ctx.person.fullName || s.ctx.identity.displayName || '-',
    issuerRole: `Ketua RT ${pad2(c.rtNumber)}/RW ${pad2(c.rwNumber)}`,
  });
  // The applicant hears of the approval, and the chair that the letter was sent, from the
  // letter job once the PDF is filed: nobody is told of a letter that does not exist yet.
  s.say(s.t('rt.approved_making', { name: c.applicantName }));
  s.finish();
}

function verifyValid(s: Session, c: RtCaseView): void {
  const result = applyEvent(facts(c), 'verify_valid', 'rt_chair');
  if (!result.ok) return;
  s.effect({
    type: 'transition', caseId: c.id, event: 'verify_valid', from: result.from, to: result.to, actor: 'rt_chair',
    set: { nextActionAt: c.day3DueAt, remindersSent: 0 },
  });
  notifyApplicant(s, c, (l) => s.ctxText(l, 'resident.day3', { code: c.code, date: longDate(s, c.day3DueAt ?? s.ctx.now, l) }));
  s.say(s.t('rt.valid_chair', { code: c.code }));
  s.finish();
}

function current(s: Session): RtCaseView | undefined {
  const c = s.ctx.rtCases.find((x) => x.id === s.state.data.caseId);
  return c && c.chairPersonId === s.ctx.person.id ? c : undefined;
}

/** Steps that wait for the chair's typed answer; the case must still be theirs and waiting. */
function chairStep(ask: (s: Session, c: RtCaseView) => void, answer: (s: Session, c: RtCaseView, a: Parameters<Step['answer']>[1]) => boolean, event: CaseEvent): Step {
  return {
    ask(s) {
      const c = current(s);
      if (!c) return s.finish();
      ask(s, c);
    },
    answer(s, a) {
      const c = current(s);
      if (!c || !applyEvent(facts(c), event, 'rt_chair').ok) {
        if (c) s.say(s.t('rt.already_handled', { code: c.code }));
        s.finish();
        return true;
      }
      return answer(s, c, a);
    },
  };
}

export const rtRefuseReason = chairStep(
  (s) => s.ask(s.t('rt.refuse_ask')),
  (s, c, a) => {
    if (a.kind !== 'text' || a.text.trim().length < 3) return false;
    const reason = a.text.trim().slice(0, 500);
    const result = applyEvent(facts(c), 'refuse_pengantar', 'rt_chair');
    if (!result.ok) return false;
    s.effect({ type: 'transition', caseId: c.id, event: 'refuse_pengantar', from: result.from, to: result.to, actor: 'rt_chair', set: { nextActionAt: null }, detail: { reason } });
    notifyApplicant(s, c, (l) => s.ctxText(l, 'resident.pengantar_refused', { code: c.code, reason }));
    s.say(s.t('rt.refused_chair'));
    s.finish();
    return true;
  },
  'refuse_pengantar',
);

export const rtInvalidWhich = chairStep(
  (s, c) =>
    s.ask(s.t('rt.invalid_which'), [
      ...uploadRequirements(c.service!).map((r) => ({ id: `inv:${r}`, label: s.t(`requirement.${r}`) })),
      { id: 'inv:data', label: s.t('rt.invalid_data') },
    ]),
  (s, c, a) => {
    const id = chosen(a)?.replace(/^inv:/, '');
    if (!id || (id !== 'data' && !uploadRequirements(c.service!).includes(id as RequirementId))) return false;
    s.state.data.resend = id === 'data' ? undefined : (id as RequirementId);
    s.goto('rt.invalid_reason');
    return true;
  },
  'verify_invalid',
);

export const rtInvalidReason = chairStep(
  (s) => s.ask(s.t('rt.invalid_reason')),
  (s, c, a) => {
    if (a.kind !== 'text' || a.text.trim().length < 3) return false;
    const reason = a.text.trim().slice(0, 500);
    const requirement = s.state.data.resend ?? null;
    const result = applyEvent(facts(c), 'verify_invalid', 'rt_chair');
    if (!result.ok) return false;
    s.effect({
      type: 'transition', caseId: c.id, event: 'verify_invalid', from: result.from, to: result.to, actor: 'rt_chair',
      set: { revisionRequirement: requirement, revisionReason: reason, remindersSent: 0 },
      detail: { requirement, reason },
    });
    notifyApplicant(s, c, (l) =>
      s.ctxText(l, 'resident.revision', { code: c.code, reason, document: requirement ? s.ctxText(l, `requirement.${requirement}`) : s.ctxText(l, 'rt.invalid_data') }),
    );
    s.say(s.t('rt.invalid_chair', { document: requirement ? s.t(`requirement.${requirement}`) : s.t('rt.invalid_data') }));
    s.finish();
    return true;
  },
  'verify_invalid',
);

export const rtNeighbours = chairStep(
  (s, c) => s.ask(s.t('rt.neighbours_ask', { name: c.applicantName })),
  (s, c, a) => {
    if (a.kind !== 'text') return false;
    const phones = [...new Set(a.text.split(/[,;\n]|\bdan\b/).map((p) => normalizePhone(p.trim())))];
    if (phones.length === 0 || phones.length > 2 || phones.some((p) => p === null)) {
      s.say(s.t('rt.neighbours_bad'));
      s.reask();
      return true;
    }
    const result = applyEvent(facts(c), 'ask_neighbours', 'rt_chair');
    if (!result.ok) return false;
    s.effect({ type: 'transition', caseId: c.id, event: 'ask_neighbours', from: result.from, to: result.to, actor: 'rt_chair', detail: { count: phones.length } });
    const channel = s.ctx.channel === 'telegram' ? 'whatsapp' : s.ctx.channel;
    for (const phone of phones as string[]) {
      const questionId = s.ctx.ids.newId();
      s.effect({ type: 'ask_neighbour', questionId, caseId: c.id, channel, phone, newPersonId: s.ctx.ids.newId(), newIdentityId: s.ctx.ids.newId() });
      s.effect({
        type: 'send',
        to: { channel, externalId: phone },
        caseId: c.id,
        message: {
          kind: 'text',
          text: s.ctxText('id', 'neighbour.question', { rt: pad2(c.rtNumber), rw: pad2(c.rwNumber), name: c.applicantName, minuteOfDay: localMinute(s) }),
          choices: [
            { id: `nb:y:${questionId}`, label: s.ctxText('id', 'neighbour.yes'), aliases: ['ya', 'kenal'] },
            { id: `nb:n:${questionId}`, label: s.ctxText('id', 'neighbour.no'), aliases: ['tidak'] },
          ],
        },
      });
    }
    s.say(s.t('rt.neighbours_sent', { count: phones.length }));
    s.finish();
    return true;
  },
  'ask_neighbours',
);

/** The card an RT chair sees when something waits for them (typed answers work too). */
export const rtPendingStep: Step = {
  ask(s) {
    const c = rtPending(s)[0];
    if (!c) {
      s.finish();
      return s.goto('menu');
    }
    s.state.data = { caseId: c.id };
    if (c.state === 'verifying') {
      // Only scans the chair can open: one still being fetched, refused or failed is not counted.
      const stored = s.ctx.rtDocuments.filter((d) => d.caseId === c.id && d.status === 'stored').length;
      s.ask(verifyCardText(s, c, s.locale, stored), verifyChoices(s.locale, s, c.id));
    } else {
      s.ask(pengantarCardText(s, c, s.locale), pengantarChoices(s.locale, s, c.id));
    }
  },
  answer(s, a) {
    const id = chosen(a);
    return id ? pressRt(s, id) : false;
  },
};
