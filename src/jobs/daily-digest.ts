/**
 * 07:00 WIB: each RT chair with something waiting gets one message listing it; staff with a
 * linked chat get what is due today and what is late. Keys per day and person make a second
 * run send nothing.
 */
import { instantAt, localMoment, addDays } from '../domain/calendar';
import { t } from '../domain/messages';
import type { IdSource, Instant } from '../domain/ports';
import { outboxToIdentity, outboxToPerson } from '../pipeline/outbox-sql';
import type { QueueMessage } from './queue-messages';

const OPEN_FOR_OFFICE = "('submitted', 'verifying', 'neighbour_check', 'needs_revision', 'processing', 'open')";

export async function dailyDigest(env: Env, now: Instant, ids: IdSource): Promise<QueueMessage[]> {
  const today = localMoment(now).date;
  const dayStart = instantAt(today, 0);
  const dayEnd = instantAt(addDays(today, 1), 0);
  const [chairs, staffCounts, staff] = await env.DB.batch<Record<string, unknown>>([
    env.DB.prepare(
      `SELECT c.kelurahan_id, rt.chair_person_id AS person_id, p.full_name, c.code,
              CASE WHEN c.state = 'verifying' THEN 'verify' ELSE 'pengantar' END AS what
       FROM cases c JOIN rt ON rt.id = c.rt_id JOIN people p ON p.id = rt.chair_person_id
       WHERE (c.state = 'verifying' OR (c.state IN ('draft', 'awaiting_pengantar') AND c.pengantar_approved = 0))
       ORDER BY rt.chair_person_id, c.created_at`,
    ),
    env.DB.prepare(
      `SELECT kelurahan_id,
              sum(CASE WHEN due_at >= ?1 AND due_at < ?2 THEN 1 ELSE 0 END) AS due,
              sum(CASE WHEN due_at < ?3 THEN 1 ELSE 0 END) AS late,
              group_concat(CASE WHEN due_at < ?3 THEN code END, ', ') AS late_codes
       FROM cases WHERE state IN ${OPEN_FOR_OFFICE} AND due_at IS NOT NULL GROUP BY kelurahan_id`,
    ).bind(dayStart, dayEnd, now),
    env.DB.prepare('SELECT id, kelurahan_id, identity_id FROM staff_users WHERE identity_id IS NOT NULL'),
  ]);

  const statements: D1PreparedStatement[] = [];
  const queued: QueueMessage[] = [];
  const insert = (kelurahanId: string, to: { personId: string } | { identityId: string }, key: string, text: string) => {
    const id = ids.newId();
    const row = { id, kelurahanId, caseId: null, payload: JSON.stringify({ kind: 'text', text }), dedupeKey: key, now };
    statements.push('personId' in to ? outboxToPerson(env.DB, to.personId, row) : outboxToIdentity(env.DB, to.identityId, row));
    queued.push({ type: 'deliver', outboxId: id });
  };

  const byChair = new Map<string, { kelurahanId: string; name: string; lines: string[] }>();
  for (const r of chairs!.results) {
    const entry = byChair.get(String(r.person_id)) ?? { kelurahanId: String(r.kelurahan_id), name: String(r.full_name), lines: [] };
    entry.lines.push(`- ${r.code}: ${t('id', r.what === 'verify' ? 'digest.rt_verify' : 'digest.rt_pengantar')}`);
    byChair.set(String(r.person_id), entry);
  }
  for (const [personId, e] of byChair) {
    insert(
      e.kelurahanId,
      { personId },
      `digest:${today}:${personId}`,
      t('id', 'digest.rt', { name: e.name, count: e.lines.length, lines: e.lines.join('\n') }),
    );
  }
  const counts = new Map(staffCounts!.results.map((r) => [String(r.kelurahan_id), r]));
  for (const member of staff!.results) {
    const c = counts.get(String(member.kelurahan_id));
    const text = t('id', 'digest.staff', {
      due: Number(c?.due ?? 0),
      late: Number(c?.late ?? 0),
      lines: c?.late_codes ? String(c.late_codes) : '',
    });
    insert(String(member.kelurahan_id), { identityId: String(member.identity_id) }, `digest:${today}:staff:${member.id}`, text);
  }
  if (statements.length) await env.DB.batch(statements);
  return queued;
}
