import { describe, expect, it } from 'vitest';
import { maskPhone, normalizePhone } from '../../src/domain/phone';

describe('phone numbers', () => {
  it.each([
    ['0812 3450 002', '628123450002'],
    ['+62 812-3450-002', '628123450002'],
    ['(0812) 3450.002', '628123450002'],
    ['628123450002', '628123450002'],
  ])('%j is %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each(['0812', '0212345678', 'satu dua', '0812345678901234', '+1 202 555 0100'])('%j is not an Indonesian mobile number', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });

  it('masks a number in its local form, keeping the first four and the last three digits', () => {
    expect(maskPhone('628123450002')).toBe('0812****002');
    expect(maskPhone('6281234567890')).toBe('0812****890');
    expect(maskPhone('08123450002')).toBe('0812****002');
    expect(maskPhone('12')).toBe('****');
  });
});
