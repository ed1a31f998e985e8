/**
 * Where the sign-in sends the staff member afterwards. Only a path of the desk itself is
 * followed: anything else (another site, `//host`, `/\host`, a scheme) would make the sign-in
 * page an open redirect that lends Loket's name to a phishing link.
 */
import { isDeskPath } from './context';

export const DESK_HOME = '/status';
const BASE = 'https://loket.invalid';

export function safeNext(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > 512 || !raw.startsWith('/') || /[\\\u0000-\u001f\u007f]/.test(raw)) return DESK_HOME;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return DESK_HOME;
  }
  if (url.origin !== BASE || !isDeskPath(url.pathname)) return DESK_HOME;
  return `${url.pathname}${url.search}`;
}

/** The sign-in page that comes back to `path` afterwards. */
export function loginHref(path: string): string {
  return `/login?next=${encodeURIComponent(safeNext(path))}`;
}
