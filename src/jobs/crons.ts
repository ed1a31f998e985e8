/**
 * Cron Triggers, by their expressions in wrangler.toml. An expression not listed here is a
 * configuration mistake and is reported, not silently ignored.
 */
export const CRON_SCHEDULE_TICK = '*/15 * * * *';
/** 00:00 UTC is 07:00 WIB. */
export const CRON_DAILY_DIGEST = '0 0 * * *';

export type CronJob = 'schedule_tick' | 'daily_digest';

export function cronJob(expression: string): CronJob | null {
  if (expression === CRON_SCHEDULE_TICK) return 'schedule_tick';
  if (expression === CRON_DAILY_DIGEST) return 'daily_digest';
  return null;
}
