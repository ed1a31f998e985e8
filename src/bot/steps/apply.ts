/**
 * Applying for a service (Tabel 5): the service, for whom, name, NIK, RW and RT. Choosing the RT
 * creates the case as a draft and sends the request for the surat pengantar to that RT's chair;
 * the documents, delivery and summary follow in documents.ts.
 */
import { chairNotBefore } from '../chair-address';
import { instantAt, localMoment } from '../../domain/calendar';
import { caseCodePeriod } from '../../domain/case-code';
import { dailyLimitRefusal, targetRefusal, type HelperRefusal } from '../../domain/helper-limits';
import { choiceHint } from '../../domain/messages';
import { formatLongDate } from '../../domain/messages/dates';
import { validateNik } from '../../domain/nik';
import { checkBusinessText, type BusinessField } from '../../domain/business';
import { checkPersonName } from '../../domain/person-name';
import { maskPhone, normalizePhone } from '../../domain/phone';
import { REMIND_GAP_MS } from '../../domain/schedule';
import { applyEvent, isTerminal } from '../../domain/case-machine';
import { SERVICES, type ServiceId } from '../../domain/services';
import type { CaseView } from '../context';
import type { ApplicantRef } from '../effects';
import { CASE_CODE_PLACEHOLDER } from '../effects';
import { pengantarCardText, pengantarChoices } from '../rt-cards';
import { office, type Session } from '../session';
import { serviceChoices, serviceFrom } from './menu';
import { confirmRequestText } from './confirm';
import { askNextDocument } from './documents';
import { needsPhone, phoneChannel } from './share-phone';
import { chosen, type Step } from './step';

const pad2 = (n: number) => String(n).padStart(2, '0');

export const applyService: Step = {
  ask(s) {
    s.ask(s.t('apply.which'), serviceChoices(s, 'svc'));
  },
  answer(s, answer) {
    const service = serviceFrom(chosen(answer), 'svc');
    if (!service) return false;
    s.state.data = { service };
    s.goto('apply.for_whom');
    return true;
  },
};

export const applyForWhom: Step = {
  ask(s) {
    s.ask(s.t('apply.for_whom'), [
      { id: 'whom:self', label: s.t('apply.self'), aliases: ['sendiri', 'saya', 'self', 'myself'] },
      { id: 'whom:other', label: s.t('apply.other'), aliases: ['orang lain', 'lain', 'other'] },
    ]);
  },
  answer(s, answer) {
    const id = chosen(answer);
    if (id !== 'whom:self' && id !== 'whom:other') return false;
    // Said before any typing, so that nobody fills in a whole application only to be refused.
    const refusal = id === 'whom:other' ? dailyLimitRefusal(s.ctx.requestsForOthers, localDayStart(s)) : null;
    if (refusal) {
      s.say(refusalText(s, refusal, null));
      s.reask();
      return true;
    }
    // Said before any typing: one open case per person and service leads to the one already open.
    const open = id === 'whom:self' ? s.ctx.cases.find((c) => c.applicantPersonId === s.ctx.person.id && isOpenCaseOf(c, s.state.data.service)) : undefined;
    if (open) {
      tellOpenCase(s, open);
      return true;
    }
    s.state.data.forOther = id === 'whom:other';
    // Asked once on a channel that does not tell the number: after it, the name (share-phone.ts).
    s.goto(needsPhone(s) ? 'apply.share_phone' : 'apply.name');
    return true;
  },
};

export const applyName: Step = {
  ask(s) {
    s.ask(s.t(s.state.data.forOther ? 'apply.applicant_name' : 'apply.name'));
  },
  answer(s, answer) {
    if (answer.kind !== 'text') return false;
    const result = checkPersonName(answer.text);
    if (!result.ok) {
      const { code, ...params } = result.error;
      s.say((s.t as (k: string, p: unknown) => string)(`name.${code}`, params));
      s.reask();
      return true;
    }
    s.state.data.applicantName = result.value;
    s.goto('apply.nik');
    return true;
  },
};

