/**
 * Invitation codes that link an RT chair, a neighbour or a staff member to their chat. Eight
 * characters from an alphabet without look-alikes (no 0/O, 1/I/L), read out over the phone or
 * sent as a link.
 */
import { dbOf, runBatch, type Statement } from '../db/client';
import { expireStaffInvites, insertInvite } from '../db/invites';
import { upsertStaffPerson } from '../db/people';
import type { Locale } from '../domain/messages';
import type { Instant, RandomSource } from '../framework/ports';

const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const INVITE_TTL_MS = 14 * 24 * 3600_000;
/**
 * A staff member makes their own code and sends it from their phone right away; a code shown on
 * an office screen should not stay good for long.
 */
export const STAFF_INVITE_TTL_MS = 3600_000;

const DIGITS = '23456789';

/** Every code holds a digit, so that a code typed without its hyphen is never taken for a name. */
export function newInviteCode(random: RandomSource): string {
  const bytes = random.bytes(9);
  const chars = [...bytes.slice(0, 8)].map((b) => ALPHABET[b % ALPHABET.length]!);
  if (!chars.some((c) => DIGITS.includes(c))) chars[bytes[8]! % 8] = DIGITS[bytes[8]! % DIGITS.length]!;
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/** `with`: statements written in the same batch as the code (the admin page's audit row). */
export async function createInvite(
  d1: D1Database,
  args: { kelurahanId: string; personId: string; role: 'rt_chair' | 'neighbour'; now: Instant; random: RandomSource },
  withStatements: (code: string) => Statement[] = () => [],
): Promise<string> {
  const db = dbOf(d1);
  const code = newInviteCode(args.random);
  await runBatch(db, [
    insertInvite(db, {
      code, kelurahanId: args.kelurahanId, personId: args.personId, role: args.role, createdAt: args.now, expiresAt: args.now + INVITE_TTL_MS,
    }),
    ...withStatements(code),
  ]);
  return code;
}

/**
 * The person a staff account is known as in its kelurahan. Derived, not stored: one per account
 * and kelurahan, so an account moved to another kelurahan gets a person there, never shares one
 * across kelurahan.
 */
export function staffPersonId(kelurahanId: string, staffId: string): string {
  return `staff:${kelurahanId}:${staffId}`;
}

/**
 * A code that links the chat it is sent from to the staff account, so that escalations and the
 * digest reach it. Only the newest code of an account works: making one ends the earlier ones.
 */
export async function createStaffInvite(
  d1: D1Database,
  args: { staff: { id: string; kelurahanId: string; displayName: string }; locale: Locale; now: Instant; random: RandomSource },
  withStatements: (code: string) => Statement[] = () => [],
): Promise<{ code: string; expiresAt: Instant }> {
  const db = dbOf(d1);
  const { staff, now } = args;
  const code = newInviteCode(args.random);
  const personId = staffPersonId(staff.kelurahanId, staff.id);
  const expiresAt = now + STAFF_INVITE_TTL_MS;
  await runBatch(db, [
    upsertStaffPerson(db, { id: personId, kelurahanId: staff.kelurahanId, fullName: staff.displayName, locale: args.locale, now }),
    expireStaffInvites(db, { staffId: staff.id, kelurahanId: staff.kelurahanId, now }),
    insertInvite(db, {
      code, kelurahanId: staff.kelurahanId, personId, role: 'staff', staffUserId: staff.id, createdAt: now, expiresAt,
    }),
    ...withStatements(code),
  ]);
  return { code, expiresAt };
}
