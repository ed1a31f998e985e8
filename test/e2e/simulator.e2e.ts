/**
 * End to end: Loket as `npm start` runs it (wrangler dev, local D1/R2/Queue, demo seed), driven
 * through the simulator page in Debian's Chromium with playwright-core. A resident applies for a
 * KTP by clicking and uploading, and her RT chair's phone receives the pengantar request.
 *
 * Loket runs on a free port with its own empty storage (`--persist-to` a temporary folder), in
 * its own process group, which is stopped as a whole afterwards.
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, expect, onTestFailed, test } from 'vitest';
import { applyForKtp, BUDI, chairApprovesPengantar, launchChromium, openSimulator, Phone, ROOT, runCleanups, setSimulatorClock, soon, STAFF, startLoket, STEP_TIMEOUT_MS, stopwatch } from './support';

const SCREENSHOT = path.join(ROOT, 'test-results', 'simulator-ktp.png');
const FAILURE_SCREENSHOT = path.join(ROOT, 'test-results', 'simulator-ktp-failed.png');

afterAll(runCleanups);

test('a resident applies for a KTP on the simulator page; her RT chair gets the pengantar request', async () => {
  const lap = stopwatch();
  await rm(FAILURE_SCREENSHOT, { force: true });

  // Fail, not skip, without Chromium: CI installs it, so its absence is a broken setup.
  const context = await launchChromium();
  lap('chromium launched');

  const { base } = await startLoket();
  lap('Loket running');

  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  onTestFailed(async () => {
    await mkdir(path.dirname(FAILURE_SCREENSHOT), { recursive: true });
    await page.screenshot({ path: FAILURE_SCREENSHOT, fullPage: true }).catch(() => {});
    console.error(`[e2e] the page at the failure: ${path.relative(ROOT, FAILURE_SCREENSHOT)}`);
  });

  // 09:00 WIB on a working day: after 20:00 WIB on the real clock Bapak Hasan's card would wait
  // for the morning.
  await setSimulatorClock(page, base);
  const { siti, hasan } = await openSimulator(page, base);
  // The staff member's phone, where escalations and the digest arrive, and the way to the desk.
  const staff = new Phone(page, STAFF);
  await expect.poll(async () => staff.root.locator('h2 select option:checked').innerText(), soon).toBe('Staf Pelayanan Bukit Sangkal (staf kelurahan)');
  const desk = page.getByRole('link', { name: 'Meja layanan staf' });
  expect([await desk.getAttribute('href'), await desk.getAttribute('target')]).toEqual(['/status', '_blank']);

  const code = await applyForKtp(siti, { waitForChecks: true, lap });
  lap(`submitted as ${code}`);

  await chairApprovesPengantar(page, base, { siti, hasan }, code);
  lap('letter filed and sent');

  // Budi applies for Siti: her phone shows his number masked, never his profile name.
  const budi = new Phone(page, BUDI);
  const beforeAsk = await siti.outgoing.count();
  await budi.say('halo');
  await budi.choose('Ajukan layanan');
  await budi.choose('Kartu Keluarga');
  await budi.choose('Orang lain');
  await budi.say('Siti Aminah');
  await budi.say('1671024508790003');
  await budi.say('0812 3450 001');
  await budi.choose('RW 02');
  await budi.choose(/^RT 03\b/);
  await expect.poll(() => siti.textsFrom(beforeAsk), soon).toContain('Pemilik nomor 0812****002');
  expect(await siti.textsFrom(beforeAsk)).not.toContain('Budi');
  lap('the applicant is asked to confirm, the helper masked');

  // Each phone is 78vh tall and scrolls; make the window tall enough to show every chat whole.
  const longestChat = await page.locator('section.phone .log').evaluateAll((logs) => Math.max(...logs.map((l) => l.scrollHeight)));
  await page.setViewportSize({ width: 1440, height: Math.min(8_000, Math.ceil((longestChat + 120) / 0.78) + 100) });
  await mkdir(path.dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
  lap(`screenshot saved to ${path.relative(ROOT, SCREENSHOT)}`);

  expect(pageErrors).toEqual([]);
});
