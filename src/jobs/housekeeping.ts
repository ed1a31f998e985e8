/**
 * Daily, with the digest: expired staff sessions and throttle windows long over are dropped. An
 * expired session already signs nobody in (the query checks expires_at); this only keeps the
 * table small. Sign-ins leave one throttle row per username typed, known or not.
 */
import { dbOf } from '../db/client';
import { deleteExpiredSessions } from '../db/staff-sessions';
import { deleteStaleThrottles } from '../db/throttles';
import type { Instant } from '../domain/ports';

/** Longer than any throttle window (sign-in 15 minutes, invitation codes an hour). */
const THROTTLE_KEPT_MS = 24 * 3600_000;

export async function dropExpired(env: Env, now: Instant): Promise<void> {
  const db = dbOf(env.DB);
  await db.batch([deleteExpiredSessions(db, now), deleteStaleThrottles(db, now - THROTTLE_KEPT_MS)]);
}
