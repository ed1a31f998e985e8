/**
 * After a document is stored: when it completes a draft application (every document the service
 * needs is stored, none still checked), the person sending the documents hears it. What is said
 * and where their conversation goes is decided by documentsReadyTurn (bot/steps/resume.ts); this
 * writes both in one batch, guarded by the conversation version it read, so a message the person
 * sends at the same moment is never overwritten: the batch then aborts and the queue runs it again.
 */
import { documentsReadyTurn } from '../bot/steps/resume';
import type { ConversationState } from '../bot/state';
import { isLocale, type Locale } from '../domain/messages';
import { uploadRequirements, type ServiceId } from '../domain/services';
import { conversationExpiry } from '../pipeline/load-context';
import { outboxToIdentity } from '../pipeline/outbox-sql';
import type { QueueMessage } from './queue-messages';

interface CaseRow {
  id: string; kelurahan_id: string; kind: string; service: ServiceId | null; state: string; rt_id: string; submitter_person_id: string | null;
  applicant_name: string; rt_number: number; rw_number: number; locale: string; identity_id: string;
  conversation: string | null; version: number | null; expires_at: number | null;
}

export async function documentsReady(env: Env, caseId: string, now: number, newId: () => string): Promise<QueueMessage[]> {
  const db = env.DB;
  const [cases, docs] = await db.batch([
    db.prepare(
      `SELECT c.id, c.kelurahan_id, c.kind, c.service, c.state, c.rt_id, c.submitter_person_id,
              coalesce(c.given_name, a.full_name) AS applicant_name, rt.number AS rt_number, rw.number AS rw_number,
              p.locale, ci.id AS identity_id, conv.data AS conversation, conv.version, conv.expires_at
       FROM cases c JOIN people a ON a.id = c.applicant_person_id
       JOIN people p ON p.id = coalesce(c.submitter_person_id, c.applicant_person_id)
       JOIN rt ON rt.id = c.rt_id JOIN rw ON rw.id = rt.rw_id
       JOIN channel_identities ci ON ci.id = (SELECT id FROM channel_identities WHERE person_id = p.id
         ORDER BY last_inbound_at DESC NULLS LAST, created_at LIMIT 1)
       LEFT JOIN conversations conv ON conv.identity_id = ci.id
       WHERE c.id = ?1`,
    ).bind(caseId),
    db.prepare('SELECT id, requirement, status FROM case_documents WHERE case_id = ?1 AND superseded_at IS NULL ORDER BY id').bind(caseId),
  ]);
  const c = cases!.results[0] as CaseRow | undefined;
  if (!c || c.kind !== 'service' || c.state !== 'draft' || !c.service) return [];
  const current = (docs!.results as { id: string; requirement: string; status: string }[]).filter((d) => d.requirement !== 'complaint_photo');
  const stored = new Set(current.filter((d) => d.status === 'stored').map((d) => d.requirement));
  if (current.some((d) => d.status !== 'stored') || !uploadRequirements(c.service).every((r) => stored.has(r))) return [];

  // One message per set of documents: a repeated run, or two last documents stored at once, say it once.
  const dedupeKey = `docs_ready:${c.id}:${current.map((d) => d.id).join(',')}`;
  const told = await db.prepare('SELECT 1 FROM outbox WHERE kelurahan_id = ?1 AND dedupe_key = ?2').bind(c.kelurahan_id, dedupeKey).first();
  if (told) return [];

  const previous =
    c.conversation !== null && Number(c.expires_at) > now ? (JSON.parse(c.conversation) as ConversationState) : null;
  const locale: Locale = isLocale(c.locale) ? c.locale : 'id';
  const turn = documentsReadyTurn(previous, locale, {
    id: c.id, service: c.service, rtId: c.rt_id, applicantName: c.applicant_name, forOther: c.submitter_person_id !== null,
    rtNumber: c.rt_number, rwNumber: c.rw_number,
  });
  if (!turn.message) return [];

  const st: D1PreparedStatement[] = [];
  if (turn.state) {
    st.push(
      db.prepare(
        `INSERT INTO conversations (identity_id, kelurahan_id, flow, step, data, version, updated_at, expires_at)
         VALUES (?1, ?2, 'apply', ?3, ?4, 1, ?5, ?6)
         ON CONFLICT (identity_id) DO UPDATE SET flow = excluded.flow, step = excluded.step, data = excluded.data,
           version = conversations.version + 1, updated_at = excluded.updated_at, expires_at = excluded.expires_at
         WHERE conversations.version IS ?7`,
      ).bind(c.identity_id, c.kelurahan_id, turn.state.step, JSON.stringify(turn.state), now, conversationExpiry(now), c.version),
    );
  }
  // After a conversation write that changed no row (the person wrote meanwhile), the event's time
  // is NULL and NOT NULL aborts the batch: nothing is said that the conversation would not expect.
  st.push(
    db.prepare(
      `INSERT INTO case_events (id, kelurahan_id, case_id, at, actor_kind, kind, detail)
       VALUES (?1, ?2, ?3, ${turn.state ? 'CASE WHEN changes() = 1 THEN ?4 END' : '?4'}, 'system', 'documents_checked', NULL)`,
    ).bind(newId(), c.kelurahan_id, c.id, now),
  );
  const outboxId = newId();
  st.push(outboxToIdentity(db, c.identity_id, { id: outboxId, kelurahanId: c.kelurahan_id, caseId: c.id, payload: JSON.stringify(turn.message), dedupeKey, now }));
  await db.batch(st);
  return [{ type: 'deliver', outboxId }];
}
