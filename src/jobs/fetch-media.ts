/**
 * Moves an inbound document from its provider into the private SCANS bucket, checking its real
 * type, size and (when the provider gives one) its SHA-256. Each try is claimed on the row
 * (attempts, last_attempt_at; see media-retry.ts) and ends one of four ways:
 * - stored: now it counts as received; the last one of a draft tells the resident (documents-ready.ts);
 * - rejected (not a JPEG, PNG or PDF, too large, damaged) or failed (the provider no longer has it,
 *   or gave nothing on every try): the resident is told which document to send again; a case in
 *   verification goes back to needs_revision, since its documents were all stored before it was
 *   submitted and this one can only be a revision's resent scan;
 * - still pending after a timeout or a provider error: the cron starts it again later.
 */
import type { ChannelName } from '../../adapters/channel';
import { MediaGoneError, type MediaSource } from '../../adapters/ports';
import { withTimeout } from '../../adapters/timeout';
import { applyEvent, type CaseState } from '../domain/case-machine';
import { isLocale, t, type Locale } from '../domain/messages';
import { REMIND_EVERY_MS } from '../domain/schedule';
import { log } from '../log';
import { claimFetch } from '../db/documents';
import { dbOf } from '../db/client';
import { storeScan, type StoreResult } from '../media/store-scan';
import { outboxToPerson } from '../pipeline/outbox-sql';
import { documentsReady } from './documents-ready';
import { MEDIA_FETCH_MAX_ATTEMPTS, MEDIA_FETCH_TIMEOUT_MS } from './media-retry';
import type { QueueMessage } from './queue-messages';

export interface FetchMediaOptions {
  /** MEDIA_FETCH_TIMEOUT_MS unless given: tests with a provider that hangs shorten it. */
  timeoutMs?: number;
}

type Problem = 'bad_type' | 'too_large' | 'damaged' | 'gone' | 'unavailable';

interface DocRow {
  id: string; kelurahan_id: string; case_id: string; case_state: CaseState; pengantar_approved: number; requirement: string; status: string; superseded_at: number | null;
  source_channel: ChannelName; source_ref: string; r2_key: string; sha256: string | null; notify_person_id: string; locale: string;
}

class MediaTimeoutError extends Error {
  constructor() {
    super('media download timed out');
    this.name = 'MediaTimeoutError';
  }
}

export async function fetchMedia(
  env: Env,
  documentId: string,
  sources: Partial<Record<ChannelName, MediaSource>>,
  now: number,
  newId: () => string,
  opts: FetchMediaOptions = {},
): Promise<QueueMessage[]> {
  const doc = await env.DB.prepare(
    `SELECT d.id, d.kelurahan_id, d.case_id, c.state AS case_state, c.pengantar_approved, d.requirement, d.status, d.superseded_at, d.source_channel, d.source_ref, d.r2_key, d.sha256,
            coalesce(c.submitter_person_id, c.applicant_person_id) AS notify_person_id, p.locale
     FROM case_documents d JOIN cases c ON c.id = d.case_id
     JOIN people p ON p.id = coalesce(c.submitter_person_id, c.applicant_person_id) WHERE d.id = ?1`,
  )
    .bind(documentId)
    .first<DocRow>();
  if (!doc || doc.superseded_at !== null) return [];
  // Stored by an earlier run whose message to the resident did not go through: try that again.
  if (doc.status === 'stored') return documentsReady(env, doc.case_id, now, newId);
  if (doc.status !== 'pending') return [];

  const claim = await claimFetch(dbOf(env.DB), { id: doc.id, now });
  // Another run is fetching it, or tried it too recently: that run or a later cron tick goes on.
  if (!claim) return [];
  // The last try ended without an outcome (its Worker was stopped): no more tries.
  if (claim.attempts > MEDIA_FETCH_MAX_ATTEMPTS) return refuse(env, doc, 'unavailable', 'attempts', now, newId);

  const source = sources[doc.source_channel];
  let result: StoreResult;
  try {
    if (!source) throw new Error(`no media source for channel ${doc.source_channel}`);
    result = await withTimeout(opts.timeoutMs ?? MEDIA_FETCH_TIMEOUT_MS, async (signal) => {
      const file = await source.open(doc.source_ref, env, signal);
      return storeScan(env.SCANS, doc.r2_key, file.body, {
        length: file.length,
        maxBytes: maxBytes(env),
        expectedSha256: doc.sha256 ?? file.sha256 ?? null,
      });
    }, () => new MediaTimeoutError());
  } catch (err) {
    const reason = err instanceof MediaGoneError ? 'gone' : err instanceof MediaTimeoutError ? 'timeout' : 'provider_error';
    log.warn('media.fetch_failed', { document: doc.id, attempt: claim.attempts, reason, error: err });
    if (reason === 'gone') return refuse(env, doc, 'gone', reason, now, newId);
    if (claim.attempts >= MEDIA_FETCH_MAX_ATTEMPTS) return refuse(env, doc, 'unavailable', reason, now, newId);
    return [];
  }

  if (!result.ok) {
    const problem: Problem = result.reason === 'bad_type' || result.reason === 'too_large' ? result.reason : 'damaged';
    return refuse(env, doc, problem, result.reason, now, newId);
  }
  await env.DB.prepare(
    "UPDATE case_documents SET status = 'stored', content_type = ?1, size_bytes = ?2, sha256 = ?3, reject_reason = NULL WHERE id = ?4",
  )
    .bind(result.contentType, result.sizeBytes, result.sha256, doc.id)
    .run();
  await source!.release?.(doc.source_ref, env).catch((err: unknown) => {
    log.warn('media.release_failed', { document: doc.id, error: err });
  });
  return documentsReady(env, doc.case_id, now, newId);
}

