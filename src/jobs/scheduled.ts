/**
 * The scheduled entry: picks the job for the cron expression. The schedule tick reads only the
 * cases whose next action is due, through the partial index on cases.next_action_at, so its
 * cost follows the work due rather than every case ever filed.
 */
import type { IdSource } from '../domain/ports';
import { log } from '../log';
import { enqueue } from '../pipeline/process-inbound';
import { cryptoIds } from '../platform';
import { cronJob } from './crons';
import { dailyDigest } from './daily-digest';
import { failOpenLetter } from './make-letter';
import { fetchDueSql } from './media-retry';
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
 * Letters neither made, failed nor revoked, oldest first, read through the partial index
 * letters_open: the cost follows the letters still open, not every letter ever issued.
 */
export const OPEN_LETTERS_SQL =
  'SELECT id, issued_at FROM letters WHERE made_at IS NULL AND failed_at IS NULL AND revoked_at IS NULL AND issued_at <= ?1 ORDER BY issued_at LIMIT 200';

/**
 * Nothing is lost: outbox rows, documents and letters whose queue nudge went missing are nudged
 * again. The handlers are idempotent, so a nudge for work already done costs one read. An outbox
 * row is nudged whenever its own next try (not_before) has come, however often it failed: the
 * delivery job alone decides when it gives up (DELIVERY_GIVE_UP_MS) and tells a person. A letter
 * open past LETTER_REQUEUE_WITHIN_MS is failed instead, and the messages saying so are sent.
 */
export async function requeueStuck(env: Env, now: number, ids: IdSource = cryptoIds): Promise<number> {
  const [outbox, documents, letters] = await env.DB.batch<{ id: string; issued_at: number }>([
    env.DB.prepare(
      "SELECT id FROM outbox WHERE status IN ('pending', 'sending') AND not_before <= ?1 AND updated_at <= ?2 ORDER BY not_before LIMIT 200",
    ).bind(now, now - STUCK_AFTER_MS),
    // Documents: never tried and their nudge lost, or due again by their capped backoff. The
    // fetch itself gives up after the last attempt (failed, the resident told), so none stays pending.
    env.DB.prepare(
      `SELECT id FROM case_documents d WHERE status = 'pending' AND superseded_at IS NULL
         AND (d.last_attempt_at IS NOT NULL OR d.created_at <= ?1) AND ${fetchDueSql('d', '?2')} ORDER BY d.created_at LIMIT 200`,
    ).bind(now - STUCK_AFTER_MS, now),
    // A letter neither made nor failed: its job was never run (its attempts end in failed_at).
    env.DB.prepare(OPEN_LETTERS_SQL).bind(now - STUCK_AFTER_MS),
  ]);
  const messages: QueueMessage[] = [
    ...outbox!.results.map((r) => ({ type: 'deliver' as const, outboxId: r.id })),
    ...documents!.results.map((r) => ({ type: 'fetch_media' as const, documentId: r.id })),
  ];
  for (const letter of letters!.results) {
    if (letter.issued_at >= now - LETTER_REQUEUE_WITHIN_MS) {
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
  const sent = await dailyDigest(env, now, cryptoIds);
  await enqueue(env.OUTBOX, sent);
  log.info('cron.daily_digest', { sent: sent.length });
}
