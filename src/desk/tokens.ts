/** Random tokens for sessions and forms, their stored hash, and a comparison that takes the same time whatever differs. */
import { cryptoRandom } from '../platform';

/** 32 random bytes (256 bits), base64url: a session id or a form token. */
export function newToken(): string {
  const bytes = cryptoRandom.bytes(32);
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Hex SHA-256: what D1 keeps of a session id. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Token comparison in constant time; lengths are not secret (every token has the same). */
export function tokensEqual(given: string | undefined, expected: string | undefined): boolean {
  if (!given || !expected) return false;
  const a = new TextEncoder().encode(given);
  const b = new TextEncoder().encode(expected);
  if (a.length !== b.length) return false;
  return crypto.subtle.timingSafeEqual(a, b);
}
