import { describe, expect, it } from 'vitest';
import { newVerificationCode, normalizeVerificationCode } from '../../src/domain/verification-code';

const fixed = (bytes: number[]) => ({ bytes: (n: number) => Uint8Array.from({ length: n }, (_, i) => bytes[i] ?? 0) });

describe('letter verification codes', () => {
  it('are three groups of four characters that can be typed from paper', () => {
    for (const seed of [0, 1, 127, 255]) {
      const code = newVerificationCode(fixed(Array(8).fill(seed)));
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    }
  });

  it('carry at least 60 random bits: flipping any one of them gives another code', () => {
    const base = newVerificationCode(fixed(Array(8).fill(0)));
    let distinct = 0;
    const seen = new Set([base]);
    for (let bit = 0; bit < 64; bit++) {
      const bytes = Array(8).fill(0);
      bytes[bit >> 3] = 1 << (bit & 7);
      const code = newVerificationCode(fixed(bytes));
      if (!seen.has(code)) distinct++;
      seen.add(code);
    }
    expect(distinct).toBeGreaterThanOrEqual(60);
  });

  it('are recognised however they are typed back', () => {
    const code = newVerificationCode(fixed([1, 2, 3, 4, 5, 6, 7, 8]));
    expect(normalizeVerificationCode(code.toLowerCase())).toBe(code);
    expect(normalizeVerificationCode(` ${code.replace(/-/g, ' ')} `)).toBe(code);
    expect(normalizeVerificationCode(code.replace(/-/g, ''))).toBe(code);
    // Letters read as the digits they look like.
    expect(normalizeVerificationCode('0o1I-lL00-0000')).toBe('0011-1100-0000');
  });

  it('refuse what cannot be a code, and still know the codes printed on the first letters', () => {
    for (const bad of ['', 'ABCD-EFGH', 'ABCD-EFGH-JKMNP', 'ABCD-EFGH-JKU0', '<script>', 'ABCD-EFGH-JK!0']) {
      expect(normalizeVerificationCode(bad), bad).toBeNull();
    }
    expect(normalizeVerificationCode('3fa8c-09b1e')).toBe('3FA8C-09B1E');
  });
});
