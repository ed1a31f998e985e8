import { describe, expect, it } from 'vitest';
import { workingCalendar } from '../../src/domain/calendar';
import {
  casesPerWeek, complaintStats, groupStats, median, promiseKept, statsBy, weekStart, workingDaysTaken, type StatsCase,
} from '../../src/domain/stats';

const wib = (local: string) => Date.parse(`${local}:00+07:00`);
// Friday 2026-12-25 is Christmas; 2026-12-24 is cuti bersama in the SKB. Here only the 25th, to
// see one holiday and one weekend in the same span.
const cal = workingCalendar(['2026-12-25']);

function service(over: Partial<StatsCase> = {}): StatsCase {
  return {
    service: 'ktp', rt: { rt: 3, rw: 2 }, state: 'completed', receivedAt: wib('2026-12-23T09:00'), startedAt: wib('2026-12-24T10:00'),
    day3DueAt: null, dueAt: null, finishedAt: null, handedOverAt: null, ...over,
  };
}

describe('the promise kept', () => {
  // Approved Thursday 24 December at 10:00: day 1 is Thursday, Friday is Christmas, the weekend
  // does not count, so day 2 is Monday 28 and day 3 ends Tuesday 29 December at 16:00.
  it('counts three working days across a holiday and a weekend', () => {
    expect(promiseKept(service({ finishedAt: wib('2026-12-29T15:59') }), wib('2027-01-10T10:00'), cal)).toBe(true);
    expect(promiseKept(service({ finishedAt: wib('2026-12-29T16:00') }), wib('2027-01-10T10:00'), cal)).toBe(true);
    expect(promiseKept(service({ finishedAt: wib('2026-12-29T16:01') }), wib('2027-01-10T10:00'), cal)).toBe(false);
    // Without the holiday, Monday would have been day 3 and a Tuesday finish late.
    expect(promiseKept(service({ finishedAt: wib('2026-12-29T10:00') }), wib('2027-01-10T10:00'), workingCalendar())).toBe(false);
  });

  it('counts from after closing time as from the next working day', () => {
    // Approved Wednesday 23 December at 17:00: day 1 is Thursday, day 3 Tuesday 29.
    const late = service({ startedAt: wib('2026-12-23T17:00'), finishedAt: wib('2026-12-29T11:00') });
    expect(promiseKept(late, wib('2027-01-10T10:00'), cal)).toBe(true);
  });

  it('keeps to the date last promised when a revision moved it', () => {
    const moved = service({ day3DueAt: wib('2027-01-05T16:00'), finishedAt: wib('2027-01-04T10:00') });
    expect(promiseKept(moved, wib('2027-01-10T10:00'), cal)).toBe(true);
  });

  it('counts an open case past its deadline as missed, and leaves the rest undecided', () => {
    const processing = service({ state: 'processing', day3DueAt: wib('2026-12-29T16:00') });
    expect(promiseKept(processing, wib('2026-12-29T15:00'), cal)).toBeNull();
    expect(promiseKept(processing, wib('2026-12-30T08:00'), cal)).toBe(false);
    expect(promiseKept(service({ state: 'awaiting_pengantar', startedAt: null }), wib('2027-02-01T10:00'), cal)).toBeNull();
    expect(promiseKept(service({ state: 'rejected' }), wib('2027-02-01T10:00'), cal)).toBeNull();
  });
});

describe('working days from the pengantar to the hand-over', () => {
  it('skips the weekend and the holiday, counting the first day as day 1', () => {
    expect(workingDaysTaken(wib('2026-12-24T10:00'), wib('2026-12-24T15:00'), cal)).toBe(1);
    expect(workingDaysTaken(wib('2026-12-24T10:00'), wib('2026-12-28T09:00'), cal)).toBe(2);
    expect(workingDaysTaken(wib('2026-12-24T10:00'), wib('2026-12-29T10:00'), cal)).toBe(3);
    expect(workingDaysTaken(wib('2026-12-24T17:00'), wib('2026-12-29T10:00'), cal)).toBe(2);
  });
});