export const applyNik: Step = {
  ask(s) {
    s.ask(s.t(s.state.data.forOther ? 'apply.applicant_nik' : 'apply.nik'));
  },
  answer(s, answer) {
    if (answer.kind !== 'text') return false;
    const result = validateNik(answer.text, s.ctx.today);
    if (!result.ok) {
      const { code, ...params } = result.error;
      s.ask((s.t as (k: string, p: unknown) => string)(`nik.${code}`, params));
      return true;
    }
    const d = s.state.data;
    const nik = result.value.nik;
    // The same person (this one, or the same name with this NIK) already has this service open.
    const same = s.ctx.nikCases.find(
      (c) => c.service === d.service && ((!d.forOther && c.applicantPersonId === s.ctx.person.id) || sameName(c.applicantName, d.applicantName!)),
    );
    if (same) {
      const visible = s.ctx.cases.find((c) => c.id === same.id);
      if (visible) tellOpenCase(s, visible);
      else {
        // Not this sender's case: whether it exists is said, nothing of what it holds.
        s.say(s.t('apply.already_open_other', { service: s.t(`service.${d.service!}`), name: d.applicantName! }));
        s.finish();
        s.goto('menu');
      }
      return true;
    }
    d.applicantNik = nik;
    // A NIK on someone else's open case is not refused (a typo, a KK shared in the family): the
    // RT chair and staff are told when the case is made, and decide.
    // Their own case under a name spelled otherwise is not another person's NIK.
    const other = s.ctx.nikCases.find(
      (c) => !sameName(c.applicantName, d.applicantName!) && (d.forOther || c.applicantPersonId !== s.ctx.person.id),
    );
    if (other) d.nikConflictCaseId = other.id;
    else delete d.nikConflictCaseId;
    s.goto(d.forOther ? 'apply.phone' : afterApplicant(s));
    return true;
  },
};

export const applyPhone: Step = {
  ask(s) {
    s.ask(s.t('apply.applicant_phone'), [{ id: 'phone:none', label: s.t('apply.no_phone'), aliases: ['tidak ada', 'tidak punya', 'none'] }]);
  },
  answer(s, answer) {
    if (chosen(answer) === 'phone:none') {
      s.state.data.applicantPhone = null;
      s.goto(afterApplicant(s));
      return true;
    }
    if (answer.kind !== 'text') return false;
    const phone = normalizePhone(answer.text);
    if (!phone) {
      s.say(s.t('apply.bad_phone'));
      s.reask();
      return true;
    }
    const refusal = targetRefusal(s.ctx.requestsForOthers, phone, s.ctx.person.phone, s.ctx.now);
    if (refusal) {
      s.say(refusalText(s, refusal, phone));
      s.reask();
      return true;
    }
    s.state.data.applicantPhone = phone;
    s.goto(afterApplicant(s));
    return true;
  },
};

function isOpenCaseOf(c: CaseView, service: ServiceId | undefined): boolean {
  return c.kind === 'service' && c.service === service && !isTerminal(c.state);
}

/** Names as typed pass the name rule, which tidies spacing and capitals: compare without case. */
function sameName(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase('id') === b.trim().toLocaleLowerCase('id');
}

/** The open case of the same service instead of a second one: its code, its state, and what to do. */
function tellOpenCase(s: Session, c: CaseView): void {
  const todo =
    c.state === 'draft'
      ? 'apply.open_todo_draft'
      : c.state === 'needs_revision'
        ? c.revisionRequirement === null
          ? 'apply.open_todo_correction'
          : 'apply.open_todo_revision'
        : 'apply.open_todo_wait';
  const facts = { service: s.t(`service.${c.service!}`), code: c.code, state: s.t(`state.${c.state}`) };
  const lines = [
    c.applicantPersonId === s.ctx.person.id ? s.t('apply.already_open', facts) : s.t('apply.already_open_for', { ...facts, name: c.applicantName }),
    s.t(todo),
  ];
  // Only while the case machine lets them cancel (day 3 not begun) is cancelling offered.
  const actor = c.applicantPersonId === s.ctx.person.id ? 'resident' : 'helper';
  const machine = { kind: 'service' as const, state: c.state, documentsComplete: true, pengantarApproved: c.pengantarApproved };
  if (applyEvent(machine, 'cancel', actor).ok) lines.push(s.t('apply.open_todo_cancel'));
  s.say(lines.join('\n'));
  s.finish();
  s.goto('menu');
}

