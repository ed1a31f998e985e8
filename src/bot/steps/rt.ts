/**
 * The RT chair's part (Tabel 5 a-b, Tabel 6 a): approving or refusing the surat pengantar, and on
 * day 2 declaring the applicant's documents valid, not valid (the case goes to revision), or
 * asking neighbours. Buttons carry `rt:<action>:<case>`; the case is loaded whoever pressed, and
 * only the chair of the case's own RT may act. Anyone else is refused and the attempt recorded.
 * The cards and buttons themselves are in ../rt-cards.ts, shared with the cron.
 */
import { localMoment, threeDaySchedule } from '../../domain/calendar';
import { applyEvent, type CaseEvent } from '../../domain/case-machine';
import { addressOf } from '../../domain/honorific';
import { choiceHint, type Locale } from '../../domain/messages';
import { localMinute, office } from '../session';
import { formatLongDate } from '../../domain/messages/dates';
import { newVerificationCode } from '../../domain/verification-code';
import { maskNik } from '../../domain/nik';
import { uploadRequirements, type RequirementId } from '../../domain/services';
import type { RtCaseView } from '../context';
import { pengantarCardText, pengantarChoices, verifyCardText, verifyChoices } from '../rt-cards';
import { log } from '../../framework/log';
import type { Session } from '../session';
import { maskPhone, normalizePhone } from '../../domain/phone';
import { neighbourDeadline } from '../../domain/schedule';
import { chosen, type Step } from './step';

const pad2 = (n: number | null) => String(n ?? 0).padStart(2, '0');
const ACTIONS = { ap: 'approve_pengantar', rf: 'refuse_pengantar', ok: 'verify_valid', no: 'verify_invalid', nb: 'ask_neighbours' } as const;
type Action = keyof typeof ACTIONS;

/** Cases waiting for this person's decision as an RT chair, oldest first. */
export function rtPending(s: Session): RtCaseView[] {
  return s.ctx.rtCases.filter(
    (c) =>
      c.chairPersonId === s.ctx.person.id &&
      (((c.state === 'draft' || c.state === 'awaiting_pengantar') && !c.pengantarApproved) || c.state === 'verifying' || c.state === 'neighbour_check'),
  );
}

/** How Loket addresses this chair: by the registry's name, with the honorific their NIK gives. */
function chairAddress(s: Session): { chair: string; you: string } {
  const a = addressOf({ fullName: s.ctx.person.fullName, nik: s.ctx.person.nik });
  return { chair: a.name, you: a.honorific };
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
    s.say(s.t('rt.refuse_after_approval', { code: c.code, by: c.pengantarApprovedBy, you: chairAddress(s).you, ...office(s) }));
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
  s.say(s.t('rt.approved_making', { ...chairAddress(s), name: c.applicantName }));
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
    // The applicant's data is typed again (steps/revision.ts), a document sent again as a photo.
    notifyApplicant(s, c, (l) =>
      [
        requirement
          ? s.ctxText(l, 'resident.revision', { code: c.code, reason, document: s.ctxText(l, `requirement.${requirement}`) })
          : s.ctxText(l, 'correction.asked', { code: c.code, reason }),
        s.ctxText(l, 'revision.days_paused'),
      ].join('\n'),
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
    const phones = typedPhones(a.text);
    if (phones.length === 0 || phones.length > 2 || phones.some((p) => p === null)) {
      s.say(s.t('rt.neighbours_bad'));
      s.reask();
      return true;
    }
    const refusals = (phones as string[]).map((p) => notANeighbour(s, c, p)).filter((r): r is string => r !== null);
    if (refusals.length) {
      refusals.forEach((r) => s.say(r));
      s.reask();
      return true;
    }
    const result = applyEvent(facts(c), 'ask_neighbours', 'rt_chair');
    if (!result.ok) return false;
    // The cron looks again at the neighbours' deadline, or when day 2 ends if that is sooner.
    const deadline = neighbourDeadline(s.ctx.now, s.ctx.calendar);
    const nextActionAt = Math.min(deadline, c.day2DueAt !== null && c.day2DueAt > s.ctx.now ? c.day2DueAt : Infinity);
    s.effect({
      type: 'transition', caseId: c.id, event: 'ask_neighbours', from: result.from, to: result.to, actor: 'rt_chair',
      set: { nextActionAt }, detail: { count: phones.length },
    });
    const channel = s.ctx.channel === 'telegram' ? 'whatsapp' : s.ctx.channel;
    for (const phone of phones as string[]) {
      const questionId = s.ctx.ids.newId();
      s.effect({ type: 'ask_neighbour', questionId, caseId: c.id, channel, phone, newPersonId: s.ctx.ids.newId(), newIdentityId: s.ctx.ids.newId() });
      s.effect({
        type: 'send',
        to: { channel, phone },
        caseId: c.id,
        message: {
          kind: 'text',
          text: s.ctxText('id', 'neighbour.question', { rt: pad2(c.rtNumber), rw: pad2(c.rwNumber), name: c.applicantName, minuteOfDay: localMinute(s) }),
          choices: [
            { id: `nb:y:${questionId}`, label: s.ctxText('id', 'neighbour.yes'), aliases: ['ya', 'kenal'] },
            { id: `nb:n:${questionId}`, label: s.ctxText('id', 'neighbour.no'), aliases: ['tidak'] },
          ],
          hint: choiceHint('id'),
        },
      });
    }
    // Numbers that never wrote to Loket get the question in a WhatsApp template, as an invitation.
    for (const phone of phones as string[]) {
      if (!s.ctx.phonesThatWrote.includes(phone)) s.say(s.t('neighbours.invited', { who: maskPhone(phone) }));
    }
    s.say(s.t('neighbours.sent', { count: phones.length, date: longDate(s, deadline, s.locale), minuteOfDay: s.ctx.calendar.closesAtMinute, you: chairAddress(s).you }));
    s.finish();
    return true;
  },
  'ask_neighbours',
);

