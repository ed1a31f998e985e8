/**
 * The 15-minute cron: for each case whose next action is due (read through the partial index on
 * cases.next_action_at), ask the pure schedule what to do, and write it in one batch per case.
 * Transitions are guarded by the state they leave (a batch whose guard matched nothing aborts)
 * and notices by their dedupe keys, so a tick that runs twice, or two ticks at once, change and
 * send nothing twice.
 */
import type { OutboundMessage } from '../../adapters/channel';
import { pengantarChoices, verifyCardText, verifyChoices, type Words } from '../bot/rt-cards';
import { applyEvent, type CaseState } from '../domain/case-machine';
import { isLocale, t, type Locale } from '../domain/messages';
import { decide, type Notice, type ScheduledCase } from '../domain/schedule';
import type { IdSource, Instant } from '../domain/ports';
import type { ServiceId } from '../domain/services';
import { log } from '../log';
import { revokeLettersOnEnd } from '../pipeline/letter-sql';
import { outboxToIdentity, outboxToPerson } from '../pipeline/outbox-sql';
import type { QueueMessage } from './queue-messages';

export const DUE_BATCH_LIMIT = 200;
const pad2 = (n: unknown) => String(n ?? 0).padStart(2, '0');

interface DueRow {
  id: string; kelurahan_id: string; code: string; kind: 'service' | 'complaint'; service: ServiceId | null; state: CaseState;
  pengantar_approved: number; created_at: number; updated_at: number; next_action_at: number;
  day1_due_at: number | null; day2_due_at: number | null; day3_due_at: number | null; due_at: number | null; reminders_sent: number;
  applicant_person_id: string; submitter_person_id: string | null; applicant_name: string; applicant_nik: string | null;
  applicant_locale: string; rt_number: number | null; rw_number: number | null; chair_person_id: string | null;
}

const ctxText = <K extends Parameters<typeof t>[1]>(locale: Locale, key: K, ...params: unknown[]) =>
  (t as (l: Locale, k: K, ...p: unknown[]) => string)(locale, key, ...params);
const words: Words = { ctxText };

/** Only due cases, through the partial index: the cost follows the work due, not all cases. */
export const DUE_CASES_SQL = `SELECT c.*, coalesce(c.given_name, a.full_name) AS applicant_name, coalesce(c.given_nik, a.nik) AS applicant_nik, a.locale AS applicant_locale,
       rt.number AS rt_number, rw.number AS rw_number, rt.chair_person_id
FROM cases c JOIN people a ON a.id = c.applicant_person_id
LEFT JOIN rt ON rt.id = c.rt_id LEFT JOIN rw ON rw.id = rt.rw_id
WHERE c.next_action_at IS NOT NULL AND c.next_action_at <= ?1 ORDER BY c.next_action_at LIMIT ?2`;

export async function scheduleTick(env: Env, now: Instant, ids: IdSource): Promise<{ cases: number; queued: QueueMessage[] }> {
  const due = await env.DB.prepare(DUE_CASES_SQL)
    .bind(now, DUE_BATCH_LIMIT)
    .all<DueRow>();

  const queued: QueueMessage[] = [];
  if (due.results.length === 0) return { cases: 0, queued };
  const staff = await env.DB.prepare('SELECT id, kelurahan_id, identity_id FROM staff_users WHERE identity_id IS NOT NULL').all<StaffRow>();
  for (const row of due.results) {
    try {
      queued.push(...(await handleCase(env, row, now, ids, staff.results.filter((s) => s.kelurahan_id === row.kelurahan_id))));
    } catch (err) {
      // One case that fails must not stop the others; it stays due and is tried next tick.
      log.error('schedule.case_failed', { case: row.id, error: err });
    }
  }
  return { cases: due.results.length, queued };
}

interface StaffRow {
  id: string;
  kelurahan_id: string;
  identity_id: string;
}

