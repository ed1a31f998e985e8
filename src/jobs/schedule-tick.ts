/**
 * The 15-minute cron: for each case whose next action is due (read through the partial index on
 * cases.next_action_at), ask the pure schedule what to do, and write it in one batch per case.
 * Transitions are guarded by the state they leave (a batch whose guard matched nothing aborts)
 * and notices by their dedupe keys, so a tick that runs twice, or two ticks at once, change and
 * send nothing twice.
 */
import type { OutboundMessage } from '../../adapters/channel';
import { pengantarCardText, pengantarChoices, verifyCardText, verifyChoices, type Words } from '../bot/rt-cards';
import { dbOf, runBatch, type Db, type Statement } from '../db/client';
import { dueCasesNow, recordCaseEvent, moveDueCase, rescheduleDueCase, type DueCase } from '../db/cases';
import { pendingScanOf, storedDocuments } from '../db/documents';
import { questionsOfCase } from '../db/neighbour-questions';
import { readCalendar } from '../db/holidays';
import { outboxToIdentity, outboxToPerson } from '../db/outbox';
import { linkedStaffChats } from '../db/staff';
import { addDays, localMoment, workingCalendar, type WorkingCalendar } from '../domain/calendar';
import { applyEvent, type CaseState } from '../domain/case-machine';
import { addressOf } from '../domain/honorific';
import { choiceHint, isLocale, t, type Locale } from '../domain/messages';
import { formatLongDate } from '../domain/messages/dates';
import type { OfficeParams } from '../domain/messages/menu.id';
import { maskPhone } from '../domain/phone';
import { decide, type Notice, type ScheduledCase } from '../domain/schedule';
import type { IdSource, Instant } from '../framework/ports';
import { log } from '../framework/log';
import { revokeLettersOnEndQuery } from '../pipeline/letter-sql';
import type { QueueMessage } from './queue-messages';

export const DUE_BATCH_LIMIT = 200;
const pad2 = (n: unknown) => String(n ?? 0).padStart(2, '0');

const ctxText = <K extends Parameters<typeof t>[1]>(locale: Locale, key: K, ...params: unknown[]) =>
  (t as (l: Locale, k: K, ...p: unknown[]) => string)(locale, key, ...params);
const words: Words = { ctxText };

/** Holidays as far back as a case can be late and as far ahead as the next working day can be. */
const HOLIDAYS_BACK_DAYS = 366;
const HOLIDAYS_AHEAD_DAYS = 60;

/** What a tick reads once per kelurahan it has due cases of, only when it needs it. */
class KelurahanCache {
  // The office's phone and address come with its hours, in the same read.
  private calendars = new Map<string, Promise<{ cal: WorkingCalendar; office: OfficeParams }>>();
  private staff = new Map<string, Promise<StaffChat[]>>();
  constructor(
    private readonly db: Db,
    private readonly now: Instant,
  ) {}

  calendar(k: string): Promise<WorkingCalendar> {
    return this.read(k).then((r) => r.cal);
  }

  /** How residents reach the office, for a message that sends them there. */
  office(k: string): Promise<OfficeParams> {
    return this.read(k).then((r) => r.office);
  }

  private read(k: string) {
    let c = this.calendars.get(k);
    if (!c) {
      c = this.readCalendar(k);
      this.calendars.set(k, c);
    }
    return c;
  }

  /** The linked staff chats of the case's own kelurahan: nobody else's staff hear of it. */
  staffChats(k: string): Promise<StaffChat[]> {
    let s = this.staff.get(k);
    if (!s) {
      s = linkedStaffChats(this.db, k);
      this.staff.set(k, s);
    }
    return s;
  }

  private async readCalendar(k: string): Promise<{ cal: WorkingCalendar; office: OfficeParams }> {
    const today = localMoment(this.now).date;
    const [hours, days] = await readCalendar(this.db, { k, from: addDays(today, -HOLIDAYS_BACK_DAYS), to: addDays(today, HOLIDAYS_AHEAD_DAYS) });
    const h = hours[0];
    const cal = workingCalendar(
      days.map((d) => d.date),
      h ? { utcOffsetMinutes: h.utcOffsetMinutes, opensAtMinute: h.opensAtMinute, closesAtMinute: h.closesAtMinute } : {},
    );
    return { cal, office: { officePhone: h?.phone ?? null, officeAddress: h?.address ?? '' } };
  }
}

