/**
 * Fixed-window throttling, pure: a stored row (the window's start and its count) and the time
 * say how many attempts this window has seen. The store keeps the same rule in its upsert; a new
 * window starts once the old one is `windowMs` old.
 */
import type { Instant } from '../framework/ports';

export interface ThrottlePolicy {
  /** Attempts allowed in one window; the next one is refused. */
  limit: number;
  windowMs: number;
}

export interface ThrottleRow {
  windowStart: Instant;
  count: number;
}

/** Attempts counted in the window that is open at `now`. */
export function attemptsInWindow(row: ThrottleRow | null, now: Instant, policy: ThrottlePolicy): number {
  if (!row || now - row.windowStart >= policy.windowMs) return 0;
  return row.count;
}

export function isThrottled(row: ThrottleRow | null, now: Instant, policy: ThrottlePolicy): boolean {
  return attemptsInWindow(row, now, policy) >= policy.limit;
}
