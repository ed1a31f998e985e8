import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app';
import { useFreshDatabase } from '../support/fresh-database';

useFreshDatabase();

describe('GET /health', () => {
  it('answers 200 with the state of D1, R2 and the queue', async () => {
    const res = await exports.default.fetch('http://loket.test/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({
      status: 'ok',
      environment: 'local',
      checks: {
        d1: { ok: true, detail: '0 kelurahan' },
        r2: { ok: true },
        queue: { ok: true, detail: 'producer bound' },
      },
    });
  });

  it('answers 503 and says which part failed when D1 is unreachable', async () => {
    const brokenDb = {
      prepare: () => {
        throw new Error('D1 unavailable');
      },
    } as unknown as D1Database;
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await createApp().request('/health', {}, { ...env, DB: brokenDb });
    expect(JSON.parse(String(errors.mock.calls[0]![0]))).toMatchObject({ msg: 'health.probe_failed', probe: 'd1', error: { error: 'Error' } });
    errors.mockRestore();
    expect(res.status).toBe(503);
    const body = await res.json<{ status: string; checks: { d1: unknown; r2: unknown } }>();
    expect(body.status).toBe('degraded');
    expect(body.checks.d1).toEqual({ ok: false, error: 'unavailable' });
    expect(body.checks.r2).toEqual({ ok: true });
  });

  it('answers unknown paths with a JSON 404', async () => {
    const res = await exports.default.fetch('http://loket.test/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'not_found' });
  });
});
