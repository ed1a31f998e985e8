/** The kelurahan's holidays (local dates), for its working calendar. */
import { and, eq, gte, lte, sql } from 'drizzle-orm';
import type { Db } from './client';
import { holidays } from './schema';

/** Placeholders k, from, to (local dates). */
export function holidaysBetween(db: Db) {
  return db
    .select({ date: holidays.date })
    .from(holidays)
    .where(and(eq(holidays.kelurahanId, sql.placeholder('k')), gte(holidays.date, sql.placeholder('from')), lte(holidays.date, sql.placeholder('to'))));
}
