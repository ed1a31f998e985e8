/**
 * How often one client may ask /verify: through the Workers rate-limiting binding (counted per
 * Cloudflare location), and when the binding is missing or fails, through a fixed window kept in
 * this isolate, so that the page is never left unlimited. The numbers match wrangler.toml.
 */
import { log } from '../framework/log';

/**
 * Many Indonesian mobile users share one address behind carrier NAT, and an office checks many
 * letters at once; with 60-bit codes, guessing is hopeless even at this pace.
 */
export const VERIFY_LIMIT = 60;
export const VERIFY_PERIOD_MS = 60_000;
/** Beyond this many clients the oldest windows are dropped: memory stays bounded under a flood. */
const MAX_TRACKED = 10_000;

export type Windows = Map<string, { start: number; count: number }>;
const windows: Windows = new Map();

/** The client as counted: its address, an IPv6 address by its /64 (one subscriber's block). */
export function clientKey(ip: string | undefined | null): string {
  if (!ip) return 'unknown';
  if (!ip.includes(':')) return ip;
  const [head = '', tail] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/** A fixed window per key that starts with its first request. */
export function withinLocalLimit(key: string, now: number, table: Windows = windows, limit = VERIFY_LIMIT, periodMs = VERIFY_PERIOD_MS): boolean {
  let w = table.get(key);
  if (!w || now - w.start >= periodMs) {
    if (!w && table.size >= MAX_TRACKED) {
      for (const [k, v] of table) if (now - v.start >= periodMs) table.delete(k);
      // Still full of live windows: the oldest go first (a Map keeps insertion order).
      for (const k of table.keys()) {
        if (table.size < MAX_TRACKED) break;
        table.delete(k);
      }
    }
    w = { start: now, count: 0 };
    table.delete(key);
    table.set(key, w);
  }
  w.count++;
  return w.count <= limit;
}

export async function allowVerify(limiter: RateLimit | undefined, key: string, now: number): Promise<boolean> {
  if (limiter) {
    try {
      return (await limiter.limit({ key })).success;
    } catch (err) {
      log.warn('verify.rate_limit_unavailable', { error: err instanceof Error ? err.name : typeof err });
    }
  }
  return withinLocalLimit(key, now);
}
