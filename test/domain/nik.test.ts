import { describe, expect, it } from 'vitest';
import { maskNik, validateNik } from '../../src/domain/nik';
import { t } from '../../src/domain/messages';

const today = '2026-11-29';
const error = (input: string) => {
  const r = validateNik(input, today);
  return r.ok ? null : r.error;
};

describe('valid NIKs', () => {
  it('reads a woman\'s birth date with 40 added to the day', () => {
    expect(validateNik('1671024508790003', today)).toEqual({
      ok: true,
      value: { nik: '1671024508790003', regionCode: '167102', sex: 'female', birthDate: '1979-08-05' },
    });
  });

  it('reads a man\'s birth date', () => {
    const r = validateNik('1671021203850001', today);
    expect(r.ok && r.value).toMatchObject({ sex: 'male', birthDate: '1985-03-12' });
  });

  it('accepts the grouping people type', () => {
    expect(validateNik('1671 0245 0879 0003', today).ok).toBe(true);
    expect(validateNik('1671.0245.0879.0003', today).ok).toBe(true);
  });

  it('accepts 29 February of a leap year, and a child born this year', () => {
    expect(validateNik('3171012902000001', today).ok).toBe(true); // 2000-02-29
    const r = validateNik('3171011511260001', today); // 2026-11-15
    expect(r.ok && r.value.birthDate).toBe('2026-11-15');
  });

  it('puts a two-digit year that would lie in the future in the last century', () => {
    const r = validateNik('1671020101300001', today);
    expect(r.ok && r.value.birthDate).toBe('1930-01-01');
  });
});

describe('invalid NIKs say what is wrong', () => {
  it.each([
    ['', { code: 'empty' }],
    ['   ', { code: 'empty' }],
    ['16710245087', { code: 'wrong_length', got: 11 }],
    ['16710245087900031', { code: 'wrong_length', got: 17 }],
    ['1671O24508790003', { code: 'not_digits' }],
    ['9971024508790003', { code: 'unknown_province', province: '99' }],
    ['2071024508790003', { code: 'unknown_province', province: '20' }],
    ['1600024508790003', { code: 'bad_region', region: '160002' }],
    ['1671004508790003', { code: 'bad_region', region: '167100' }],
    ['1671023208790003', { code: 'bad_birth_date', digits: '320879' }],
    ['1671027208790003', { code: 'bad_birth_date', digits: '720879' }],
    ['1671020013790003', { code: 'bad_birth_date', digits: '001379' }],
    ['1671023002790003', { code: 'bad_birth_date', digits: '300279' }],
    ['1671022902010003', { code: 'bad_birth_date', digits: '290201' }],
    ['1671020112260003', { code: 'birth_in_future' }],
    ['1671024508790000', { code: 'bad_serial' }],
  ] as const)('%j', (input, expected) => {
    expect(error(input)).toEqual(expected);
  });

  it('tells the resident how many digits were sent, in both languages', () => {
    const e = error('16710245087');
    expect(e?.code).toBe('wrong_length');
    if (e?.code !== 'wrong_length') return;
    expect(t('id', 'nik.wrong_length', e)).toBe('NIK harus 16 angka. Yang Bapak/Ibu kirim 11 angka. Coba lagi, ya.');
    expect(t('en', 'nik.wrong_length', e)).toContain('You sent 11');
  });
});

describe('masking', () => {
  it('shows only the first and last four digits', () => {
    expect(maskNik('1671024508790003')).toBe('1671 **** **** 0003');
    expect(maskNik('123')).toBe('****');
  });
});
