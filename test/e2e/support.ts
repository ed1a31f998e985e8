/**
 * What the browser tests share: Loket started as `npm start` runs it (scripts/start.mjs on a free
 * port, with its own empty storage in a temporary folder, in its own process group), Debian's
 * Chromium through playwright-core, polling assertions, and a simulated phone on /simulator.
 *
 * Everything started here registers its own cleanup; each test file runs them with
 * `afterAll(runCleanups)`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { firstWorkingDay, instantAt, workingCalendar } from '../../src/domain/calendar';
import { INDONESIA_HOLIDAYS } from '../../src/seed/holidays-id';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const RESULTS = path.join(ROOT, 'test-results');
const DOCS = path.join(ROOT, 'docs');

/**
 * Saves a full-page screenshot to test-results/, and to docs/ when asked to refresh the README's
 * pictures (UPDATE_DOCS_SCREENSHOTS=1); `until` cuts it below that element, so a long page stays a
 * small picture.
 */
export async function screenshot(page: Page, name: string, until?: Locator): Promise<void> {
  await mkdir(RESULTS, { recursive: true });
  const file = path.join(RESULTS, name);
  const box = until ? await until.boundingBox() : null;
  const scrollY = await page.evaluate(() => window.scrollY);
  const width = page.viewportSize()!.width;
  await page.screenshot({ path: file, fullPage: true, ...(box ? { clip: { x: 0, y: 0, width, height: Math.ceil(scrollY + box.y + box.height + 14) } } : {}) });
  if (process.env.UPDATE_DOCS_SCREENSHOTS === '1') {
    await mkdir(DOCS, { recursive: true });
    await copyFile(file, path.join(DOCS, name));
  }
}
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
  // A test drives several tabs at once (the simulator's phones poll while the desk is in front):
  // a tab in the background must keep its timers.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];
const START_TIMEOUT_MS = 60_000;
export const STEP_TIMEOUT_MS = 15_000;

/** The simulator's people (src/routes/simulator.ts and the demo seed). */
export const SITI = '628123450001';
export const BUDI = '628123450002';
export const HASAN = '628990000203';
export const STAFF = '628990000900';

/** A real 1x1 PNG: the 8-byte signature, IHDR, IDAT and IEND with correct CRCs. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const cleanups: (() => Promise<void>)[] = [];

/** Stops and removes everything this file started, newest first; a failing cleanup does not stop the others. */
export async function runCleanups(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      await cleanup();
    } catch (err) {
      console.error('e2e cleanup:', err);
    }
  }
}

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

export interface RunningLoket {
  base: string;
  /** What scripts/start.mjs printed up to "Loket is running" (the URLs and the demo account). */
  banner: string;
  /** The local storage folder (--persist-to): a test may write rows into its D1 with `wrangler d1 execute`. */
  state: string;
}

/**
 * `node scripts/start.mjs --persist-to <a new temporary folder>` on a free port, in its own
 * process group. Resolves once it prints "Loket is running"; rejects, with what it printed, if it
 * exits or takes too long.
 */
export async function startLoket(): Promise<RunningLoket> {
  const state = await mkdtemp(path.join(tmpdir(), 'loket-e2e-state-'));
  cleanups.push(() => rm(state, { recursive: true, force: true }));
  const port = await freePort();
  const child = spawn(process.execPath, ['scripts/start.mjs', '--persist-to', state], {
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
  let stdout = '';
  const tail = () => output.split('\n').slice(-40).join('\n');
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Loket did not print "Loket is running" within ${START_TIMEOUT_MS / 1000} s. Its output:\n${tail()}`)),
      START_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      stdout += chunk.toString();
      // The banner is printed in one write; wait for its last line.
      if (/Loket is running[\s\S]*Run the cron/.test(stdout)) {
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
  return { base: `http://127.0.0.1:${port}`, banner: stdout.slice(stdout.indexOf('Loket is running')), state };
}

/**
 * Chromium with a fresh profile folder (playwright wants it as launchPersistentContext's
 * argument). `locale` is the page's language (navigator.language, Accept-Language).
 */
export async function launchChromium(options: { viewport?: { width: number; height: number }; locale?: string } = {}): Promise<BrowserContext> {
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
    viewport: options.viewport ?? { width: 1440, height: 1000 },
    ...(options.locale ? { locale: options.locale } : {}),
    timeout: 30_000,
  });
  cleanups.push(() => context.close());
  return context;
}

/**
 * playwright-core has no web-first assertions (they come with @playwright/test), so these poll
 * the page with vitest's expect.poll. `text` is null while the element does not exist.
 */
