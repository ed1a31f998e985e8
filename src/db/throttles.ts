/** Fixed-window counters (wrong invitation codes per sender, sign-ins). */
import { eq, sql } from 'drizzle-orm';
import type { Db } from './client';
import { throttles } from './schema';

/** Placeholder throttleKey. */
export function throttleByKey(db: Db) {
  return db
    .select({ windowStart: throttles.windowStart, count: throttles.count })
    .from(throttles)
    .where(eq(throttles.key, sql.placeholder('throttleKey')));
}
