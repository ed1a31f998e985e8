/**
 * A revision round (Tabel 6 a): the RT chair (or the office) declared something not valid. A
 * document is sent again simply by sending a photo; the applicant's data (name or NIK) is typed
 * again, checked like when applying, confirmed, and written on the case. Either way the case goes
 * back to the chair for day-2 verification and the three days count again from the resend: the
 * resident is given the new dates.
 */
import type { InboundMedia } from '../../../adapters/channel';
import { localMoment, threeDaySchedule } from '../../domain/calendar';
import type { CaseChanges } from '../../domain/case-changes';
import { applyEvent } from '../../domain/case-machine';
import { formatLongDate } from '../../domain/messages/dates';
import { maskNik, validateNik } from '../../domain/nik';
import { isAcknowledgement } from '../../domain/acknowledgement';
import { checkPersonName } from '../../domain/person-name';
import { chairNotBefore, chairYou } from '../chair-address';
import type { CaseView } from '../context';
import type { Session } from '../session';
import { mediaProblem, refuseMedia } from './documents';
import { holidayNote } from './promise-note';
import { chosen, type Answer, type Step } from './step';

export function revisionsWaiting(s: Session): CaseView[] {
  return s.ctx.cases.filter((c) => c.state === 'needs_revision');
}

/** Revisions of the applicant's data (no document named): answered by typing, not by a photo. */
export function dataRevisionsWaiting(s: Session): CaseView[] {
  return revisionsWaiting(s).filter((c) => c.revisionRequirement === null);
}

export function resubmitRevision(s: Session, media: InboundMedia): void {
  const c = revisionsWaiting(s).find((x) => x.revisionRequirement !== null);
  if (!c) {
    // Only the applicant's data is asked for: a photo cannot be it.
    s.say(s.t('correction.not_photo'));
    s.jump('revision.data');
    return;
  }
  const problem = mediaProblem(media, s.ctx.maxUploadBytes);
  if (problem) {
    refuseMedia(s, problem);
    return;
  }
  const requirement = c.revisionRequirement!;
  const actor = c.applicantPersonId === s.ctx.person.id ? 'resident' : 'helper';
  const result = applyEvent({ kind: 'service', state: c.state, documentsComplete: true, pengantarApproved: c.pengantarApproved }, 'resubmit', actor);
  if (!result.ok) return;
  s.effect({ type: 'add_document', documentId: s.ctx.ids.newId(), caseId: c.id, requirement, media, supersedes: true });
  const restart = restartedDays(s);
  s.effect({
    type: 'transition', caseId: c.id, event: 'resubmit', from: result.from, to: result.to, actor,
    set: { revisionRequirement: null, revisionReason: null, remindersSent: 0, nextActionAt: s.ctx.now, ...restart.set },
  });
  s.say(s.t('resident.revision_received', { code: c.code, document: s.t(`requirement.${requirement}`) }));
  s.say(restart.text);
  s.finish();
}

/**
 * The three days counted again from now: the chair checks by the new day 2, the case is done by
 * the new day 3. The first submission stays recorded as it was (submittedAt).
 */
function restartedDays(s: Session): { set: CaseChanges; text: string } {
  const schedule = threeDaySchedule(s.ctx.now, s.ctx.calendar);
  const date = (d: string) => formatLongDate(s.locale, d);
  const lines = [s.t('revision.days_restart', { day2: date(schedule.day2.date), day3: date(schedule.day3.date) })];
  const note = holidayNote(s, localMoment(s.ctx.now, s.ctx.calendar.utcOffsetMinutes).date, schedule.day3.date);
  if (note) lines.push(note);
  return {
    set: { day1DueAt: schedule.day1.dueAt, day2DueAt: schedule.day2.dueAt, day3DueAt: schedule.day3.dueAt, dueAt: schedule.day3.dueAt },
    text: lines.join('\n'),
  };
}

function dataRevision(s: Session): CaseView | undefined {
  const waiting = dataRevisionsWaiting(s);
  return waiting.find((c) => c.id === s.state.data.caseId) ?? waiting[0];
}

const NIK_SHAPED = /^[\d\s.\-]+$/;

/**
 * Whether a text typed unasked (the conversation idle) is the correction waiting: a NIK, or a
 * name of two words or more that is not a "baik pak" or "terima kasih". Anything else is answered
 * with the question again; once asked, a one-word name is taken too.
 */
