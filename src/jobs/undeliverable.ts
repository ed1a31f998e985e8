/**
 * A message that will not arrive: WhatsApp could not deliver it (131026: not on WhatsApp, an old
 * app, blocked), or every try for DELIVERY_GIVE_UP_MS failed. The row is marked failed and a
 * person who can reach the recipient is told: the RT chair of the case, or staff when the chair
 * is the one who could not be reached (or there is no chair).
 */
import { localMoment } from '../domain/calendar';
import { maskPhone } from '../domain/phone';
import { isLocale, t, type Locale } from '../domain/messages';
import { formatLongDate } from '../domain/messages/dates';
import type { IdSource, Instant } from '../domain/ports';
import { log } from '../log';
import { outboxToIdentity } from '../pipeline/outbox-sql';
import { DELIVERY_GIVE_UP_MS } from './backoff';
import type { QueueMessage } from './queue-messages';

/** Dedupe keys of the notices this module writes start with this. */
const NOTICE_KEY = 'undeliverable:';

interface FailedRow {
  kelurahan_id: string;
  case_id: string | null;
  status: string;
  payload: string;
  created_at: number;
  person_id: string;
  full_name: string;
  phone: string | null;
  channel: string;
  external_id: string;
  utc_offset_minutes: number;
  code: string | null;
  chair_person_id: string | null;
  dedupe_key: string | null;
  to_staff: number;
  identity_id: string;
}

interface Failure {
  lastError: string;
  event: { kind: string; detail: Record<string, unknown> };
  notice: (row: FailedRow, locale: Locale) => string;
}

export function markUndeliverable(env: Env, outboxId: string, code: number, now: Instant, ids: IdSource, detail?: string): Promise<QueueMessage[]> {
  return failAndTell(env, outboxId, now, ids, {
    lastError: (detail ?? `undeliverable ${code}`).slice(0, 500),
    event: { kind: 'undeliverable', detail: { outbox_id: outboxId, code } },
    notice: (row, locale) => t(locale, 'notice.undeliverable', { name: row.full_name || maskPhone(row.channel === 'telegram' ? row.phone : row.external_id), code: row.code }),
  });
}

/** Every try failed for DELIVERY_GIVE_UP_MS: says what did not arrive, to whom (masked) and since when. */
export function markExpired(env: Env, outboxId: string, lastError: string, now: Instant, ids: IdSource): Promise<QueueMessage[]> {
  return failAndTell(env, outboxId, now, ids, {
    lastError: lastError.slice(0, 500),
    event: { kind: 'delivery_failed', detail: { outbox_id: outboxId } },
    notice: (row, locale) => {
      const kind = (JSON.parse(row.payload) as { kind: 'text' | 'document' | 'image' }).kind;
      // Telegram's chat id is no phone number: the person's recorded number names them instead.
      const number = row.channel === 'telegram' ? row.phone : row.external_id;
      return t(locale, 'notice.not_delivered', {
        kind,
        to: maskPhone(number),
        code: row.code,
        since: formatLongDate(locale, localMoment(row.created_at, row.utc_offset_minutes).date),
        days: Math.round(DELIVERY_GIVE_UP_MS / (24 * 3600_000)),
      });
    },
  });
}

