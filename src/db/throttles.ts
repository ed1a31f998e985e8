/** Fixed-window counters (wrong invitation codes per sender, sign-ins). */
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { reusable, type Db } from './client';
import { throttles } from './schema';

/** Placeholder throttleKey. */
export function throttleByKey(db: Db) {
  return db
    .select({ windowStart: throttles.windowStart, count: throttles.count })
    .from(throttles)
    .where(eq(throttles.key, sql.placeholder('throttleKey')));
}

/** One more attempt under `key`; a window `windowMs` old starts over, the same rule as domain/throttle.ts. */
function hit(db: Db, key: unknown, now: unknown, windowMs: unknown) {
  const expired = sql`${now} - ${throttles.windowStart} >= ${windowMs}`;
  return db
    .insert(throttles)
    .values({ key: sql`${key}`, windowStart: sql`${now}`, count: 1 })
    .onConflictDoUpdate({
      target: throttles.key,
      set: {
        count: sql`CASE WHEN ${expired} THEN 1 ELSE ${throttles.count} + 1 END`,
        windowStart: sql`CASE WHEN ${expired} THEN ${now} ELSE ${throttles.windowStart} END`,
      },
    });
}

/** Counts an attempt (placeholders key, now, windowMs). */
export const hitThrottle = reusable((db) => hit(db, sql.placeholder('key'), sql.placeholder('now'), sql.placeholder('windowMs')));

/**
 * Counts an attempt before it is judged and returns the window it fell in, so that attempts sent
 * at once cannot all pass a check made before any of them was counted.
 */
export function chargeAttempt(db: Db, v: { key: string; now: number; windowMs: number }) {
  return hit(db, v.key, v.now, v.windowMs).returning({ windowStart: throttles.windowStart, count: throttles.count });
}

/** Takes back one charged attempt that turned out fine, in the window it was charged to only. */
export function releaseAttempt(db: Db, v: { key: string; windowStart: number }) {
  return db
    .update(throttles)
    .set({ count: sql`${throttles.count} - 1` })
    .where(and(eq(throttles.key, v.key), eq(throttles.windowStart, v.windowStart), gt(throttles.count, 0)));
}

/**
 * The daily clean-up: windows that started before `before` are over for every policy (none is
 * longer than a day), and sign-ins leave one row per username typed.
 */
export function deleteStaleThrottles(db: Db, before: number) {
  return db.delete(throttles).where(lt(throttles.windowStart, before));
}
