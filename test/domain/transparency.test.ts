import { describe, expect, it } from 'vitest';
import { workingCalendar } from '../../src/domain/calendar';
import type { StatsCase, StatsComplaint } from '../../src/domain/stats';
import type { SkmRow } from '../../src/domain/skm';
import { periodsAt, transparencyView } from '../../src/domain/transparency';

const wib = (local: string) => Date.parse(`${local}:00+07:00`);
const NOW = wib('2026-12-09T10:00');
const periods = periodsAt(NOW, 420);

/** A KTP received Tuesday 1 December, approved an hour later, handed over on Thursday 3 December. */
function ktp(): StatsCase {
  return {
    service: 'ktp', rt: { rt: 3, rw: 2 }, state: 'completed', receivedAt: wib('2026-12-01T09:00'), startedAt: wib('2026-12-01T10:00'),
    day3DueAt: wib('2026-12-03T16:00'), dueAt: wib('2026-12-03T16:00'), finishedAt: wib('2026-12-02T11:00'), handedOverAt: wib('2026-12-03T10:00'),
  };
}
const complaint = (): StatsComplaint => ({ state: 'answered', receivedAt: wib('2026-12-01T09:00'), dueAt: wib('2026-12-03T16:00'), answeredAt: wib('2026-12-02T10:00') });
const survey = (): SkmRow => ({ service: 'ktp', startedAt: wib('2026-12-04T10:00'), u1: 4, u2: 4, u3: 4, u4: 4, u5: 4, u6: 4, u7: 4, u8: 4, u9: 4 });

function view(n: number, minCases: number) {
  return transparencyView({
    cases: Array.from({ length: n }, ktp),
    complaints: Array.from({ length: n }, complaint),
    skm: Array.from({ length: n }, survey),
    periods, minCases, now: NOW, calendar: workingCalendar(),
  });
}
const ktpMonth = (v: ReturnType<typeof view>) => v.services.find((s) => s.service === 'ktp')!.periods.month;

describe('the threshold of the transparency page', () => {
  it('hides a group of two even when the stored threshold is 1, and says so as "fewer than 3"', () => {
    const v = view(2, 1);
    expect(v.minCases).toBe(3);
    expect(ktpMonth(v)).toEqual({ cases: { shown: false }, ikm: { shown: false } });
    expect(v.complaints.month).toEqual({ shown: false });
    expect(v.complaints.year).toEqual({ shown: false });
  });

  it('at a stored 0 too', () => {
    expect(ktpMonth(view(2, 0)).cases).toEqual({ shown: false });
  });

  it('shows a group of three at that same stored threshold', () => {
    const v = view(3, 1);
    const cases = ktpMonth(v).cases;
    expect(cases.shown && cases.value.received).toBe(3);
    expect(ktpMonth(v).ikm.shown).toBe(true);
    expect(v.complaints.month.shown).toBe(true);
  });

  it('keeps a threshold set above the least one', () => {
    const v = view(4, 5);
    expect(v.minCases).toBe(5);
    expect(ktpMonth(v).cases).toEqual({ shown: false });
  });
});