/** The numbers an RT chair typed, one or two, separated by commas or "dan"; null where one is no number. */
export function typedPhones(text: string): (string | null)[] {
  return [...new Set(text.split(/[,;\n]|\bdan\b/).map((p) => normalizePhone(p.trim())))];
}

/**
 * Why `phone` cannot vouch for the applicant, or null: the applicant, the helper who applied for
 * them and the chair themselves are no neighbours to ask. The reply names the number masked.
 */
function notANeighbour(s: Session, c: RtCaseView, phone: string): string | null {
  const same = (other: string | null) => other !== null && normalizePhone(other) === phone;
  const who = maskPhone(phone);
  if (same(c.applicantPhone)) return s.t('neighbours.refused_applicant', { who });
  if (same(c.submitterPhone)) return s.t('neighbours.refused_helper', { who });
  if (same(s.ctx.person.phone)) return s.t('neighbours.refused_chair', { who, you: chairAddress(s).you });
  return null;
}

/** A case waiting on neighbours: who was asked (masked) and what each answered so far. */
function neighboursCardText(s: Session, c: RtCaseView): string {
  const lines = s.ctx.rtQuestions
    .filter((q) => q.caseId === c.id)
    .map((q) => s.t('neighbours.line', { who: maskPhone(q.phone), answer: neighbourAnswer(s, q.answer) }))
    .join('\n');
  return s.t('neighbours.card', {
    code: c.code, service: c.service ? s.t(`service.${c.service}`) : '-', name: c.applicantName, nik: maskNik(c.applicantNik ?? ''), lines, you: chairAddress(s).you,
  });
}

function neighbourAnswer(s: Session, answer: 'yes' | 'no' | null): string {
  return answer === null ? s.t('neighbours.not_yet') : s.t(answer === 'yes' ? 'rt.neighbour_yes' : 'rt.neighbour_no');
}

/** The cards "rt" lists at once: more would bury the first under a long scroll. */
const LISTED_CARDS = 5;

/**
 * The word "rt" (the digest names it): every case waiting for this chair, each card with its
 * buttons, oldest first. Typed answers ("1", "Setujui") answer the last card, as in any chat.
 * False for someone who chairs no RT: the word means nothing from them.
 */
export function listChairCases(s: Session): boolean {
  if (!s.ctx.registry.some((r) => r.chairPersonId === s.ctx.person.id)) return false;
  s.finish();
  const pending = rtPending(s);
  if (pending.length === 0) {
    s.say(s.t('chair.nothing_waiting', chairAddress(s)));
    return true;
  }
  const listed = pending.slice(0, LISTED_CARDS);
  s.say(s.t('chair.waiting', { ...chairAddress(s), count: pending.length }));
  if (pending.length > listed.length) s.say(s.t('chair.more', { shown: listed.length }));
  s.flush();
  listed.forEach((c, i) => {
    const card = cardOf(s, c);
    if (i < listed.length - 1) return s.reply({ kind: 'text', text: card.text, choices: card.choices, hint: choiceHint(s.locale) });
    s.state = { step: 'rt.pending', data: { caseId: c.id }, history: [], choices: [] };
    s.ask(card.text, card.choices);
  });
  return true;
}

function cardOf(s: Session, c: RtCaseView): { text: string; choices: ReturnType<typeof verifyChoices> } {
  if (c.state === 'neighbour_check') return { text: neighboursCardText(s, c), choices: verifyChoices(s.locale, s, c.id, false) };
  if (c.state === 'verifying') {
    // Only scans the chair can open: one still being fetched, refused or failed is not counted.
    const stored = s.ctx.rtDocuments.filter((d) => d.caseId === c.id && d.status === 'stored').length;
    return { text: verifyCardText(s, c, s.locale, stored), choices: verifyChoices(s.locale, s, c.id) };
  }
  return { text: pengantarCardText(s, c, s.locale), choices: pengantarChoices(s.locale, s, c.id) };
}

/** The card an RT chair sees when something waits for them (typed answers work too). */
export const rtPendingStep: Step = {
  ask(s) {
    const c = rtPending(s)[0];
    if (!c) {
      s.finish();
      return s.goto('menu');
    }
    s.state.data = { caseId: c.id };
    const card = cardOf(s, c);
    s.ask(card.text, card.choices);
  },
  answer(s, a) {
    const id = chosen(a);
    return id ? pressRt(s, id) : false;
  },
};
