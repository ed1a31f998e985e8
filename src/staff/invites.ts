/**
 * Invitation codes that link an RT chair or a neighbour to their chat. Eight characters from an
 * alphabet without look-alikes (no 0/O, 1/I/L), read out over the phone or sent as a link.
 */
import type { Instant, RandomSource } from '../domain/ports';

const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const INVITE_TTL_MS = 14 * 24 * 3600_000;

export function newInviteCode(random: RandomSource): string {
  const chars = [...random.bytes(8)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

export async function createInvite(
  d1: D1Database,
  args: { kelurahanId: string; personId: string; role: 'rt_chair' | 'neighbour'; now: Instant; random: RandomSource },
): Promise<string> {
  const code = newInviteCode(args.random);
  await d1
    .prepare('INSERT INTO invites (code, kelurahan_id, person_id, role, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)')
    .bind(code, args.kelurahanId, args.personId, args.role, args.now, args.now + INVITE_TTL_MS)
    .run();
  return code;
}

