/**
 * What the public transparency page reads beyond the statistics' queries (src/db/stats.ts): which
 * kelurahan it is about, its threshold, and the survey answers of a period. No column that names,
 * reaches or identifies a person is selected here.
 */
import { and, asc, eq, gte, lt } from 'drizzle-orm';
import type { Db } from './client';
import { kelurahan, skmResponses } from './schema';

/** The kelurahan a request without ?k= may mean: the page picks it when it is the only one. */
export function publicKelurahanList(db: Db, limit: number) {
  return db.select({ id: kelurahan.id, name: kelurahan.name }).from(kelurahan).orderBy(asc(kelurahan.name), asc(kelurahan.id)).limit(limit);
}

/** The kelurahan as the page shows and counts it. */
export function transparencyKelurahan(db: Db, id: string) {
  return db
    .select({
      name: kelurahan.name,
      kecamatan: kelurahan.kecamatan,
      city: kelurahan.city,
      utcOffsetMinutes: kelurahan.utcOffsetMinutes,
      opensAtMinute: kelurahan.opensAtMinute,
      closesAtMinute: kelurahan.closesAtMinute,
      minCases: kelurahan.transparencyMinCases,
    })
    .from(kelurahan)
    .where(eq(kelurahan.id, id))
    .limit(1);
}

/** Survey rows begun in [from, to): the service and the nine answers, nothing about who gave them. */
export function skmWithin(db: Db, kelurahanId: string, r: { from: number; to: number }) {
  return db
    .select({
      service: skmResponses.service,
      startedAt: skmResponses.startedAt,
      u1: skmResponses.u1,
      u2: skmResponses.u2,
      u3: skmResponses.u3,
      u4: skmResponses.u4,
      u5: skmResponses.u5,
      u6: skmResponses.u6,
      u7: skmResponses.u7,
      u8: skmResponses.u8,
      u9: skmResponses.u9,
    })
    .from(skmResponses)
    .where(and(eq(skmResponses.kelurahanId, kelurahanId), gte(skmResponses.startedAt, r.from), lt(skmResponses.startedAt, r.to)));
}
