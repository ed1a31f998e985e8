/**
 * What the statistics and the CSV export read: the service cases and the complaints of one
 * kelurahan received in a range, with the moments of their life that only the timeline holds
 * (the submit, the office's work done, the hand-over). Every query takes the signed-in staff
 * member's kelurahan and a bounded range.
 */
import { and, eq, gte, inArray, isNotNull, lt, max, min, notInArray, or, sql } from 'drizzle-orm';
import { TERMINAL_STATES } from '../domain/case-machine';
import { named, type Db } from './client';
import { caseEvents, cases, people, rt, rw } from './schema';

/** Instants, [from, to): the range the page or the export asks for. */
export interface StatsRange {
  from: number;
  to: number;
}

/** When the case's timeline first (or last) has one of these events; null when it never had. */
function eventAt(db: Db, kinds: string[], pick: typeof min | typeof max) {
  return sql<number | null>`${db
    .select({ at: pick(caseEvents.at) })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, cases.id), inArray(caseEvents.kind, kinds)))}`;
}

/** The submit event: a draft may be started days before it is sent. */
const receivedAt = (db: Db) => sql<number>`coalesce(${eventAt(db, ['submit'], min)}, ${cases.createdAt})`;

/**
 * The service cases behind the rows below: of this kelurahan, sent (a draft never sent has no
 * submitted_at) and received in the range. The submit comes after the draft's creation and no
 * later than submitted_at (the approval rewrites it, never earlier), so these bounds hold every
 * case received in the range; the domain keeps exactly those by receivedAt.
 */
function receivedWithin(kelurahanId: string, r: StatsRange) {
  return and(
    eq(cases.kelurahanId, kelurahanId),
    eq(cases.kind, 'service'),
    isNotNull(cases.submittedAt),
    lt(cases.createdAt, r.to),
    gte(cases.submittedAt, r.from),
  );
}

const caseMoments = (db: Db) => ({
  state: cases.state,
  receivedAt: receivedAt(db),
  pengantarApproved: cases.pengantarApproved,
  submittedAt: cases.submittedAt,
  day3DueAt: cases.day3DueAt,
  dueAt: cases.dueAt,
  finishedAt: eventAt(db, ['produce', 'hand_off'], min),
  handedOverAt: eventAt(db, ['hand_over'], max),
});

/**
 * Service cases received in the range, and every case still open whenever it came in: the
 * statistics count open and late work of all ages.
 */
export function statsCases(db: Db, kelurahanId: string, r: StatsRange) {
  return db
    .select({
      service: cases.service,
      rtNumber: named(rt.number, 'rtNumber'),
      rwNumber: named(rw.number, 'rwNumber'),
      ...caseMoments(db),
    })
    .from(cases)
    .leftJoin(rt, eq(rt.id, cases.rtId))
    .leftJoin(rw, eq(rw.id, rt.rwId))
    .where(
      or(
        receivedWithin(kelurahanId, r),
        and(eq(cases.kelurahanId, kelurahanId), eq(cases.kind, 'service'), isNotNull(cases.submittedAt), notInArray(cases.state, [...TERMINAL_STATES])),
      ),
    );
}

export type StatsCaseRow = Awaited<ReturnType<typeof statsCases>>[number];

/** Complaints received in the range (a complaint is filed as it is made: no draft, no submit), with their answer date and answer. */
export function statsComplaints(db: Db, kelurahanId: string, r: StatsRange) {
  return db
    .select({ state: cases.state, receivedAt: cases.createdAt, dueAt: cases.dueAt, answeredAt: cases.answeredAt })
    .from(cases)
    .where(and(eq(cases.kelurahanId, kelurahanId), eq(cases.kind, 'complaint'), gte(cases.createdAt, r.from), lt(cases.createdAt, r.to)));
}

/** One row per service case received in the range for the CSV export, oldest first, with the applicant as given. */
export function exportCases(db: Db, kelurahanId: string, r: StatsRange) {
  return db
    .select({
      code: cases.code,
      service: cases.service,
      rtNumber: named(rt.number, 'rtNumber'),
      rwNumber: named(rw.number, 'rwNumber'),
      ...caseMoments(db),
      applicantName: sql<string>`coalesce(${cases.givenName}, ${people.fullName})`,
      applicantNik: sql<string | null>`coalesce(${cases.givenNik}, ${people.nik})`,
    })
    .from(cases)
    .innerJoin(people, eq(people.id, cases.applicantPersonId))
    .leftJoin(rt, eq(rt.id, cases.rtId))
    .leftJoin(rw, eq(rw.id, rt.rwId))
    .where(receivedWithin(kelurahanId, r))
    .orderBy(cases.createdAt, cases.code);
}

export type ExportCaseRow = Awaited<ReturnType<typeof exportCases>>[number];
