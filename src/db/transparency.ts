/**
 * What the public transparency page reads beyond the statistics' queries (src/db/stats.ts): which
 * kelurahan it is about, its threshold,. The survey answers come from src/db/skm.ts (skmRowsOf). No column that names,
 * reaches or identifies a person is selected here.
 */
import { asc, eq } from 'drizzle-orm';
import type { Db } from './client';
import { kelurahan } from './schema';

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