async function handleCase(env: Env, c: DueRow, now: Instant, ids: IdSource, staff: StaffRow[]): Promise<QueueMessage[]> {
  const sc: ScheduledCase = {
    id: c.id, kind: c.kind, state: c.state, pengantarApproved: Boolean(c.pengantar_approved), createdAt: c.created_at,
    updatedAt: c.updated_at, day1DueAt: c.day1_due_at, day2DueAt: c.day2_due_at, day3DueAt: c.day3_due_at, dueAt: c.due_at,
    remindersSent: c.reminders_sent,
  };
  const d = decide(sc, now);
  const db = env.DB;
  if (d.notices.some((n) => n.notice === 'verification_card') && (await scanBeingFetched(db, c.id))) {
    // A resent scan is still on its way into R2: the chair's card would miss it. The fetch ends
    // within its bounded attempts (stored, or failed and the resident told), so wait a tick.
    await db.prepare('UPDATE cases SET next_action_at = ?1 WHERE id = ?2 AND next_action_at = ?3').bind(now + CARD_WAITS_FOR_SCAN_MS, c.id, c.next_action_at).run();
    return [];
  }
  const st: D1PreparedStatement[] = [];
  const queued: QueueMessage[] = [];
  const locale: Locale = isLocale(c.applicant_locale) ? c.applicant_locale : 'id';

  let to = c.state;
  if (d.event) {
    const r = applyEvent({ kind: c.kind, state: c.state, documentsComplete: true, pengantarApproved: Boolean(c.pengantar_approved) }, d.event, 'system');
    if (!r.ok) return [];
    to = r.to;
    st.push(
      db.prepare(
        `UPDATE cases SET state = ?1, version = version + 1, updated_at = ?2, next_action_at = ?3, reminders_sent = ?4
         WHERE id = ?5 AND state = ?6 AND next_action_at = ?7`,
      ).bind(r.to, now, d.nextActionAt, d.remindersSent, c.id, c.state, c.next_action_at),
      event(db, ids, c, now, d.event, c.state, r.to, undefined, true),
    );
    const revoke = revokeLettersOnEnd(db, { caseId: c.id, kelurahanId: c.kelurahan_id, event: d.event, to: r.to, now });
    if (revoke) st.push(revoke);
  } else {
    st.push(
      db.prepare('UPDATE cases SET next_action_at = ?1, reminders_sent = ?2 WHERE id = ?3 AND next_action_at = ?4').bind(
        d.nextActionAt, d.remindersSent, c.id, c.next_action_at,
      ),
    );
  }

  const send = (recipient: { personId: string } | { staff: true }, key: string, message: OutboundMessage) => {
    const payload = JSON.stringify(message);
    if ('staff' in recipient) {
      // Staff and the Lurah see every escalation on /status; those linked to a chat get it there too.
      st.push(event(db, ids, c, now, 'escalated', null, null, { key }));
      for (const member of staff) {
        const id = ids.newId();
        st.push(outboxToIdentity(db, member.identity_id, { id, kelurahanId: c.kelurahan_id, caseId: c.id, payload, dedupeKey: `${key}:${member.id}`, now }));
        queued.push({ type: 'deliver', outboxId: id });
      }
      return;
    }
    const id = ids.newId();
    st.push(outboxToPerson(db, recipient.personId, { id, kelurahanId: c.kelurahan_id, caseId: c.id, payload, dedupeKey: key, now }));
    queued.push({ type: 'deliver', outboxId: id });
  };

  for (const { notice, key } of d.notices) {
    const text = (k: Parameters<typeof ctxText>[1], ...p: unknown[]) => ctxText(locale, k, ...p);
    switch (notice as Notice) {
      case 'day2_started':
        send({ personId: c.applicant_person_id }, key, { kind: 'text', text: text('resident.day2', { code: c.code }) });
        if (c.submitter_person_id) send({ personId: c.submitter_person_id }, `${key}:helper`, { kind: 'text', text: ctxText('id', 'resident.day2', { code: c.code }) });
        break;
      case 'verification_card':
        if (!c.chair_person_id) break;
        await verificationCard(env, c, key, send);
        break;
      case 'remind_pengantar':
        if (c.chair_person_id) {
          send({ personId: c.chair_person_id }, key, {
            kind: 'text',
            text: ctxText('id', 'notice.remind_pengantar', { name: c.applicant_name, code: c.code }),
            choices: pengantarChoices('id', words, c.id),
          });
        }
        break;
      case 'remind_verification':
        if (c.chair_person_id) {
          send({ personId: c.chair_person_id }, key, {
            kind: 'text', text: ctxText('id', 'notice.remind_verification', { code: c.code }), choices: verifyChoices('id', words, c.id),
          });
        }
        break;
      case 'remind_revision':
        send({ personId: c.submitter_person_id ?? c.applicant_person_id }, key, { kind: 'text', text: text('notice.remind_revision', { code: c.code }) });
        break;
      case 'draft_abandoned':
        send({ personId: c.submitter_person_id ?? c.applicant_person_id }, key, { kind: 'text', text: text('notice.draft_abandoned', { code: c.code }) });
        break;
      case 'escalate_pengantar':
      case 'escalate_verification':
      case 'escalate_late':
      case 'escalate_complaint': {
        const what =
          notice === 'escalate_pengantar'
            ? ctxText('id', 'notice.escalate_pengantar', { rt: pad2(c.rt_number), rw: pad2(c.rw_number) })
            : ctxText('id', `notice.${notice}` as 'notice.escalate_late');
        send({ staff: true }, key, { kind: 'text', text: ctxText('id', 'notice.escalate', { code: c.code, what }) });
        break;
      }
    }
  }
  if (to !== c.state || d.notices.length) log.info('schedule.case', { case: c.id, from: c.state, to, notices: d.notices.length });
  await db.batch(st);
  return queued;
}

