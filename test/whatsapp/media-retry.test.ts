import { createScheduledController, env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearChannelCaches, mediaSources } from '../../src/channels';
import { fetchMedia } from '../../src/jobs/fetch-media';
import { MEDIA_FETCH_MAX_ATTEMPTS, MEDIA_FETCH_TIMEOUT_MS, mediaRetryAfterMs } from '../../src/jobs/media-retry';
import { runScheduled } from '../../src/jobs/scheduled';
import { useFreshDatabase } from '../support/fresh-database';
import { drainQueue, seed, testEnv } from '../support/simulator';
import { envelope, FakeGraph, post, wa } from '../support/whatsapp';

useFreshDatabase();
const graph = new FakeGraph();
const SITI = '6281234500001';
const MINUTE = 60_000;

/** What the fake provider does with a media lookup: answer, fail with 503, or never answer. */
let provider: 'ok' | 'down' | 'hang' = 'ok';
let lookups = 0;

beforeEach(async () => {
  await seed();
  clearChannelCaches();
  graph.calls = [];
  graph.media.clear();
  graph.install();
  provider = 'ok';
  lookups = 0;
  const fake = vi.mocked(globalThis.fetch).getMockImplementation()!;
  vi.mocked(globalThis.fetch).mockImplementation(async (input, init) => {
    const url = new URL(new Request(input as RequestInfo, init).url);
    if (url.pathname.endsWith('/media.in.kk')) {
      lookups++;
      if (provider === 'down') return Response.json({ error: { code: 2, message: 'Service temporarily unavailable' } }, { status: 503 });
      if (provider === 'hang') return new Promise<Response>(() => {});
    }
    return fake(input, init);
  });
  const res = await post(envelope({ messages: [wa.text(SITI, 'halo')] }, { waId: SITI, name: 'Siti' }));
  expect(res.status).toBe(200);
  await drainQueue();
});
afterEach(() => vi.restoreAllMocks());

/** A draft of Siti's with one scan announced by WhatsApp and not fetched yet. */
async function pendingScan(createdAt: number): Promise<string> {
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO cases (id, kelurahan_id, code, kind, service, state, applicant_person_id, created_at, updated_at) SELECT 'c1', 'kel-bukit-sangkal', 'KTP-2611-0009', 'service', 'ktp', 'draft', person_id, ?2, ?2 FROM channel_identities WHERE external_id = ?1",
    ).bind(SITI, createdAt),
    env.DB.prepare(
      "INSERT INTO case_documents (id, kelurahan_id, case_id, requirement, status, source_channel, source_ref, r2_key, content_type, created_at) VALUES ('d1', 'kel-bukit-sangkal', 'c1', 'kk_copy', 'pending', 'whatsapp', 'media.in.kk', 'scans/k/c1/d1', 'image/jpeg', ?1)",
    ).bind(createdAt),
  ]);
  return 'd1';
}

const doc = () => env.DB.prepare("SELECT status, attempts, reject_reason FROM case_documents WHERE id = 'd1'").first();
const toldSiti = async () =>
  (await env.DB.prepare("SELECT o.payload FROM outbox o JOIN channel_identities ci ON ci.id = o.identity_id WHERE ci.external_id = ?1 AND o.case_id = 'c1'").bind(SITI).all<{ payload: string }>()).results.map(
    (r) => (JSON.parse(r.payload) as { text: string }).text,
  );
let n = 0;
const newId = () => `id-${++n}`;

describe('media downloads have a timeout', () => {
  it('is shorter than the wait before a fetch may start again', () => {
    expect(MEDIA_FETCH_TIMEOUT_MS).toBeLessThan(mediaRetryAfterMs(1));
  });

  it('a hanging provider ends the try, the scan stays pending for a later one, and a running fetch is not started twice', async () => {
    const now = Date.now();
    await pendingScan(now - 60 * MINUTE);
    provider = 'hang';
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const first = fetchMedia(testEnv(), 'd1', mediaSources, now, newId, { timeoutMs: 300 });
    await vi.waitFor(() => expect(lookups).toBe(1));
    // A second nudge while the first still waits on the provider: nothing is started.
    expect(await fetchMedia(testEnv(), 'd1', mediaSources, now + 1000, newId, { timeoutMs: 300 })).toEqual([]);
    expect(await first).toEqual([]);
    expect(lookups).toBe(1);
    expect(await doc()).toEqual({ status: 'pending', attempts: 1, reject_reason: null });
    expect(await toldSiti()).toEqual([]);
  });

  it('the last try timing out marks the scan failed and tells the resident which one to resend', async () => {
    const now = Date.now();
    await pendingScan(now - 5 * 3600_000);
    await env.DB.prepare("UPDATE case_documents SET attempts = ?1, last_attempt_at = ?2 WHERE id = 'd1'").bind(MEDIA_FETCH_MAX_ATTEMPTS - 1, now - 3 * 3600_000).run();
    provider = 'hang';
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await fetchMedia(testEnv(), 'd1', mediaSources, now, newId, { timeoutMs: 50 });
    expect(await doc()).toEqual({ status: 'failed', attempts: MEDIA_FETCH_MAX_ATTEMPTS, reject_reason: 'timeout' });
    expect(await toldSiti()).toEqual([
      'Maaf, Fotokopi KK yang Bapak/Ibu kirim tidak sampai ke kami, walau sudah beberapa kali kami coba.\nSilakan kirim lagi Fotokopi KK di chat ini. Tidak perlu mengulang dari awal.',
    ]);
  });
});