type StaffChat = Awaited<ReturnType<typeof linkedStaffChats>>[number];

export async function scheduleTick(env: Env, now: Instant, ids: IdSource): Promise<{ cases: number; queued: QueueMessage[] }> {
  const db = dbOf(env.DB);
  // Only due cases, through the partial index: the cost follows the work due, not all cases.
  const due = await dueCasesNow(db, { now, limit: DUE_BATCH_LIMIT });

  const queued: QueueMessage[] = [];
  if (due.length === 0) return { cases: 0, queued };
  const cache = new KelurahanCache(db, now);
  for (const row of due) {
    try {
      queued.push(...(await handleCase(db, row, now, ids, cache)));
    } catch (err) {
      // One case that fails must not stop the others; it stays due and is tried next tick.
      log.error('schedule.case_failed', { case: row.id, error: err });
    }
  }
  return { cases: due.length, queued };
}

async function handleCase(db: Db, c: DueCase, now: Instant, ids: IdSource, cache: KelurahanCache): Promise<QueueMessage[]> {
  const sc: ScheduledCase = {
    id: c.id, kind: c.kind, state: c.state, pengantarApproved: c.pengantarApproved, createdAt: c.createdAt,
    updatedAt: c.updatedAt, day1DueAt: c.day1DueAt, day2DueAt: c.day2DueAt, day3DueAt: c.day3DueAt, dueAt: c.dueAt,
    remindersSent: c.remindersSent,
  };
  const cal = await cache.calendar(c.kelurahanId);
  const d = decide(sc, now, cal);
  // Read through the partial index of due cases: never null here.
  const readAt = c.nextActionAt!;
  if (d.notices.some((n) => n.notice === 'verification_card') && (await scanBeingFetched(db, c.id))) {
    // A resent scan is still on its way into R2: the chair's card would miss it. The fetch ends
    // within its bounded attempts (stored, or failed and the resident told), so wait a tick.
    await rescheduleDueCase(db, { caseId: c.id, readAt, nextActionAt: now + CARD_WAITS_FOR_SCAN_MS });
    return [];
  }
  const st: Statement[] = [];
  const queued: QueueMessage[] = [];
  const locale: Locale = isLocale(c.applicantLocale) ? c.applicantLocale : 'id';

  let to = c.state;
  if (d.event) {
    const r = applyEvent({ kind: c.kind, state: c.state, documentsComplete: true, pengantarApproved: Boolean(c.pengantarApproved) }, d.event, 'system');
    if (!r.ok) return [];
    to = r.to;
    st.push(
      moveDueCase(db, { caseId: c.id, from: c.state, to: r.to, readAt, nextActionAt: d.nextActionAt, remindersSent: d.remindersSent, now }),
      event(db, ids, c, now, d.event, c.state, r.to, undefined, true),
    );
    const revoke = revokeLettersOnEndQuery(db, { caseId: c.id, kelurahanId: c.kelurahanId, event: d.event, to: r.to, now });
    if (revoke) st.push(revoke);
  } else {
    st.push(rescheduleDueCase(db, { caseId: c.id, readAt, nextActionAt: d.nextActionAt, remindersSent: d.remindersSent }));
  }

  const send = (recipient: { personId: string }, key: string, message: OutboundMessage) => {
    const id = ids.newId();
    st.push(outboxToPerson(db, recipient.personId, { id, kelurahanId: c.kelurahanId, caseId: c.id, payload: JSON.stringify(message), dedupeKey: key, now }));
    queued.push({ type: 'deliver', outboxId: id });
  };
  // Staff and the Lurah see every escalation on /status; those of the case's kelurahan who linked
  // a chat get it there too, each in their own language.
  const escalate = async (key: string, text: (locale: Locale) => string) => {
    st.push(event(db, ids, c, now, 'escalated', null, null, { key }));
    for (const member of await cache.staffChats(c.kelurahanId)) {
      const id = ids.newId();
      const locale: Locale = isLocale(member.locale) ? member.locale : 'id';
      const payload = JSON.stringify({ kind: 'text', text: text(locale) } satisfies OutboundMessage);
      st.push(outboxToIdentity(db, member.identityId, { id, kelurahanId: c.kelurahanId, caseId: c.id, payload, dedupeKey: `${key}:${member.staffId}`, now }));
      queued.push({ type: 'deliver', outboxId: id });
    }
  };

  // The chair is addressed by the registry's name and the honorific their NIK gives.
  const chairAddress = () => {
    const a = addressOf({ fullName: c.chairName, nik: c.chairNik });
    return { chair: a.name, you: a.honorific };
  };
  for (const { notice, key, lateDays } of d.notices) {
    const text = (k: Parameters<typeof ctxText>[1], ...p: unknown[]) => ctxText(locale, k, ...p);
    switch (notice as Notice) {
      case 'complaint_closed':
        send({ personId: c.applicantPersonId }, key, { kind: 'text', text: text('desk.complaint_closed', { code: c.code }) });
        break;
      case 'day2_started':
        send({ personId: c.applicantPersonId }, key, { kind: 'text', text: text('resident.day2', { code: c.code }) });
        if (c.submitterPersonId) send({ personId: c.submitterPersonId }, `${key}:helper`, { kind: 'text', text: ctxText('id', 'resident.day2', { code: c.code }) });
        break;
      case 'verification_card':
        if (!c.chairPersonId) break;
        await verificationCard(db, c, key, send);
        break;
      case 'remind_pengantar':
        if (c.chairPersonId) {
          send({ personId: c.chairPersonId }, key, {
            kind: 'text',
            // The whole card again: the chair may answer this one, and should read what he approves.
            text: `${ctxText('id', 'notice.remind_pengantar', { ...chairAddress(), name: c.applicantName, code: c.code })}\n\n${pengantarCardText(words, { ...c, nikConflict: Boolean(c.nikConflict) }, 'id')}`,
            choices: pengantarChoices('id', words, c.id),
            hint: choiceHint('id'),
          });
        }
        break;
      case 'remind_verification':
        if (c.chairPersonId) {
          send({ personId: c.chairPersonId }, key, {
            kind: 'text', text: ctxText('id', 'notice.remind_verification', { ...chairAddress(), code: c.code }), choices: verifyChoices('id', words, c.id), hint: choiceHint('id'),
          });
        }
        break;
      case 'remind_revision':
        // The applicant's data (no document named) is typed, not photographed.
        send({ personId: c.submitterPersonId ?? c.applicantPersonId }, key, {
          kind: 'text', text: c.revisionRequirement ? text('notice.remind_revision', { code: c.code }) : text('correction.ask', { code: c.code }),
        });
        break;
      case 'draft_abandoned':
        send({ personId: c.submitterPersonId ?? c.applicantPersonId }, key, { kind: 'text', text: text('notice.draft_abandoned', { code: c.code }) });
        break;
      case 'neighbours_silent':
        if (c.chairPersonId) await neighboursSilent(db, c, key, send, chairAddress().you);
        break;
      case 'resident_late': {
        // The date promised (day 3), as the resident was told it, in each reader's language.
        const office = await cache.office(c.kelurahanId);
        const promised = localMoment(c.day3DueAt ?? now, cal.utcOffsetMinutes).date;
        const late = (l: Locale) => ctxText(l, 'resident.late', { code: c.code, date: formatLongDate(l, promised), ...office });
        send({ personId: c.applicantPersonId }, key, { kind: 'text', text: late(locale) });
        if (c.submitterPersonId && c.submitterPersonId !== c.applicantPersonId) {
          const helperLocale: Locale = c.submitterLocale && isLocale(c.submitterLocale) ? c.submitterLocale : 'id';
          send({ personId: c.submitterPersonId }, `${key}:helper`, { kind: 'text', text: late(helperLocale) });
        }
        break;
      }
      case 'escalate_pengantar':
      case 'escalate_verification':
      case 'escalate_late':
      case 'escalate_complaint':
      case 'escalate_disdukcapil':
      case 'escalate_revision':
        await escalate(key, (l) => ctxText(l, 'notice.escalate', { code: c.code, what: escalationText(l, notice, c, lateDays) }));
        break;
    }
  }
  if (to !== c.state || d.notices.length) log.info('schedule.case', { case: c.id, from: c.state, to, notices: d.notices.length });
  await runBatch(db, st);
  return queued;
}

