/**
 * What the staff desk reads: the work list of one kelurahan with its filters, and the deliveries
 * that failed. Every query takes the signed-in staff member's kelurahan, so a staff member never
 * reads another kelurahan's cases.
 */
import { and, desc, eq, gte, inArray, isNotNull, lt, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { alias, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { type CaseState, TERMINAL_STATES } from '../domain/case-machine';
import type { ServiceId } from '../domain/services';
import type { Db } from './client';
import { cases, channelIdentities, outbox, people, rt, rw } from './schema';

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
      applicantPhone: applicant.phone,
      rtNumber: rt.number,
      rwNumber: rw.number,
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
      caseCode: cases.code,
      lastError: outbox.lastError,
      updatedAt: outbox.updatedAt,
      readerName: people.fullName,
      readerPhone: people.phone,
      channel: channelIdentities.channel,
    })
    .from(outbox)
    .innerJoin(channelIdentities, eq(channelIdentities.id, outbox.identityId))
    .innerJoin(people, eq(people.id, channelIdentities.personId))
    .leftJoin(cases, eq(cases.id, outbox.caseId))
    .where(and(eq(outbox.kelurahanId, kelurahanId), eq(outbox.status, 'failed'), gte(outbox.updatedAt, since), isNotNull(outbox.caseId)))
    .orderBy(desc(outbox.updatedAt))
    .limit(limit);
}
