import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  dayOfThree,
  firstWorkingDay,
  instantAt,
  localMoment,
  nextWorkingDay,
  threeDaySchedule,
  workingCalendar,
  workingDaysAfter,
} from '../../src/domain/calendar';

/** An instant given as WIB wall-clock time. */
const wib = (iso: string) => Date.parse(`${iso}:00+07:00`);
const holidays = ['2026-05-01', '2026-12-24', '2026-12-25', '2027-01-01', '2026-08-17'];
const cal = workingCalendar(holidays);
const days = (at: number) => {
  const s = threeDaySchedule(at, cal);
  return [s.day1.date, s.day2.date, s.day3.date];
};

describe('local time in WIB', () => {
  it('reads the WIB date, not the UTC date, around midnight', () => {
    // 06:00 WIB on Wednesday is still Tuesday 23:00 in UTC.
    expect(localMoment(wib('2026-12-02T06:00'))).toEqual({ date: '2026-12-02', weekday: 3, minuteOfDay: 360 });
    expect(localMoment(wib('2026-12-01T23:59')).date).toBe('2026-12-01');
  });

  it('turns a local date and minute back into the same instant', () => {
    expect(instantAt('2026-12-02', 16 * 60)).toBe(wib('2026-12-02T16:00'));
  });
});

describe('three-day schedule', () => {
  it('counts today when submitted during office hours', () => {
    expect(days(wib('2026-11-30T10:00'))).toEqual(['2026-11-30', '2026-12-01', '2026-12-02']);
  });

  it('ends each day at closing time in WIB', () => {
    const s = threeDaySchedule(wib('2026-11-30T10:00'), cal);
    expect(s.day1.dueAt).toBe(wib('2026-11-30T16:00'));
    expect(s.day3.dueAt).toBe(wib('2026-12-02T16:00'));
  });

  it('counts today when submitted early in the morning, before opening', () => {
    expect(days(wib('2026-12-02T06:00'))).toEqual(['2026-12-02', '2026-12-03', '2026-12-04']);
  });

  it('starts the next working day when submitted after closing time', () => {
    expect(days(wib('2026-12-01T16:00'))).toEqual(['2026-12-02', '2026-12-03', '2026-12-04']);
    expect(days(wib('2026-12-01T23:30'))).toEqual(['2026-12-02', '2026-12-03', '2026-12-04']);
  });

  it('skips the weekend', () => {
    expect(days(wib('2026-12-04T15:59'))).toEqual(['2026-12-04', '2026-12-07', '2026-12-08']);
    expect(days(wib('2026-12-04T21:00'))).toEqual(['2026-12-07', '2026-12-08', '2026-12-09']);
    expect(days(wib('2026-12-05T09:00'))).toEqual(['2026-12-07', '2026-12-08', '2026-12-09']);
    expect(days(wib('2026-12-06T09:00'))).toEqual(['2026-12-07', '2026-12-08', '2026-12-09']);
  });

  it('skips holidays and cuti bersama next to a weekend', () => {
    // 24 Dec cuti bersama, 25 Dec Christmas, then the weekend.
    expect(days(wib('2026-12-23T10:00'))).toEqual(['2026-12-23', '2026-12-28', '2026-12-29']);
    expect(days(wib('2026-12-24T10:00'))).toEqual(['2026-12-28', '2026-12-29', '2026-12-30']);
  });

  it('crosses a month end onto a holiday', () => {
    // 1 May (Labour Day) is a Friday.
    expect(days(wib('2026-04-30T10:00'))).toEqual(['2026-04-30', '2026-05-04', '2026-05-05']);
  });

  it('crosses the year end', () => {
    expect(days(wib('2026-12-30T10:00'))).toEqual(['2026-12-30', '2026-12-31', '2027-01-04']);
    expect(days(wib('2026-12-31T17:00'))).toEqual(['2027-01-04', '2027-01-05', '2027-01-06']);
  });

  it('counts 29 February in a leap year', () => {
    expect(days(wib('2028-02-28T10:00'))).toEqual(['2028-02-28', '2028-02-29', '2028-03-01']);
  });

  it('follows the kelurahan office hours and offset', () => {
    const shortDay = workingCalendar([], { closesAtMinute: 12 * 60 });
    expect(threeDaySchedule(wib('2026-11-30T12:30'), shortDay).day1.date).toBe('2026-12-01');
    const wita = workingCalendar([], { utcOffsetMinutes: 8 * 60 });
    // 23:30 WIB Monday is 00:30 WITA Tuesday.
    expect(firstWorkingDay(wib('2026-11-30T23:30'), wita)).toBe('2026-12-01');
  });

  it('refuses a calendar with no working day instead of looping', () => {
    const allHolidays = workingCalendar(Array.from({ length: 400 }, (_, i) => {
      return new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10);
    }));
    expect(() => nextWorkingDay('2025-12-31', allHolidays)).toThrow(RangeError);
  });
});

describe('day of three', () => {
  const s = threeDaySchedule(wib('2026-12-04T21:00'), cal); // Friday night: starts Monday
  it.each([
    ['2026-12-05T10:00', 0],
    ['2026-12-07T00:00', 1],
    ['2026-12-07T16:00', 1],
    ['2026-12-07T16:01', 2],
    ['2026-12-08T12:00', 2],
    ['2026-12-09T15:00', 3],
    ['2026-12-09T16:01', 4],
  ] as const)('at %s it is day %i', (at, expected) => {
    expect(dayOfThree(s, wib(at))).toBe(expected);
  });
});

describe('working-day arithmetic', () => {
  it('adds working days over weekends and holidays', () => {
    expect(addWorkingDays('2026-12-23', 1, cal)).toBe('2026-12-28');
    expect(addWorkingDays('2026-08-14', 1, cal)).toBe('2026-08-18');
    expect(addWorkingDays('2026-11-30', 0, cal)).toBe('2026-11-30');
  });

  it('rejects malformed dates', () => {
    expect(() => nextWorkingDay('2026-02-30', cal)).toThrow(RangeError);
    expect(() => nextWorkingDay('30/11/2026', cal)).toThrow(RangeError);
  });
});

describe('working days between two dates', () => {
  it('counts those after the first up to the second, without weekends or holidays', () => {
    expect(workingDaysAfter('2026-12-23', '2026-12-23', cal)).toBe(0);
    expect(workingDaysAfter('2026-12-23', '2026-12-22', cal)).toBe(0);
    // Wednesday 23 December to Monday 28: Christmas Eve and Day off, then the weekend.
    expect(workingDaysAfter('2026-12-23', '2026-12-28', cal)).toBe(1);
    expect(workingDaysAfter('2026-12-02', '2026-12-09', cal)).toBe(5);
  });
});
