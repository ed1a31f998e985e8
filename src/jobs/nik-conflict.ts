/**
 * A new case whose NIK is on another open case under another name (issue [8] item 5): the
 * kelurahan's linked staff chats are told, as an escalation, with both codes and names and the
 * NIK masked; the RT chair was told on the pengantar card by the dialogue. The dialogue cannot
 * read staff chats, so it leaves this to the queue; the case exists by the time this runs.
 * Idempotent: each message has a dedupe key, and the escalation event is written with them.
 */
import { casesForNikFlag, recordCaseEvent } from '../db/cases';
import { dbOf, runBatch, type Statement } from '../db/client';
import { outboxToIdentity } from '../db/outbox';
import { linkedStaffChats } from '../db/staff';
import { isLocale, t } from '../domain/messages';
import { maskNik } from '../domain/nik';
import type { IdSource, Instant } from '../framework/ports';
import type { QueueMessage } from './queue-messages';

export async function flagNikConflict(env: Env, caseId: string, otherCaseId: string, now: Instant, ids: IdSource): Promise<QueueMessage[]> {
  const db = dbOf(env.DB);
  const rows = await casesForNikFlag(db, [caseId, otherCaseId]);
  const flagged = rows.find((r) => r.id === caseId);
  const other = rows.find((r) => r.id === otherCaseId);
  // Only within one kelurahan: another office's case is not this one's to see.
  if (!flagged || !other || other.kelurahanId !== flagged.kelurahanId) return [];
  const k = flagged.kelurahanId;
  const key = `nik_conflict:${caseId}`;
  const staff = await linkedStaffChats(db, k);
  const queued: QueueMessage[] = [];
  const st: Statement[] = [
    recordCaseEvent(db, { id: ids.newId(), kelurahanId: k, caseId, at: now, actorKind: 'system', kind: 'escalated', detail: JSON.stringify({ key, other_case: other.code }) }),
  ];
  for (const member of staff) {
    const locale = member.locale && isLocale(member.locale) ? member.locale : 'id';
    const what = t(locale, 'notice.nik_conflict', { nik: maskNik(flagged.nik ?? ''), other: other.code, name: flagged.applicantName, otherName: other.applicantName });
    const payload = JSON.stringify({ kind: 'text', text: t(locale, 'notice.escalate', { code: flagged.code, what }) });
    const id = ids.newId();
    st.push(outboxToIdentity(db, member.identityId, { id, kelurahanId: k, caseId, payload, dedupeKey: `${key}:${member.staffId}`, now }));
    queued.push({ type: 'deliver', outboxId: id });
  }
  await runBatch(db, st);
  return queued;
}
