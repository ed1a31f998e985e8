/**
 * The documents of an application, one at a time with a checklist (Tabel 5 c), then delivery
 * (Tabel 6 b), the summary and the submission that starts the three days.
 */
import type { Choice, InboundMedia } from '../../../adapters/channel';
import { localMoment, threeDaySchedule } from '../../domain/calendar';
import { applyEvent } from '../../domain/case-machine';
import { t, type Locale } from '../../domain/messages';
import { formatLongDate } from '../../domain/messages/dates';
import { missingUploads, uploadRequirements, type RequirementId, type ServiceId } from '../../domain/services';
import type { FlowData } from '../state';
import type { Session } from '../session';
import { holidayNote } from './promise-note';
import { chosen, type Step } from './step';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** What Loket accepts as a scan, as a phone may declare it. */
const SCAN_TYPES = ['image/jpeg', 'image/jpg', 'image/png', 'application/pdf'];
/** What a phone declares for a file it could not name: only the first bytes can tell. */
const UNNAMED_TYPES = ['', 'application/octet-stream', 'binary/octet-stream', 'application/binary', 'application/unknown'];

/**
 * Why a media item is refused before anything is fetched, or null when it may be fetched. The
 * type a sender's phone declares never lets a file in: the queue consumer reads its first bytes
 * and refuses anything that is not a JPEG, PNG or PDF, however it was declared. It only keeps
 * out at once what the sender's own phone calls something else (a video, a Word file), so the
 * resident can send the right one while still at the question.
 */
export function mediaProblem(media: InboundMedia, maxBytes: number): 'bad_type' | 'too_large' | null {
  const declared = media.mimeType.split(';')[0]!.trim().toLowerCase();
  if (!SCAN_TYPES.includes(declared) && !UNNAMED_TYPES.includes(declared)) return 'bad_type';
  if (media.sizeBytes !== undefined && media.sizeBytes > maxBytes) return 'too_large';
  return null;
}

export function refuseMedia(s: Session, problem: 'bad_type' | 'too_large'): void {
  s.say(problem === 'bad_type' ? s.t('apply.bad_type') : s.t('apply.too_large', { mb: Math.floor(s.ctx.maxUploadBytes / 1048576) }));
}

/**
 * Where each document of a case stands: 'stored' once it is in R2 with its type checked (only
 * then is it received), 'checking' while the queue fetches it (sent in this message too).
 * Rejected or failed ones are absent: they are to be sent again.
 */
function documentStates(s: Session, caseId: string): Map<RequirementId, 'stored' | 'checking'> {
  const states = new Map<RequirementId, 'stored' | 'checking'>();
  for (const d of s.ctx.documents) {
    if (d.caseId !== caseId || d.requirement === 'complaint_photo') continue;
    if (d.status === 'pending') states.set(d.requirement, 'checking');
    else if (d.status === 'stored' && !states.has(d.requirement)) states.set(d.requirement, 'stored');
  }
  for (const e of s.effects) {
    if (e.type === 'add_document' && e.caseId === caseId && e.requirement !== 'complaint_photo') states.set(e.requirement, 'checking');
  }
  return states;
}

/** Where a draft stands: documents not sent yet (or refused), and those sent and still being checked. */
export function draftDocuments(s: Session, caseId: string, service: ServiceId): { missing: RequirementId[]; checking: RequirementId[] } {
  return { missing: missingUploads(service, received(s, caseId)), checking: beingChecked(s, caseId) };
}

/** Sent and not refused: stored, or still being checked. */
function received(s: Session, caseId: string): Set<RequirementId> {
  return new Set(documentStates(s, caseId).keys());
}

function beingChecked(s: Session, caseId: string): RequirementId[] {
  return [...documentStates(s, caseId)].filter(([, state]) => state === 'checking').map(([r]) => r);
}

/** Every document the service needs is stored: only then may the case be submitted. */
function allStored(s: Session, service: ServiceId, caseId: string): boolean {
  const states = documentStates(s, caseId);
  return uploadRequirements(service).every((r) => states.get(r) === 'stored');
}

function caseOf(s: Session) {
  return s.ctx.cases.find((c) => c.id === s.state.data.caseId);
}

