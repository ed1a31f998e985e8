import { describe, expect, it } from 'vitest';
import { formatPickupCode, newPickupCode, normalizePickupCode, pickupCodeMatches } from '../../src/domain/pickup-code';
import type { RandomSource } from '../../src/framework/ports';

/** Hands out the given 4-byte draws in order, and counts them. */
function draws(...values: number[]): RandomSource & { used: number } {
  const source = {
    used: 0,
    bytes(n: number) {
      expect(n).toBe(4);
      const v = values[source.used++]!;
      return Uint8Array.of(v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255);
    },
  };
  return source;
}

describe('pickup codes', () => {
  it('are six digits, leading zeros kept', () => {
    expect(newPickupCode(draws(42_917))).toBe('042917');
    expect(newPickupCode(draws(0))).toBe('000000');
    expect(newPickupCode(draws(999_999))).toBe('999999');
    expect(newPickupCode(draws(1_000_000 + 5))).toBe('000005');
  });

  it('draw again rather than favour the low codes: the top of the 32-bit range is thrown away', () => {
    // 4,294,000,000 is the largest multiple of a million below 2^32: below it every code comes
    // from exactly 4,294 values; from there on, codes 000000-967295 would get one more.
    const source = draws(4_294_967_295, 4_294_000_000, 4_293_999_999);
    expect(newPickupCode(source)).toBe('999999');
    expect(source.used).toBe(3);
  });

  it('stop on a source that is broken rather than spin', () => {
    expect(() => newPickupCode({ bytes: () => Uint8Array.of(255, 255, 255, 255) })).toThrow();
  });

  it('are read back however staff type them from the phone', () => {
    for (const typed of ['042917', '042 917', ' 042-917 ', '042.917', '0 4 2 9 1 7']) {
      expect(normalizePickupCode(typed), typed).toBe('042917');
      expect(pickupCodeMatches(typed, '042917'), typed).toBe(true);
    }
  });

  it('do not match anything else', () => {
    for (const typed of ['42917', '0429170', '042918', '', 'abcdef', '042917a', '٠٤٢٩١٧']) {
      expect(pickupCodeMatches(typed, '042917'), typed).toBe(false);
    }
    expect(normalizePickupCode('12345')).toBeNull();
  });

  it('are shown in two groups of three', () => {
    expect(formatPickupCode('042917')).toBe('042 917');
  });
});
