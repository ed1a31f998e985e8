/** Cases and their timeline (case_events). */
import { and, asc, eq, getTableColumns, inArray, isNotNull, lte, or, sql, type Placeholder } from 'drizzle-orm';
import type { CaseState } from '../domain/case-machine';
import type { Db } from './client';
import { oncePerDb } from './client';
import { alias } from 'drizzle-orm/sqlite-core';
import { mostRecentFirst } from './people';
import { caseEvents, cases, channelIdentities, conversations, people, rt, rw } from './schema';

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

/**
 * A case as the documents-ready job needs it: the applicant's name, the person sending the
 * documents (the helper, or the applicant) with their most recent chat, and that chat's
 * conversation.
 */
export function caseForDocumentsReady(db: Db, caseId: string) {
  const applicant = alias(people, 'a');
  const sender = alias(people, 'p');
  const recentChat = db
    .select({ id: channelIdentities.id })
    .from(channelIdentities)
    .where(eq(channelIdentities.personId, sender.id))
    .orderBy(...mostRecentFirst)
    .limit(1);
  return db
    .select({
      id: cases.id, kelurahanId: cases.kelurahanId, kind: cases.kind, service: cases.service, state: cases.state, rtId: sql<string>`${cases.rtId}`,
      submitterPersonId: cases.submitterPersonId, applicantName: sql<string>`coalesce(${cases.givenName}, ${applicant.fullName})`,
      // Read in a batch, whose rows come keyed by column name: names that repeat get their own.
      rtNumber: sql<number>`${rt.number}`.as('rt_number'), rwNumber: sql<number>`${rw.number}`.as('rw_number'), locale: sender.locale,
      identityId: sql<string>`${channelIdentities.id}`.as('identity_id'),
      conversation: conversations.data, version: conversations.version, expiresAt: conversations.expiresAt,
    })
    .from(cases)
    .innerJoin(applicant, eq(applicant.id, cases.applicantPersonId))
    .innerJoin(sender, eq(sender.id, sql`coalesce(${cases.submitterPersonId}, ${cases.applicantPersonId})`))
    .innerJoin(rt, eq(rt.id, cases.rtId))
    .innerJoin(rw, eq(rw.id, rt.rwId))
    .innerJoin(channelIdentities, eq(channelIdentities.id, sql`${recentChat}`))
    .leftJoin(conversations, eq(conversations.identityId, channelIdentities.id))
    .where(eq(cases.id, caseId));
}

/**
 * Sends a case back for revision of one requirement, if it is still in `from`; the reminders
 * start again. Changes no row when someone moved the case meanwhile.
 */
export function sendBackForRevision(
  db: Db,
  v: { caseId: string; from: CaseState; to: CaseState; requirement: NonNullable<typeof cases.$inferInsert.revisionRequirement>; reason: string; nextActionAt: number; now: number },
) {
  return db
    .update(cases)
    .set({
      state: v.to, version: sql`${cases.version} + 1`, updatedAt: v.now, revisionRequirement: v.requirement, revisionReason: v.reason,
      remindersSent: 0, nextActionAt: v.nextActionAt,
    })
    .where(and(eq(cases.id, v.caseId), eq(cases.state, v.from)));
}

/** Only due cases, through the partial index cases_next_action: the cost follows the work due, not all cases. */
export function dueCases(db: Db, v: { now: number | Placeholder; limit: number | Placeholder }) {
  const applicant = alias(people, 'a');
  return db
    .select({
      ...getTableColumns(cases),
      applicantName: sql<string>`coalesce(${cases.givenName}, ${applicant.fullName})`,
      applicantNik: sql<string | null>`coalesce(${cases.givenNik}, ${applicant.nik})`,
      applicantLocale: applicant.locale, rtNumber: rt.number, rwNumber: rw.number, chairPersonId: rt.chairPersonId,
    })
    .from(cases)
    .innerJoin(applicant, eq(applicant.id, cases.applicantPersonId))
    .leftJoin(rt, eq(rt.id, cases.rtId))
    .leftJoin(rw, eq(rw.id, rt.rwId))
    .where(and(isNotNull(cases.nextActionAt), lte(cases.nextActionAt, v.now)))
    .orderBy(asc(cases.nextActionAt))
    .limit(v.limit);
}

const due = oncePerDb((db) => dueCases(db, { now: sql.placeholder('now'), limit: sql.placeholder('limit') }).prepare());

/** dueCases, prepared once per isolate for the cron. */
export function dueCasesNow(db: Db, v: { now: number; limit: number }) {
  return due(db).all(v);
}

export type DueCase = Awaited<ReturnType<typeof dueCasesNow>>[number];

/** Moves a due case's next action, if no other tick moved it since it was read (`readAt`). */
export function rescheduleDueCase(db: Db, v: { caseId: string; readAt: number; nextActionAt: number | null; remindersSent?: number }) {
  return db
    .update(cases)
    .set({ nextActionAt: v.nextActionAt, remindersSent: v.remindersSent })
    .where(and(eq(cases.id, v.caseId), eq(cases.nextActionAt, v.readAt)));
}

/** The schedule's transition of a due case, guarded by the state it leaves and the next action read. */
export function moveDueCase(
  db: Db, v: { caseId: string; from: CaseState; to: CaseState; readAt: number; nextActionAt: number | null; remindersSent: number; now: number },
) {
  return db
    .update(cases)
    .set({ state: v.to, version: sql`${cases.version} + 1`, updatedAt: v.now, nextActionAt: v.nextActionAt, remindersSent: v.remindersSent })
    .where(and(eq(cases.id, v.caseId), eq(cases.state, v.from), eq(cases.nextActionAt, v.readAt)));
}