describe('median', () => {
  it('is the middle value of an odd count, the mean of the two middle ones of an even count', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('is absent for nothing', () => {
    expect(median([])).toBeNull();
  });
});

describe('group statistics', () => {
  const range = { from: wib('2026-12-01T00:00'), to: wib('2027-01-01T00:00') };
  const now = wib('2027-01-04T10:00');

  it('counts received, on time, the median, and open and late whenever received', () => {
    const rows = [
      service({ finishedAt: wib('2026-12-28T10:00'), handedOverAt: wib('2026-12-28T11:00') }),
      service({ finishedAt: wib('2026-12-29T10:00'), handedOverAt: wib('2026-12-29T11:00') }),
      service({ finishedAt: wib('2026-12-30T10:00'), handedOverAt: wib('2026-12-31T11:00') }),
      // Open and past its date: missed, and late now.
      service({ state: 'processing', day3DueAt: wib('2026-12-29T16:00'), dueAt: wib('2026-12-29T16:00') }),
      // Received before the range and still open: late now, not among the received.
      service({ state: 'verifying', receivedAt: wib('2026-11-02T09:00'), dueAt: wib('2026-11-05T16:00') }),
      // Ready to hand over: open but not late, and the promise was kept.
      service({ state: 'ready', finishedAt: wib('2026-12-29T09:00'), dueAt: wib('2026-12-29T16:00') }),
      service({ state: 'cancelled', startedAt: null }),
    ];
    expect(groupStats(rows, range, now, cal)).toEqual({
      received: 6, decided: 5, onTime: 3, onTimeShare: 0.6, handedOver: 3, medianDays: 3, open: 3, late: 2,
    });
  });

  it('is all zero and absent for no cases', () => {
    expect(groupStats([], range, now, cal)).toEqual({
      received: 0, decided: 0, onTime: 0, onTimeShare: null, handedOver: 0, medianDays: null, open: 0, late: 0,
    });
  });

  it('groups by RT', () => {
    const rows = [service(), service({ rt: { rt: 1, rw: 1 } }), service()];
    const byRt = statsBy(rows, (c) => (c.rt ? `${c.rt.rw}/${c.rt.rt}` : '-'), range, now, cal);
    expect([...byRt].map(([k, s]) => [k, s.received])).toEqual([['2/3', 2], ['1/1', 1]]);
  });
});

describe('cases per week', () => {
  it('gives twelve weeks from Monday to Sunday, the current one last, in office time', () => {
    const now = wib('2026-12-31T10:00'); // a Thursday
    const weeks = casesPerWeek(
      [wib('2026-12-28T00:10'), wib('2026-12-27T23:50'), wib('2026-10-05T08:00'), wib('2026-10-04T08:00')],
      now, 420,
    );
    expect(weeks).toHaveLength(12);
    expect(weeks[11]).toEqual({ week: '2026-12-28', count: 1 });
    expect(weeks[10]).toEqual({ week: '2026-12-21', count: 1 });
    expect(weeks[0]).toEqual({ week: '2026-10-12', count: 0 });
    expect(weeks.reduce((n, w) => n + w.count, 0)).toBe(2);
    expect(weekStart('2026-12-27')).toBe('2026-12-21');
  });
});

describe('complaints', () => {
  it('counts answers by their date, and open ones past it as overdue', () => {
    const range = { from: wib('2026-12-01T00:00'), to: wib('2027-01-01T00:00') };
    const due = wib('2026-12-10T16:00');
    const rows = [
      { state: 'answered' as const, receivedAt: wib('2026-12-08T09:00'), dueAt: due, answeredAt: due },
      { state: 'closed' as const, receivedAt: wib('2026-12-08T09:00'), dueAt: due, answeredAt: due + 1 },
      { state: 'open' as const, receivedAt: wib('2026-12-08T09:00'), dueAt: due, answeredAt: null },
      { state: 'open' as const, receivedAt: wib('2026-12-20T09:00'), dueAt: wib('2027-01-20T16:00'), answeredAt: null },
      { state: 'answered' as const, receivedAt: wib('2026-11-08T09:00'), dueAt: due, answeredAt: due },
    ];
    expect(complaintStats(rows, range, wib('2027-01-04T10:00'))).toEqual({ received: 4, answered: 2, answeredOnTime: 1, open: 2, overdue: 1 });
  });
});
