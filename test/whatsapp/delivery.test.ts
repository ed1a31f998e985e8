/**
 * Nothing Loket writes to someone is lost or sent twice: provider outages of hours, throttling,
 * hung connections and long texts whose second part failed, played against the fake Graph API
 * with the clock, the queue and the cron driven by the test.
 */
import { loketTemplate } from '../../src/whatsapp-templates';
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GRAPH_CALL_TIMEOUT_MS } from '../../adapters/whatsapp/client';
import { whatsappSender } from '../../adapters/whatsapp/sender';
import { clearChannelCaches } from '../../src/channels';
import { SequentialIds } from '../../src/framework/ports';
import { CLAIM_TTL_MS, deliverOutbox } from '../../src/jobs/deliver';
import { useFreshDatabase } from '../support/fresh-database';
import { QueueClock } from '../support/queue-clock';
import { MONDAY_10_WIB, recorded, seed, testEnv } from '../support/simulator';
import { envelope, FakeGraph, post, shown, wa } from '../support/whatsapp';

useFreshDatabase();
const graph = new FakeGraph();
const SITI = '6281234500001';
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
let clock: QueueClock;

beforeEach(async () => {
  await seed();
  clearChannelCaches();
  graph.calls = [];
  graph.failNext = [];
  graph.answer = null;
  graph.install();
  clock = new QueueClock(MONDAY_10_WIB);
  // The longest waits backoff allows, so "arrives within" holds for every draw of the jitter.
  vi.spyOn(Math, 'random').mockReturnValue(0.999);
  // Days of cron ticks and retries log a line each; only their effects matter here.
  for (const level of ['log', 'warn', 'error'] as const) vi.spyOn(console, level).mockImplementation(() => {});
  // Siti writes first, so her 24-hour window is open and texts go out as they are.
  expect((await post(envelope({ messages: [wa.text(SITI, 'halo')] }, { waId: SITI, name: 'Siti' }))).status).toBe(200);
  await clock.runUntil(clock.now + 1000);
  graph.calls = [];
});
afterEach(() => vi.restoreAllMocks());

const down = { code: 2, status: 503 };
const delivered = () => graph.deliveredTo(SITI).map(shown);
const row = (id: string) => env.DB.prepare('SELECT status, attempts, parts_sent, last_error, not_before FROM outbox WHERE id = ?1').bind(id).first();

