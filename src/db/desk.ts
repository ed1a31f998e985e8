/**
 * What the staff desk reads: the work list of one kelurahan with its filters, and the deliveries
 * that failed. Every query takes the signed-in staff member's kelurahan, so a staff member never
 * reads another kelurahan's cases.
 */
import { and, desc, eq, gte, inArray, isNotNull, lt, lte, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { alias, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { type CaseState, TERMINAL_STATES } from '../domain/case-machine';
import type { ServiceId } from '../domain/services';
import { named, type Db } from './client';
import { caseDocuments, caseEvents, cases, channelIdentities, holidays, kelurahan, letters, outbox, people, rt, rw, staffUsers } from './schema';

const applicant = alias(people, 'a');

export interface WorkListFilter {
  service?: ServiceId | 'complaint';
  states?: readonly CaseState[];
  rw?: number;
  rt?: number;
  /** Promised before this instant (due today: the end of today). */
  dueBefore?: number;
  /** Promised before now and not finished. */
  lateAt?: number;
  /** A case code (or its start), part of a name, or phone digits. */
  search?: string;
  /** Finished cases too (completed, rejected, cancelled, closed). */
  includeFinished?: boolean;
}

/** The open cases of a kelurahan matching the filter, most urgent first. */
export function workList(db: Db, kelurahanId: string, f: WorkListFilter, limit = 200) {
  const where: (SQL | undefined)[] = [eq(cases.kelurahanId, kelurahanId), sql`${cases.state} <> 'draft'`];
  if (!f.includeFinished) where.push(notInArray(cases.state, [...TERMINAL_STATES]));
  if (f.service === 'complaint') where.push(eq(cases.kind, 'complaint'));
  else if (f.service) where.push(eq(cases.service, f.service));
  if (f.states?.length) where.push(inArray(cases.state, [...f.states]));
  if (f.rw !== undefined) where.push(eq(rw.number, f.rw));
  if (f.rt !== undefined) where.push(eq(rt.number, f.rt));
  if (f.dueBefore !== undefined) where.push(lt(cases.dueAt, f.dueBefore));
  if (f.lateAt !== undefined) where.push(and(lt(cases.dueAt, f.lateAt), notInArray(cases.state, [...TERMINAL_STATES])));
  if (f.search) where.push(searchFor(f.search));
  return db
    .select({
      id: cases.id,
      code: cases.code,
      kind: cases.kind,
      service: cases.service,
      state: cases.state,
      applicantName: sql<string>`coalesce(${cases.givenName}, ${applicant.fullName})`,
      applicantPhone: named(applicant.phone, 'applicantPhone'),
      rtNumber: named(rt.number, 'rtNumber'),
      rwNumber: named(rw.number, 'rwNumber'),
      delivery: cases.delivery,
      submittedAt: cases.submittedAt,
      day1DueAt: cases.day1DueAt,
      day2DueAt: cases.day2DueAt,
      day3DueAt: cases.day3DueAt,
      dueAt: cases.dueAt,
      createdAt: cases.createdAt,
      updatedAt: cases.updatedAt,
    })
    .from(cases)
    .innerJoin(applicant, eq(applicant.id, cases.applicantPersonId))
    .leftJoin(rt, eq(rt.id, cases.rtId))
    .leftJoin(rw, eq(rw.id, rt.rwId))
    .where(and(...where))
    .orderBy(sql`${cases.dueAt} IS NULL`, cases.dueAt, desc(cases.createdAt))
    .limit(limit);
}

export type WorkListRow = Awaited<ReturnType<typeof workList>>[number];

/** Like-patterns match literally: % and _ typed by staff are not wildcards. */
const literal = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
const like = (column: SQLiteColumn, pattern: string) => sql`${column} LIKE ${pattern} ESCAPE '\\'`;

function searchFor(text: string): SQL {
  const q = text.trim();
  const digits = q.replace(/[\s+-]/g, '');
  const byCode = like(cases.code, `${literal(q.toUpperCase())}%`);
  const byName = or(like(cases.givenName, `%${literal(q)}%`), like(applicant.fullName, `%${literal(q)}%`));
  const parts = [byCode, byName];
  // A phone typed as 0812... is stored as 62812...
  if (/^\d{4,15}$/.test(digits)) parts.push(like(applicant.phone, `%${literal(digits.replace(/^0/, ''))}%`));
  return sql`(${or(...parts)})`;
}

/** Messages that failed for good in the last days, with their case and reader. */
export function failedDeliveries(db: Db, kelurahanId: string, since: number, limit = 50) {
  return db
    .select({
      outboxId: outbox.id,
      caseId: outbox.caseId,
      caseCode: named(cases.code, 'caseCode'),
      lastError: outbox.lastError,
      updatedAt: outbox.updatedAt,
      readerName: named(people.fullName, 'readerName'),
      readerPhone: named(people.phone, 'readerPhone'),
      channel: named(channelIdentities.channel, 'channel'),
    })
    .from(outbox)
    .innerJoin(channelIdentities, eq(channelIdentities.id, outbox.identityId))
    .innerJoin(people, eq(people.id, channelIdentities.personId))
    .leftJoin(cases, eq(cases.id, outbox.caseId))
    .where(and(eq(outbox.kelurahanId, kelurahanId), eq(outbox.status, 'failed'), gte(outbox.updatedAt, since), isNotNull(outbox.caseId)))
    .orderBy(desc(outbox.updatedAt))
    .limit(limit);
}

const submitter = alias(people, 'sp');
const chair = alias(people, 'ch');

/** One case of the kelurahan by its code, with what the case page shows and the actions need. */
export function deskCase(db: Db, kelurahanId: string, code: string) {
  return db
    .select({
      case: cases,
      applicantName: sql<string>`coalesce(${cases.givenName}, ${applicant.fullName})`,
      applicantPhone: named(applicant.phone, 'applicantPhone'),
      applicantLocale: named(applicant.locale, 'applicantLocale'),
      submitterName: named(submitter.fullName, 'submitterName'),
      submitterPhone: named(submitter.phone, 'submitterPhone'),
      submitterLocale: named(submitter.locale, 'submitterLocale'),
      rtNumber: named(rt.number, 'rtNumber'),
      rwNumber: named(rw.number, 'rwNumber'),
      chairPersonId: named(rt.chairPersonId, 'chairPersonId'),
      chairName: named(chair.fullName, 'chairName'),
      chairLocale: named(chair.locale, 'chairLocale'),
      chairLinked: sql<number>`exists(select 1 from ${channelIdentities} where ${channelIdentities.personId} = ${rt.chairPersonId})`,
    })
    .from(cases)
    .innerJoin(applicant, eq(applicant.id, cases.applicantPersonId))
    .leftJoin(submitter, eq(submitter.id, cases.submitterPersonId))
    .leftJoin(rt, eq(rt.id, cases.rtId))
    .leftJoin(rw, eq(rw.id, rt.rwId))
    .leftJoin(chair, eq(chair.id, rt.chairPersonId))
    .where(and(eq(cases.kelurahanId, kelurahanId), eq(cases.code, code)))
    .limit(1);
}

/** The case's timeline, oldest first, with the staff member or person who acted. */
export function caseTimeline(db: Db, caseId: string) {
  const actor = alias(people, 'actor');
  return db
    .select({
      id: caseEvents.id,
      at: caseEvents.at,
      kind: caseEvents.kind,
      actorKind: caseEvents.actorKind,
      actorName: named(actor.fullName, 'actorName'),
      staffName: named(staffUsers.displayName, 'staffName'),
      fromState: caseEvents.fromState,
      toState: caseEvents.toState,
      detail: caseEvents.detail,
    })
    .from(caseEvents)
    .leftJoin(actor, eq(actor.id, caseEvents.actorPersonId))
    .leftJoin(staffUsers, eq(staffUsers.id, caseEvents.actorStaffId))
    .where(eq(caseEvents.caseId, caseId))
    .orderBy(caseEvents.at, caseEvents.id);
}

/** Every scan of the case, the superseded ones too (staff see what was replaced). */
export function caseScans(db: Db, caseId: string) {
  return db
    .select({
      id: caseDocuments.id,
      requirement: caseDocuments.requirement,
      status: caseDocuments.status,
      contentType: caseDocuments.contentType,
      filename: caseDocuments.filename,
      sizeBytes: caseDocuments.sizeBytes,
      rejectReason: caseDocuments.rejectReason,
      supersededAt: caseDocuments.supersededAt,
      createdAt: caseDocuments.createdAt,
    })
    .from(caseDocuments)
    .where(eq(caseDocuments.caseId, caseId))
    .orderBy(caseDocuments.createdAt);
}

/** One stored scan of the kelurahan, for streaming it to a signed-in staff member. */
export function scanOfKelurahan(db: Db, kelurahanId: string, documentId: string) {
  return db
    .select({ id: caseDocuments.id, caseId: caseDocuments.caseId, r2Key: caseDocuments.r2Key, contentType: caseDocuments.contentType, status: caseDocuments.status })
    .from(caseDocuments)
    .where(and(eq(caseDocuments.kelurahanId, kelurahanId), eq(caseDocuments.id, documentId)))
    .limit(1);
}

/** The letters of the case. */
export function caseLetters(db: Db, caseId: string) {
  return db.select().from(letters).where(eq(letters.caseId, caseId)).orderBy(letters.issuedAt);
}

/** The messages Loket sent or tried to send about the case, newest first, with their reader. */
export function caseNotices(db: Db, caseId: string, limit = 100) {
  return db
    .select({
      id: outbox.id,
      status: outbox.status,
      payload: outbox.payload,
      createdAt: outbox.createdAt,
      updatedAt: outbox.updatedAt,
      lastError: outbox.lastError,
      readerName: named(people.fullName, 'readerName'),
      channel: named(channelIdentities.channel, 'channel'),
    })
    .from(outbox)
    .innerJoin(channelIdentities, eq(channelIdentities.id, outbox.identityId))
    .innerJoin(people, eq(people.id, channelIdentities.personId))
    .where(eq(outbox.caseId, caseId))
    .orderBy(desc(outbox.createdAt))
    .limit(limit);
}

/** The staff member's kelurahan: its hours and address, for the desk's dates and the residents' messages. */
export function deskKelurahan(db: Db, kelurahanId: string) {
  return db
    .select({
      name: kelurahan.name,
      address: kelurahan.address,
      lurahName: kelurahan.lurahName,
      utcOffsetMinutes: kelurahan.utcOffsetMinutes,
      opensAtMinute: kelurahan.opensAtMinute,
      closesAtMinute: kelurahan.closesAtMinute,
    })
    .from(kelurahan)
    .where(eq(kelurahan.id, kelurahanId))
    .limit(1);
}

/** The kelurahan's holidays in [from, to] (local dates), for its working calendar. */
export function deskHolidays(db: Db, kelurahanId: string, from: string, to: string) {
  return db
    .select({ date: holidays.date })
    .from(holidays)
    .where(and(eq(holidays.kelurahanId, kelurahanId), gte(holidays.date, from), lte(holidays.date, to)));
}
