/**
 * The scheduled entry: picks the job for the cron expression. The schedule tick reads only the
 * cases whose next action is due, through the partial index on cases.next_action_at, so its
 * cost follows the work due rather than every case ever filed.
 */
import { log } from '../log';
import { cronJob } from './crons';

export const DUE_BATCH_LIMIT = 200;

export async function runScheduled(controller: ScheduledController, env: Env): Promise<void> {
  const job = cronJob(controller.cron);
  if (job === null) {
    log.error('cron.unknown', { cron: controller.cron });
    return;
  }
  const now = controller.scheduledTime;
  if (job === 'schedule_tick') {
    const due = await env.DB.prepare(
      'SELECT id, kelurahan_id, state FROM cases WHERE next_action_at IS NOT NULL AND next_action_at <= ?1 ORDER BY next_action_at LIMIT ?2',
    )
      .bind(now, DUE_BATCH_LIMIT)
      .all();
    log.info('cron.schedule_tick', { due: due.results.length });
    return;
  }
  log.info('cron.daily_digest', { at: now });
}