/** Marks the document refused or failed and tells the resident, in plain words, what to resend. */
async function refuse(env: Env, doc: DocRow, problem: Problem, reason: string, now: number, newId: () => string): Promise<QueueMessage[]> {
  const status = problem === 'gone' || problem === 'unavailable' ? 'failed' : 'rejected';
  const locale: Locale = isLocale(doc.locale) ? doc.locale : 'id';
  const describe = (l: Locale) =>
    problem === 'too_large' ? t(l, 'doc_problem.too_large', { mb: Math.floor(maxBytes(env) / 1048576) }) : t(l, `doc_problem.${problem}` as 'doc_problem.gone');
  const what = describe(locale);
  const text =
    doc.requirement === 'complaint_photo'
      ? t(locale, 'complaint.photo_failed', { problem: what })
      : t(locale, 'apply.doc_failed', { document: t(locale, `requirement.${doc.requirement}` as 'requirement.kk_copy'), problem: what });
  const outboxId = newId();
  // Resent meanwhile (the row is superseded): the event's time becomes NULL, NOT NULL aborts the
  // batch and nobody is asked for a document they already sent again.
  await env.DB.batch([
    env.DB.prepare("UPDATE case_documents SET status = ?1, reject_reason = ?2 WHERE id = ?3 AND status = 'pending' AND superseded_at IS NULL").bind(
      status, reason, doc.id,
    ),
    env.DB.prepare(
      `INSERT INTO case_events (id, kelurahan_id, case_id, at, actor_kind, kind, detail)
       VALUES (?1, ?2, ?3, CASE WHEN changes() = 1 THEN ?4 END, 'system', ?5, ?6)`,
    ).bind(newId(), doc.kelurahan_id, doc.case_id, now, `document_${status}`, JSON.stringify({ document_id: doc.id, reason })),
    // The reason is kept for staff, in the office's language.
    ...backToRevision(env.DB, doc, describe('id'), now, newId),
    outboxToPerson(env.DB, doc.notify_person_id, {
      id: outboxId, kelurahanId: doc.kelurahan_id, caseId: doc.case_id, payload: JSON.stringify({ kind: 'text', text }), dedupeKey: `rejected:${doc.id}`, now,
    }),
  ]);
  return [{ type: 'deliver', outboxId }];
}

/**
 * A revision's resent scan that cannot be used: without this the case would wait in verifying
 * for a scan that never comes, and the resident's next photo would find no revision to take it.
 * The reminders then run as after the chair's "Tidak sah" (reminders_sent 0, the first one
 * REMIND_EVERY_MS away, where his card's next reminder would have been at the latest).
 */
function backToRevision(db: D1Database, doc: DocRow, reason: string, now: number, newId: () => string): D1PreparedStatement[] {
  if (doc.requirement === 'complaint_photo') return [];
  const facts = { kind: 'service' as const, state: doc.case_state, documentsComplete: true, pengantarApproved: Boolean(doc.pengantar_approved) };
  const r = applyEvent(facts, 'resubmit_failed', 'system');
  if (!r.ok) return [];
  return [
    db.prepare(
      `UPDATE cases SET state = ?1, version = version + 1, updated_at = ?2, revision_requirement = ?3, revision_reason = ?4,
         reminders_sent = 0, next_action_at = ?5
       WHERE id = ?6 AND state = ?7`,
    ).bind(r.to, now, doc.requirement, reason, now + REMIND_EVERY_MS, doc.case_id, r.from),
    // The chair acted on the case since it was read: NOT NULL aborts the batch, and a later
    // try (the queue's retry, or the cron's) decides again on the case as it is then.
    db.prepare(
      `INSERT INTO case_events (id, kelurahan_id, case_id, at, actor_kind, kind, from_state, to_state, detail)
       VALUES (?1, ?2, ?3, CASE WHEN changes() = 1 THEN ?4 END, 'system', 'resubmit_failed', ?5, ?6, ?7)`,
    ).bind(newId(), doc.kelurahan_id, doc.case_id, now, r.from, r.to, JSON.stringify({ document_id: doc.id, requirement: doc.requirement })),
  ];
}

function maxBytes(env: Env): number {
  return Number(env.MAX_UPLOAD_BYTES) || 10 * 1024 * 1024;
}
