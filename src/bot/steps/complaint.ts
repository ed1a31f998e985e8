/**
 * Complaints (the paper's third problem: complaints went nowhere). Each becomes a case of its own
 * kind with a code and a deadline for the answer, optionally with a photo and about a case.
 */
import type { Choice } from '../../../adapters/channel';
import { caseCodePeriod } from '../../domain/case-code';
import { localMoment } from '../../domain/calendar';
import { complaintAnswerDue } from '../../domain/complaints';
import { formatDate, formatLongDate } from '../../domain/messages/dates';
import { COMPLAINT_CODE_PREFIX } from '../../domain/services';
import { CASE_CODE_PLACEHOLDER } from '../effects';
import type { Session } from '../session';
import { mediaProblem, refuseMedia } from './documents';
import { chosen, type Step } from './step';

export const complaintText: Step = {
  ask(s) {
    s.ask(s.t('complaint.ask'));
  },
  answer(s, answer) {
    if (answer.kind !== 'text') return false;
    const text = answer.text.trim();
    if (text.length < 10) {
      s.say(s.t('complaint.too_short'));
      s.reask();
      return true;
    }
    s.state.data = { complaintText: text.slice(0, 2000) };
    s.goto('complaint.photo');
    return true;
  },
};

export const complaintPhoto: Step = {
  ask(s) {
    s.ask(s.t('complaint.photo'), [{ id: 'complaint:skip', label: s.t('complaint.skip'), aliases: ['lewati', 'tidak', 'skip'] }]);
  },
  answer(s, answer) {
    if (answer.kind === 'media') {
      const problem = mediaProblem(answer.media, s.ctx.maxUploadBytes);
      if (problem) {
        refuseMedia(s, problem);
        s.reask();
        return true;
      }
      const { ref, mimeType, sha256, filename } = answer.media;
      s.state.data.complaintPhoto = { ref, mimeType, ...(sha256 ? { sha256 } : {}), ...(filename ? { filename } : {}) };
    } else if (chosen(answer) !== 'complaint:skip') {
      return false;
    }
    if (s.ctx.cases.some((c) => c.kind === 'service')) s.goto('complaint.about');
    else fileComplaint(s, null);
    return true;
  },
};

/** Cases offered in the complaint picker: the newest ones, so the list fits on a phone. */
const MAX_ABOUT = 8;

export const complaintAbout: Step = {
  ask(s) {
    s.state.data.aboutChoices ??= aboutChoices(s);
    s.ask(s.t('complaint.about'), s.state.data.aboutChoices);
  },
  answer(s, answer) {
    const id = chosen(answer)?.replace(/^about:/, '');
    if (id === 'none') {
      fileComplaint(s, null);
      return true;
    }
    if (!id || !s.ctx.cases.some((c) => c.id === id)) return false;
    fileComplaint(s, id);
    return true;
  },
};

/**
 * Each case by its service and the day it was made, oldest first, so that a case keeps its number
 * as newer ones come; "Bukan tentang berkas" is always the last line.
 */
function aboutChoices(s: Session): Choice[] {
  const { person, calendar } = s.ctx;
  const cases = s.ctx.cases.filter((c) => c.kind === 'service' && c.service).slice(0, MAX_ABOUT).reverse();
  return [
    ...cases.map((c) => ({
      id: `about:${c.id}`,
      label: s.t('complaint.case_label', {
        service: s.t(`service.${c.service!}`),
        date: formatDate(s.locale, localMoment(c.createdAt, calendar.utcOffsetMinutes).date),
        code: c.code,
        name: c.applicantPersonId === person.id ? null : c.applicantName,
      }),
      aliases: [c.code],
    })),
    { id: 'about:none', label: s.t('complaint.not_about_case'), aliases: ['bukan', 'tidak'] },
  ];
}

function fileComplaint(s: Session, relatedCaseId: string | null): void {
  const { ctx } = s;
  const d = s.state.data;
  const caseId = ctx.ids.newId();
  const dueAt = complaintAnswerDue(ctx.now, ctx.calendar);
  s.effect({
    type: 'create_case',
    caseId,
    kind: 'complaint',
    service: null,
    state: 'open',
    codePeriod: caseCodePeriod(COMPLAINT_CODE_PREFIX, ctx.today),
    applicant: { kind: 'person', personId: ctx.person.id },
    submitterPersonId: null,
    rtId: ctx.person.rtId,
    complaintText: d.complaintText!,
    relatedCaseId,
    dueAt,
    nextActionAt: dueAt,
    actor: 'resident',
  });
  if (d.complaintPhoto) {
    s.effect({
      type: 'add_document',
      documentId: ctx.ids.newId(),
      caseId,
      requirement: 'complaint_photo',
      media: d.complaintPhoto,
      supersedes: false,
    });
  }
  s.say(s.t('complaint.received', { code: CASE_CODE_PLACEHOLDER, date: formatLongDate(s.locale, localMoment(dueAt, ctx.calendar.utcOffsetMinutes).date) }));
  s.flush();
  // The reply names the new case so the store can write its code into the text.
  const last = s.effects.at(-1);
  if (last?.type === 'send') last.caseId = caseId;
  s.finish();
}
