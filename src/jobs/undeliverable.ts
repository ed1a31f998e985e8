/**
 * A message WhatsApp could not deliver (131026: not on WhatsApp, an old app, blocked). The row
 * is marked failed and a person who can reach the resident is told: the RT chair of the case,
 * or staff when the chair is the one who could not be reached.
 */
import { t } from '../domain/messages';
import type { IdSource, Instant } from '../domain/ports';
import { outboxToIdentity } from '../pipeline/outbox-sql';
import type { QueueMessage } from './queue-messages';

export async function markUndeliverable(env: Env, outboxId: string, code: number, now: Instant, ids: IdSource): Promise<QueueMessage[]> {
  const row = await env.DB.prepare(
    // An applicant a helper named has no name of their own until they confirm: the case's.
    `SELECT o.kelurahan_id, o.case_id, o.status, ci.person_id, c.code, rt.chair_person_id,
            coalesce(nullif(p.full_name, ''), CASE WHEN c.applicant_person_id = p.id THEN c.given_name END) AS full_name
     FROM outbox o JOIN channel_identities ci ON ci.id = o.identity_id JOIN people p ON p.id = ci.person_id
     LEFT JOIN cases c ON c.id = o.case_id LEFT JOIN rt ON rt.id = c.rt_id WHERE o.id = ?1`,
  )
    .bind(outboxId)
    .first<{ kelurahan_id: string; case_id: string | null; status: string; person_id: string; full_name: string; code: string | null; chair_person_id: string | null }>();
  if (!row || row.status === 'failed') return [];
  // (A row being sent is 'sending'; one reported later by a status webhook is 'sent' or later.)
  const text = t('id', 'notice.undeliverable', { name: row.full_name || '-', code: row.code ?? '-' });
  const payload = JSON.stringify({ kind: 'text', text });
  const statements: D1PreparedStatement[] = [
    env.DB.prepare("UPDATE outbox SET status = 'failed', last_error = ?1, updated_at = ?2 WHERE id = ?3").bind(`undeliverable ${code}`, now, outboxId),
  ];
  if (row.case_id) {
    statements.push(
      env.DB.prepare(
        `INSERT INTO case_events (id, kelurahan_id, case_id, at, actor_kind, kind, detail) VALUES (?1, ?2, ?3, ?4, 'system', 'undeliverable', ?5)`,
      ).bind(ids.newId(), row.kelurahan_id, row.case_id, now, JSON.stringify({ outbox_id: outboxId, code })),
    );
  }
  const queued: QueueMessage[] = [];
  const tellChair = row.chair_person_id && row.chair_person_id !== row.person_id;
  const targets = tellChair
    ? await env.DB.prepare(
        'SELECT id FROM channel_identities WHERE person_id = ?1 ORDER BY last_inbound_at DESC NULLS LAST, created_at LIMIT 1',
      ).bind(row.chair_person_id).all<{ id: string }>()
    : await env.DB.prepare('SELECT identity_id AS id FROM staff_users WHERE kelurahan_id = ?1 AND identity_id IS NOT NULL').bind(row.kelurahan_id).all<{ id: string }>();
  for (const target of targets.results) {
    const id = ids.newId();
    statements.push(
      outboxToIdentity(env.DB, target.id, { id, kelurahanId: row.kelurahan_id, caseId: row.case_id, payload, dedupeKey: `undeliverable:${outboxId}:${target.id}`, now }),
    );
    queued.push({ type: 'deliver', outboxId: id });
  }
  await env.DB.batch(statements);
  return queued;
}
