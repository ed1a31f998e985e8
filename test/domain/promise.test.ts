import { describe, expect, it } from 'vitest';
import { localMoment, workingCalendar } from '../../src/domain/calendar';
import { SERVICE_STATES, type CaseState } from '../../src/domain/case-machine';
import { holidaysWithin, promisedDate } from '../../src/domain/promise';

const wib = (local: string) => Date.parse(`${local}:00+07:00`);
const cal = workingCalendar();
const fridayDue = wib('2026-11-27T16:00');

describe('the date a resident is given', () => {
  it('is the promised one while it has not passed, to the last minute of the day', () => {
    expect(promisedDate({ state: 'processing', dueAt: fridayDue }, wib('2026-11-25T09:00'), cal)).toEqual({ late: false, date: '2026-11-27' });
    expect(promisedDate({ state: 'processing', dueAt: fridayDue }, fridayDue, cal)).toEqual({ late: false, date: '2026-11-27' });
  });

  it('once passed, is a new date to come: the next working day for the last step', () => {
    expect(promisedDate({ state: 'processing', dueAt: fridayDue }, fridayDue + 60_000, cal)).toEqual({ late: true, date: '2026-11-30' });
    // Late on a Saturday: Monday, not a date already gone.
    expect(promisedDate({ state: 'processing', dueAt: fridayDue }, wib('2026-11-28T10:00'), cal)).toEqual({ late: true, date: '2026-11-30' });
    expect(promisedDate({ state: 'processing', dueAt: fridayDue }, wib('2026-11-30T10:00'), cal)).toEqual({ late: true, date: '2026-12-01' });
  });

  it('counts one working day for each stage still ahead', () => {
    const monday = wib('2026-11-30T10:00');
    expect(promisedDate({ state: 'verifying', dueAt: fridayDue }, monday, cal)).toEqual({ late: true, date: '2026-12-02' });
    expect(promisedDate({ state: 'neighbour_check', dueAt: fridayDue }, monday, cal)).toEqual({ late: true, date: '2026-12-02' });
    expect(promisedDate({ state: 'at_disdukcapil', dueAt: fridayDue }, monday, cal)).toEqual({ late: true, date: '2026-12-01' });
    expect(promisedDate({ state: 'open', dueAt: fridayDue }, monday, cal)).toEqual({ late: true, date: '2026-12-01' });
  });

  it('skips the holidays of the kelurahan', () => {
    const withHoliday = workingCalendar(['2026-12-01']);
    expect(promisedDate({ state: 'processing', dueAt: fridayDue }, wib('2026-11-30T10:00'), withHoliday)).toEqual({ late: true, date: '2026-12-02' });
  });

  it('is not given when no date applies: over, ready, waiting on the resident or the pengantar, or never promised', () => {
    const later = wib('2026-12-10T10:00');
    // awaiting_pengantar: the three days count from the chair's approval, which brings the date.
    for (const state of ['completed', 'rejected', 'cancelled', 'ready', 'needs_revision', 'draft', 'awaiting_pengantar', 'answered', 'closed'] as CaseState[]) {
      expect(promisedDate({ state, dueAt: fridayDue }, later, cal), state).toBeNull();
    }
    expect(promisedDate({ state: 'processing', dueAt: null }, later, cal)).toBeNull();
  });

  it('is never a date already past, whatever the state and the hour', () => {
    for (const state of [...SERVICE_STATES, 'open'] as CaseState[]) {
      for (let hour = 0; hour < 24 * 9; hour += 5) {
        const now = fridayDue + hour * 3_600_000;
        const p = promisedDate({ state, dueAt: fridayDue }, now, cal);
        if (p) expect(p.date >= localMoment(now).date, `${state} at +${hour}h`).toBe(true);
        if (p?.late) expect(p.date > localMoment(now).date, `${state} at +${hour}h`).toBe(true);
      }
    }
  });
});

describe('the holidays a date was pushed back by', () => {
  it('names the weekday holidays in the span, both ends included, and not the weekends', () => {
    const c = workingCalendar(['2026-12-24', '2026-12-25', '2026-12-26', '2026-12-31']);
    expect(holidaysWithin('2026-12-23', '2026-12-29', c)).toEqual(['2026-12-24', '2026-12-25']);
    expect(holidaysWithin('2026-12-24', '2026-12-24', c)).toEqual(['2026-12-24']);
    expect(holidaysWithin('2026-11-30', '2026-12-02', c)).toEqual([]);
  });
});
