/**
 * GET /health: whether the Worker can reach what it needs. D1 is asked for real (and whether
 * the migrations have been applied), R2 is asked for an object head, the queue producer can
 * only be checked for presence: a probe message would be delivered to the consumer.
 */
import { Hono } from 'hono';
import { dbOf } from '../db/client';
import { countKelurahan } from '../db/kelurahan';
import { log } from '../framework/log';

type Probe = { ok: true; detail?: string } | { ok: false; error: string };

async function probe(name: string, run: () => Promise<string | undefined>): Promise<Probe> {
  try {
    const detail = await run();
    return detail === undefined ? { ok: true } : { ok: true, detail };
  } catch (err) {
    // The public answer says what is down, not why: error text can name internals.
    log.error('health.probe_failed', { probe: name, error: err });
    return { ok: false, error: 'unavailable' };
  }
}

export const health = new Hono<{ Bindings: Env }>().get('/', async (c) => {
  const [d1, r2] = await Promise.all([
    probe('d1', async () => {
      const row = await countKelurahan(dbOf(c.env.DB)).get();
      return `${row?.n ?? 0} kelurahan`;
    }),
    probe('r2', async () => {
      await c.env.SCANS.head('health/probe');
      return undefined;
    }),
  ]);
  const queue: Probe =
    typeof c.env.OUTBOX?.send === 'function' ? { ok: true, detail: 'producer bound' } : { ok: false, error: 'OUTBOX not bound' };
  const ok = d1.ok && r2.ok && queue.ok;
  return c.json(
    { status: ok ? 'ok' : 'degraded', environment: c.env.LOKET_ENV, checks: { d1, r2, queue } },
    ok ? 200 : 503,
    { 'cache-control': 'no-store' },
  );
});
