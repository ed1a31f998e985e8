/**
 * The desk's cookies. Outside localhost they are Secure and carry the `__Host-` prefix, which a
 * browser accepts only from this exact host over HTTPS, on path /: a sibling subdomain cannot
 * plant one (session fixation, or a login form token of its choosing). On localhost (npm start,
 * plain HTTP) they are neither, or the browser would drop them.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isSecureRequest(c: Context): boolean {
  const url = new URL(c.req.url);
  if (url.protocol === 'https:') return true;
  return !(LOCAL_HOSTS.has(url.hostname) || url.hostname.endsWith('.localhost'));
}

const prefixFor = (c: Context) => (isSecureRequest(c) ? ('host' as const) : undefined);

export function readCookie(c: Context, name: string): string | undefined {
  return getCookie(c, name, prefixFor(c));
}

export function writeCookie(c: Context, name: string, value: string, maxAgeSeconds: number): void {
  setCookie(c, name, value, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: isSecureRequest(c),
    maxAge: maxAgeSeconds,
    prefix: prefixFor(c),
  });
}

export function clearCookie(c: Context, name: string): void {
  deleteCookie(c, name, { path: '/', httpOnly: true, sameSite: 'Lax', secure: isSecureRequest(c), prefix: prefixFor(c) });
}
