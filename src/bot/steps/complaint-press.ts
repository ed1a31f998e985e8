/**
 * The resident's answer to the office's answer of a complaint: the buttons under it
 * ("Buka lagi" / "Selesai", `cp:ro:<case>` / `cp:cl:<case>`), or their labels typed. The press is
 * decided by the desk's own rule (decideComplaintPress: reopen within the window after the
 * answer, or close) and written as a transition guarded by state and version. Only the applicant,
 * or the helper who filed for them, may press; anyone else is refused and the attempt recorded.
 */
import type { Choice } from '../../../adapters/channel';
import { localMoment } from '../../domain/calendar';
import { REOPEN_WINDOW_MS, type CaseEvent } from '../../domain/case-machine';
import { decideComplaintPress, REOPEN_WINDOW_DAYS, type DeskCase, type DeskDone } from '../../domain/desk/actions';
import { renderDeskMessage } from '../../domain/desk/messages';
import type { Locale } from '../../domain/messages';
import { formatLongDate } from '../../domain/messages/dates';
import { log } from '../../framework/log';
import type { CaseView } from '../context';
import { matchLabel } from '../../../adapters/match-choice';
import type { Session } from '../session';

type Press = 'reopen' | 'close';

/** A complaint as read for a press; the locales are known when it was loaded as the pressed case. */
type ComplaintView = CaseView & { applicantLocale?: Locale; submitterLocale?: Locale | null };

/**
 * Handles a `cp:` press. Returns false when the id names no complaint Loket knows; the caller
 * then answers that the button is no longer valid.
 */
export function pressComplaint(s: Session, choiceId: string): boolean {
  const m = /^cp:(ro|cl):(.+)$/.exec(choiceId);
  if (!m) return false;
  // The pressed case is loaded whatever its state, with the RT chair's cases (ctx.rtCases).
  const c = s.ctx.rtCases.find((x) => x.id === m[2]);
  if (!c || c.kind !== 'complaint') {
    log.warn('complaint.press_unknown_case', { identity: s.ctx.identity.id });
    return false;
  }
  settle(s, c, m[1] === 'ro' ? 'reopen' : 'close');
  return true;
}

/**
 * The labels of those buttons typed instead of pressed ("buka lagi", "selesai"), by someone not
 * in the middle of a question: they answer the newest of their complaints still waiting for that
 * word. Only the whole word counts: "1" at the menu means its first line, and "b" means nothing.
 */
export function typedComplaintPress(s: Session, text: string): boolean {
  const c = s.ctx.cases.find((x) => x.kind === 'complaint' && x.applicantPersonId === s.ctx.person.id && awaitsWord(x, s.ctx.now));
  if (!c) return false;
  const choices: Choice[] = [
    { id: 'reopen', label: s.t('desk.complaint_reopen'), aliases: ['buka lagi', 'buka kembali', 'reopen'] },
    { id: 'close', label: s.t('desk.complaint_done'), aliases: ['selesai', 'sudah beres', 'beres', 'done'] },
  ];
  const match = matchLabel(text, choices);
  if (!match) return false;
  settle(s, c, match.id as Press);
  return true;
}

/** Answered, or closed while it may still be reopened: the buttons under the answer still mean something. */
function awaitsWord(c: CaseView, now: number): boolean {
  if (c.answeredAt === null) return false;
  return c.state === 'answered' || (c.state === 'closed' && now - c.answeredAt <= REOPEN_WINDOW_MS);
}

function settle(s: Session, c: ComplaintView, press: Press): void {
  const me = s.ctx.person.id;
  const actor = me === c.applicantPersonId ? 'resident' : c.submitterPersonId !== null && me === c.submitterPersonId ? 'helper' : null;
  if (actor === null) {
    s.effect({ type: 'case_event', caseId: c.id, kind: 'press_refused', actor: 'resident', detail: { action: press, reason: 'not_applicant' } });
    s.say(s.t('refusal.actor_not_allowed'));
    return carryOn(s);
  }
  const d = decideComplaintPress(deskCaseOf(c), press, actor, { now: s.ctx.now, calendar: s.ctx.calendar });
  if (!d.ok) return refuse(s, c, d.refusal.reason);
  s.effect({
    type: 'transition', caseId: c.id, event: d.event as CaseEvent, from: d.from, to: d.to, actor, set: d.set, version: c.version,
    ...(Object.keys(d.detail).length ? { detail: d.detail } : {}),
  });
  tell(s, c, d);
  carryOn(s);
}

/**
 * After the answer: someone in the middle of a question (an application, say) gets it again, so
 * a press on an older message does not cost them their place; anyone else is done, or is shown
 * the menu when the way on is there.
 */
function carryOn(s: Session, showMenu = false): void {
  if (s.state.step !== 'idle') return s.reask();
  if (showMenu) return s.goto('menu');
  s.finish();
}

/** The presser hears the outcome in their own language; the applicant too when their helper pressed. */
function tell(s: Session, c: ComplaintView, d: DeskDone): void {
  for (const m of d.messages) {
    const personId = m.to === 'applicant' ? c.applicantPersonId : m.to === 'helper' ? c.submitterPersonId : null;
    if (personId === null || personId === s.ctx.person.id) continue;
    const locale = (m.to === 'applicant' ? c.applicantLocale : c.submitterLocale) ?? 'id';
    s.effect({ type: 'send', to: { personId }, caseId: c.id, message: renderDeskMessage(m, locale) });
  }
  const first = d.messages[0];
  if (first) s.say(renderDeskMessage(first, s.locale).text);
}

function refuse(s: Session, c: ComplaintView, reason: string): void {
  if (reason === 'reopen_window_closed') {
    // Said plainly, with the way on: a new complaint, one tap away in the menu below.
    s.say(s.t('complaint.reopen_too_late', { code: c.code, days: REOPEN_WINDOW_DAYS }));
    return carryOn(s, true);
  }
  if (c.state === 'open' && c.dueAt !== null) {
    // Reopened already (the other button, or this one twice): the date it will be answered by.
    s.say(s.t('complaint.still_open', { code: c.code, date: formatLongDate(s.locale, localMoment(c.dueAt, s.ctx.calendar.utcOffsetMinutes).date) }));
  } else if (c.state === 'closed') {
    s.say(s.t('desk.complaint_closed', { code: c.code }));
  } else {
    s.say(s.t('hint.stale_choice'));
  }
  carryOn(s);
}

function deskCaseOf(c: ComplaintView): DeskCase {
  return {
    id: c.id, code: c.code, kind: c.kind, service: c.service, state: c.state, version: c.version,
    pengantarApproved: c.pengantarApproved, documentsComplete: false, delivery: c.delivery,
    hasHelper: c.submitterPersonId !== null && c.submitterPersonId !== c.applicantPersonId,
    chairLinked: false, day3DueAt: c.day3DueAt, dueAt: c.dueAt, pickupCode: null, pickupCodeAttempts: 0,
    answeredAt: c.answeredAt, letters: [],
  };
}
