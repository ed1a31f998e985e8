/**
 * End to end: Loket as `npm start` runs it (wrangler dev, local D1/R2/Queue, demo seed), driven
 * through the simulator page in Debian's Chromium with playwright-core. A resident applies for a
 * KTP by clicking and uploading, and her RT chair's phone receives the pengantar request.
 *
 * Loket runs on a free port with its own empty storage (`--persist-to` a temporary folder), in
 * its own process group, which is stopped as a whole afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, expect, onTestFailed, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOT = path.join(ROOT, 'test-results', 'simulator-ktp.png');
const FAILURE_SCREENSHOT = path.join(ROOT, 'test-results', 'simulator-ktp-failed.png');
const START_TIMEOUT_MS = 60_000;
const STEP_TIMEOUT_MS = 15_000;

const SITI = '628123450001';
const HASAN = '628990000203';
const BUDI = '628123450002';
const STAFF = '628990000900';

/** A real 1x1 PNG: the 8-byte signature, IHDR, IDAT and IEND with correct CRCs. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (err) {
      console.error('e2e cleanup:', err);
    }
  }
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** Sends `signal` to the process group led by `child`; true if there was one to signal. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): boolean {
  if (!child.pid) return false;
  try {
    process.kill(-child.pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * `node scripts/start.mjs` in its own process group. Resolves once it prints "Loket is running";
 * rejects, with what it printed, if it exits or takes too long.
 */
async function startLoket(port: number, persistTo: string): Promise<{ base: string }> {
  const child = spawn(process.execPath, ['scripts/start.mjs', '--persist-to', persistTo], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port) },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Stop on SIGTERM: start.mjs then stops wrangler's own process group (and workerd with it).
  // SIGKILL only if it does not go within 10 s. Also on an abrupt exit of this process.
  const killOnExit = () => signalGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);
  cleanups.push(async () => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null && signalGroup(child, 'SIGTERM')) {
      const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000).unref());
      if ((await Promise.race([exited, timer])) === 'timeout') signalGroup(child, 'SIGKILL');
    }
  });

  let output = '';
  const tail = () => output.split('\n').slice(-40).join('\n');
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Loket did not print "Loket is running" within ${START_TIMEOUT_MS / 1000} s. Its output:\n${tail()}`)),
      START_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Loket is running')) {
        clearTimeout(timer);
        resolve();
      }
    };
    // Both pipes are read until the end, so that wrangler never blocks on a full pipe.
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`scripts/start.mjs exited (${signal ?? `code ${code}`}) before Loket was running. Its output:\n${tail()}`));
    });
  });
  return { base: `http://127.0.0.1:${port}` };
}

/** Chromium with a fresh profile folder (playwright wants it as launchPersistentContext's argument). */
async function launchChromium(): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} not found: the end-to-end test needs Debian's Chromium. ` +
        'Install it with `apt-get update && apt-get install -y --no-install-recommends chromium` (.ci/run does this). ' +
        'Do not use `npx playwright install`.',
    );
  }
  const profile = await mkdtemp(path.join(tmpdir(), 'loket-e2e-chromium-'));
  cleanups.push(() => rm(profile, { recursive: true, force: true }));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1440, height: 1000 },
    timeout: 30_000,
  });
  cleanups.push(() => context.close());
  return context;
}

/**
 * playwright-core has no web-first assertions (they come with @playwright/test), so these poll
 * the page with vitest's expect.poll. `text` is null while the element does not exist.
 */
function textOf(locator: Locator): () => Promise<string | null> {
  return () => locator.innerText({ timeout: 1_000 }).catch(() => null);
}
function valueOf(locator: Locator): () => Promise<string | null> {
  return () => locator.inputValue({ timeout: 1_000 }).catch(() => null);
}
const soon = { timeout: STEP_TIMEOUT_MS };

/** One simulated phone on the page, found by the person it shows. */
class Phone {
  readonly root: Locator;
  readonly outgoing: Locator;
  constructor(page: Page, personId: string) {
    this.root = page.locator(`section.phone[data-person="${personId}"]`);
    this.outgoing = this.root.locator('.msg.out');
  }

  /** Types `text`, sends it, and waits for Loket's answer, as a person would. */
  async say(text: string): Promise<void> {
    const before = await this.outgoing.count();
    await this.root.getByRole('textbox', { name: 'Pesan' }).fill(text);
    await this.root.locator('form button[type="submit"]').click();
    await expect.poll(textOf(this.root.locator('.msg.in').last()), soon).toBe(text);
    await this.answered(before);
  }

  /** Taps a choice once Loket's newest message offers it, and waits for Loket's answer. */
  async choose(label: string | RegExp): Promise<void> {
    const button = this.outgoing
      .last()
      .locator('.choices')
      .getByRole('button', typeof label === 'string' ? { name: label, exact: true } : { name: label });
    await button.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    const before = await this.outgoing.count();
    const shown = await button.innerText();
    await button.click();
    await expect.poll(textOf(this.root.locator('.msg.in').last()), soon).toBe(shown);
    await this.answered(before);
  }

  private async answered(before: number): Promise<void> {
    await expect.poll(() => this.outgoing.count(), soon).toBeGreaterThan(before);
  }

