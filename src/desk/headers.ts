/**
 * Response headers of every desk page: never cached (pages hold personal data and a form token),
 * never framed (clickjacking of the action buttons), no script at all, forms only to Loket, and
 * no Referer (paths carry case codes and the `next` of the sign-in).
 */
import type { MiddlewareHandler } from 'hono';

export const DESK_HEADERS: Record<string, string> = {
  'cache-control': 'no-store',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex',
};

export const deskHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  for (const [name, value] of Object.entries(DESK_HEADERS)) c.res.headers.set(name, value);
};
