/** The bench's D1 counter (src/db/round-trips.ts): one per trip, and invisible unless switched on. */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { countingEnv, roundTrips } from '../../src/db/round-trips';
import { testEnv } from '../support/simulator';

describe('the D1 round-trip counter', () => {
  it('hands the binding on untouched unless COUNT_D1 is "true"', () => {
    const plain = testEnv();
    expect(countingEnv(plain, 'fetch')).toBe(plain);
  });

  it('counts a batch once, each statement call once, under its entry, and the batch still runs', async () => {
    const counted = countingEnv({ ...testEnv(), COUNT_D1: 'true' } as Env, 'queue');
    expect(counted.DB).not.toBe(env.DB);
    const before = roundTrips();
    const one = counted.DB.prepare('SELECT ? AS n');
    const results = await counted.DB.batch([one.bind(1), one.bind(2), counted.DB.prepare('SELECT 3 AS n')]);
    expect(results.map((r) => (r.results[0] as { n: number }).n)).toEqual([1, 2, 3]);
    expect(await counted.DB.prepare('SELECT ? AS n').bind(4).first('n')).toBe(4);
    await counted.DB.prepare('SELECT 5').all();
    const after = roundTrips();
    expect(after.queue - before.queue).toBe(3);
    expect(after.fetch - before.fetch).toBe(0);
    // The same wrapper every time, so drizzle's per-database statements are built once.
    expect(countingEnv({ ...testEnv(), COUNT_D1: 'true' } as Env, 'queue').DB).toBe(counted.DB);
  });
});