/** A SITU is for a business: asked before the RT, since the chair's pengantar names it. */
function afterApplicant(s: Session): 'apply.business_name' | 'apply.rw' {
  return s.state.data.service === 'situ' ? 'apply.business_name' : 'apply.rw';
}

function businessStep(field: BusinessField, next: 'apply.business_kind' | 'apply.business_address' | 'apply.rw'): Step {
  const key = { name: 'businessName', kind: 'businessKind', address: 'businessAddress' } as const;
  return {
    ask(s) {
      s.ask(s.t(`business.ask_${field}`));
    },
    answer(s, answer) {
      if (answer.kind !== 'text') return false;
      const result = checkBusinessText(field, answer.text);
      if (!result.ok) {
        const { code, ...params } = result.error;
        s.say((s.t as (k: string, p: unknown) => string)(`business.${code}`, params));
        s.reask();
        return true;
      }
      s.state.data[key[field]] = result.value;
      s.goto(next);
      return true;
    },
  };
}

export const applyBusinessName = businessStep('name', 'apply.business_kind');
export const applyBusinessKind = businessStep('kind', 'apply.business_address');
export const applyBusinessAddress = businessStep('address', 'apply.rw');

export const applyRw: Step = {
  ask(s) {
    const rws = [...new Set(s.ctx.registry.map((r) => r.rwNumber))].sort((a, b) => a - b);
    s.ask(s.t('apply.rw'), rws.map((rw) => ({ id: `rw:${rw}`, label: `RW ${pad2(rw)}` })));
  },
  answer(s, answer) {
    const rw = Number(chosen(answer)?.replace(/^rw:/, ''));
    if (!s.ctx.registry.some((r) => r.rwNumber === rw)) return false;
    s.state.data.rwNumber = rw;
    s.goto('apply.rt');
    return true;
  },
};

export const applyRt: Step = {
  ask(s) {
    const rw = s.state.data.rwNumber!;
    const rts = s.ctx.registry.filter((r) => r.rwNumber === rw).sort((a, b) => a.rtNumber - b.rtNumber);
    s.ask(
      s.t('apply.rt', { rw: pad2(rw) }),
      rts.map((r) => ({ id: `rtsel:${r.rtId}`, label: s.t('apply.rt_label', { rt: pad2(r.rtNumber), chair: r.chairName ?? '-' }) })),
    );
  },
  answer(s, answer) {
    const rtId = chosen(answer)?.replace(/^rtsel:/, '');
    const rt = s.ctx.registry.find((r) => r.rtId === rtId && r.rwNumber === s.state.data.rwNumber);
    if (!rt) return false;
    s.state.data.rtId = rt.rtId;
    createDraft(s);
    return true;
  },
};

/**
 * The case exists from here on: the RT chair must be able to act on the request while the
 * resident is still sending documents (Tabel 5 a-b).
 */
