/**
 * The six-digit code a resident shows at the counter to collect a finished document. It proves
 * the person at the counter got it from the resident's chat, so it must not be guessable: drawn
 * uniformly from 000000-999999 (rejection sampling, no modulo bias), and the desk allows only a
 * few wrong tries (PICKUP_CODE_MAX_ATTEMPTS) before a new code must be sent.
 */
import type { RandomSource } from '../framework/ports';

const SPACE = 1_000_000;
const UINT32 = 2 ** 32;
// The largest multiple of SPACE below 2^32: values at or above it would favour the low codes.
const ACCEPT_BELOW = UINT32 - (UINT32 % SPACE);
/** A fair source is refused once in ~4,300 draws; this many refusals in a row means it is broken. */
const MAX_DRAWS = 64;

export const PICKUP_CODE_MAX_ATTEMPTS = 5;

/** Six digits, leading zeros kept, as stored and compared: "042917". */
export function newPickupCode(random: RandomSource): string {
  for (let i = 0; i < MAX_DRAWS; i++) {
    const b = random.bytes(4);
    const n = ((b[0]! << 24) >>> 0) + (b[1]! << 16) + (b[2]! << 8) + b[3]!;
    if (n < ACCEPT_BELOW) return String(n % SPACE).padStart(6, '0');
  }
  throw new Error('random source keeps returning out-of-range values');
}

/** The stored form of a code as staff typed it from the resident's phone ("042 917", "042-917"), or null. */
export function normalizePickupCode(input: string): string | null {
  const digits = input.replace(/[\s.-]+/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}

/** Whether what was typed is the stored code. Compares every digit, so timing tells nothing. */
export function pickupCodeMatches(input: string, stored: string): boolean {
  const typed = normalizePickupCode(input);
  if (typed === null || stored.length !== typed.length) return false;
  let diff = 0;
  for (let i = 0; i < typed.length; i++) diff |= typed.charCodeAt(i) ^ stored.charCodeAt(i);
  return diff === 0;
}

/** As residents read it: two groups of three, "042 917". */
export function formatPickupCode(code: string): string {
  return `${code.slice(0, 3)} ${code.slice(3)}`;
}
