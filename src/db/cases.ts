/** Cases as the dialogue reads them: the sender's own, their RT's, and those they made for others. */
import { and, desc, asc, eq, gte, inArray, isNotNull, isNull, ne, notInArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { TERMINAL_STATES, type CaseState } from '../domain/case-machine';
import { named, type Db } from './client';
import { senderPersonId } from './people';
import { cases, people, rt, rw } from './schema';

/** The states in which an RT chair has something to do; the pressed case is loaded whatever its state. */
const CHAIR_STATES: CaseState[] = ['draft', 'awaiting_pengantar', 'verifying', 'neighbour_check', 'needs_revision'];

const applicant = alias(people, 'a');
const submitter = alias(people, 'sp');

/** What a case view shows; the name given when applying wins over the person's record. */
const caseView = {
  id: cases.id,
  code: cases.code,
  kind: cases.kind,
  service: cases.service,
  state: cases.state,
  applicantPersonId: cases.applicantPersonId,
  submitterPersonId: cases.submitterPersonId,
  rtId: cases.rtId,
  pengantarApproved: cases.pengantarApproved,
  applicantConfirmedAt: cases.applicantConfirmedAt,
  applicantDeniedAt: cases.applicantDeniedAt,
  revisionRequirement: cases.revisionRequirement,
  delivery: cases.delivery,
  submittedAt: cases.submittedAt,
  day1DueAt: cases.day1DueAt,
  day2DueAt: cases.day2DueAt,
  day3DueAt: cases.day3DueAt,
  dueAt: cases.dueAt,
  createdAt: cases.createdAt,
  applicantName: sql<string>`coalesce(${cases.givenName}, ${applicant.fullName})`.as('applicant_name'),
  submitterPhone: named(submitter.phone, 'submitter_phone'),
};

/** Cases the sender applied for or submitted, newest first (placeholders k, channel, externalId). */
export function casesOfSender(db: Db) {
  const me = senderPersonId(db);
  return db
    .select(caseView)
    .from(cases)
    .innerJoin(applicant, eq(applicant.id, cases.applicantPersonId))
    .leftJoin(submitter, eq(submitter.id, cases.submitterPersonId))
    .where(and(eq(cases.kelurahanId, sql.placeholder('k')), or(eq(cases.applicantPersonId, me), eq(cases.submitterPersonId, me))))
    .orderBy(desc(cases.createdAt))
    .limit(20);
}

/**
 * Open cases of the RTs the sender chairs, and the case a pressed button names first, whatever
 * its state (placeholders k, channel, externalId, pressedCaseId).
 */
export function rtCasesOfSender(db: Db) {
  const pressed = sql`${cases.id} = ${sql.placeholder('pressedCaseId')}`;
  return db
    .select({
      ...caseView,
      applicantNik: sql<string | null>`coalesce(${cases.givenNik}, ${applicant.nik})`.as('applicant_nik'),
      applicantLocale: named(applicant.locale, 'applicant_locale'),
      submitterLocale: named(submitter.locale, 'submitter_locale'),
      rtNumber: named(rt.number, 'rt_number'),
      rwNumber: named(rw.number, 'rw_number'),
      chairPersonId: named(rt.chairPersonId, 'chair_person_id'),
    })
    .from(cases)
    .innerJoin(applicant, eq(applicant.id, cases.applicantPersonId))
    .leftJoin(submitter, eq(submitter.id, cases.submitterPersonId))
    .leftJoin(rt, eq(rt.id, cases.rtId))
    .leftJoin(rw, eq(rw.id, rt.rwId))
    .where(
      and(
        eq(cases.kelurahanId, sql.placeholder('k')),
        or(and(eq(rt.chairPersonId, senderPersonId(db)), inArray(cases.state, CHAIR_STATES)), pressed),
      ),
    )
    .orderBy(desc(pressed), asc(cases.createdAt))
    .limit(30);
}

/**
 * For the helper limits: applications the sender made for others since `since` (the local day is
 * cut by the dialogue, which knows the kelurahan's offset), those still waiting for the owner,
 * and those the owner denied since `deniedSince` (placeholders k, channel, externalId, since, deniedSince).
 */
export function requestsForOthersOfSender(db: Db) {
  return db
    .select({
      code: cases.code,
      state: cases.state,
      createdAt: cases.createdAt,
      applicantConfirmedAt: cases.applicantConfirmedAt,
      applicantDeniedAt: cases.applicantDeniedAt,
      phone: applicant.phone,
    })
    .from(cases)
    .innerJoin(applicant, eq(applicant.id, cases.applicantPersonId))
    .where(
      and(
        eq(cases.kelurahanId, sql.placeholder('k')),
        eq(cases.submitterPersonId, senderPersonId(db)),
        ne(cases.applicantPersonId, cases.submitterPersonId),
        or(
          gte(cases.createdAt, sql.placeholder('since')),
          gte(cases.applicantDeniedAt, sql.placeholder('deniedSince')),
          and(
            isNotNull(applicant.phone),
            isNull(cases.applicantConfirmedAt),
            isNull(cases.applicantDeniedAt),
            notInArray(cases.state, [...TERMINAL_STATES]),
          ),
        ),
      ),
    )
    .orderBy(desc(cases.createdAt))
    .limit(200);
}
