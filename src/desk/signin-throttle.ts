/**
 * Wrong passwords are held back per username and per client: after 5 failures within 15 minutes
 * (a fixed window, domain/throttle.ts) the next attempt is answered 429 without looking at the
 * password. Per username stops guessing one account from many addresses; per client stops one
 * address trying many accounts. A client is its CF-Connecting-IP (an IPv6 address by its /64);
 * without that header (only outside Cloudflare) all such requests share one window.
 */
import { isThrottled, type ThrottlePolicy, type ThrottleRow } from '../domain/throttle';
import { clientKey } from '../routes/verify-limit';

export const SIGN_IN_ATTEMPTS: ThrottlePolicy = { limit: 5, windowMs: 15 * 60_000 };

export function signInKeys(username: string, ip: string | undefined): { user: string; client: string } {
  return { user: `signin:user:${username}`, client: `signin:client:${clientKey(ip)}` };
}

/** A window as it stands after this attempt was charged to it: refused when the failures before it reached the limit. */
export function overLimit(charged: ThrottleRow, now: number): boolean {
  return isThrottled({ windowStart: charged.windowStart, count: charged.count - 1 }, now, SIGN_IN_ATTEMPTS);
}

export function secondsLeft(charged: ThrottleRow, now: number): number {
  return Math.max(1, Math.ceil((charged.windowStart + SIGN_IN_ATTEMPTS.windowMs - now) / 1000));
}
