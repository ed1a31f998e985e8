/**
 * The conversation as residents and RT chairs live it, walked on the simulator page: Siti sends a
 * voice note and is told who can type for her and the office's phone; she applies for a KTP and
 * is promised 3 working days after the approval; Bapak Hasan approves, and on day 2 types "rt"
 * to see what waits for him, finds her data wrong, and gets her typed correction back.
 *
 * The simulator's clock starts at 09:00 WIB on a working day two weeks back (only the simulator's
 * clock matters here: the desk is not part of this walk). Screenshots go to test-results/.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, expect, onTestFailed, test } from 'vitest';
import { addDays } from '../../src/domain/calendar';
import {
  applyForKtp,
  chairApprovesPengantar,
  launchChromium,
  openSimulator,
  ROOT,
  runCleanups,
  setSimulatorClock,
  soon,
  startLoket,
  STEP_TIMEOUT_MS,
  stopwatch,
} from './support';

afterAll(runCleanups);

const RESULTS = path.join(ROOT, 'test-results');

async function shot(page: Page, name: string): Promise<void> {
  await mkdir(RESULTS, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS, name), fullPage: true });
}

test('a voice note, the promise before the approval, "rt" and a typed correction, as the phones show them', { timeout: 180_000 }, async () => {
  const lap = stopwatch();
  const { base } = await startLoket();
  const context = await launchChromium();
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  onTestFailed(async () => {
    await shot(page, 'conversation-failed.png').catch(() => {});
  });

  // 09:00 WIB on a working day two weeks back: day 1 of the walk, whatever today is.
  const { startAt, day1 } = await setSimulatorClock(page, base);
  const { siti, hasan } = await openSimulator(page, base);
  lap(`simulator clock at ${new Date(startAt).toISOString()} (${day1}, next ${addDays(day1, 1)})`);
  lap(`simulator clock at ${new Date(startAt).toISOString()} (${day1}, next ${addDays(day1, 1)})`);

  // A voice note: Loket cannot listen, and says who can type for her and how to reach the office.
  await siti.say('halo');
  const beforeVoice = await siti.outgoing.count();
  await siti.root.getByRole('button', { name: 'Suara', exact: true }).click();
  await expect.poll(() => siti.textsFrom(beforeVoice), soon).toContain('0711-555-0123');
  lap('voice note answered');

  // The application: promised 3 working days after the chair's approval (asserted in applyForKtp).
  const code = await applyForKtp(siti, { waitForChecks: true, lap });
  await chairApprovesPengantar(page, base, { siti, hasan }, code);
  lap(`${code} approved`);

  // Now that Loket knows her RT, a voice note names her chair.
  const beforeNamed = await siti.outgoing.count();
  await siti.root.getByRole('button', { name: 'Suara', exact: true }).click();
  await expect.poll(() => siti.textsFrom(beforeNamed), soon).toContain('Bapak Hasan');
  await shot(page, 'conversation-voice.png');

  // Day 2: the scans reach Bapak Hasan; "rt" lists what waits for him, with its buttons.
  await page.getByRole('button', { name: '+1 hari', exact: true }).click();
  const verifyCards = hasan.outgoing.filter({ hasText: `Mohon periksa berkas ${code}` });
  await expect.poll(() => verifyCards.count(), soon).toBe(1);
  await hasan.say('rt');
  await expect.poll(() => verifyCards.count(), soon).toBe(2);
  await shot(page, 'conversation-rt.png');
  lap('"rt" listed the case');

  // Her data is wrong: she is asked to type it, and the chair gets the correction back.
  await hasan.choose('Tidak sah');
  await hasan.choose('Data pemohon');
  const beforeAsk = await siti.outgoing.count();
  await hasan.say('Nama belum lengkap');
  await expect.poll(() => siti.textsFrom(beforeAsk), soon).toContain('Ketik nama lengkap yang benar');
  await siti.say('Siti Aminah Lestari');
  const beforeCorrection = await hasan.outgoing.count();
  await siti.choose('Kirim ke Ketua RT');
  await expect.poll(() => hasan.textsFrom(beforeCorrection), soon).toContain('Nama sekarang: Siti Aminah Lestari (sebelumnya: Siti Aminah)');
  await shot(page, 'conversation-correction.png');
  lap('correction reached the chair');
});
