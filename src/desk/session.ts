/**
 * Staff sessions. The cookie names a random 256-bit session id; D1 keeps only its SHA-256, the
 * staff member, their kelurahan, a form token and the expiry. A session ends after IDLE_MS
 * without use and at the latest ABSOLUTE_MS after sign-in, so an office computer left signed in
 * is signed out by the next morning.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { dbOf, runBatch, type Statement } from '../db/client';
import { deleteSession, insertSession, sessionByHash, touchSession } from '../db/staff-sessions';
import { systemClock } from '../platform';
import type { DeskEnv, SignedInStaff } from './context';
import { clearCookie, readCookie, writeCookie } from './cookies';
import { loginHref } from './next-path';
import { refusal } from './pages/errors';
import { newToken, sha256Hex } from './tokens';

export const SESSION_COOKIE = 'loket_session';
export const IDLE_MS = 4 * 3600_000;
export const ABSOLUTE_MS = 12 * 3600_000;
/** A session's use is written at most this often: one D1 write per page would be waste. */
const TOUCH_AFTER_MS = 5 * 60_000;

export function sessionExpiry(createdAt: number, now: number): number {
  return Math.min(createdAt + ABSOLUTE_MS, now + IDLE_MS);
}

/**
 * Signs the account in: a new session id every time (a session id known before sign-in is
 * worth nothing after it), the one the browser had is ended, and `with` (the sign-in's own
 * bookkeeping) goes in the same batch.
 */
export async function startSession(c: Context, account: { id: string; kelurahanId: string }, now: number, withStatements: Statement[] = []) {
  const db = dbOf(c.env.DB);
  const id = newToken();
  const previous = readCookie(c, SESSION_COOKIE);
  await runBatch(db, [
    ...withStatements,
    ...(previous ? [deleteSession(db, await sha256Hex(previous))] : []),
    insertSession(db, {
      idHash: await sha256Hex(id), staffId: account.id, kelurahanId: account.kelurahanId, csrfToken: newToken(),
      createdAt: now, lastSeenAt: now, expiresAt: sessionExpiry(now, now),
    }),
  ]);
  writeCookie(c, SESSION_COOKIE, id, ABSOLUTE_MS / 1000);
}

/** The staff member signed in on this request, or null; a live session's idle limit moves on. */
export async function currentStaff(c: Context, now = systemClock.now()): Promise<SignedInStaff | null> {
  const id = readCookie(c, SESSION_COOKIE);
  if (!id || id.length > 100) return null;
  const db = dbOf(c.env.DB);
  const idHash = await sha256Hex(id);
  const row = await sessionByHash(db, idHash, now).get();
  if (!row) return null;
  if (now - row.lastSeenAt >= TOUCH_AFTER_MS) await touchSession(db, { idHash, now, expiresAt: sessionExpiry(row.createdAt, now) }).run();
  return {
    id: row.staffId, username: row.username, displayName: row.displayName, role: row.role,
    kelurahanId: row.kelurahanId, kelurahanName: row.kelurahanName, csrf: row.csrfToken,
  };
}

/** Signs out: the session row goes, so the cookie is worth nothing even if a copy of it survives. */
export async function endSession(c: Context): Promise<void> {
  const id = readCookie(c, SESSION_COOKIE);
  if (id) await deleteSession(dbOf(c.env.DB), await sha256Hex(id)).run();
  clearCookie(c, SESSION_COOKIE);
}

/**
 * Every desk route sits behind this. Without a live session a page (GET) is sent to the sign-in,
 * which comes back here afterwards; anything else is refused, since what it carried cannot be
 * replayed after signing in. Safe to run twice (a router may guard itself as well).
 */
export const requireStaff: MiddlewareHandler<DeskEnv> = async (c, next) => {
  if (c.get('staff')) return next();
  const staff = await currentStaff(c);
  if (!staff) {
    if (readCookie(c, SESSION_COOKIE)) clearCookie(c, SESSION_COOKIE);
    if (c.req.method === 'GET' || c.req.method === 'HEAD') {
      const url = new URL(c.req.url);
      return c.redirect(loginHref(`${url.pathname}${url.search}`), 303);
    }
    return refusal('signed_out');
  }
  c.set('staff', staff);
  await next();
};
