/**
 * A message that will not arrive: WhatsApp could not deliver it (131026: not on WhatsApp, an old
 * app, blocked), Telegram refused the chat (403: the bot blocked, the account deleted), or every
 * try for DELIVERY_GIVE_UP_MS failed. The row is marked failed and a
 * person who can reach the recipient is told: the RT chair of the case, or staff when the chair
 * is the one who could not be reached (or there is no chair).
 */
import { dbOf, runBatch, type Statement } from '../db/client';
import { recordCaseEvent } from '../db/cases';
import { failingOutbox, failOutbox, outboxToIdentity, type FailingOutbox } from '../db/outbox';
import { recentChatOf } from '../db/people';
import { staffChatsExcept } from '../db/staff';
import { localMoment } from '../domain/calendar';
import { maskPhone } from '../domain/phone';
import { isLocale, t, type Locale } from '../domain/messages';
import { formatLongDate } from '../domain/messages/dates';
import type { IdSource, Instant } from '../framework/ports';
import { log } from '../framework/log';
import { DELIVERY_GIVE_UP_MS } from '../framework/backoff';
import type { QueueMessage } from './queue-messages';

/** Dedupe keys of the notices this module writes start with this. */
const NOTICE_KEY = 'undeliverable:';

interface Failure {
  lastError: string;
  event: { kind: string; detail: Record<string, unknown> };
  notice: (row: FailingOutbox, locale: Locale) => string;
}

export function markUndeliverable(env: Env, outboxId: string, code: number, now: Instant, ids: IdSource, detail?: string): Promise<QueueMessage[]> {
  return failAndTell(env, outboxId, now, ids, {
    lastError: (detail ?? `undeliverable ${code}`).slice(0, 500),
    event: { kind: 'undeliverable', detail: { outbox_id: outboxId, code } },
    notice: (row, locale) =>
      t(locale, 'notice.undeliverable', {
        name: row.fullName || maskPhone(row.channel === 'telegram' ? row.phone : row.externalId),
        code: row.code,
        // The chair must know where the person missed it (the simulator stands in for WhatsApp).
        app: row.channel === 'telegram' ? 'Telegram' : 'WhatsApp',
      }),
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
      const number = row.channel === 'telegram' ? row.phone : row.externalId;
      return t(locale, 'notice.not_delivered', {
        kind,
        to: maskPhone(number),
        code: row.code,
        since: formatLongDate(locale, localMoment(row.createdAt, row.utcOffsetMinutes).date),
        days: Math.round(DELIVERY_GIVE_UP_MS / (24 * 3600_000)),
      });
    },
  });
}

async function failAndTell(env: Env, outboxId: string, now: Instant, ids: IdSource, failure: Failure): Promise<QueueMessage[]> {
  const db = dbOf(env.DB);
  const row = await failingOutbox(db, outboxId).get();
  if (!row || row.status === 'failed') return [];
  // (A row being sent is 'sending'; one reported later by a status webhook is 'sent' or later.)
  const statements: Statement[] = [failOutbox(db, outboxId, failure.lastError, now)];
  if (row.caseId) {
    statements.push(
      recordCaseEvent(db, {
        id: ids.newId(), kelurahanId: row.kelurahanId, caseId: row.caseId, at: now, actorKind: 'system', kind: failure.event.kind,
        detail: JSON.stringify(failure.event.detail),
      }),
    );
  }
  const queued: QueueMessage[] = [];
  if (row.dedupeKey?.startsWith(NOTICE_KEY) || row.toStaff) {
    // A notice about a failure that itself failed, or anything to a staff member's chat, tells
    // nobody further: an unreachable number would otherwise breed notices, and an RT chair is no
    // one to pass a message on to the office. It stays failed for the staff pages.
    log.error('outbox.notice_failed', { outbox_id: outboxId, kelurahan_id: row.kelurahanId, to_staff: Boolean(row.toStaff) });
    await runBatch(db, statements);
    return queued;
  }
  const tellChair = row.chairPersonId && row.chairPersonId !== row.personId;
  const targets = tellChair ? await recentChatOf(db, row.chairPersonId!) : await staffChatsExcept(db, row.kelurahanId, row.personId);
  // Nobody to tell by chat (no chair, no staff member with a chat): the failed row stays for the
  // staff pages, and the log says so loudly.
  if (targets.length === 0) log.error('outbox.failed_untold', { outbox_id: outboxId, kelurahan_id: row.kelurahanId });
  for (const target of targets) {
    const id = ids.newId();
    const text = failure.notice(row, isLocale(target.locale) ? target.locale : 'id');
    statements.push(
      outboxToIdentity(db, target.id, {
        id,
        kelurahanId: row.kelurahanId,
        caseId: row.caseId,
        payload: JSON.stringify({ kind: 'text', text }),
        // One notice a day per unreachable chat, case and reader: a resident who blocked the
        // number would otherwise cost the chair one notice for every message sent to her.
        dedupeKey: `${NOTICE_KEY}${row.identityId}:${row.caseId ?? '-'}:${localMoment(now, row.utcOffsetMinutes).date}:${target.id}`,
        now,
      }),
    );
    queued.push({ type: 'deliver', outboxId: id });
  }
  await runBatch(db, statements);
  return queued;
}