/** One cron period: the next tick looks again. */
const CARD_WAITS_FOR_SCAN_MS = 15 * 60_000;

async function scanBeingFetched(db: D1Database, caseId: string): Promise<boolean> {
  const row = await db
    .prepare("SELECT 1 AS pending FROM case_documents WHERE case_id = ?1 AND superseded_at IS NULL AND status = 'pending' LIMIT 1")
    .bind(caseId)
    .first<{ pending: number }>();
  return row !== null;
}

/** Day 2: the RT chair receives the stored scans and the card with the verdict buttons. */
async function verificationCard(
  env: Env,
  c: DueRow,
  key: string,
  send: (r: { personId: string }, key: string, m: OutboundMessage) => void,
): Promise<void> {
  const docs = await env.DB.prepare(
    "SELECT id, requirement, r2_key, content_type FROM case_documents WHERE case_id = ?1 AND superseded_at IS NULL AND status = 'stored' ORDER BY created_at",
  )
    .bind(c.id)
    .all<{ id: string; requirement: string; r2_key: string; content_type: string }>();
  docs.results.forEach((doc, i) => {
    const caption = ctxText('id', `requirement.${doc.requirement}` as 'requirement.kk_copy');
    const message: OutboundMessage =
      doc.content_type === 'application/pdf'
        ? { kind: 'document', r2Key: doc.r2_key, filename: `${c.code}-${doc.requirement}.pdf`, mimeType: doc.content_type, caption }
        : { kind: 'image', r2Key: doc.r2_key, mimeType: doc.content_type, caption };
    send({ personId: c.chair_person_id! }, `${key}:doc:${i}`, message);
  });
  send({ personId: c.chair_person_id! }, key, {
    kind: 'text',
    text: verifyCardText(words, { code: c.code, service: c.service, applicantName: c.applicant_name, applicantNik: c.applicant_nik, rtNumber: c.rt_number, rwNumber: c.rw_number }, 'id', docs.results.length),
    choices: verifyChoices('id', words, c.id),
  });
}

/** With `afterGuardedUpdate`, a case another tick already moved aborts this case's batch. */
function event(db: D1Database, ids: IdSource, c: DueRow, now: Instant, kind: string, from: string | null, to: string | null, detail?: unknown, afterGuardedUpdate = false) {
  return db
    .prepare(
      `INSERT INTO case_events (id, kelurahan_id, case_id, at, actor_kind, kind, from_state, to_state, detail)
       VALUES (?1, ?2, ?3, ${afterGuardedUpdate ? 'CASE WHEN changes() = 1 THEN ?4 END' : '?4'}, 'system', ?5, ?6, ?7, ?8)`,
    )
    .bind(ids.newId(), c.kelurahan_id, c.id, now, kind, from, to, detail ? JSON.stringify(detail) : null);
}

