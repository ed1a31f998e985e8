/**
 * The ports through which the pure core receives what is not pure: the current time, new ids
 * and randomness. Workers code passes real ones; tests pass fixed ones, so every domain result
 * is reproducible.
 */

/** Milliseconds since the Unix epoch (UTC). Time zones are applied by the calendar, never here. */
export type Instant = number;

export interface Clock {
  now(): Instant;
}

export interface IdSource {
  /** A fresh opaque id, unique across the whole deployment. */
  newId(): string;
}

export interface RandomSource {
  /** `length` uniformly random bytes. */
  bytes(length: number): Uint8Array;
}

/** A clock that stands still until moved: for tests and for the simulator's time travel. */
export class FixedClock implements Clock {
  constructor(private current: Instant) {}
  now(): Instant {
    return this.current;
  }
  set(at: Instant): void {
    this.current = at;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/** Ids `prefix-1`, `prefix-2`, ... in order: readable and stable in test assertions. */
export class SequentialIds implements IdSource {
  private next = 1;
  constructor(private readonly prefix = 'id') {}
  newId(): string {
    return `${this.prefix}-${this.next++}`;
  }
}
