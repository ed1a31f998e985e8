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
import { maxUploadBytes, MediaGoneError, MediaTooLargeError, type MediaSource } from '../../adapters/ports';
import { MediaBusyError } from '../../adapters/read-capped';
import { withTimeout } from '../../adapters/timeout';
import { dbOf, type Db, type Statement } from '../db/client';
import { recordCaseEvent, sendBackForRevision } from '../db/cases';
import { claimFetch, documentToFetch, markStored, refuseDocument, type DocumentToFetch } from '../db/documents';
import { outboxToPerson } from '../db/outbox';
import type { RequirementId } from '../domain/services';
import { applyEvent } from '../domain/case-machine';
import { isLocale, t, type Locale } from '../domain/messages';
import { REMIND_GAP_MS } from '../domain/schedule';
import { log } from '../framework/log';
import { storeScan, type StoreResult } from '../framework/store-media';
import { documentsReady } from './documents-ready';
import { MEDIA_FETCH_MAX_ATTEMPTS, MEDIA_FETCH_TIMEOUT_MS } from './media-retry';
import type { QueueMessage } from './queue-messages';

export interface FetchMediaOptions {
  /** MEDIA_FETCH_TIMEOUT_MS unless given: tests with a provider that hangs shorten it. */
  timeoutMs?: number;
}

type Problem = 'bad_type' | 'too_large' | 'empty' | 'damaged' | 'gone' | 'unavailable';

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
  const db = dbOf(env.DB);
  const doc = await documentToFetch(db, documentId);
  if (!doc || doc.supersededAt !== null) return [];
  // Stored by an earlier run whose message to the resident did not go through: try that again.
  if (doc.status === 'stored') return documentsReady(env, doc.caseId, now, newId);
  if (doc.status !== 'pending') return [];

  const claim = await claimFetch(db, { id: doc.id, now });
  // Another run is fetching it, or tried it too recently: that run or a later cron tick goes on.
  if (!claim) return [];
  // The last try ended without an outcome (its Worker was stopped): no more tries.
  if (claim.attempts > MEDIA_FETCH_MAX_ATTEMPTS) return refuse(env, doc, 'unavailable', 'attempts', now, newId);

  const source = sources[doc.sourceChannel];
  let result: StoreResult;
  try {
    if (!source) throw new Error(`no media source for channel ${doc.sourceChannel}`);
    result = await withTimeout(opts.timeoutMs ?? MEDIA_FETCH_TIMEOUT_MS, async (signal) => {
      const file = await source.open(doc.sourceRef, env, signal);
      return storeScan(env.SCANS, doc.r2Key, file.body, {
        length: file.length,
        maxBytes: maxUploadBytes(env),
        expectedSha256: doc.sha256 ?? file.sha256 ?? null,
      });
    }, () => new MediaTimeoutError());
  } catch (err) {
    const reason =
      err instanceof MediaGoneError ? 'gone'
      : err instanceof MediaTooLargeError ? 'too_large'
      : err instanceof MediaTimeoutError ? 'timeout'
      : err instanceof MediaBusyError ? 'busy'
      : 'provider_error';
    log.warn('media.fetch_failed', { document: doc.id, attempt: claim.attempts, reason, error: err });
    if (reason === 'gone') return refuse(env, doc, 'gone', reason, now, newId);
    // The provider will not hand it over at this size (Telegram: 20 MB); no try will change that.
    if (reason === 'too_large') return refuse(env, doc, 'too_large', reason, now, newId);
    if (claim.attempts >= MEDIA_FETCH_MAX_ATTEMPTS) return refuse(env, doc, 'unavailable', reason, now, newId);
    return [];
  }

  if (!result.ok) {
    // The resident is told the one reason that applies: an empty file is not a damaged one.
    const problem: Problem = result.reason === 'bad_type' || result.reason === 'too_large' || result.reason === 'empty' ? result.reason : 'damaged';
    return refuse(env, doc, problem, result.reason, now, newId);
  }
  await markStored(db, { id: doc.id, contentType: result.contentType, sizeBytes: result.sizeBytes, sha256: result.sha256 });
  await source!.release?.(doc.sourceRef, env).catch((err: unknown) => {
    log.warn('media.release_failed', { document: doc.id, error: err });
  });
  return documentsReady(env, doc.caseId, now, newId);
}