export function textOf(locator: Locator): () => Promise<string | null> {
  return () => locator.innerText({ timeout: 1_000 }).catch(() => null);
}
export function valueOf(locator: Locator): () => Promise<string | null> {
  return () => locator.inputValue({ timeout: 1_000 }).catch(() => null);
}
export const soon = { timeout: STEP_TIMEOUT_MS };

/** One simulated phone on the simulator page, found by the person it shows. */
export class Phone {
  readonly root: Locator;
  readonly outgoing: Locator;
  /** `nth` picks one of several phones showing the same person (a phone and its twin). */
  constructor(page: Page, personId: string, nth?: number) {
    const phones = page.locator(`section.phone[data-person="${personId}"]`);
    this.root = nth === undefined ? phones : phones.nth(nth);
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

  /**
   * Takes a choice once Loket's newest message offers it, as the phone's look shows it: a reply
   * or inline button, a row of the list behind "Pilih" (WhatsApp), or, where the choices became
   * numbered lines, its number typed. Waits for Loket's answer.
   */
  async choose(label: string | RegExp): Promise<void> {
    const last = this.outgoing.last();
    // includeHidden: a list's rows are in the page, hidden until "Pilih" opens them.
    const name = typeof label === 'string' ? { name: label, exact: true } : { name: label };
    const button = last.locator('.choices').getByRole('button', { ...name, includeHidden: true });
    const numbered = async () => numberOf(await last.innerText({ timeout: 1_000 }).catch(() => ''), label);
    await expect.poll(async () => (await button.count()) > 0 || (await numbered()) !== null, soon).toBe(true);
    if ((await button.count()) === 0) return this.say(String(await numbered()));
    if (!(await button.isVisible())) await last.locator('.choices .list-open').click();
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

/** The number of the line "3. label" among a message's numbered choices, or null. */
function numberOf(text: string, label: string | RegExp): number | null {
  for (const line of text.split('\n')) {
    const m = /^(\d+)\. (.+)$/.exec(line.trim());
    if (m && (typeof label === 'string' ? m[2] === label : label.test(m[2]!))) return Number(m[1]);
  }
  return null;
}

/** The working days and the time zone the demo kelurahan keeps (its seeded holidays, WIB). */
export const CALENDAR = workingCalendar(INDONESIA_HOLIDAYS.map((h) => h.date));

/**
 * Sets the simulator's clock (an offset from the real one, kept in the page's localStorage) to
 * 09:00 WIB on a working day two weeks back, so a walk reads the same whatever the hour it runs:
 * on the real clock after 20:00 WIB an RT chair's card would wait for the morning. Back, not
 * ahead: the job that checks the scans runs on the real clock, and a chat from the future would
 * not be answered by it as the walk expects. `minuteOfDay` moves the hour (WIB). Call before
 * openSimulator.
 */
export async function setSimulatorClock(page: Page, base: string, minuteOfDay = 9 * 60): Promise<{ startAt: number; day1: string }> {
  const day1 = firstWorkingDay(Date.now() - 14 * 86_400_000, CALENDAR);
  const startAt = instantAt(day1, minuteOfDay, CALENDAR.utcOffsetMinutes);
  await page.goto(`${base}/simulator`);
  await page.evaluate((at) => localStorage.setItem('loket.sim.offset', String(at - Date.now())), startAt);
  return { startAt, day1 };
}

/** Opens /simulator and waits for its three phones: Siti, Budi and Bapak Hasan. */
export async function openSimulator(page: Page, base: string): Promise<{ siti: Phone; hasan: Phone }> {
  await page.goto(`${base}/simulator`);
  const siti = new Phone(page, SITI);
  const hasan = new Phone(page, HASAN);
  // Siti, Budi, Bapak Hasan and the kelurahan's staff member.
  await expect.poll(() => page.locator('section.phone').count(), soon).toBe(4);
  await expect.poll(valueOf(siti.root.locator('h2 select')), soon).toBe(SITI);
  await expect.poll(valueOf(hasan.root.locator('h2 select')), soon).toBe(HASAN);
  await expect.poll(textOf(siti.root.locator('h2 select option:checked')), soon).toBe('Siti Aminah (warga)');
  await expect.poll(textOf(hasan.root.locator('h2 select option:checked')), soon).toBe('Bapak Hasan (Ketua RT 03/RW 02)');
  return { siti, hasan };
}

/** The three scans a KTP asks for, in the order the checklist asks for them. */
export interface KtpScans {
  kk: Buffer;
  oldKtp: Buffer;
  photo: Buffer;
}

export interface ApplyOptions {
  scans?: KtpScans;
  /**
   * Wait for "sudah kami periksa dan terima" before choosing the delivery. Needed when the
   * simulator's clock is set back: the job that checks the scans runs on the real clock, finds
   * the chat a day old (expired) and asks for the delivery afresh once the last scan is stored.
   */
  waitForChecks?: boolean;
  lap?: (what: string) => void;
}

/**
 * Siti applies for her own KTP on her phone, from "halo" to "Kirim", for RT 03/RW 02, to pick it
 * up at the office. Returns the case code Loket answered with.
 */
export async function applyForKtp(siti: Phone, options: ApplyOptions = {}): Promise<string> {
  const { scans = { kk: PNG, oldKtp: PNG, photo: PNG }, lap = () => {} } = options;
  await siti.say('halo');
  await siti.choose('Ajukan layanan');
  await siti.choose('KTP');
  await siti.choose('Diri sendiri');
  await siti.say('Siti Aminah');
  await siti.say('1671024508790003');
  await siti.choose('RW 02');
  await siti.choose(/^RT 03\b/);
  lap('RT chosen');

  await siti.upload('kk.png', 'image/png', scans.kk);
  await siti.upload('ktp-lama.png', 'image/png', scans.oldKtp);
  await siti.upload('pas-foto.png', 'image/png', scans.photo);
  lap('three photos uploaded');
  if (options.waitForChecks) {
    await expect.poll(textOf(siti.outgoing.last()), soon).toContain('Semua dokumen KTP untuk Siti Aminah sudah kami periksa dan terima.');
    lap('photos checked');
  }

  await siti.choose('Ambil di kantor');
  await expect.poll(textOf(siti.outgoing.last()), soon).toContain('Ringkasan: KTP untuk Siti Aminah, RT 03/RW 02, diambil di kantor.');
  const beforeSubmit = await siti.outgoing.count();
  await siti.choose('Kirim');

  // Only what Loket said after "Kirim" counts, so older cases in the chat cannot satisfy this.
  await expect
    .poll(() => siti.textsFrom(beforeSubmit), soon)
    .toMatch(/Terkirim\. Nomor berkas: KTP-\d{4}-\d{4}\.[\s\S]*selesai paling lambat 3 hari kerja setelah Ketua RT menyetujui/);
  return /Nomor berkas: (KTP-\d{4}-\d{4})/.exec(await siti.textsFrom(beforeSubmit))![1]!;
}

/**
 * Bapak Hasan (Ketua RT 03/RW 02) receives the pengantar request of case `code` and taps
 * **Setujui**. The letter is drawn by the queue; only once it is filed are he and Siti told, and
 * her chat carries the PDF.
 */
export async function chairApprovesPengantar(page: Page, base: string, phones: { siti: Phone; hasan: Phone }, code: string): Promise<void> {
  const { siti, hasan } = phones;
  const card = hasan.outgoing.filter({ hasText: 'Permintaan surat pengantar' }).filter({ hasText: code });
  await expect.poll(() => card.count(), soon).toBe(1);
  const cardText = await card.innerText();
  expect(cardText).toContain('Siti Aminah, NIK 1671');
  expect(cardText).toContain('RT 03 / RW 02, untuk: KTP');
  const approve = card.locator('.choices').getByRole('button', { name: 'Setujui', exact: true });
  expect(await approve.isVisible()).toBe(true);

  const beforeApproval = await hasan.outgoing.count();
  const beforeLetter = await siti.outgoing.count();
  await approve.click();
  await expect.poll(() => hasan.textsFrom(beforeApproval), soon).toContain('sedang dibuat');
  await expect.poll(() => hasan.textsFrom(beforeApproval), soon).toContain('sudah dibuat, dikirim ke Siti Aminah, dan disimpan di kelurahan');
  const letter = siti.outgoing.filter({ has: page.locator(`a[href*="/simulator/api/files/"]`) });
  await expect.poll(() => letter.count(), soon).toBe(1);
  expect(await siti.textsFrom(beforeLetter)).toContain('Paling lambat selesai');
  const pdf = await page.request.get(`${base}${await letter.locator('a').getAttribute('href')}`);
  expect([pdf.status(), pdf.headers()['content-type']]).toEqual([200, 'application/pdf']);
}

/** A logger of laps since `started`, so a slow step shows in the output. */
export function stopwatch(): (what: string) => void {
  const started = Date.now();
  return (what) => console.log(`[e2e] ${what} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
