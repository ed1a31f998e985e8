/** The main menu, service information, language and status: short flows that end at the menu. */
import type { Choice } from '../../../adapters/channel';
import { stageDay } from '../../domain/case-machine';
import { LOCALES, type Locale } from '../../domain/messages';
import { formatLongDate } from '../../domain/messages/dates';
import { promisedDate } from '../../domain/promise';
import { SERVICES, SERVICE_IDS, isServiceId, type ServiceId } from '../../domain/services';
import type { CaseView } from '../context';
import { office, type Session } from '../session';
import { draftToDo, missingDocuments, resumableDraft, resumeDraft } from './resume';
import { chosen, type Step } from './step';

/** The menu; while a draft waits, "Lanjutkan pengajuan" comes last, so every other number stays. */
export function menuChoices(s: Session): Choice[] {
  const resume: Choice[] = resumableDraft(s) ? [{ id: 'menu:resume', label: s.t('menu.resume'), aliases: ['lanjutkan pengajuan'] }] : [];
  return [
    { id: 'menu:apply', label: s.t('menu.apply'), aliases: ['ajukan', 'apply', 'daftar'] },
    { id: 'menu:status', label: s.t('menu.status'), aliases: ['status'] },
    { id: 'menu:info', label: s.t('menu.info'), aliases: ['info', 'informasi', 'syarat'] },
    { id: 'menu:complaint', label: s.t('menu.complaint'), aliases: ['pengaduan', 'aduan', 'keluhan', 'complaint'] },
    { id: 'menu:cancel', label: s.t('menu.cancel_case'), aliases: ['batalkan'] },
    { id: 'menu:language', label: s.t('menu.language'), aliases: ['bahasa', 'language'] },
    { id: 'menu:help', label: s.t('menu.help'), aliases: ['bantuan', 'help'] },
    ...resume,
  ];
}

const SERVICE_ALIASES: Record<ServiceId, string[]> = {
  ktp: ['ktp', 'e-ktp', 'ektp'],
  kk: ['kk', 'kartu keluarga'],
  nikah: ['nikah', 'pengantar nikah', 'menikah'],
  situ: ['situ', 'izin usaha', 'usaha', 'surat izin tempat usaha'],
};

export function serviceChoices(s: Session, prefix: string): Choice[] {
  return SERVICE_IDS.map((id) => ({ id: `${prefix}:${id}`, label: s.t(`choice.service.${id}`), aliases: SERVICE_ALIASES[id] }));
}

export function serviceFrom(choiceId: string | null, prefix: string): ServiceId | null {
  if (!choiceId?.startsWith(`${prefix}:`)) return null;
  const id = choiceId.slice(prefix.length + 1);
  return isServiceId(id) ? id : null;
}

export const menu: Step = {
  ask(s) {
    const welcome = s.t('menu.welcome', { kelurahan: s.ctx.kelurahan.name });
    const draft = resumableDraft(s);
    const note = draft
      ? s.t('menu.draft_open', { service: s.t(`service.${draft.service!}`), name: draft.applicantName, missing: missingDocuments(s, draft) })
      : null;
    s.ask(note ? `${welcome}\n\n${note}` : welcome, menuChoices(s));
  },
  answer(s, answer) {
    switch (chosen(answer)) {
      case 'menu:apply':
        s.goto('apply.service');
        return true;
      case 'menu:status':
        showStatus(s);
        return true;
      case 'menu:info':
        s.goto('info.service');
        return true;
      case 'menu:complaint':
        s.goto('complaint.text');
        return true;
      case 'menu:cancel':
        s.goto('cancel.pick');
        return true;
      case 'menu:language':
        s.goto('language');
        return true;
      case 'menu:resume':
        resumeDraft(s);
        return true;
      case 'menu:help':
        s.say(s.t('help.text', office(s)));
        s.reask();
        return true;
      default:
        return false;
    }
  },
};

export const infoService: Step = {
  ask(s) {
    s.ask(s.t('info.which'), serviceChoices(s, 'info'));
  },
  answer(s, answer) {
    const service = serviceFrom(chosen(answer), 'info');
    if (!service) return false;
    s.say(serviceStandard(s, service));
    s.ask(s.t('menu.again'), menuChoices(s));
    s.state = { step: 'menu', data: {}, history: [], choices: s.state.choices };
    return true;
  },
};

/** The published service standard (UU 25/2009): requirements, steps, time, cost, product. */
export function serviceStandard(s: Session, service: ServiceId): string {
  const std = SERVICES[service];
  const requirements = std.requirements.map((r, i) => `${i + 1}. ${s.t(`requirement.${r.id}`)}`).join('\n');
  return [
    s.t('info.title', { service: s.t(`service.${service}`) }),
    `${s.t('info.requirements')}\n${requirements}`,
    s.t('standard.steps'),
    s.t('standard.time', { days: std.workingDays }),
    s.t('standard.cost'),
    s.t(`product.${service}`),
    s.t('standard.complaints'),
  ].join('\n\n');
}

export const language: Step = {
  ask(s) {
    s.ask(s.t('language.which'), [
      { id: 'lang:id', label: 'Bahasa Indonesia', aliases: ['indonesia', 'bahasa'] },
      { id: 'lang:en', label: 'English', aliases: ['inggris', 'english'] },
    ]);
  },
  answer(s, answer) {
    const id = chosen(answer)?.replace(/^lang:/, '');
    if (!id || !(LOCALES as readonly string[]).includes(id)) return false;
    s.locale = id as Locale;
    s.effect({ type: 'update_person', personId: s.ctx.person.id, locale: s.locale });
    s.say(s.t('language.set'));
    s.state = { step: 'menu', data: {}, history: [], choices: [] };
    s.reask();
    return true;
  },
};

export function showStatus(s: Session): void {
  const cases = s.ctx.cases.slice(0, 10);
  if (cases.length === 0) {
    s.say(s.t('status.none'));
  } else {
    const draft = resumableDraft(s);
    s.say([s.t('status.title'), ...cases.map((c) => statusLine(s, c, c === draft))].join('\n\n'));
  }
  s.finish();
  if (resumableDraft(s)) s.goto('resume.offer');
}

/** `resumable`: the draft "lanjut" picks up, which also says what it lacks and what to do. */
function statusLine(s: Session, c: CaseView, resumable: boolean): string {
  const service = c.service ? s.t(`service.${c.service}`) : s.t('menu.complaint');
  const name = c.applicantPersonId === s.ctx.person.id ? c.applicantName : s.t('status.for_other', { name: c.applicantName });
  const parts = [s.t(`state.${c.state}`)];
  const day = stageDay(c.state);
  if (day) parts.push(s.t('day.of_three', { day }));
  // Never a date already past: a late case says so and gives a new one.
  const promised = promisedDate(c, s.ctx.now, s.ctx.calendar);
  if (promised) parts.push(s.t(promised.late ? 'day.late' : 'day.expected', { date: formatLongDate(s.locale, promised.date) }));
  else if (c.state === 'awaiting_pengantar') parts.push(s.t('promise.after_approval_short'));
  if (resumable) parts.push(draftToDo(s, c));
  return s.t('status.line', { code: c.code, service, name, state: parts.join('. ') });
}