describe('a provider outage', () => {
  it('is outlasted: the message is retried for hours and arrives exactly once, within the hour after recovery', async () => {
    const recovers = clock.now + 5 * HOUR;
    graph.answer = () => (Date.now() < recovers ? down : null);
    const id = await queueText('Berkas KTP-2611-0001 sudah diperiksa Ketua RT.');
    await clock.runUntil(recovers - 1);
    expect(delivered()).toEqual([]);
    expect(await row(id)).toMatchObject({ status: 'pending', last_error: expect.stringContaining('503') });
    // Tried on, but not hammered: far fewer tries than one every five minutes.
    expect(graph.sentTo(SITI).length).toBeLessThan(30);
    await clock.runUntil(recovers + HOUR + 15 * MIN);
    expect(delivered()).toEqual(['Berkas KTP-2611-0001 sudah diperiksa Ketua RT.']);
    await clock.runUntil(recovers + 6 * HOUR);
    expect(delivered()).toEqual(['Berkas KTP-2611-0001 sudah diperiksa Ketua RT.']);
    expect(await row(id)).toMatchObject({ status: 'sent', last_error: null });
    expect(clock.deadLettered).toEqual([]);
  });

  it('that lasts 7 days fails the message and tells the RT chair what did not arrive, to whom (masked)', { timeout: 20_000 }, async () => {
    // A tick an hour keeps seven days quick: a row waits up to an hour between tries anyway.
    clock = new QueueClock(clock.now, HOUR);
    graph.answer = (m) => (m.to === SITI ? down : null);
    const caseId = await caseInHasansRt();
    const id = await queueText('Berkas KTP-2611-0009 sudah diperiksa Ketua RT.', caseId);
    await clock.runUntil(MONDAY_10_WIB + 7 * DAY - HOUR);
    expect(await row(id)).toMatchObject({ status: 'pending' });
    expect(await noticesTo('628990000203')).toEqual([]);
    await clock.runUntil(MONDAY_10_WIB + 7 * DAY + HOUR);
    expect(delivered()).toEqual([]);
    expect(await row(id)).toMatchObject({ status: 'failed', last_error: expect.stringMatching(/^gave up after \d+ attempts/) });
    const notices = await noticesTo('628990000203');
    expect(notices).toEqual([
      'Pesan dari Loket untuk nomor 0812****001 (berkas KTP-2611-0009) tidak terkirim, walaupun Loket sudah mencoba selama 7 hari sejak Senin, 30 November 2026.\n' +
        'Mohon kabari orangnya langsung, dan minta ia mengetik "status" di chat Loket.',
    ]);
    expect(await env.DB.prepare("SELECT status FROM outbox WHERE payload LIKE '%0812****001%'").first()).toEqual({ status: 'sent' });
    expect(await env.DB.prepare("SELECT count(*) AS n FROM case_events WHERE kind = 'delivery_failed'").first()).toEqual({ n: 1 });
    expect(clock.deadLettered).toEqual([]);
  });

  it('tells staff when the message had no RT chair to tell', async () => {
    await env.DB.prepare("UPDATE staff_users SET identity_id = 'identity-sim-' || (SELECT chair_person_id FROM rt LIMIT 1)").run();
    const staffNumber = (await env.DB.prepare('SELECT ci.external_id FROM staff_users s JOIN channel_identities ci ON ci.id = s.identity_id').first<{ external_id: string }>())!.external_id;
    graph.answer = () => down;
    const id = await queueText('Halo', null, clock.now - 7 * DAY + 30 * MIN);
    await clock.runUntil(clock.now + 2 * HOUR);
    expect(await row(id)).toMatchObject({ status: 'failed' });
    expect(await noticesTo(staffNumber)).toEqual([expect.stringMatching(/^Pesan dari Loket untuk nomor 0812\*\*\*\*001 tidak terkirim, walaupun Loket sudah mencoba selama 7 hari sejak Senin, 23 November 2026\./)]);
  });
});

describe('throttling', () => {
  it('waits and retries each throttled message through the queue: each arrives once, within minutes', async () => {
    let throttled = 0;
    graph.answer = () => (throttled++ < 4 ? { code: 130429, status: 429 } : null);
    const ids = [await queueText('Satu'), await queueText('Dua'), await queueText('Tiga')];
    await clock.runUntil(clock.now + 1000);
    // A throttled row records the error and the time of its next try, which is not yet.
    const first = (await row(ids[0]!)) as { status: string; last_error: string; not_before: number };
    expect(first).toMatchObject({ status: 'pending', last_error: expect.stringContaining('130429') });
    expect(first.not_before).toBeGreaterThan(clock.now);
    await clock.runUntil(clock.now + 5 * MIN);
    expect(delivered().sort()).toEqual(['Dua', 'Satu', 'Tiga']);
    expect(clock.cronRuns).toBe(0);
    await clock.runUntil(clock.now + HOUR);
    expect(delivered().sort()).toEqual(['Dua', 'Satu', 'Tiga']);
    expect(clock.deadLettered).toEqual([]);
  });
});

