/**
 * Linking an RT chair (or a neighbour) to their chat with a code staff made, or a staff member's
 * own chat with a code from their account page: "/start CODE" from a Telegram deep link, or the
 * code typed on WhatsApp. A code works once and expires.
 */
import { isThrottled, type ThrottlePolicy } from '../../domain/throttle';
import { office, type Session } from '../session';

const INVITE = /^(?:\/start\s+)?([A-Z0-9]{4})-?([A-Z0-9]{4})$/i;

/**
 * The normalized code ("ABCD-2345") when a message is an invite code, else null. Typed without
 * /start, eight letters are as likely a name ("Mulyanto", or "MULYANTO" from someone who types in
 * capitals) as a code: only text with the hyphen or a digit is taken for one (every code has a
 * digit, see staff/invites.ts), so that names are never counted as wrong codes.
 */
export function inviteCodeIn(text: string): string | null {
  const typed = text.trim();
  const m = INVITE.exec(typed);
  if (!m) return null;
  const deepLink = typed.startsWith('/start');
  if (!deepLink && !/[-\d]/.test(typed)) return null;
  return `${m[1]}-${m[2]}`.toUpperCase();
}

/**
 * Codes are guessable only by trying many: after INVITE_ATTEMPTS.limit wrong ones in a window, a
 * sender's codes are not looked at until the window has passed.
 */
export const INVITE_ATTEMPTS: ThrottlePolicy = { limit: 5, windowMs: 60 * 60_000 };

/** True when the message was an invite code (used or refused); false to carry on as usual. */
export function redeemInvite(s: Session, text: string): boolean {
  const code = inviteCodeIn(text);
  if (!code) return false;
  const attempts = s.ctx.inviteAttempts;
  if (attempts && isThrottled(attempts.row, s.ctx.now, INVITE_ATTEMPTS)) {
    s.say(s.t('invite.throttled', office(s)));
    return true;
  }
  const invite = s.ctx.invite;
  const usable = invite !== null && invite.code === code && invite.usable;
  if (!usable) {
    if (attempts) s.effect({ type: 'throttle_hit', key: attempts.key, windowMs: INVITE_ATTEMPTS.windowMs });
    // Only a deep link, or a code that exists, is surely a code; other typed text of that shape
    // may be an answer, and carries on (still counted, so guessing by typing is throttled too).
    if (!invite && !text.trim().startsWith('/start')) return false;
    s.say(s.t('rt.invite_invalid', office(s)));
    return true;
  }
  s.effect({ type: 'use_invite', code, personId: invite.personId, role: invite.role });
  if (invite.role === 'staff') {
    // A chat someone already uses stays theirs (a staff member may be a resident too); a new
    // chat becomes the staff member's, in the language of the desk where the code was made.
    if (s.ctx.identity.isNew) {
      s.ctx.person.id = invite.personId;
      s.locale = invite.personLocale;
    }
    s.say(s.t('invite.staff_linked', { name: invite.personName, kelurahan: s.ctx.kelurahan.name }));
    s.finish();
    return true;
  }
  s.ctx.person.id = invite.personId;
  const pad2 = (n: number | null) => String(n ?? 0).padStart(2, '0');
  s.say(
    invite.role === 'rt_chair' && invite.rtNumber !== null
      ? s.t('rt.linked', { name: invite.personName, rt: pad2(invite.rtNumber), rw: pad2(invite.rwNumber) })
      : s.t('invite.linked', { name: invite.personName }),
  );
  s.finish();
  return true;
}