async function failAndTell(env: Env, outboxId: string, now: Instant, ids: IdSource, failure: Failure): Promise<QueueMessage[]> {
  const row = await env.DB.prepare(
    // An applicant a helper named has no name of their own until they confirm: the case's.
    `SELECT o.kelurahan_id, o.case_id, o.status, o.payload, o.created_at, o.dedupe_key, o.identity_id, ci.person_id,
       EXISTS (SELECT 1 FROM staff_users s WHERE s.identity_id = o.identity_id) AS to_staff, ci.channel, ci.external_id, p.phone,
       k.utc_offset_minutes, c.code, rt.chair_person_id,
       coalesce(nullif(p.full_name, ''), CASE WHEN c.applicant_person_id = p.id THEN c.given_name END) AS full_name
     FROM outbox o JOIN channel_identities ci ON ci.id = o.identity_id JOIN people p ON p.id = ci.person_id
     JOIN kelurahan k ON k.id = o.kelurahan_id
     LEFT JOIN cases c ON c.id = o.case_id LEFT JOIN rt ON rt.id = c.rt_id WHERE o.id = ?1`,
  )
    .bind(outboxId)
    .first<FailedRow>();
  if (!row || row.status === 'failed') return [];
  // (A row being sent is 'sending'; one reported later by a status webhook is 'sent' or later.)
  const statements: D1PreparedStatement[] = [
    env.DB.prepare("UPDATE outbox SET status = 'failed', last_error = ?1, updated_at = ?2 WHERE id = ?3").bind(failure.lastError, now, outboxId),
  ];
  if (row.case_id) {
    statements.push(
      env.DB.prepare(
        `INSERT INTO case_events (id, kelurahan_id, case_id, at, actor_kind, kind, detail) VALUES (?1, ?2, ?3, ?4, 'system', ?5, ?6)`,
      ).bind(ids.newId(), row.kelurahan_id, row.case_id, now, failure.event.kind, JSON.stringify(failure.event.detail)),
    );
  }
  const queued: QueueMessage[] = [];
  if (row.dedupe_key?.startsWith(NOTICE_KEY) || row.to_staff) {
    // A notice about a failure that itself failed, or anything to a staff member's chat, tells
    // nobody further: an unreachable number would otherwise breed notices, and an RT chair is no
    // one to pass a message on to the office. It stays failed for the staff pages.
    log.error('outbox.notice_failed', { outbox_id: outboxId, kelurahan_id: row.kelurahan_id, to_staff: Boolean(row.to_staff) });
    await env.DB.batch(statements);
    return queued;
  }
  const tellChair = row.chair_person_id && row.chair_person_id !== row.person_id;
  const targets = tellChair
    ? await env.DB.prepare(
        `SELECT ci.id, p.locale FROM channel_identities ci JOIN people p ON p.id = ci.person_id WHERE ci.person_id = ?1
         ORDER BY ci.last_inbound_at DESC NULLS LAST, ci.created_at LIMIT 1`,
      ).bind(row.chair_person_id).all<{ id: string; locale: string }>()
    : await env.DB.prepare(
        `SELECT s.identity_id AS id, p.locale FROM staff_users s JOIN channel_identities ci ON ci.id = s.identity_id
         JOIN people p ON p.id = ci.person_id WHERE s.kelurahan_id = ?1 AND ci.person_id <> ?2`,
      ).bind(row.kelurahan_id, row.person_id).all<{ id: string; locale: string }>();
  // Nobody to tell by chat (no chair, no staff member with a chat): the failed row stays for the
  // staff pages, and the log says so loudly.
  if (targets.results.length === 0) log.error('outbox.failed_untold', { outbox_id: outboxId, kelurahan_id: row.kelurahan_id });
  for (const target of targets.results) {
    const id = ids.newId();
    const text = failure.notice(row, isLocale(target.locale) ? target.locale : 'id');
    statements.push(
      outboxToIdentity(env.DB, target.id, {
        id,
        kelurahanId: row.kelurahan_id,
        caseId: row.case_id,
        payload: JSON.stringify({ kind: 'text', text }),
        // One notice a day per unreachable chat, case and reader: a resident who blocked the
        // number would otherwise cost the chair one notice for every message sent to her.
        dedupeKey: `${NOTICE_KEY}${row.identity_id}:${row.case_id ?? '-'}:${localMoment(now, row.utc_offset_minutes).date}:${target.id}`,
        now,
      }),
    );
    queued.push({ type: 'deliver', outboxId: id });
  }
  await env.DB.batch(statements);
  return queued;
}
