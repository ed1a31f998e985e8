/** Cases and their timeline (case_events). */
import { sql } from 'drizzle-orm';
import type { Db } from './client';
import { caseEvents } from './schema';

type CaseEvent = typeof caseEvents.$inferInsert;

/**
 * One line of a case's timeline. `afterGuardedUpdate`: when the statement just before it in the
 * batch (a guarded update) changed no row, the event's time is NULL and NOT NULL aborts the whole
 * batch, so nothing is written or said on a stale read.
 */
export function insertCaseEvent(db: Db, e: CaseEvent, afterGuardedUpdate = false) {
  return db.insert(caseEvents).values(afterGuardedUpdate ? { ...e, at: sql`CASE WHEN changes() = 1 THEN ${e.at} END` } : e);
}
