/**
 * Daily, with the digest: expired staff sessions and throttle windows long over are dropped. An
 * expired session already signs nobody in (the query checks expires_at); this only keeps the
 * table small. Sign-ins leave one throttle row per username typed, known or not. Provider message
 * ids are kept long after any retry (Meta retries a webhook for up to 7 days, Telegram for a day):
 * beyond that they only grow the table, and Telegram may reuse an update id after a quiet week.
 */
import { dbOf } from '../db/client';
import { deleteOldProcessedMessages } from '../db/conversations';
import { deleteExpiredSessions } from '../db/staff-sessions';
import { deleteStaleThrottles } from '../db/throttles';
import type { Instant } from '../framework/ports';

/** Longer than any throttle window (sign-in 15 minutes, invitation codes an hour). */
const THROTTLE_KEPT_MS = 24 * 3600_000;
/** Twice Meta's longest webhook retry. */
export const MESSAGE_IDS_KEPT_MS = 14 * 24 * 3600_000;

export async function dropExpired(env: Env, now: Instant): Promise<void> {
  const db = dbOf(env.DB);
  await db.batch([deleteExpiredSessions(db, now), deleteStaleThrottles(db, now - THROTTLE_KEPT_MS), deleteOldProcessedMessages(db, now - MESSAGE_IDS_KEPT_MS)]);
}
