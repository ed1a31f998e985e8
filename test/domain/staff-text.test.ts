import { describe, expect, it } from 'vitest';
import { workingCalendar } from '../../src/domain/calendar';
import { checkPromiseDate, cleanStaffText, normalizeDisdukcapilReference } from '../../src/domain/desk/staff-text';

describe('what staff type before a resident reads it', () => {
  it('keeps the words and the line breaks, and drops what would read differently than stored', () => {
    expect(cleanStaffText('  Mohon   kirim\tulang.  \r\nTerima kasih. ')).toEqual({ ok: true, value: 'Mohon kirim ulang.\nTerima kasih.' });
    // Right-to-left override, zero-width space, BOM, bell, escape: gone.
    expect(cleanStaffText('KTP\u202e asli\u200b\ufeff\u0007\u001b[31m')).toEqual({ ok: true, value: 'KTP asli[31m' });
    expect(cleanStaffText('Satu.\n\n\n\n\nDua.')).toEqual({ ok: true, value: 'Satu.\n\nDua.' });
    expect(cleanStaffText('Bu Siti, é ñ ễ ✓')).toEqual({ ok: true, value: 'Bu Siti, é ñ ễ ✓' });
  });

  it('refuses an empty text, or one that is only invisible', () => {
    for (const input of ['', '   ', '\n\n', '\u200b\u202e', '\u0000']) {
      expect(cleanStaffText(input), JSON.stringify(input)).toEqual({ ok: false, refusal: { reason: 'text_required' } });
    }
  });

  it('refuses a text past its cap instead of cutting it, counting characters as people see them', () => {
    expect(cleanStaffText('a'.repeat(500))).toMatchObject({ ok: true });
    expect(cleanStaffText('a'.repeat(501))).toEqual({ ok: false, refusal: { reason: 'text_too_long', max: 500 } });
    expect(cleanStaffText('😀'.repeat(500))).toMatchObject({ ok: true });
    expect(cleanStaffText('a'.repeat(701), 700)).toEqual({ ok: false, refusal: { reason: 'text_too_long', max: 700 } });
  });
});

describe('a Disdukcapil reference', () => {
  it('is kept in capitals, trimmed', () => {
    expect(normalizeDisdukcapilReference(' 1671/lu/2026-00042 ')).toBe('1671/LU/2026-00042');
    expect(normalizeDisdukcapilReference('A'.repeat(40))).toBe('A'.repeat(40));
  });

  it('holds only letters, digits, slashes and hyphens, at least one letter or digit, at most 40', () => {
    for (const bad of ['', '/-/', 'AB 12', 'AB_12', 'AB.12', 'A'.repeat(41), 'https://x', 'AB\u200b12', 'ÄB12']) {
      expect(normalizeDisdukcapilReference(bad), bad).toBeNull();
    }
  });
});

describe('a date promised on the office\'s behalf', () => {
  const cal = workingCalendar(['2026-12-25']);
  const now = Date.parse('2026-12-01T23:30:00+07:00');

  it('is today or later in office time, and a working day', () => {
    expect(checkPromiseDate('2026-12-01', now, cal)).toEqual({ ok: true, date: '2026-12-01' });
    expect(checkPromiseDate(' 2026-12-24 ', now, cal)).toEqual({ ok: true, date: '2026-12-24' });
    // 23:30 WIB is still 1 December; for a kelurahan in WIT (UTC+9) it is already the 2nd.
    expect(checkPromiseDate('2026-11-30', now, cal)).toEqual({ ok: false, reason: 'date_past' });
    expect(checkPromiseDate('2026-12-01', now, workingCalendar([], { utcOffsetMinutes: 9 * 60 }))).toEqual({ ok: false, reason: 'date_past' });
  });

  it('is refused when it is a weekend, a holiday, or no date at all', () => {
    expect(checkPromiseDate('2026-12-05', now, cal)).toEqual({ ok: false, reason: 'date_not_working_day' });
    expect(checkPromiseDate('2026-12-25', now, cal)).toEqual({ ok: false, reason: 'date_not_working_day' });
    for (const bad of ['2026-13-01', '2026-02-29', '01-12-2026', 'besok', '']) {
      expect(checkPromiseDate(bad, now, cal), bad).toEqual({ ok: false, reason: 'date_invalid' });
    }
  });
});
