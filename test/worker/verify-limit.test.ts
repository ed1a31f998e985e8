import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { clientKey, VERIFY_LIMIT } from '../../src/routes/verify-limit';
import { testEnv } from '../support/simulator';

const app = createApp();
const ask = (ip: string, env: Env = testEnv(), code = 'ABCD-EFGH-JKMN') => app.request(`/verify/${code}`, { headers: { 'cf-connecting-ip': ip } }, env);

async function burst(ip: string, n: number, env?: Env): Promise<Response[]> {
  const out: Response[] = [];
  for (let i = 0; i < n; i++) out.push(await ask(ip, env));
  return out;
}

describe('/verify is rate limited per client', () => {
  it('answers a client that asks too often with a 429 page, through the rate-limiting binding', async () => {
    expect(typeof testEnv().VERIFY_LIMITER.limit).toBe('function');
    // Twice the limit and one span at most two of the binding's one-minute windows: one is refused.
    const res = await burst('203.0.113.7', 2 * VERIFY_LIMIT + 1);
    const refused = res.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(res.filter((r) => r.status === 404).length).toBeGreaterThanOrEqual(VERIFY_LIMIT);
    expect(refused[0]!.headers.get('retry-after')).toBe('60');
    expect(refused[0]!.headers.get('content-type')).toContain('text/html');
    expect(await refused[0]!.text()).toContain('Terlalu banyak permintaan');
    // Someone else is not affected.
    expect((await ask('203.0.113.8')).status).toBe(404);
  });

  it('falls back to a window kept in the Worker when the binding is missing', async () => {
    const env = { ...testEnv(), VERIFY_LIMITER: undefined } as unknown as Env;
    const res = await burst('198.51.100.1', VERIFY_LIMIT + 1, env);
    expect(res.slice(0, VERIFY_LIMIT).map((r) => r.status)).toEqual(Array(VERIFY_LIMIT).fill(404));
    expect(res[VERIFY_LIMIT]!.status).toBe(429);
  });

  it('falls back as well when the binding fails', async () => {
    const failing = { limit: () => Promise.reject(new Error('unavailable')) } as unknown as RateLimit;
    const env = { ...testEnv(), VERIFY_LIMITER: failing };
    const res = await burst('198.51.100.2', VERIFY_LIMIT + 1, env);
    expect(res[VERIFY_LIMIT - 1]!.status).toBe(404);
    expect(res[VERIFY_LIMIT]!.status).toBe(429);
  });

  it('counts an IPv6 client by its /64, so rotating addresses inside it does not help', async () => {
    expect(clientKey('2001:db8:1:2:aaaa::1')).toBe(clientKey('2001:0db8:0001:0002:bbbb:cccc:dddd:eeee'));
    expect(clientKey('2001:db8:1:2::1')).not.toBe(clientKey('2001:db8:1:3::1'));
    const env = { ...testEnv(), VERIFY_LIMITER: undefined } as unknown as Env;
    for (let i = 0; i < VERIFY_LIMIT; i++) expect((await ask(`2001:db8:9:9::${i.toString(16)}`, env)).status).toBe(404);
    expect((await ask('2001:db8:9:9:ffff::1', env)).status).toBe(429);
  });
});
