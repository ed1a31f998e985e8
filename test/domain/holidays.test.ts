import { describe, expect, it } from 'vitest';
import { isValidLocalDate, weekdayOf } from '../../src/domain/calendar';
import { INDONESIA_HOLIDAYS } from '../../src/seed/holidays-id';

describe('seeded holidays', () => {
  it('are real dates, each once, in order', () => {
    const dates = INDONESIA_HOLIDAYS.map((h) => h.date);
    expect(dates.every(isValidLocalDate)).toBe(true);
    expect(new Set(dates).size).toBe(dates.length);
    expect([...dates].sort()).toEqual(dates);
  });

  it('hold the 2026 SKB: 17 national holidays and 8 days of cuti bersama', () => {
    const y2026 = INDONESIA_HOLIDAYS.filter((h) => h.date.startsWith('2026'));
    expect(y2026.filter((h) => h.kind === 'national')).toHaveLength(17);
    expect(y2026.filter((h) => h.kind === 'cuti_bersama').map((h) => h.date)).toEqual([
      '2026-02-16', '2026-03-18', '2026-03-20', '2026-03-23', '2026-03-24', '2026-05-15', '2026-05-28', '2026-12-24',
    ]);
    // Cuti bersama are working days the government closes; none falls on a weekend.
    for (const h of y2026.filter((x) => x.kind === 'cuti_bersama')) expect([0, 6]).not.toContain(weekdayOf(h.date));
  });
});