describe('a scan WhatsApp no longer has', () => {
  it('fails at once (no retry can bring it back) and the resident is told; a 503 is tried again later', async () => {
    const now = Date.now();
    await pendingScan(now);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    provider = 'down';
    await fetchMedia(testEnv(), 'd1', mediaSources, now, newId);
    expect(await doc()).toEqual({ status: 'pending', attempts: 1, reject_reason: null });
    expect(await toldSiti()).toEqual([]);

    provider = 'ok'; // the fake Graph API answers 404 for a media id it does not hold
    await fetchMedia(testEnv(), 'd1', mediaSources, now + 3600_000, newId);
    expect(await doc()).toEqual({ status: 'failed', attempts: 2, reject_reason: 'gone' });
    expect((await toldSiti())[0]).toContain('Maaf, Fotokopi KK yang Bapak/Ibu kirim tidak sampai ke kami.\nSilakan kirim lagi');
  });
});

describe('the cron re-queues a scan with a bounded, capped backoff', () => {
  it('a scan whose last try never ended (its Worker stopped) is given up on without asking the provider again', async () => {
    const now = Date.now();
    await pendingScan(now - 5 * 3600_000);
    await env.DB.prepare("UPDATE case_documents SET attempts = ?1, last_attempt_at = ?2 WHERE id = 'd1'").bind(MEDIA_FETCH_MAX_ATTEMPTS, now - 3 * 3600_000).run();
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    await runScheduled(createScheduledController({ cron: '*/15 * * * *', scheduledTime: now }), testEnv());
    await drainQueue();
    expect(lookups).toBe(0);
    expect((await doc())!.status).toBe('failed');
    expect(await toldSiti()).toHaveLength(1);
  });


  it('stops after the last attempt, marks the scan failed and tells the resident once', async () => {
    const start = Date.now();
    await pendingScan(start - 60 * MINUTE);
    provider = 'down';
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(console, 'log').mockImplementation(() => {});
    let clock = start;
    vi.spyOn(Date, 'now').mockImplementation(() => clock);
    const triedAtTick: number[] = [];
    // Two days of 15-minute ticks, the queue run after each.
    for (let tick = 0; tick < 2 * 96; tick++) {
      clock = start + tick * 15 * MINUTE;
      const before = lookups;
      await runScheduled(createScheduledController({ cron: '*/15 * * * *', scheduledTime: clock }), testEnv());
      await drainQueue();
      if (lookups > before) triedAtTick.push(tick);
    }
    expect(triedAtTick.length).toBe(MEDIA_FETCH_MAX_ATTEMPTS);
    expect(lookups).toBe(MEDIA_FETCH_MAX_ATTEMPTS);
    // Backoff: the waits between tries never shrink, and grow.
    const gaps = triedAtTick.slice(1).map((t, i) => t - triedAtTick[i]!);
    expect(gaps).toEqual([...gaps].sort((a, b) => a - b));
    expect(gaps.at(-1)!).toBeGreaterThan(gaps[0]!);
    // Given up within the day, not after two.
    expect(triedAtTick.at(-1)!).toBeLessThan(96);
    expect(await doc()).toEqual({ status: 'failed', attempts: MEDIA_FETCH_MAX_ATTEMPTS, reject_reason: 'provider_error' });
    const told = await toldSiti();
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('Maaf, Fotokopi KK yang Bapak/Ibu kirim tidak sampai ke kami, walau sudah beberapa kali kami coba.');
  });
});