function createDraft(s: Session): void {
  const d = s.state.data;
  const { ctx } = s;
  const rt = ctx.registry.find((r) => r.rtId === d.rtId)!;
  const service = d.service!;
  const caseId = ctx.ids.newId();
  const name = d.applicantName!;
  const nik = d.applicantNik!;

  if (d.forOther) {
    // Checked again on the facts read for this very message: another chat of the same person
    // may have used up the day, or the number may have answered, since the earlier steps.
    const refusal =
      dailyLimitRefusal(ctx.requestsForOthers, localDayStart(s)) ??
      (d.applicantPhone ? targetRefusal(ctx.requestsForOthers, d.applicantPhone, ctx.person.phone, ctx.now) : null);
    if (refusal) {
      s.say(refusalText(s, refusal, d.applicantPhone ?? null));
      s.finish();
      s.goto('menu');
      return;
    }
  }

  let applicant: ApplicantRef;
  if (!d.forOther) {
    applicant = { kind: 'person', personId: ctx.person.id };
    s.effect({ type: 'update_person', personId: ctx.person.id, fullName: name, nik, rtId: rt.rtId });
  } else if (d.applicantPhone) {
    applicant = { kind: 'phone', channel: phoneChannel(ctx.channel), phone: d.applicantPhone, newPersonId: ctx.ids.newId(), newIdentityId: ctx.ids.newId() };
  } else {
    applicant = { kind: 'new', personId: ctx.ids.newId() };
  }

  s.effect({
    type: 'create_case',
    caseId,
    kind: 'service',
    service,
    state: 'draft',
    codePeriod: caseCodePeriod(SERVICES[service].codePrefix, ctx.today),
    applicant,
    givenName: name,
    givenNik: nik,
    ...(service === 'situ' ? { businessName: d.businessName ?? null, businessKind: d.businessKind ?? null, businessAddress: d.businessAddress ?? null } : {}),
    submitterPersonId: d.forOther ? ctx.person.id : null,
    rtId: rt.rtId,
    // The cron reminds the RT chair while the pengantar waits, and closes a forgotten draft.
    nextActionAt: ctx.now + REMIND_GAP_MS,
    actor: d.forOther ? 'helper' : 'resident',
  });

  if (rt.chairIdentityId) {
    // The RT chair reads in Bahasa Indonesia; the same card the cron reminds them with.
    s.effect({
      type: 'send',
      to: { identityId: rt.chairIdentityId },
      caseId,
      notBefore: chairNotBefore(s),
      message: {
        kind: 'text',
        text: pengantarCardText(
          s,
          {
            code: CASE_CODE_PLACEHOLDER, service, applicantName: name, applicantNik: nik, rtNumber: rt.rtNumber, rwNumber: rt.rwNumber,
            businessName: service === 'situ' ? (d.businessName ?? null) : null, businessKind: d.businessKind ?? null, businessAddress: d.businessAddress ?? null,
            nikConflict: Boolean(d.nikConflictCaseId),
          },
          'id',
        ),
        choices: pengantarChoices('id', s, caseId),
        hint: choiceHint('id'),
      },
    });
  }
  if (d.nikConflictCaseId) {
    // On the timeline for staff, and to their linked chats through the queue (jobs/nik-conflict.ts).
    s.effect({ type: 'case_event', caseId, kind: 'nik_conflict', actor: 'system', detail: { other_case_id: d.nikConflictCaseId } });
    s.effect({ type: 'flag_nik_conflict', caseId, otherCaseId: d.nikConflictCaseId });
  }
  if (applicant.kind === 'phone') {
    const confirmChoices = [
      { id: `ac:y:${caseId}`, label: s.ctxText('id', 'apply.confirm_yes'), aliases: ['ya', 'benar'] },
      { id: `ac:n:${caseId}`, label: s.ctxText('id', 'apply.confirm_no'), aliases: ['tidak', 'bukan', 'bukan saya'] },
    ];
    s.effect({
      type: 'send',
      to: { channel: applicant.channel, phone: applicant.phone },
      caseId,
      message: {
        kind: 'text',
        // Sender-controlled text (a profile name, a name the helper gave themselves) never goes
        // to someone else: the helper is named by their masked number only.
        text: confirmRequestText(s, 'id', { helperPhone: ctx.person.phone, service, name }),
        choices: confirmChoices,
        hint: choiceHint('id'),
      },
    });
    s.effect({ type: 'await_answer', to: { channel: applicant.channel, phone: applicant.phone }, step: 'confirm.applicant', choices: confirmChoices });
    s.say(s.t('apply.confirm_asked', { name }));
  }

  d.caseId = caseId;
  s.say(s.t('apply.pengantar_sent', { rt: pad2(rt.rtNumber), rw: pad2(rt.rwNumber), chair: rt.chairName ?? '-' }));
  s.state.history = [];
  s.state.step = 'apply.documents';
  askNextDocument(s, true);
}

function localDayStart(s: Session): number {
  return instantAt(s.ctx.today, 0, s.ctx.calendar.utcOffsetMinutes);
}

function refusalText(s: Session, refusal: HelperRefusal, phone: string | null): string {
  const number = phone ? maskPhone(phone) : '-';
  switch (refusal.code) {
    case 'daily_limit':
      return s.t('limit.daily', { limit: refusal.limit });
    case 'own_number':
      return s.t('limit.own_number');
    case 'request_open':
      return s.t('limit.request_open', { number, code: refusal.caseCode });
    case 'denied':
      return s.t('limit.denied', { number, date: formatLongDate(s.locale, localMoment(refusal.until, s.ctx.calendar.utcOffsetMinutes).date), ...office(s) });
  }
}