/** Asks for the next missing document, with the checklist when it helps; or moves to delivery. */
export function askNextDocument(s: Session, withChecklist: boolean): void {
  const d = s.state.data;
  const service = d.service!;
  const states = documentStates(s, d.caseId!);
  const missing = missingUploads(service, states.keys());
  if (missing.length === 0) {
    // Delivery may be chosen while the last ones are checked; Kirim waits for them (summary).
    s.say(s.t(allStored(s, service, d.caseId!) ? 'apply.docs_complete' : 'apply.docs_uploaded'));
    s.goto(d.delivery ? 'apply.summary' : 'apply.delivery');
    return;
  }
  if (withChecklist) {
    const mark = { stored: s.t('apply.doc_received'), checking: s.t('apply.doc_checking') };
    const list = uploadRequirements(service)
      .map((r, i) => {
        const state = states.get(r);
        return `${i + 1}. ${s.t(`requirement.${r}`)} - ${state ? mark[state] : s.t('apply.doc_missing')}`;
      })
      .join('\n');
    s.say(`${s.t('apply.send_documents')}\n${list}`);
    s.ask(s.t('apply.send_now', { document: s.t(`requirement.${missing[0]!}`) }));
  } else {
    s.ask(s.t('apply.doc_next', { document: s.t(`requirement.${missing[0]!}`) }));
  }
}

export const applyDocuments: Step = {
  ask(s) {
    if (s.state.data.resend) {
      s.ask(s.t('apply.send_now', { document: s.t(`requirement.${s.state.data.resend}`) }));
      return;
    }
    askNextDocument(s, true);
  },
  answer(s, answer) {
    const d = s.state.data;
    if (answer.kind !== 'media') {
      s.say(s.t('apply.need_photo'));
      s.reask();
      return true;
    }
    const problem = mediaProblem(answer.media, s.ctx.maxUploadBytes);
    if (problem) {
      refuseMedia(s, problem);
      s.reask();
      return true;
    }
    const missing = missingUploads(d.service!, received(s, d.caseId!));
    const requirement = d.resend ?? missing[0];
    if (!requirement) {
      s.goto('apply.delivery');
      return true;
    }
    s.effect({
      type: 'add_document',
      documentId: s.ctx.ids.newId(),
      caseId: d.caseId!,
      requirement,
      media: answer.media,
      // Also replaces a copy of the same document that was refused or could not be fetched.
      supersedes: true,
    });
    s.say(s.t('apply.doc_ok', { document: s.t(`requirement.${requirement}`) }));
    if (d.resend) {
      delete d.resend;
      s.goto(d.delivery ? 'apply.summary' : 'apply.delivery');
      return true;
    }
    askNextDocument(s, false);
    return true;
  },
};

export function deliveryChoices(locale: Locale): Choice[] {
  return [
    { id: 'deliver:pickup', label: t(locale, 'apply.pickup'), aliases: ['ambil', 'kantor', 'pickup'] },
    { id: 'deliver:courier', label: t(locale, 'apply.courier'), aliases: ['kurir', 'antar', 'diantar', 'courier'] },
  ];
}

export const applyDelivery: Step = {
  ask(s) {
    s.ask(s.t('apply.delivery'), deliveryChoices(s.locale));
  },
  answer(s, answer) {
    const id = chosen(answer);
    if (id === 'deliver:pickup') {
      s.state.data.delivery = 'pickup';
      delete s.state.data.address;
      s.goto('apply.summary');
      return true;
    }
    if (id === 'deliver:courier') {
      s.state.data.delivery = 'courier';
      s.goto('apply.address');
      return true;
    }
    return false;
  },
};

export const applyAddress: Step = {
  ask(s) {
    s.ask(s.t('apply.address'));
  },
  answer(s, answer) {
    if (answer.kind !== 'text') return false;
    const address = answer.text.replace(/\s+/g, ' ').trim();
    if (address.length < 10) {
      s.say(s.t('apply.address_too_short'));
      s.reask();
      return true;
    }
    s.state.data.address = address.slice(0, 300);
    s.goto('apply.summary');
    return true;
  },
};

/** The summary line; the job that finishes the checks shows it too, hence no Session. */
export function summaryText(locale: Locale, d: FlowData, rt: { rtNumber: number; rwNumber: number }): string {
  const delivery = d.delivery === 'courier' ? t(locale, 'apply.summary_courier', { address: d.address ?? '' }) : t(locale, 'apply.summary_pickup');
  const business =
    d.service === 'situ' && d.businessName
      ? `\n${t(locale, 'business.summary', { name: d.businessName, kind: d.businessKind ?? '-', address: d.businessAddress ?? '-' })}`
      : '';
  return t(locale, 'apply.summary', {
    service: t(locale, `service.${d.service!}`),
    name: d.applicantName!,
    rt: pad2(rt.rtNumber),
    rw: pad2(rt.rwNumber),
    delivery,
  }) + business;
}

