/**
 * /status/stats: the statistics page and the CSV export, for every role of the desk (staff,
 * lurah, admin), always of the signed-in staff member's own kelurahan. The NIK in the export is
 * whole only for the lurah and admin roles.
 */
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { dbOf, type Db } from '../../db/client';
import { deskHolidays } from '../../db/desk';
import { skmRowsOf, skmSuggestionsOf } from '../../db/skm';
import { exportCases, statsCases as statsCaseRows, statsComplaints } from '../../db/stats';
import { addDays, instantAt, workingCalendar, type WorkingCalendar } from '../../domain/calendar';
import { SERVICE_IDS, type ServiceId } from '../../domain/services';
import { ikm, ikmByQuarter, type SkmRow } from '../../domain/skm';
import { casesPerWeek, complaintStats, groupStats, statsBy, weeksFrom } from '../../domain/stats';
import type { DeskEnv } from '../context';
import { frameOf, pageHtml } from '../layout';
import { withLocale } from '../locale';
import { loadOffice, type Office } from '../office';
import { requireStaff } from '../session';
import { casesCsv } from './csv';
import { StatsPage } from './page';
import { parseRange, type DateRange, type RangeResult } from './range';
import { statsCases } from './rows';
import type { RangeError as RangeProblem } from './text';

export const stats = new Hono<DeskEnv>()
  .use(requireStaff, withLocale)
  .get('/', async (c) => {
    const { db, now, office, asked } = await statsRequest(c);
    return statsPage(c, db, now, office, asked.value, asked.ok ? null : asked.error, asked.ok ? 200 : 400);
  })
  .get('/cases.csv', async (c) => {
    const { db, now, office, asked } = await statsRequest(c);
    if (!asked.ok) return statsPage(c, db, now, office, asked.value, asked.error, 400);
    const dates = asked.value;
    const [rows, calendar] = await Promise.all([exportCases(db, c.var.staff.kelurahanId, dates.range), calendarFor(db, c.var.staff.kelurahanId, office, dates)]);
    const role = c.var.staff.role;
    const body = casesCsv(
      rows.filter((r) => r.receivedAt >= dates.range.from && r.receivedAt < dates.range.to),
      { locale: c.var.locale, fullNik: role === 'lurah' || role === 'admin', now, calendar },
    );
    return c.body(body, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="loket-berkas-${dates.from}-${dates.to}.csv"`,
    });
  });

async function statsRequest(c: Context<DeskEnv>): Promise<{ db: Db; now: number; office: Office; asked: RangeResult }> {
  const db = dbOf(c.env.DB);
  const now = Date.now();
  const office = await loadOffice(db, c.var.staff.kelurahanId, now);
  if (!office) throw new HTTPException(404, { message: 'not_found' });
  const fallback = { from: weeksFrom(now, office.utcOffsetMinutes), to: office.today };
  const asked = parseRange({ from: c.req.query('from'), to: c.req.query('to') }, fallback, office.utcOffsetMinutes);
  return { db, now, office, asked };
}

/**
 * The office's calendar with the holidays of the range too: loadOffice reads a year either side
 * of today, and a range may lie further back. Counting runs a few weeks past the range's end
 * (a case received on its last day is finished later).
 */
async function calendarFor(db: Db, kelurahanId: string, office: Office, dates: DateRange): Promise<WorkingCalendar> {
  const rows = await deskHolidays(db, kelurahanId, addDays(dates.from, -7), addDays(dates.to, 60));
  const cal = office.calendar;
  return workingCalendar([...cal.holidays, ...rows.map((r) => r.date)], {
    utcOffsetMinutes: cal.utcOffsetMinutes, opensAtMinute: cal.opensAtMinute, closesAtMinute: cal.closesAtMinute,
  });
}

async function statsPage(c: Context<DeskEnv>, db: Db, now: number, office: Office, dates: DateRange, error: RangeProblem | null, status: 200 | 400) {
  const k = c.var.staff.kelurahanId;
  const offset = office.utcOffsetMinutes;
  // The chart's twelve weeks are read whatever the range, so one query serves both.
  const span = {
    from: Math.min(dates.range.from, instantAt(weeksFrom(now, offset), 0, offset)),
    to: Math.max(dates.range.to, instantAt(addDays(office.today, 1), 0, offset)),
  };
  const [[caseRows, complaintRows, skmRows, quarterRows, suggestions], calendar] = await Promise.all([
    db.batch([
      statsCaseRows(db, k, span), statsComplaints(db, k, dates.range), skmRowsOf(db, k, dates.range),
      // A quarter's IKM is the whole quarter's, however much of it the range covers.
      skmRowsOf(db, k, quartersAround(dates, offset)), skmSuggestionsOf(db, k, dates.range),
    ]),
    calendarFor(db, k, office, dates),
  ]);
  const rows = statsCases(caseRows);
  const range = dates.range;
  const byService = statsBy(rows, (r) => r.service, range, now, calendar);
  const rtKey = (r: (typeof rows)[number]) => (r.rt ? r.rt.rw * 1000 + r.rt.rt : -1);
  const byRt = [...statsBy(rows, rtKey, range, now, calendar)]
    .sort(([a], [b]) => (a === -1 ? 1 : b === -1 ? -1 : a - b))
    .map(([key, s]) => [key === -1 ? null : { rw: Math.floor(key / 1000), rt: key % 1000 }, s] as [{ rt: number; rw: number } | null, typeof s]);
  const empty = groupStats([], range, now, calendar);
  const view = {
    dates,
    error,
    totals: groupStats(rows, range, now, calendar),
    byService: SERVICE_IDS.map((s) => [s, byService.get(s) ?? empty] as [typeof s, typeof empty]),
    byRt,
    weeks: casesPerWeek(rows.map((r) => r.receivedAt), now, offset),
    complaints: complaintStats(complaintRows, range, now),
    ikm: ikmView(skmRows as SkmRow[], quarterRows as SkmRow[], offset),
    suggestions,
  };
  return c.html(pageHtml(<StatsPage frame={frameOf(c, c.var.locale)} staff={c.var.staff} view={view} />), status);
}

/** The IKM of the range: all services, each service, each quarter (Permenpan RB 14/2017, src/domain/skm.ts). */
function ikmView(rows: SkmRow[], quarterRows: SkmRow[], utcOffsetMinutes: number) {
  return {
    all: ikm(rows),
    byService: SERVICE_IDS.map((s) => [s, ikm(rows.filter((r) => r.service === s))] as [ServiceId, ReturnType<typeof ikm>]),
    byQuarter: [...ikmByQuarter(quarterRows, utcOffsetMinutes)],
  };
}

/** From the first day of the quarter the range starts in to the last of the one it ends in. */
function quartersAround(dates: DateRange, utcOffsetMinutes: number): { from: number; to: number } {
  const first = (date: string, add: number) => {
    const [y, m] = date.split('-').map(Number) as [number, number];
    const q = Math.floor((m - 1) / 3) + add;
    const year = y + Math.floor(q / 4);
    const month = ((q % 4) + 4) % 4 * 3 + 1;
    return instantAt(`${year}-${String(month).padStart(2, '0')}-01`, 0, utcOffsetMinutes);
  };
  return { from: first(dates.from, 0), to: first(dates.to, 1) };
}