/** What an escalation says happened, in the reader's language. */
function escalationText(locale: Locale, notice: Notice, c: DueCase, lateDays: number | undefined): string {
  if (notice === 'escalate_pengantar') return ctxText(locale, 'notice.escalate_pengantar', { rt: pad2(c.rtNumber), rw: pad2(c.rwNumber) });
  if (notice === 'escalate_late' && lateDays) return ctxText(locale, 'notice.escalate_late_days', { days: lateDays });
  return ctxText(locale, `notice.${notice}` as 'notice.escalate_late');
}

/** One cron period: the next tick looks again. */
const CARD_WAITS_FOR_SCAN_MS = 15 * 60_000;

async function scanBeingFetched(db: Db, caseId: string): Promise<boolean> {
  return (await pendingScanOf(db, caseId).get()) !== undefined;
}

/** Day 2: the RT chair receives the stored scans and the card with the verdict buttons. */
async function verificationCard(
  db: Db,
  c: DueCase,
  key: string,
  send: (r: { personId: string }, key: string, m: OutboundMessage) => void,
): Promise<void> {
  const docs = await storedDocuments(db, c.id);
  docs.forEach((doc, i) => {
    const caption = ctxText('id', `requirement.${doc.requirement}` as 'requirement.kk_copy');
    const message: OutboundMessage =
      doc.contentType === 'application/pdf'
        ? { kind: 'document', r2Key: doc.r2Key, filename: `${c.code}-${doc.requirement}.pdf`, mimeType: doc.contentType, caption }
        : { kind: 'image', r2Key: doc.r2Key, mimeType: doc.contentType, caption };
    send({ personId: c.chairPersonId! }, `${key}:doc:${i}`, message);
  });
  send({ personId: c.chairPersonId! }, key, {
    kind: 'text',
    text: verifyCardText(words, { code: c.code, service: c.service, applicantName: c.applicantName, applicantNik: c.applicantNik, rtNumber: c.rtNumber, rwNumber: c.rwNumber }, 'id', docs.length),
    choices: verifyChoices('id', words, c.id),
    hint: choiceHint('id'),
  });
}

