/**
 * Nothing wakes an RT chair ([8] item 6): what a resident does at night (applying, cancelling)
 * reaches the chair at 07:00, through the outbox and the cron; the resident is answered at once.
 * By day the chair hears at once. Through the simulator pipeline.
 */
import { createScheduledController, env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runScheduled } from '../../src/jobs/scheduled';
import { completeApplication } from '../support/apply-helper';
import { useFreshDatabase } from '../support/fresh-database';
import { choice, drainQueue, seed, setClock, SimPerson, testEnv, text } from '../support/simulator';

useFreshDatabase();
beforeEach(seed);
afterEach(() => vi.restoreAllMocks());

const wib = (iso: string) => Date.parse(`${iso}:00+07:00`);
/** The 15-minute cron at `at`, with the queue's consumer running at that time too. */
async function tickAt(at: number): Promise<void> {
  setClock(at);
  vi.spyOn(Date, 'now').mockImplementation(() => at);
  try {
    await runScheduled(createScheduledController({ cron: '*/15 * * * *', scheduledTime: at }), testEnv());
  } finally {
    vi.mocked(Date.now).mockRestore();
  }
  await drainQueue();
}

describe('an RT chair at night', () => {
  it('gets a request made at 23:00 at 07:00 the next morning, not before', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    const hasan = new SimPerson('628990000203', 'Bapak Hasan');
    setClock(wib('2026-11-30T23:00'));
    // The resident is answered at once (completeApplication reads her case code from the reply).
    const code = await completeApplication(siti, 'ktp');
    await drainQueue();
    expect(await hasan.replies()).toEqual([]);
    const held = await env.DB.prepare("SELECT status, not_before FROM outbox o JOIN channel_identities i ON i.id = o.identity_id WHERE i.external_id = '628990000203'").first();
    expect(held).toEqual({ status: 'pending', not_before: wib('2026-12-01T07:00') });

    await tickAt(wib('2026-12-01T06:45'));
    expect(await hasan.replies()).toEqual([]);
    await tickAt(wib('2026-12-01T07:00'));
    const card = text(await hasan.replies());
    expect(card).toContain('Permintaan surat pengantar');
    expect(card).toContain(code);
  });

  it('hears of a cancelling at 22:00 in the morning, and by day at once', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    const hasan = new SimPerson('628990000203', 'Bapak Hasan');
    const code = await completeApplication(siti, 'ktp');
    await drainQueue();
    expect(text(await hasan.replies())).toContain('Permintaan surat pengantar');
    setClock(wib('2026-11-30T22:00'));
    let r = await siti.say('menu');
    r = await siti.press(choice(r, 'Batalkan berkas'));
    r = await siti.say('1');
    r = await siti.press(choice(r, 'Ya, batalkan'));
    expect(text(r)).toBe(`Berkas ${code} sudah dibatalkan.`);
    await drainQueue();
    expect(await hasan.replies()).toEqual([]);
    await tickAt(wib('2026-12-01T07:00'));
    expect(text(await hasan.replies())).toBe(`Berkas ${code} (Siti Aminah) sudah dibatalkan. Bapak tidak perlu menjawabnya lagi. Terima kasih.`);
  });
});
