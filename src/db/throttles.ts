/** Fixed-window counters (wrong invitation codes per sender, sign-ins). */
import { eq, sql } from 'drizzle-orm';
import { reusable, type Db } from './client';
import { throttles } from './schema';

/** Placeholder throttleKey. */
export function throttleByKey(db: Db) {
  return db
    .select({ windowStart: throttles.windowStart, count: throttles.count })
    .from(throttles)
    .where(eq(throttles.key, sql.placeholder('throttleKey')));
}

/**
 * Counts an attempt; a window `windowMs` old starts over, the same rule as domain/throttle.ts
 * (placeholders key, now, windowMs).
 */
export const hitThrottle = reusable((db) => {
  const expired = sql`${sql.placeholder('now')} - ${throttles.windowStart} >= ${sql.placeholder('windowMs')}`;
  return db
    .insert(throttles)
    .values({ key: sql.placeholder('key'), windowStart: sql.placeholder('now'), count: 1 })
    .onConflictDoUpdate({
      target: throttles.key,
      set: {
        count: sql`CASE WHEN ${expired} THEN 1 ELSE ${throttles.count} + 1 END`,
        windowStart: sql`CASE WHEN ${expired} THEN ${sql.placeholder('now')} ELSE ${throttles.windowStart} END`,
      },
    });
});