/** The neighbours' deadline: if none of them answered, the chair may decide without them. */
async function neighboursSilent(
  db: Db,
  c: DueCase,
  key: string,
  send: (r: { personId: string }, key: string, m: OutboundMessage) => void,
  you: string,
): Promise<void> {
  const asked = await questionsOfCase(db, c.id);
  if (asked.length === 0 || asked.some((q) => q.answer !== null)) return;
  const lines = asked.map((q) => ctxText('id', 'neighbours.line', { who: maskPhone(q.phone), answer: ctxText('id', 'neighbours.not_yet') })).join('\n');
  send({ personId: c.chairPersonId! }, key, {
    kind: 'text',
    text: ctxText('id', 'neighbours.silent', { code: c.code, name: c.applicantName, lines, you }),
    choices: verifyChoices('id', words, c.id, false),
    hint: choiceHint('id'),
  });
}

/** With `afterGuardedUpdate`, a case another tick already moved aborts this case's batch. */
function event(db: Db, ids: IdSource, c: DueCase, now: Instant, kind: string, from: CaseState | null, to: CaseState | null, detail?: unknown, afterGuardedUpdate = false) {
  return recordCaseEvent(
    db,
    {
      id: ids.newId(), kelurahanId: c.kelurahanId, caseId: c.id, at: now, actorKind: 'system', kind, fromState: from, toState: to,
      detail: detail ? JSON.stringify(detail) : null,
    },
    afterGuardedUpdate,
  );
}
