/** Cases and their timeline (case_events). */
import { and, asc, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import type { CaseState } from '../domain/case-machine';
import type { Db } from './client';
import { caseEvents, cases, people, rt } from './schema';

type CaseEvent = typeof caseEvents.$inferInsert;

/**
 * One line of a case's timeline. `afterGuardedUpdate`: when the statement just before it in the
 * batch (a guarded update) changed no row, the event's time is NULL and NOT NULL aborts the whole
 * batch, so nothing is written or said on a stale read.
 */
export function insertCaseEvent(db: Db, e: CaseEvent, afterGuardedUpdate = false) {
  return db.insert(caseEvents).values(afterGuardedUpdate ? { ...e, at: sql`CASE WHEN changes() = 1 THEN ${e.at} END` } : e);
}

/** Cases waiting for their RT chair (a verification, or a pengantar not approved yet), grouped by chair. */
export function casesWaitingForChairs(db: Db) {
  return db
    .select({
      kelurahanId: cases.kelurahanId, personId: sql<string>`${rt.chairPersonId}`, fullName: people.fullName, code: cases.code,
      what: sql<'verify' | 'pengantar'>`CASE WHEN ${cases.state} = 'verifying' THEN 'verify' ELSE 'pengantar' END`,
    })
    .from(cases)
    .innerJoin(rt, eq(rt.id, cases.rtId))
    .innerJoin(people, eq(people.id, rt.chairPersonId))
    .where(
      or(eq(cases.state, 'verifying'), and(inArray(cases.state, ['draft', 'awaiting_pengantar']), eq(cases.pengantarApproved, false))),
    )
    .orderBy(asc(rt.chairPersonId), asc(cases.createdAt));
}

const OPEN_FOR_OFFICE: CaseState[] = ['submitted', 'verifying', 'neighbour_check', 'needs_revision', 'processing', 'open'];

/** Per kelurahan: open cases due in [dayStart, dayEnd), and those late at `now` with their codes. */
export function officeDueCounts(db: Db, v: { dayStart: number; dayEnd: number; now: number }) {
  return db
    .select({
      kelurahanId: cases.kelurahanId,
      due: sql<number>`sum(CASE WHEN ${cases.dueAt} >= ${v.dayStart} AND ${cases.dueAt} < ${v.dayEnd} THEN 1 ELSE 0 END)`,
      late: sql<number>`sum(CASE WHEN ${cases.dueAt} < ${v.now} THEN 1 ELSE 0 END)`,
      lateCodes: sql<string | null>`group_concat(CASE WHEN ${cases.dueAt} < ${v.now} THEN ${cases.code} END, ', ')`,
    })
    .from(cases)
    .where(and(inArray(cases.state, OPEN_FOR_OFFICE), isNotNull(cases.dueAt)))
    .groupBy(cases.kelurahanId);
}
