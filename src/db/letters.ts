/** Letters Loket issued, as the public verification page reads them. */
import { eq, sql } from 'drizzle-orm';
import type { Db } from './client';
import { cases, kelurahan, letters, people } from './schema';

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
