/**
 * At night an RT chair is not written to: on the simulator, Bapak Hasan's phone says that a
 * message waits and until when, and moving the simulator's clock a day on delivers the card.
 * The simulator's clock starts at 21:00 WIB on a working day two weeks back.
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, expect, onTestFailed, test } from 'vitest';
import { applyForKtp, launchChromium, openSimulator, ROOT, runCleanups, setSimulatorClock, soon, startLoket, STEP_TIMEOUT_MS, stopwatch, textOf } from './support';

const SCREENSHOT = path.join(ROOT, 'test-results', 'simulator-night.png');
const FAILURE_SCREENSHOT = path.join(ROOT, 'test-results', 'simulator-night-failed.png');

afterAll(runCleanups);

test("a chair's card made at 21:00 waits for the morning, and his phone says so", async () => {
  const lap = stopwatch();
  await rm(FAILURE_SCREENSHOT, { force: true });
  const context = await launchChromium();
  const { base } = await startLoket();
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  onTestFailed(async () => {
    await mkdir(path.dirname(FAILURE_SCREENSHOT), { recursive: true });
    await page.screenshot({ path: FAILURE_SCREENSHOT, fullPage: true }).catch(() => {});
  });

  const { day1 } = await setSimulatorClock(page, base, 21 * 60);
  const { siti, hasan } = await openSimulator(page, base);
  const code = await applyForKtp(siti, { waitForChecks: true, lap });
  lap(`submitted as ${code} at 21:00 WIB on ${day1}`);

  const note = hasan.root.locator('p.held');
  await expect.poll(textOf(note), soon).toMatch(/^1 pesan menunggu pagi\. Ketua RT tidak dikirimi pesan pada malam hari\. Pesan dikirim .+ pukul 07\.00 WIB\./);
  expect(await hasan.outgoing.filter({ hasText: code }).count()).toBe(0);
  await mkdir(path.dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
  lap('the held card is announced');

  await page.getByRole('button', { name: '+1 hari' }).click();
  const card = hasan.outgoing.filter({ hasText: 'Permintaan surat pengantar' }).filter({ hasText: code });
  await expect.poll(() => card.count(), soon).toBe(1);
  await expect.poll(() => note.isVisible(), soon).toBe(false);
  lap('the card arrived once the clock passed 07:00');
});
