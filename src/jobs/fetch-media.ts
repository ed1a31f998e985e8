/**
 * Moves an inbound document from its provider into the private SCANS bucket, checking its real
 * type, size and (when the provider gives one) its SHA-256. A file that fails is marked rejected
 * and the sender is asked to send it again; the checklist then shows it as missing.
 */
import type { ChannelName } from '../../adapters/channel';
import type { MediaSource } from '../../adapters/ports';
import { isLocale, t } from '../domain/messages';
import { storeScan } from '../media/store-scan';
import { outboxToPerson } from '../pipeline/outbox-sql';
import type { QueueMessage } from './queue-messages';

export async function fetchMedia(
  env: Env,
  documentId: string,
  sources: Partial<Record<ChannelName, MediaSource>>,
  now: number,
  newId: () => string,
): Promise<QueueMessage[]> {
  const doc = await env.DB.prepare(
    `SELECT d.id, d.kelurahan_id, d.case_id, d.requirement, d.status, d.source_channel, d.source_ref, d.r2_key, d.sha256,
            coalesce(c.submitter_person_id, c.applicant_person_id) AS notify_person_id, p.locale
     FROM case_documents d JOIN cases c ON c.id = d.case_id
     JOIN people p ON p.id = coalesce(c.submitter_person_id, c.applicant_person_id) WHERE d.id = ?1`,
  )
    .bind(documentId)
    .first<{
      id: string; kelurahan_id: string; case_id: string; requirement: string; status: string; source_channel: ChannelName;
      source_ref: string; r2_key: string; sha256: string | null; notify_person_id: string; locale: string;
    }>();
  if (!doc || doc.status !== 'pending') return [];
  const source = sources[doc.source_channel];
  if (!source) throw new Error(`no media source for channel ${doc.source_channel}`);

  const file = await source.open(doc.source_ref, env);
  const result = await storeScan(env.SCANS, doc.r2_key, file.body, {
    length: file.length,
    maxBytes: Number(env.MAX_UPLOAD_BYTES) || 10 * 1024 * 1024,
    expectedSha256: doc.sha256 ?? file.sha256 ?? null,
  });
  if (result.ok) {
    await env.DB.prepare("UPDATE case_documents SET status = 'stored', content_type = ?1, size_bytes = ?2, sha256 = ?3 WHERE id = ?4")
      .bind(result.contentType, result.sizeBytes, result.sha256, doc.id)
      .run();
    await source.release?.(doc.source_ref, env);
    return [];
  }

  const locale = isLocale(doc.locale) ? doc.locale : 'id';
  const document = doc.requirement === 'complaint_photo' ? t(locale, 'complaint.photo_label') : t(locale, `requirement.${doc.requirement}` as 'requirement.kk_copy');
  const outboxId = newId();
  const message = { kind: 'text', text: t(locale, 'apply.doc_rejected', { document }) };
  await env.DB.batch([
    env.DB.prepare("UPDATE case_documents SET status = 'rejected', reject_reason = ?1 WHERE id = ?2").bind(result.reason, doc.id),
    env.DB.prepare(
      `INSERT INTO case_events (id, kelurahan_id, case_id, at, actor_kind, kind, detail)
       VALUES (?1, ?2, ?3, ?4, 'system', 'document_rejected', ?5)`,
    ).bind(newId(), doc.kelurahan_id, doc.case_id, now, JSON.stringify({ document_id: doc.id, reason: result.reason })),
    outboxToPerson(env.DB, doc.notify_person_id, {
      id: outboxId, kelurahanId: doc.kelurahan_id, caseId: doc.case_id, payload: JSON.stringify(message), dedupeKey: `rejected:${doc.id}`, now,
    }),
  ]);
  return [{ type: 'deliver', outboxId }];
}