  /** Sends a photo through the "Foto/PDF" file input and waits for Loket to acknowledge it. */
  async upload(name: string, mimeType: string, buffer: Buffer): Promise<void> {
    const acknowledged = this.outgoing.filter({ hasText: 'diterima' });
    const before = await acknowledged.count();
    await this.root.locator('label', { hasText: 'Foto/PDF' }).locator('input[type="file"]').setInputFiles({ name, mimeType, buffer });
    await expect.poll(textOf(this.root.locator('.msg.in').last()), soon).toBe(`[foto] ${name}`);
    await expect.poll(() => acknowledged.count(), soon).toBeGreaterThan(before);
  }

  /** Text of Loket's messages from index `from` on. */
  async textsFrom(from: number): Promise<string> {
    return (await this.outgoing.allInnerTexts()).slice(from).join('\n---\n');
  }
}

test('a resident applies for a KTP on the simulator page; her RT chair gets the pengantar request', async () => {
  const started = Date.now();
  await rm(FAILURE_SCREENSHOT, { force: true });
  const lap = (what: string) => console.log(`[e2e] ${what} after ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // Fail, not skip, without Chromium: CI installs it, so its absence is a broken setup.
  const context = await launchChromium();
  lap('chromium launched');

  const state = await mkdtemp(path.join(tmpdir(), 'loket-e2e-state-'));
  cleanups.push(() => rm(state, { recursive: true, force: true }));
  const { base } = await startLoket(await freePort(), state);
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

  await page.goto(`${base}/simulator`);
  const siti = new Phone(page, SITI);
  const hasan = new Phone(page, HASAN);
  const staff = new Phone(page, STAFF);
  await expect.poll(() => page.locator('section.phone').count(), soon).toBe(4);
  await expect.poll(valueOf(siti.root.locator('h2 select')), soon).toBe(SITI);
  await expect.poll(valueOf(hasan.root.locator('h2 select')), soon).toBe(HASAN);
  await expect.poll(textOf(siti.root.locator('h2 select option:checked')), soon).toBe('Siti Aminah (warga)');
  await expect.poll(textOf(hasan.root.locator('h2 select option:checked')), soon).toBe('Bapak Hasan (Ketua RT 03/RW 02)');
  // The staff member's phone, where escalations and the digest arrive, and the way to the desk.
  await expect.poll(textOf(staff.root.locator('h2 select option:checked')), soon).toBe('Staf Pelayanan Bukit Sangkal (staf kelurahan)');
  const desk = page.getByRole('link', { name: 'Meja layanan staf' });
  expect([await desk.getAttribute('href'), await desk.getAttribute('target')]).toEqual(['/status', '_blank']);

  await siti.say('halo');
  await siti.choose('Ajukan layanan');
  await siti.choose('KTP');
  await siti.choose('Diri sendiri');
  await siti.say('Siti Aminah');
  await siti.say('1671024508790003');
  await siti.choose('RW 02');
  await siti.choose(/^RT 03\b/);
  lap('RT chosen');

  await siti.upload('kk.png', 'image/png', PNG);
  await siti.upload('ktp-lama.png', 'image/png', PNG);
  await siti.upload('pas-foto.png', 'image/png', PNG);
  lap('three photos uploaded');

  await siti.choose('Ambil di kantor');
  await expect.poll(textOf(siti.outgoing.last()), soon).toContain('Ringkasan: KTP untuk Siti Aminah, RT 03/RW 02, diambil di kantor.');
  const beforeSubmit = await siti.outgoing.count();
  await siti.choose('Kirim');

  // Only what Loket said after "Kirim" counts, so older cases in the chat cannot satisfy this.
  await expect
    .poll(() => siti.textsFrom(beforeSubmit), soon)
    .toMatch(/Terkirim\. Nomor berkas: KTP-\d{4}-\d{4}\.[\s\S]*Paling lambat selesai/);
  const submitted = await siti.textsFrom(beforeSubmit);
  const code = /Nomor berkas: (KTP-\d{4}-\d{4})/.exec(submitted)![1]!;
  lap(`submitted as ${code}`);

  // Bapak Hasan (Ketua RT 03/RW 02) is asked for the pengantar of this very case.
  const card = hasan.outgoing.filter({ hasText: 'Permintaan surat pengantar' }).filter({ hasText: code });
  await expect.poll(() => card.count(), soon).toBe(1);
  const cardText = await card.innerText();
  expect(cardText).toContain('Siti Aminah, NIK 1671');
  expect(cardText).toContain('RT 03 / RW 02, untuk: KTP');
  expect(await card.locator('.choices').getByRole('button', { name: 'Setujui', exact: true }).isVisible()).toBe(true);
  lap('RT chair has the request');

  // He approves. The letter is drawn by the queue; only once it is filed are he and Siti told.
  const beforeApproval = await hasan.outgoing.count();
  const beforeLetter = await siti.outgoing.count();
  await card.locator('.choices').getByRole('button', { name: 'Setujui', exact: true }).click();
  await expect.poll(() => hasan.textsFrom(beforeApproval), soon).toContain('sedang dibuat');
  await expect.poll(() => hasan.textsFrom(beforeApproval), soon).toContain('sudah dibuat, dikirim ke Siti Aminah, dan disimpan di kelurahan');
  const letter = siti.outgoing.filter({ has: page.locator(`a[href*="/simulator/api/files/"]`) });
  await expect.poll(() => letter.count(), soon).toBe(1);
  expect(await siti.textsFrom(beforeLetter)).toContain('Paling lambat selesai');
  const pdf = await page.request.get(`${base}${await letter.locator('a').getAttribute('href')}`);
  expect([pdf.status(), pdf.headers()['content-type']]).toEqual([200, 'application/pdf']);
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
