/**
 * The numbers of the public transparency page, with the privacy rule applied: a figure computed
 * from fewer cases (or survey respondents) than the kelurahan's threshold is not given, only
 * "fewer than N", so that nobody can be picked out of a small group (one KTP in a month is one
 * resident's case). Pure: the rows come from src/db/stats.ts and src/db/transparency.ts.
 *
 * No total over services is given: with one service hidden, a total minus the services shown
 * would give the hidden one's numbers back.
 */
import { addDays, instantAt, localMoment, type LocalDate, type WorkingCalendar } from './calendar';
import type { Instant } from '../framework/ports';
import { SERVICE_IDS, type ServiceId } from './services';
import { ikmByService, type SkmGrade, type SkmRow } from './skm';
import { complaintStats, statsBy, type Range, type StatsCase, type StatsComplaint } from './stats';

/** A figure, or the word that there were too few behind it to give one. */
export type Guarded<T> = { shown: true; value: T } | { shown: false };

export interface CaseFigures {
  received: number;
  /** Of those received, handed over to the resident. */
  finished: number;
  /** Finished on time out of those whose promise is decided. */
  onTime: Guarded<{ percent: number; onTime: number; decided: number }>;
  medianDays: Guarded<number>;
}

export interface ServicePeriod {
  cases: Guarded<CaseFigures>;
  ikm: Guarded<{ value: number; grade: SkmGrade; respondents: number }>;
}

export interface ComplaintFigures {
  received: number;
  /** Answered by the date given, out of those answered. */
  onTime: Guarded<{ percent: number; onTime: number; answered: number }>;
}

export type PeriodId = 'month' | 'year';

export interface Period {
  id: PeriodId;
  /** The first day: its month (and year) name the period. */
  first: LocalDate;
  range: Range;
}

export interface TransparencyView {
  minCases: number;
  periods: Period[];
  services: { service: ServiceId; periods: Record<PeriodId, ServicePeriod> }[];
  complaints: Record<PeriodId, Guarded<ComplaintFigures>>;
}

/** This month and this year in the kelurahan's time zone, each to its end (the rest is still to come). */
export function periodsAt(now: Instant, utcOffsetMinutes: number): Period[] {
  const today = localMoment(now, utcOffsetMinutes).date;
  const [y, m] = today.split('-').map(Number) as [number, number];
  const pad = (n: number) => String(n).padStart(2, '0');
  const monthFirst = `${y}-${pad(m)}-01`;
  const nextMonth = m === 12 ? `${y + 1}-01-01` : `${y}-${pad(m + 1)}-01`;
  const at = (d: LocalDate) => instantAt(d, 0, utcOffsetMinutes);
  return [
    { id: 'month', first: monthFirst, range: { from: at(monthFirst), to: at(nextMonth) } },
    { id: 'year', first: `${y}-01-01`, range: { from: at(`${y}-01-01`), to: at(`${y + 1}-01-01`) } },
  ];
}

/** The earliest date the counting needs holidays from: the year's start, less the days a case may wait before it. */
export function holidaysFrom(periods: readonly Period[]): LocalDate {
  return addDays(periods.find((p) => p.id === 'year')!.first, -60);
}

/**
 * The least threshold there is: below three, one case or two would single a resident out. The
 * settings form refuses less, and a threshold stored lower (by hand, or before the form) still
 * counts as three here.
 */
export const MIN_TRANSPARENCY_CASES = 3;

const hidden = { shown: false } as const;
const shown = <T>(value: T): Guarded<T> => ({ shown: true, value });

export function transparencyView(input: {
  cases: readonly StatsCase[];
  complaints: readonly StatsComplaint[];
  skm: readonly SkmRow[];
  periods: Period[];
  minCases: number;
  now: Instant;
  calendar: WorkingCalendar;
}): TransparencyView {
  const min = Math.max(MIN_TRANSPARENCY_CASES, input.minCases);
  const enough = (n: number) => n >= min;
  const perPeriod = input.periods.map((p) => {
    const stats = statsBy(input.cases, (c) => c.service, p.range, input.now, input.calendar);
    const ikm = ikmByService(input.skm.filter((r) => r.startedAt >= p.range.from && r.startedAt < p.range.to));
    const complaints = complaintStats(input.complaints, p.range, input.now);
    return { p, stats, ikm, complaints };
  });
  const services = SERVICE_IDS.map((service) => {
    const periods = {} as Record<PeriodId, ServicePeriod>;
    for (const { p, stats, ikm } of perPeriod) {
      const s = stats.get(service);
      const i = ikm.get(service);
      periods[p.id] = {
        cases:
          s && enough(s.received)
            ? shown({
                received: s.received,
                finished: s.handedOver,
                onTime: enough(s.decided) ? shown({ percent: Math.round((s.onTime / s.decided) * 100), onTime: s.onTime, decided: s.decided }) : hidden,
                medianDays: s.medianDays !== null && enough(s.handedOver) ? shown(s.medianDays) : hidden,
              })
            : hidden,
        ikm: i && enough(i.respondents) ? shown({ value: i.value, grade: i.grade, respondents: i.respondents }) : hidden,
      };
    }
    return { service, periods };
  });
  const complaints = {} as Record<PeriodId, Guarded<ComplaintFigures>>;
  for (const { p, complaints: c } of perPeriod) {
    complaints[p.id] = enough(c.received)
      ? shown({
          received: c.received,
          onTime: enough(c.answered) ? shown({ percent: Math.round((c.answeredOnTime / c.answered) * 100), onTime: c.answeredOnTime, answered: c.answered }) : hidden,
        })
      : hidden;
  }
  return { minCases: min, periods: input.periods, services, complaints };
}