/** Marks the document refused or failed and tells the resident, in plain words, what to resend. */
async function refuse(env: Env, doc: DocumentToFetch, problem: Problem, reason: string, now: number, newId: () => string): Promise<QueueMessage[]> {
  const status = problem === 'gone' || problem === 'unavailable' ? 'failed' : 'rejected';
  const locale: Locale = isLocale(doc.locale) ? doc.locale : 'id';
  const describe = (l: Locale) =>
    problem === 'too_large' ? t(l, 'doc_problem.too_large', { mb: Math.floor(maxUploadBytes(env) / 1048576) }) : t(l, `doc_problem.${problem}` as 'doc_problem.gone');
  const what = describe(locale);
  const text =
    doc.requirement === 'complaint_photo'
      ? t(locale, 'complaint.photo_failed', { problem: what })
      : t(locale, 'apply.doc_failed', { document: t(locale, `requirement.${doc.requirement}` as 'requirement.kk_copy'), problem: what });
  const outboxId = newId();
  // Resent meanwhile (the row is superseded): the event's time becomes NULL, NOT NULL aborts the
  // batch and nobody is asked for a document they already sent again.
  const db = dbOf(env.DB);
  await db.batch([
    refuseDocument(db, doc.id, status, reason),
    recordCaseEvent(
      db,
      { id: newId(), kelurahanId: doc.kelurahanId, caseId: doc.caseId, at: now, actorKind: 'system', kind: `document_${status}`, detail: JSON.stringify({ document_id: doc.id, reason }) },
      true,
    ),
    // The reason is kept for staff, in the office's language.
    ...backToRevision(db, doc, describe('id'), now, newId),
    outboxToPerson(db, doc.notifyPersonId, {
      id: outboxId, kelurahanId: doc.kelurahanId, caseId: doc.caseId, payload: JSON.stringify({ kind: 'text', text }), dedupeKey: `rejected:${doc.id}`, now,
    }),
  ]);
  return [{ type: 'deliver', outboxId }];
}

/**
 * A revision's resent scan that cannot be used: without this the case would wait in verifying
 * for a scan that never comes, and the resident's next photo would find no revision to take it.
 * The reminders then run as after the chair's "Tidak sah" (reminders_sent 0, the first one
 * REMIND_GAP_MS away, the least time between two nudges).
 */
function backToRevision(db: Db, doc: DocumentToFetch, reason: string, now: number, newId: () => string): Statement[] {
  if (doc.requirement === 'complaint_photo') return [];
  const facts = { kind: 'service' as const, state: doc.caseState, documentsComplete: true, pengantarApproved: doc.pengantarApproved };
  const r = applyEvent(facts, 'resubmit_failed', 'system');
  if (!r.ok) return [];
  const requirement: RequirementId = doc.requirement;
  return [
    sendBackForRevision(db, { caseId: doc.caseId, from: r.from, to: r.to, requirement, reason, nextActionAt: now + REMIND_GAP_MS, now }),
    // The chair acted on the case since it was read: NOT NULL aborts the batch, and a later
    // try (the queue's retry, or the cron's) decides again on the case as it is then.
    recordCaseEvent(
      db,
      {
        id: newId(), kelurahanId: doc.kelurahanId, caseId: doc.caseId, at: now, actorKind: 'system', kind: 'resubmit_failed', fromState: r.from, toState: r.to,
        detail: JSON.stringify({ document_id: doc.id, requirement: doc.requirement }),
      },
      true,
    ),
  ];
}
