/** Letters Loket issued: the public verification page's read, revoking them, making and failing them. */
import { type Db, dbOf, oncePerDb, reusable } from './client';
import { caseCodeCounters, cases, kelurahan, letters, people, rt, rw } from './schema';
import { and, asc, eq, fillPlaceholders, isNull, lte, type Placeholder, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';

export function letterForVerification(db: Db, verificationCode: string) {
  return db
    .select({
      kind: letters.kind,
      number: letters.number,
      issuedAt: letters.issuedAt,
      issuerName: letters.issuerName,
      issuerRole: letters.issuerRole,
      revokedAt: letters.revokedAt,
      revokedReason: letters.revokedReason,
      madeAt: letters.madeAt,
      failedAt: letters.failedAt,
      caseCode: cases.code,
      // The PDF was deleted after the retention period; the letter itself stays genuine.
      purgedAt: cases.purgedAt,
      // The name given when applying wins: the person's record changes only once they confirm.
      applicantName: sql<string>`coalesce(${cases.givenName}, ${people.fullName})`,
      kelurahanName: kelurahan.name,
      // Where a holder of a failed letter is sent: the office's phone, or its address when unset.
      kelurahanPhone: kelurahan.phone,
      kelurahanAddress: kelurahan.address,
      utcOffsetMinutes: kelurahan.utcOffsetMinutes,
    })
    .from(letters)
    .innerJoin(cases, eq(cases.id, letters.caseId))
    .innerJoin(people, eq(people.id, cases.applicantPersonId))
    .innerJoin(kelurahan, eq(kelurahan.id, letters.kelurahanId))
    .where(eq(letters.verificationCode, verificationCode));
}

export type LetterCheck = NonNullable<Awaited<ReturnType<ReturnType<typeof letterForVerification>['get']>>>;

const ph = sql.placeholder;

/**
 * A letter numbered by the counter value drawn just before in the batch, e.g.
 * 0001/PGT-RT03RW02-2026 (placeholders id, k, caseId, kind, prefix, verificationCode, now,
 * issuerName, issuerRole, r2Key).
 */
export const insertLetter = reusable((db) =>
  db.insert(letters).values({
    id: ph('id'),
    kelurahanId: ph('k'),
    caseId: ph('caseId'),
    kind: ph('kind'),
    number: sql`printf('%04d', (SELECT ${caseCodeCounters.lastSequence} FROM ${caseCodeCounters} WHERE ${caseCodeCounters.kelurahanId} = ${ph('k')} AND ${caseCodeCounters.period} = ${ph('prefix')})) || '/' || ${ph('prefix')}`,
    verificationCode: ph('verificationCode'),
    issuedAt: ph('now'),
    issuerName: ph('issuerName'),
    issuerRole: ph('issuerRole'),
    r2Key: ph('r2Key'),
  }),
);

/** Revokes every letter of the case not revoked yet. */
export function revokeCaseLetters(
  db: Db, c: { caseId: string | Placeholder; kelurahanId: string | Placeholder; reason: string | Placeholder; now: number | Placeholder },
) {
  return db
    .update(letters)
    .set({ revokedAt: sql`${c.now}`, revokedReason: sql`${c.reason}` })
    .where(and(eq(letters.caseId, c.caseId), eq(letters.kelurahanId, c.kelurahanId), isNull(letters.revokedAt)));
}

let revokeSql: { sql: string; params: unknown[] } | undefined;

/** The same update as a raw D1 statement (SQL built once per isolate), for the inbound write batch. */
export function revokeCaseLettersStatement(
  d1: D1Database, c: { caseId: string; kelurahanId: string; reason: string; now: number },
): D1PreparedStatement {
  revokeSql ??= revokeCaseLetters(dbOf(d1), {
    caseId: sql.placeholder('caseId'), kelurahanId: sql.placeholder('kelurahanId'), reason: sql.placeholder('reason'), now: sql.placeholder('now'),
  }).toSQL();
  return d1.prepare(revokeSql.sql).bind(...fillPlaceholders(revokeSql.params, c));
}

/**
 * Letters neither made, failed nor revoked, issued before `issuedBefore`, oldest first, read
 * through the partial index letters_open: the cost follows the letters still open.
 */
export function openLetters(db: Db, issuedBefore: number | Placeholder) {
  return db
    .select({ id: letters.id, issuedAt: letters.issuedAt })
    .from(letters)
    .where(and(isNull(letters.madeAt), isNull(letters.failedAt), isNull(letters.revokedAt), lte(letters.issuedAt, issuedBefore)))
    .orderBy(asc(letters.issuedAt))
    .limit(200);
}

const open = oncePerDb((db) => openLetters(db, sql.placeholder('issuedBefore')).prepare());

/** openLetters, prepared once per isolate for the cron. */
export function openLettersNow(db: Db, issuedBefore: number) {
  return open(db).all({ issuedBefore });
}

const toMake = oncePerDb((db) => {
  const applicant = alias(people, 'a');
  const submitter = alias(people, 's');
  const chair = alias(people, 'ch');
  return db
    .select({
      id: letters.id, kelurahanId: letters.kelurahanId, caseId: letters.caseId, kind: letters.kind, number: letters.number,
      verificationCode: letters.verificationCode, issuedAt: letters.issuedAt, issuerName: letters.issuerName, r2Key: letters.r2Key,
      madeAt: letters.madeAt, failedAt: letters.failedAt, revokedAt: letters.revokedAt, caseCode: cases.code, service: cases.service,
      state: cases.state, day3DueAt: cases.day3DueAt, applicantPersonId: cases.applicantPersonId, submitterPersonId: cases.submitterPersonId,
      applicantName: sql<string>`coalesce(${cases.givenName}, ${applicant.fullName})`, nik: sql<string | null>`coalesce(${cases.givenNik}, ${applicant.nik})`,
      locale: applicant.locale, submitterLocale: submitter.locale, chairPersonId: rt.chairPersonId, chairLocale: chair.locale,
      rtNumber: rt.number, rwNumber: rw.number, kelurahan: kelurahan.name, kecamatan: kelurahan.kecamatan, city: kelurahan.city,
      utcOffsetMinutes: kelurahan.utcOffsetMinutes, businessName: cases.businessName, businessKind: cases.businessKind,
      businessAddress: cases.businessAddress,
    })
    .from(letters)
    .innerJoin(cases, eq(cases.id, letters.caseId))
    .innerJoin(applicant, eq(applicant.id, cases.applicantPersonId))
    .innerJoin(kelurahan, eq(kelurahan.id, letters.kelurahanId))
    .leftJoin(submitter, eq(submitter.id, cases.submitterPersonId))
    .leftJoin(rt, eq(rt.id, cases.rtId))
    .leftJoin(rw, eq(rw.id, rt.rwId))
    .leftJoin(chair, eq(chair.id, rt.chairPersonId))
    .where(eq(letters.id, sql.placeholder('id')))
    .prepare();
});

/** A letter with all it needs to be drawn and announced: its case, applicant, helper, RT chair and kelurahan. */
export function letterToMake(db: Db, id: string) {
  return toMake(db).get({ id });
}

export type LetterToMake = NonNullable<Awaited<ReturnType<typeof letterToMake>>>;

const stillOpen = and(isNull(letters.madeAt), isNull(letters.failedAt), isNull(letters.revokedAt));

/** Marks an open letter made (its PDF is in R2); changes no row when it was made, failed or revoked meanwhile. */
export function markLetterMade(db: Db, id: string, now: number) {
  return db.update(letters).set({ madeAt: now }).where(and(eq(letters.id, id), stillOpen));
}

/** Marks an open letter failed for good; changes no row when it was made, failed or revoked meanwhile. */
export function markLetterFailed(db: Db, id: string, now: number) {
  return db.update(letters).set({ failedAt: now }).where(and(eq(letters.id, id), stillOpen));
}

export function letterEnding(db: Db, id: string) {
  return db.select({ madeAt: letters.madeAt, failedAt: letters.failedAt, revokedAt: letters.revokedAt }).from(letters).where(eq(letters.id, id));
}
