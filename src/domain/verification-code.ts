/**
 * The code printed on a letter for /verify: 60 random bits, so that guessing a valid code is
 * hopeless even without the rate limit, written in Crockford's base32 in three groups of four
 * (XXXX-XXXX-XXXX) so that it can be typed from paper: no I, L, O or U, and when read back the
 * letters people confuse with digits (I, L, O) count as those digits, in any case and spacing.
 */
import type { RandomSource } from '../framework/ports';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 3;
const GROUP_LENGTH = 4;
const LENGTH = GROUPS * GROUP_LENGTH;

export function newVerificationCode(random: RandomSource): string {
  // 8 bytes give 64 bits; each character takes 5 of them, 60 in all.
  const bytes = random.bytes(8);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < LENGTH; i++) out += ALPHABET[Number((bits >> BigInt(5 * i)) & 31n)];
  return group(out);
}

/**
 * The stored form of a code as someone typed it, or null when it cannot be one. Codes of the
 * first letters (ten hexadecimal digits, XXXXX-XXXXX) are still recognised: they are on paper.
 */
export function normalizeVerificationCode(input: string): string | null {
  const raw = input.trim().toUpperCase();
  if (/^[0-9A-F]{5}-[0-9A-F]{5}$/.test(raw)) return raw;
  const compact = raw.replace(/[\s-]+/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (compact.length !== LENGTH || [...compact].some((c) => !ALPHABET.includes(c))) return null;
  return group(compact);
}

function group(code: string): string {
  return Array.from({ length: GROUPS }, (_, i) => code.slice(i * GROUP_LENGTH, (i + 1) * GROUP_LENGTH)).join('-');
}
