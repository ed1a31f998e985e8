import { describe, expect, it } from 'vitest';
import { caseCodePeriod, formatCaseCode, normalizeCaseCode, parseCaseCode } from '../../src/domain/case-code';

describe('case codes', () => {
  it('are prefix, year-month and a four-digit sequence', () => {
    expect(formatCaseCode('KTP', '2026-11-30', 42)).toBe('KTP-2611-0042');
    expect(formatCaseCode('SITU', '2027-01-04', 12345)).toBe('SITU-2701-12345');
    expect(caseCodePeriod('KK', '2026-12-31')).toBe('KK-2612');
  });

  it('refuse a sequence that is not a positive whole number', () => {
    expect(() => formatCaseCode('KTP', '2026-11-30', 0)).toThrow(RangeError);
    expect(() => formatCaseCode('KTP', '2026-11-30', 1.5)).toThrow(RangeError);
  });

  it('are read back as people type them', () => {
    expect(parseCaseCode(' ktp-2611-0042 ')).toEqual({ prefix: 'KTP', period: '2611', sequence: 42 });
    expect(normalizeCaseCode('ktp 2611 42')).toBeNull();
    expect(normalizeCaseCode('ktp 2611 0042')).toBe('KTP-2611-0042');
    expect(parseCaseCode('KTP-2613-0042')).toBeNull();
    expect(parseCaseCode('halo')).toBeNull();
  });
});