export function looksLikeCorrection(typed: string): boolean {
  const text = typed.trim();
  if (NIK_SHAPED.test(text)) return /\d/.test(text);
  return text.split(/\s+/).length >= 2 && !isAcknowledgement(text);
}

/**
 * A typed correction: digits are a NIK, anything else a name, each checked by the same rule as
 * when applying. Nothing unchecked is kept, so nothing unchecked reaches the chair.
 */
function takeCorrection(s: Session, typed: string): void {
  if (NIK_SHAPED.test(typed.trim())) {
    const nik = validateNik(typed, s.ctx.today);
    if (!nik.ok) {
      const { code, ...params } = nik.error;
      s.say((s.t as (k: string, p: unknown) => string)(`nik.${code}`, params));
      return s.reask();
    }
    s.state.data.correctedNik = nik.value.nik;
  } else {
    const name = checkPersonName(typed);
    if (!name.ok) {
      const { code, ...params } = name.error;
      s.say((s.t as (k: string, p: unknown) => string)(`name.${code}`, params));
      return s.reask();
    }
    s.state.data.correctedName = name.value;
  }
  s.goto('revision.data_confirm');
}

/** Asks for the corrected name or NIK; what is typed is taken as the answer. */
export const revisionData: Step = {
  ask(s) {
    const c = dataRevision(s);
    if (!c) {
      s.finish();
      return s.goto('menu');
    }
    s.state.data.caseId = c.id;
    s.ask(s.t('correction.ask', { code: c.code }));
  },
  answer(s, a) {
    if (!dataRevision(s)) return false;
    return typedCorrection(s, a);
  },
};

/** Shows what will be sent; another name or NIK typed here is taken too. */
export const revisionDataConfirm: Step = {
  ask(s) {
    const d = s.state.data;
    if (!dataRevision(s) || (!d.correctedName && !d.correctedNik)) return s.jump('revision.data');
    s.ask(s.t('correction.confirm', { name: d.correctedName ?? null, nik: d.correctedNik ?? null }), [
      { id: 'corr:send', label: s.t('correction.send'), aliases: ['kirim', 'send'] },
    ]);
  },
  answer(s, a) {
    const c = dataRevision(s);
    if (!c) return false;
    if (chosen(a) === 'corr:send') {
      sendCorrection(s, c);
      return true;
    }
    return typedCorrection(s, a);
  },
};

/** A name or NIK typed is taken; a photo is not data, and the question comes again. */
function typedCorrection(s: Session, a: Answer): boolean {
  if (a.kind === 'media') {
    s.say(s.t('correction.not_photo'));
    s.reask();
    return true;
  }
  if (a.kind !== 'text') return false;
  takeCorrection(s, a.text);
  return true;
}

function sendCorrection(s: Session, c: CaseView): void {
  const { correctedName: name, correctedNik: nik } = s.state.data;
  const actor = c.applicantPersonId === s.ctx.person.id ? 'resident' : 'helper';
  const result = applyEvent({ kind: 'service', state: c.state, documentsComplete: true, pengantarApproved: c.pengantarApproved }, 'resubmit', actor);
  if (!result.ok) {
    s.say(s.t(`refusal.${result.reason}`));
    return s.finish();
  }
  const restart = restartedDays(s);
  s.effect({
    type: 'transition', caseId: c.id, event: 'resubmit', from: result.from, to: result.to, actor,
    set: {
      ...(name ? { givenName: name } : {}), ...(nik ? { givenNik: nik } : {}),
      revisionRequirement: null, revisionReason: null, remindersSent: 0, nextActionAt: s.ctx.now, ...restart.set,
    },
    // Written only if nobody changed the case since it was read (the office, a second chat).
    version: c.version,
    // What was corrected, never the NIK itself: the timeline is read by every staff member.
    detail: { corrected: [...(name ? ['name'] : []), ...(nik ? ['nik'] : [])] },
  });
  // The chair hears the new data at once; the card to judge it comes with the next tick.
  const chair = s.ctx.registry.find((r) => r.rtId === c.rtId)?.chairPersonId;
  if (chair) {
    s.effect({
      type: 'send', to: { personId: chair }, caseId: c.id, notBefore: chairNotBefore(s),
      message: { kind: 'text', text: s.ctxText('id', 'correction.to_chair', { code: c.code, name: name ?? null, oldName: c.applicantName, nik: nik ? maskNik(nik) : null, you: chairYou(s, c.rtId) }) },
    });
  }
  s.say(s.t('correction.sent', { code: c.code }));
  s.say(restart.text);
  s.finish();
}
