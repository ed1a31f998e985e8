/**
 * The scheduled entry: picks the job for the cron expression. The schedule tick reads only the
 * cases whose next action is due, through the partial index on cases.next_action_at, so its
 * cost follows the work due rather than every case ever filed.
 */
import { dbOf } from '../db/client';
import { documentsToFetchNow } from '../db/documents';
import { openLettersNow } from '../db/letters';
import { outboxToRequeueNow } from '../db/outbox';
import type { IdSource } from '../framework/ports';
import { log } from '../framework/log';
import { enqueue } from '../framework/inbound';
import { cryptoIds } from '../platform';
import { cronJob } from './crons';
import { dailyDigest } from './daily-digest';
import { dropExpired } from './housekeeping';
import { failOpenLetter } from './make-letter';
import { purgeExpiredFiles } from './retention';
import { scheduleTick } from './schedule-tick';
import type { QueueMessage } from './queue-messages';

/** A nudge not acted on after this long was lost (the queue send failed after the D1 write). */
export const STUCK_AFTER_MS = 10 * 60_000;
/**
 * A letter job ends in made_at or failed_at within its queue attempts; one still open after two
 * days was nudged for nothing many times, so it is failed: the chair, staff and the applicant are
 * told, and /verify stops saying it is being made.
 */
const LETTER_REQUEUE_WITHIN_MS = 2 * 24 * 3600_000;

/**
 * Nothing is lost: outbox rows, documents and letters whose queue nudge went missing are nudged
 * again. The handlers are idempotent, so a nudge for work already done costs one read. An outbox
 * row is nudged whenever its own next try (not_before) has come, however often it failed: the
 * delivery job alone decides when it gives up (DELIVERY_GIVE_UP_MS) and tells a person. A letter
 * open past LETTER_REQUEUE_WITHIN_MS is failed instead, and the messages saying so are sent.
 */
export async function requeueStuck(env: Env, now: number, ids: IdSource = cryptoIds): Promise<number> {
  const db = dbOf(env.DB);
  const [outbox, documents, letters] = await Promise.all([
    outboxToRequeueNow(db, { now, untouchedSince: now - STUCK_AFTER_MS }),
    // Documents: never tried and their nudge lost, or due again by their capped backoff. The
    // fetch itself gives up after the last attempt (failed, the resident told), so none stays pending.
    documentsToFetchNow(db, { writtenBefore: now - STUCK_AFTER_MS, now }),
    // A letter neither made nor failed: its job was never run (its attempts end in failed_at).
    openLettersNow(db, now - STUCK_AFTER_MS),
  ]);
  const messages: QueueMessage[] = [
    ...outbox.map((r) => ({ type: 'deliver' as const, outboxId: r.id })),
    ...documents.map((r) => ({ type: 'fetch_media' as const, documentId: r.id })),
  ];
  for (const letter of letters) {
    if (letter.issuedAt >= now - LETTER_REQUEUE_WITHIN_MS) {
      messages.push({ type: 'make_letter', letterId: letter.id });
      continue;
    }
    try {
      messages.push(...(await failOpenLetter(env, letter.id, 'stuck', now, ids)));
    } catch (err) {
      // One letter that cannot be written must not stop the others; it is failed on a later tick.
      log.error('cron.letter_fail_failed', { letter: letter.id, error: err instanceof Error ? err.name : typeof err });
    }
  }
  await enqueue(env.OUTBOX, messages);
  return messages.length;
}

export async function runScheduled(controller: ScheduledController, env: Env): Promise<void> {
  const job = cronJob(controller.cron);
  if (job === null) {
    log.error('cron.unknown', { cron: controller.cron });
    return;
  }
  const now = controller.scheduledTime;
  if (job === 'schedule_tick') {
    const tick = await scheduleTick(env, now, cryptoIds);
    await enqueue(env.OUTBOX, tick.queued);
    const requeued = await requeueStuck(env, now);
    log.info('cron.schedule_tick', { due: tick.cases, sent: tick.queued.length, requeued });
    return;
  }
  // The three daily jobs stand apart: one that fails must not keep the others from running.
  try {
    const sent = await dailyDigest(env, now, cryptoIds);
    await enqueue(env.OUTBOX, sent);
    log.info('cron.daily_digest', { sent: sent.length });
  } catch (err) {
    // Rows written but not nudged are sent by the tick's requeue; a digest not written is skipped today.
    log.error('cron.digest_failed', { error: err });
  }
  try {
    await dropExpired(env, now);
  } catch (err) {
    // Nothing depends on it today; tomorrow's run drops the same rows.
    log.error('cron.housekeeping_failed', { error: err });
  }
  try {
    const purged = await purgeExpiredFiles(env, now, cryptoIds);
    if (purged.cases || purged.stoppedEarly) log.info('cron.files_purged', { ...purged });
  } catch (err) {
    // R2 or D1 refused: the batch under way was not marked, so tomorrow's run deletes its files again.
    log.error('cron.purge_failed', { error: err });
  }
}
