/**
 * CSRF defence of the desk, in two layers. hono/csrf refuses a form whose Origin (or
 * Sec-Fetch-Site) is not Loket's own; and every POST form carries the session's random token as
 * `_csrf` (or the `x-csrf-token` header), compared in constant time. Either failing gives the
 * same 403 page. The sign-in form, which has no session yet, uses a token kept in a cookie
 * instead (signin.tsx).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import type { DeskEnv } from './context';
import { refusal } from './pages/errors';
import { tokensEqual } from './tokens';

const sameOrigin = csrf();

/** True when the request came from a page of Loket itself (hono/csrf's Origin and Sec-Fetch-Site check). */
export async function fromOwnPage(c: Context): Promise<boolean> {
  try {
    await sameOrigin(c, async () => {});
    return true;
  } catch (err) {
    if (err instanceof HTTPException && err.status === 403) return false;
    throw err;
  }
}

/** The form token the request carries; the body is parsed once and kept for the handler. */
export async function givenToken(c: Context): Promise<string | undefined> {
  const header = c.req.header('x-csrf-token');
  if (header) return header;
  const type = c.req.header('content-type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) return undefined;
  const field = (await c.req.parseBody())['_csrf'];
  return typeof field === 'string' ? field : undefined;
}

/** After requireStaff: every request that is not a page view must carry the session's token. */
export const requireFormToken: MiddlewareHandler<DeskEnv> = async (c, next) => {
  if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return next();
  const staff = c.get('staff');
  if (!staff || !(await fromOwnPage(c)) || !tokensEqual(await givenToken(c), staff.csrf)) return refusal('form');
  await next();
};
