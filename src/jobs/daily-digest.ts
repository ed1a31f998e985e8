/**
 * 07:00 WIB: each RT chair with something waiting gets one message listing it; staff with a
 * linked chat get what is due today and what is late in their own kelurahan, in their language.
 * Keys per day and person make a second run send nothing.
 */
import { dbOf, runBatch, type Statement } from '../db/client';
import { casesWaitingForChairs, officeDueCounts } from '../db/cases';
import { outboxToIdentity, outboxToPerson } from '../db/outbox';
import { linkedStaffChatsEverywhere } from '../db/staff';
import { instantAt, localMoment, addDays } from '../domain/calendar';
import { addressOf } from '../domain/honorific';
import { isLocale, t } from '../domain/messages';
import type { IdSource, Instant } from '../framework/ports';
import type { QueueMessage } from './queue-messages';

export async function dailyDigest(env: Env, now: Instant, ids: IdSource): Promise<QueueMessage[]> {
  const today = localMoment(now).date;
  const dayStart = instantAt(today, 0);
  const dayEnd = instantAt(addDays(today, 1), 0);
  const db = dbOf(env.DB);
  const [chairs, staffCounts, staff] = await db.batch([
    casesWaitingForChairs(db),
    officeDueCounts(db, { dayStart, dayEnd, now }),
    linkedStaffChatsEverywhere(db),
  ]);

  const statements: Statement[] = [];
  const queued: QueueMessage[] = [];
  const insert = (kelurahanId: string, to: { personId: string } | { identityId: string }, key: string, text: string) => {
    const id = ids.newId();
    const row = { id, kelurahanId, caseId: null, payload: JSON.stringify({ kind: 'text', text }), dedupeKey: key, now };
    statements.push('personId' in to ? outboxToPerson(db, to.personId, row) : outboxToIdentity(db, to.identityId, row));
    queued.push({ type: 'deliver', outboxId: id });
  };

  const byChair = new Map<string, { kelurahanId: string; chair: { fullName: string; nik: string | null }; lines: string[] }>();
  for (const r of chairs) {
    const entry = byChair.get(r.personId) ?? { kelurahanId: r.kelurahanId, chair: { fullName: r.fullName, nik: r.nik }, lines: [] };
    entry.lines.push(`- ${r.code}: ${t('id', `digest.rt_${r.what}`)}`);
    byChair.set(r.personId, entry);
  }
  for (const [personId, e] of byChair) {
    const address = addressOf(e.chair);
    insert(
      e.kelurahanId,
      { personId },
      `digest:${today}:${personId}`,
      t('id', 'digest.rt', { chair: address.name, you: address.honorific, count: e.lines.length, lines: e.lines.join('\n') }),
    );
  }
  const counts = new Map(staffCounts.map((r) => [r.kelurahanId, r]));
  for (const member of staff) {
    const c = counts.get(member.kelurahanId);
    const text = t(isLocale(member.locale) ? member.locale : 'id', 'digest.staff', {
      due: Number(c?.due ?? 0),
      late: Number(c?.late ?? 0),
      lines: c?.lateCodes ?? '',
    });
    insert(member.kelurahanId, { identityId: member.identityId }, `digest:${today}:staff:${member.staffId}`, text);
  }
  await runBatch(db, statements);
  return queued;
}
