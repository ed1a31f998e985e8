import { describe, expect, it } from 'vitest';
import { attemptsInWindow, isThrottled } from '../../src/domain/throttle';

const policy = { limit: 3, windowMs: 60_000 };

describe('fixed-window throttle', () => {
  it('counts attempts only inside the open window', () => {
    expect(attemptsInWindow(null, 1_000, policy)).toBe(0);
    expect(attemptsInWindow({ windowStart: 1_000, count: 2 }, 60_999, policy)).toBe(2);
    expect(attemptsInWindow({ windowStart: 1_000, count: 2 }, 61_000, policy)).toBe(0);
  });

  it('refuses from the limit on, and again after the window has passed', () => {
    expect(isThrottled({ windowStart: 0, count: 2 }, 10, policy)).toBe(false);
    expect(isThrottled({ windowStart: 0, count: 3 }, 10, policy)).toBe(true);
    expect(isThrottled({ windowStart: 0, count: 30 }, 60_000, policy)).toBe(false);
  });
});
