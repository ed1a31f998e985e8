/** Letters Loket issued, as the public verification page reads them. */
import { eq, sql } from 'drizzle-orm';
import { reusable, type Db } from './client';
import { caseCodeCounters, cases, kelurahan, letters, people } from './schema';

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
      // The name given when applying wins: the person's record changes only once they confirm.
      applicantName: sql<string>`coalesce(${cases.givenName}, ${people.fullName})`,
      kelurahanName: kelurahan.name,
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
