import { describe, expect, it } from 'vitest';
import { instantAt } from '../../src/domain/calendar';
import { dayOfPromise, isLate, lateBy, sectionOf, type WorkItem } from '../../src/domain/work-list';

// A case submitted on Monday 2026-11-30: day 1 ends Monday 16:00 WIB, day 2 Tuesday, day 3 Wednesday.
const at = (date: string, hh: number, mm = 0) => instantAt(date, hh * 60 + mm);
const service = (state: WorkItem['state']): WorkItem => ({
  kind: 'service', state, day1DueAt: at('2026-11-30', 16), day2DueAt: at('2026-12-01', 16), day3DueAt: at('2026-12-02', 16), dueAt: at('2026-12-02', 16),
});

describe('the work list', () => {
  it('lists each case under the office job it waits for', () => {
    const monday = at('2026-11-30', 10);
    expect(sectionOf(service('submitted'), monday)).toBe('receive');
    expect(sectionOf(service('processing'), monday)).toBe('produce');
    expect(sectionOf(service('ready'), monday)).toBe('hand_over');
    expect(sectionOf(service('verifying'), monday)).toBe('waiting_rt');
    expect(sectionOf(service('needs_revision'), monday)).toBe('other');
    expect(sectionOf({ ...service('open'), kind: 'complaint' }, monday)).toBe('complaints');
  });

  it('puts a case past its promise under "late", whatever it waits for, until it is ready', () => {
    const thursday = at('2026-12-03', 9);
    expect(sectionOf(service('processing'), thursday)).toBe('late');
    expect(sectionOf(service('verifying'), thursday)).toBe('late');
    expect(isLate(service('ready'), thursday)).toBe(false);
    expect(isLate(service('completed'), thursday)).toBe(false);
    expect(isLate(service('processing'), at('2026-12-02', 16))).toBe(false);
  });

  it('counts the day of the promise by the clock', () => {
    expect(dayOfPromise(service('submitted'), at('2026-11-30', 15, 59))).toBe(1);
    expect(dayOfPromise(service('verifying'), at('2026-11-30', 16, 1))).toBe(2);
    expect(dayOfPromise(service('processing'), at('2026-12-02', 8))).toBe(3);
    expect(dayOfPromise({ ...service('open'), kind: 'complaint' }, at('2026-12-02', 8))).toBeNull();
  });

  it('says how late in hours, then in days', () => {
    const due = at('2026-12-02', 16);
    expect(lateBy(due, due + 60_000)).toEqual({ hours: 1 });
    expect(lateBy(due, at('2026-12-03', 11))).toEqual({ hours: 19 });
    expect(lateBy(due, at('2026-12-04', 17))).toEqual({ days: 2 });
  });
});