describe('a hung provider', () => {
  it('is given up on within the call timeout: the row is released for a retry, never taken over while the call hangs', async () => {
    expect(GRAPH_CALL_TIMEOUT_MS).toBeLessThan(CLAIM_TTL_MS);
    const sender = whatsappSender({
      now: () => Date.now(),
      account: async () => ({ phoneNumberId: env.WHATSAPP_PHONE_NUMBER_ID, name: 'Bukit Sangkal' }),
    template: loketTemplate,
      log: () => {},
      callTimeoutMs: 50,
    });
    const deps = { senders: { whatsapp: sender }, clock: { now: () => Date.now() }, ids: new SequentialIds(), random: () => 0.5 };
    let hang = true;
    graph.answer = () => (hang ? 'hang' : null);
    const id = await queueText('Halo');
    const started = performance.now();
    const outcome = await deliverOutbox(testEnv(), id, deps);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(outcome.retryAfterSeconds).toBeGreaterThan(0);
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 1, last_error: 'provider call timed out after 50 ms' });
    hang = false;
    await deliverOutbox(testEnv(), id, deps);
    await deliverOutbox(testEnv(), id, deps);
    expect(delivered()).toEqual(['Halo']);
    expect(await row(id)).toMatchObject({ status: 'sent' });
  });
});

describe('a long text in parts', () => {
  it('sends only the missing part when part 2 failed once: part 1 arrives exactly once', async () => {
    const long = Array.from({ length: 700 }, (_, i) => `baris ${i}`).join('\n');
    let failedOnce = false;
    graph.answer = (m) => {
      const body = (m.text as { body: string } | undefined)?.body ?? '';
      if (body.startsWith('baris 0\n') || failedOnce) return null;
      failedOnce = true;
      return down;
    };
    const id = await queueText(long);
    await clock.runUntil(clock.now + 10 * MIN);
    const parts = delivered();
    expect(failedOnce).toBe(true);
    expect(parts).toHaveLength(2);
    expect(parts.join('\n')).toBe(long);
    expect(await row(id)).toMatchObject({ status: 'sent', parts_sent: 2 });
  });
});

/** An outbox row to Siti on WhatsApp, nudged as the pipeline would nudge it. */
async function queueText(text: string, caseId: string | null = null, at = clock.now): Promise<string> {
  const id = crypto.randomUUID();
  await env.DB.prepare(
    `INSERT INTO outbox (id, kelurahan_id, identity_id, case_id, payload, not_before, created_at, updated_at)
     SELECT ?1, 'kel-bukit-sangkal', id, ?2, ?3, ?4, ?4, ?4 FROM channel_identities WHERE channel = 'whatsapp' AND external_id = ?5`,
  )
    .bind(id, caseId, JSON.stringify({ kind: 'text', text }), at, SITI)
    .run();
  recorded.push({ body: { type: 'deliver', outboxId: id } });
  return id;
}

/** Siti's case in RT 03/RW 02, whose chair is Bapak Hasan (628990000203, on the simulator). */
async function caseInHasansRt(): Promise<string> {
  await env.DB.prepare(
    `INSERT INTO cases (id, kelurahan_id, code, kind, service, state, applicant_person_id, rt_id, created_at, updated_at)
     SELECT 'c1', 'kel-bukit-sangkal', 'KTP-2611-0009', 'service', 'ktp', 'draft', ci.person_id,
       (SELECT rt.id FROM rt JOIN channel_identities h ON h.person_id = rt.chair_person_id WHERE h.external_id = '628990000203'), ?1, ?1
     FROM channel_identities ci WHERE ci.external_id = ?2`,
  )
    .bind(clock.now, SITI)
    .run();
  return 'c1';
}

async function noticesTo(externalId: string): Promise<string[]> {
  const rows = await env.DB.prepare(
    `SELECT o.payload FROM outbox o JOIN channel_identities ci ON ci.id = o.identity_id
     WHERE ci.external_id = ?1 AND o.payload LIKE '%tidak terkirim, walaupun%' ORDER BY o.created_at`,
  )
    .bind(externalId)
    .all<{ payload: string }>();
  return rows.results.map((r) => (JSON.parse(r.payload) as { text: string }).text);
}