export function summaryChoices(locale: Locale): Choice[] {
  return [
    { id: 'summary:send', label: t(locale, 'apply.send'), aliases: ['kirim', 'ya', 'send'] },
    { id: 'summary:change', label: t(locale, 'apply.change'), aliases: ['ubah', 'change'] },
  ];
}

export const applySummary: Step = {
  ask(s) {
    const d = s.state.data;
    const rt = s.ctx.registry.find((r) => r.rtId === d.rtId)!;
    if (missingUploads(d.service!, received(s, d.caseId!)).length) {
      // One was refused or could not be fetched since: ask for it first.
      s.jump('apply.documents');
      return;
    }
    const checking = beingChecked(s, d.caseId!);
    if (checking.length) {
      // No Kirim yet: the job that stores the last one writes again with it.
      s.say(summaryText(s.locale, d, rt));
      s.ask(s.t('apply.docs_checking', { documents: checking.map((r) => s.t(`requirement.${r}`)).join(', ') }));
      return;
    }
    s.ask(summaryText(s.locale, d, rt), summaryChoices(s.locale));
  },
  answer(s, answer) {
    if (beingChecked(s, s.state.data.caseId!).length) {
      // Whatever is typed while waiting is answered with where the checks stand.
      s.reask();
      return true;
    }
    const id = chosen(answer);
    if (id === 'summary:change') {
      s.goto('apply.change');
      return true;
    }
    if (id !== 'summary:send') return false;
    submit(s);
    return true;
  },
};

function submit(s: Session): void {
  const d = s.state.data;
  const current = caseOf(s);
  if (!current) {
    s.say(s.t('refusal.not_allowed_in_state'));
    s.finish();
    return;
  }
  const documentsComplete = allStored(s, d.service!, current.id);
  const actor = current.submitterPersonId === s.ctx.person.id ? 'helper' : 'resident';
  const result = applyEvent(
    { kind: 'service', state: current.state, documentsComplete, pengantarApproved: current.pengantarApproved },
    'submit',
    actor,
  );
  if (!result.ok) {
    s.say(s.t(`refusal.${result.reason}`));
    if (result.reason === 'documents_incomplete') s.jump('apply.documents');
    else s.finish();
    return;
  }
  const schedule = threeDaySchedule(s.ctx.now, s.ctx.calendar);
  s.effect({
    type: 'transition',
    caseId: current.id,
    event: 'submit',
    from: result.from,
    to: result.to,
    actor,
    set: {
      submittedAt: s.ctx.now,
      day1DueAt: schedule.day1.dueAt,
      day2DueAt: schedule.day2.dueAt,
      day3DueAt: schedule.day3.dueAt,
      dueAt: schedule.day3.dueAt,
      nextActionAt: schedule.day1.dueAt,
      delivery: d.delivery ?? 'pickup',
      deliveryAddress: d.delivery === 'courier' ? (d.address ?? null) : null,
    },
  });
  s.say(s.t('apply.submitted', { code: current.code }));
  if (result.to === 'awaiting_pengantar') {
    // The three days start with the chair's approval, so no date yet: it comes with the approval.
    s.say(s.t('promise.after_approval'));
  } else {
    s.say(s.t('day.expected', { date: formatLongDate(s.locale, schedule.day3.date) }));
    const note = holidayNote(s, localMoment(s.ctx.now, s.ctx.calendar.utcOffsetMinutes).date, schedule.day3.date);
    if (note) s.say(note);
  }
  s.say(s.t('apply.status_hint'));
  s.finish();
}

export const applyChange: Step = {
  ask(s) {
    s.ask(s.t('apply.change_what'), [
      { id: 'change:delivery', label: s.t('apply.change_delivery') },
      { id: 'change:document', label: s.t('apply.change_document') },
    ]);
  },
  answer(s, answer) {
    const id = chosen(answer);
    if (id === 'change:delivery') {
      s.goto('apply.delivery');
      return true;
    }
    if (id === 'change:document') {
      s.goto('apply.resend');
      return true;
    }
    return false;
  },
};

export const applyResend: Step = {
  ask(s) {
    s.ask(
      s.t('apply.which_document'),
      uploadRequirements(s.state.data.service!).map((r) => ({ id: `resend:${r}`, label: s.t(`requirement.${r}`) })),
    );
  },
  answer(s, answer) {
    const requirement = chosen(answer)?.replace(/^resend:/, '') as RequirementId | undefined;
    if (!requirement || !uploadRequirements(s.state.data.service!).includes(requirement)) return false;
    s.state.data.resend = requirement;
    s.goto('apply.documents');
    return true;
  },
};
