/**
 * Invitation codes that link an RT chair or a neighbour to their chat. Eight characters from an
 * alphabet without look-alikes (no 0/O, 1/I/L), read out over the phone or sent as a link.
 */
import { dbOf } from '../db/client';
import { insertInvite } from '../db/invites';
import type { Instant, RandomSource } from '../domain/ports';

const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const INVITE_TTL_MS = 14 * 24 * 3600_000;

const DIGITS = '23456789';

/** Every code holds a digit, so that a code typed without its hyphen is never taken for a name. */
export function newInviteCode(random: RandomSource): string {
  const bytes = random.bytes(9);
  const chars = [...bytes.slice(0, 8)].map((b) => ALPHABET[b % ALPHABET.length]!);
  if (!chars.some((c) => DIGITS.includes(c))) chars[bytes[8]! % 8] = DIGITS[bytes[8]! % DIGITS.length]!;
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

export async function createInvite(
  d1: D1Database,
  args: { kelurahanId: string; personId: string; role: 'rt_chair' | 'neighbour'; now: Instant; random: RandomSource },
): Promise<string> {
  const code = newInviteCode(args.random);
  await insertInvite(dbOf(d1), {
    code, kelurahanId: args.kelurahanId, personId: args.personId, role: args.role, createdAt: args.now, expiresAt: args.now + INVITE_TTL_MS,
  }).run();
  return code;
}

