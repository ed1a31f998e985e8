/** The kelurahan's holidays (local dates), for its working calendar. */
import { and, eq, gte, lte, sql } from 'drizzle-orm';
import type { BatchResponse } from 'drizzle-orm/batch';
import { batchOf, reusable, type Db } from './client';
import { kelurahanHours } from './kelurahan';
import { holidays } from './schema';

/** Placeholders k, from, to (local dates). */
export function holidaysBetween(db: Db) {
  return db
    .select({ date: holidays.date })
    .from(holidays)
    .where(and(eq(holidays.kelurahanId, sql.placeholder('k')), gte(holidays.date, sql.placeholder('from')), lte(holidays.date, sql.placeholder('to'))));
}

const hours = reusable(kelurahanHours);
const between = reusable(holidaysBetween);

/** A kelurahan's office hours and its holidays between two local dates, in one round trip. */
export function readCalendar(db: Db, v: { k: string; from: string; to: string }) {
  const items = [hours(db, v), between(db, v)] as const;
  return batchOf(db, items) as Promise<BatchResponse<[...typeof items]>>;
}
