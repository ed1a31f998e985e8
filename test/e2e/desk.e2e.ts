/**
 * End to end, from "halo" to "selesai": Siti applies for a KTP on the simulator page, Bapak Hasan
 * approves the pengantar and, on day 2, judges her scans valid; then a staff member signs in to
 * the desk on a phone-sized screen, finds the case on day 3, opens a scan, records the hand-off
 * to Disdukcapil and the card's return (which sends Siti a pickup code), and enters the code Siti
 * shows. Her phone then says the case is done.
 *
 * Two clocks: the simulator's (messages and the cron it runs carry it) and the Worker's own, which
 * the desk reads. So that day 3 on the desk is day 3 of the walk, the simulator's clock is set
 * back to 09:00 WIB on the working day two working days before today's day 3; "+1 hari" then
 * ends day 1 in the simulator, and the desk, on the real clock, meets the case on day 3.
 *
 * Screenshots at 360px (sign-in, work list, case) go to test-results/; with
 * UPDATE_DOCS_SCREENSHOTS=1 they also replace docs/desk-*.png, which the README shows.
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, expect, onTestFailed, test } from 'vitest';
import {
  addDays,
  addWorkingDays,
  firstWorkingDay,
  instantAt,
  isWorkingDay,
  localMoment,
  threeDaySchedule,
  workingCalendar,
  type LocalDate,
  type WorkingCalendar,
} from '../../src/domain/calendar';
import { INDONESIA_HOLIDAYS } from '../../src/seed/holidays-id';
import {
  applyForKtp,
  chairApprovesPengantar,
  launchChromium,
  openSimulator,
  RESULTS,
  ROOT,
  runCleanups,
  screenshot,
  soon,
  startLoket,
  STEP_TIMEOUT_MS,
  stopwatch,
  textOf,
  type KtpScans,
} from './support';

afterAll(runCleanups);

const FAILURE_SCREENSHOT = path.join(RESULTS, 'desk-failed.png');
const FAILURE_SIMULATOR_SCREENSHOT = path.join(RESULTS, 'desk-failed-simulator.png');
/** A phone: the desk must work on the screen staff carry. */
const PHONE_VIEWPORT = { width: 360, height: 740 };
/** The desk part of the walk must end before day 3 closes, or the case would be late. */
const DESK_MARGIN_MS = 3 * 60_000;
/** Minutes after local midnight at which Siti applies in the simulator: 09:00 WIB. */
const APPLIES_AT_MINUTE = 9 * 60;
const DISDUKCAPIL_REFERENCE = 'DKC/2026/00123';

/** The demo kelurahan's calendar as the seed makes it: Mon to Fri, 08:00 to 16:00 WIB, Indonesia's holidays. */
const CALENDAR = workingCalendar(INDONESIA_HOLIDAYS.map((h) => h.date));

function previousWorkingDay(date: LocalDate, cal: WorkingCalendar): LocalDate {
  let d = addDays(date, -1);
  while (!isWorkingDay(d, cal)) d = addDays(d, -1);
  return d;
}

/**
 * When Siti should apply (simulated) so that the desk, on the real clock, meets her case on day
 * 3: 09:00 on the working day two before the working day the next minutes fall in.
 */
function walkStart(now: number) {
  const day3 = firstWorkingDay(now + DESK_MARGIN_MS, CALENDAR);
  const day1 = previousWorkingDay(previousWorkingDay(day3, CALENDAR), CALENDAR);
  const startAt = instantAt(day1, APPLIES_AT_MINUTE, CALENDAR.utcOffsetMinutes);
  const schedule = threeDaySchedule(startAt, CALENDAR);
  expect([schedule.day1.date, schedule.day3.date]).toEqual([day1, day3]);
  return { startAt, schedule };
}

/**
 * A photo of a document for the scans, drawn by the browser itself: clearly a specimen, small,
 * and large enough that the desk's screenshot shows a document and not a dot.
 */
async function specimen(context: BrowserContext, title: string, lines: string[], tint: string): Promise<Buffer> {
  const page = await context.newPage();
  try {
    await page.setViewportSize({ width: 320, height: 200 });
    await page.setContent(
      `<body style="margin:0"><div id="doc" style="width:320px;height:200px;box-sizing:border-box;padding:14px 16px;` +
        `background:${tint};font:13px/1.45 sans-serif;color:#123;border:2px solid #345">` +
        `<div style="font-weight:700;font-size:16px;letter-spacing:1px">${title}</div>` +
        `<div style="color:#a11;font-weight:700;margin:2px 0 8px">CONTOH / SPECIMEN</div>` +
        lines.map((l) => `<div>${l}</div>`).join('') +
        '</div></body>',
    );
    return await page.locator('#doc').screenshot({ type: 'png' });
  } finally {
    await page.close();
  }
}

async function ktpScans(context: BrowserContext): Promise<KtpScans> {
  return {
    kk: await specimen(context, 'KARTU KELUARGA', ['No. 1671 0200 0000 0001', 'Kepala keluarga: Ahmad Fauzi', 'RT 003 / RW 002, Bukit Sangkal'], '#e9f1fb'),
    oldKtp: await specimen(context, 'KARTU TANDA PENDUDUK', ['NIK 1671 0245 0879 0003', 'Nama: Siti Aminah', 'Berlaku hingga: seumur hidup'], '#eaf6ee'),
    photo: await specimen(context, 'PAS FOTO 3x4', ['Latar merah', 'Siti Aminah'], '#fbeeee'),
  };
}

/** Submits one of the case page's action forms and waits for the page after the redirect. */
async function submitAction(desk: Page, action: string): Promise<void> {
  const form = desk.locator(`form[data-action="${action}"]`);
  await Promise.all([desk.waitForURL(/\/status\/cases\/[^?]+\?done=/), form.locator('button[type="submit"]').click()]);
  await expect.poll(textOf(desk.locator('p.ok[role="status"]')), soon).toBe('Tersimpan. Warga sudah diberi tahu.');
}

test('from "halo" to "selesai": the RT chair on days 1 and 2, staff on the desk on day 3, the resident picks up her KTP', async () => {
  const lap = stopwatch();
  await rm(FAILURE_SCREENSHOT, { force: true });
  await rm(FAILURE_SIMULATOR_SCREENSHOT, { force: true });

  // An office's browser asks for Indonesian. (Date fields follow Chromium's own language, which
  // Debian ships as en-US only without chromium-l10n, so they read mm/dd/yyyy here.)
  const context = await launchChromium({ locale: 'id-ID' });
  const { base, banner } = await startLoket();
  lap('Loket running');
  // The password start.mjs printed (the default, or LOKET_DEMO_PASSWORD).
  const account = /user "([^"]+)", password "([^"]+)"/.exec(banner);
  expect(account, banner).not.toBeNull();
  const [, username, password] = account!;

  const sim = context.pages()[0] ?? (await context.newPage());
  sim.setDefaultTimeout(STEP_TIMEOUT_MS);
  const pageErrors: string[] = [];
  sim.on('pageerror', (err) => pageErrors.push(String(err)));
  let desk: Page | null = null;
  onTestFailed(async () => {
    await mkdir(RESULTS, { recursive: true });
    await desk?.screenshot({ path: FAILURE_SCREENSHOT, fullPage: true }).catch(() => {});
    await sim.screenshot({ path: FAILURE_SIMULATOR_SCREENSHOT, fullPage: true }).catch(() => {});
    console.error(`[e2e] the pages at the failure: ${path.relative(ROOT, FAILURE_SCREENSHOT)}, ${path.relative(ROOT, FAILURE_SIMULATOR_SCREENSHOT)}`);
  });

  // A few minutes before closing time the walk would reach the desk on day 2: wait for day 3.
  let { startAt, schedule } = walkStart(Date.now());
  const untilDay3 = schedule.day2.dueAt + 1_000 - Date.now();
  if (untilDay3 > 0) {
    console.log(`[e2e] waiting ${Math.ceil(untilDay3 / 1000)} s for day 2 to close on the real clock`);
    await new Promise((r) => setTimeout(r, untilDay3));
    ({ startAt, schedule } = walkStart(Date.now()));
  }

  // Playwright's clicks wait for animation frames, which a tab behind another does not get.
  await sim.bringToFront();
  // The simulator keeps its clock as an offset from the real one in localStorage.
  await sim.goto(`${base}/simulator`);
  await sim.evaluate((at) => localStorage.setItem('loket.sim.offset', String(at - Date.now())), startAt);
  const { siti, hasan } = await openSimulator(sim, base);
  lap(`simulator clock at ${new Date(startAt).toISOString()} (day 1 ${schedule.day1.date}, day 3 ${schedule.day3.date})`);

  // Day 1: Siti applies with photos of her documents; Bapak Hasan approves the pengantar.
  const code = await applyForKtp(siti, { scans: await ktpScans(context), waitForChecks: true, lap });
  await chairApprovesPengantar(sim, base, { siti, hasan }, code);
  lap(`${code} submitted and its pengantar approved`);

  // "+1 hari" ends day 1: the cron it runs archives the case and sends Bapak Hasan the scans.
  const beforeDay2 = await siti.outgoing.count();
  await sim.getByRole('button', { name: '+1 hari', exact: true }).click();
  const verifyCard = hasan.outgoing.filter({ hasText: `Mohon periksa berkas ${code}` });
  await expect.poll(() => verifyCard.count(), soon).toBe(1);
  await expect.poll(() => siti.textsFrom(beforeDay2), soon).toContain(code);

  // Day 2: he judges the data valid, which starts day 3.
  const beforeDay3 = await siti.outgoing.count();
  await verifyCard.locator('.choices').getByRole('button', { name: 'Sah', exact: true }).click();
  await expect.poll(() => siti.textsFrom(beforeDay3), soon).toContain(`Berkas ${code} sudah diperiksa Ketua RT. Hari ke-3: dokumen sedang dibuat.`);
  lap('day 2: valid');

  // Day 3, on the desk's own clock, in a tab of its own at a phone's width; the simulator's
  // phones keep polling behind it. Sign-in first.
  desk = await context.newPage();
  desk.setDefaultTimeout(STEP_TIMEOUT_MS);
  desk.on('pageerror', (err) => pageErrors.push(String(err)));
  await desk.setViewportSize(PHONE_VIEWPORT);
  await desk.goto(`${base}/login`);
  await expect.poll(textOf(desk.locator('h1')), soon).toBeTruthy();
  await screenshot(desk, 'desk-login.png');
  await desk.locator('#username').fill(username!);
  await desk.locator('#password').fill(password!);
  await Promise.all([desk.waitForURL(`${base}/status`), desk.locator('main.login button[type="submit"]').click()]);

  // The work list: the case waits under "Buat hasil (hari 3)", on day 3 of 3.
  const produce = desk.locator('section.work[data-section="produce"]');
  await expect.poll(textOf(produce.locator('h3')), soon).toMatch(/^Buat hasil \(hari 3\)\s+1$/);
  const row = produce.locator(`li.case[data-code="${code}"]`);
  await expect.poll(textOf(row.locator('.stage')), soon).toBe('Hari 3: buat hasil · hari ke-3 dari 3');
  expect(await row.locator('.who').innerText()).toContain('Siti Aminah · 0812****001 · RT 03/RW 02');
  await screenshot(desk, 'desk-list.png');
  lap('work list');

  // Found by its code, as staff would when Siti stands at the counter.
  await desk.locator('#q').fill(code);
  await Promise.all([desk.waitForURL(/\/status\?q=/), desk.locator('#q').press('Enter')]);
  await expect.poll(() => desk.locator('li.case').count(), soon).toBe(1);
  await Promise.all([desk.waitForURL(`${base}/status/cases/${code}`), desk.locator(`li.case[data-code="${code}"] a.code`).click()]);
  const state = desk.locator('dd[data-state]');
  await expect.poll(textOf(state), soon).toBe('Hari 3: buat hasil · hari ke-3 dari 3');

  // Her three scans, each shown inline from /scans, never cached.
  const shown = desk.locator('li.scan');
  await expect.poll(() => shown.count(), soon).toBe(3);
  for (const img of await shown.locator('img').all()) {
    await img.scrollIntoViewIfNeeded();
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth), soon).toBe(320);
  }
  // The tab's own navigation, not the inline pictures.
  const opened = context.waitForEvent('response', (r) => /\/scans\/[0-9a-f-]+$/i.test(r.url()) && r.request().isNavigationRequest());
  const [scanTab] = await Promise.all([context.waitForEvent('page'), shown.first().locator('a').click()]);
  const scan = await opened;
  expect([scan.status(), scan.headers()['content-type'], scan.headers()['cache-control']]).toEqual([200, 'image/png', 'no-store']);
  await scanTab.close();
  // The view is on the case's timeline, with who opened it.
  await desk.reload();
  await expect.poll(async () => Number(await desk.locator('[data-views]').getAttribute('data-views')), soon).toBeGreaterThanOrEqual(1);
  expect(await desk.locator('[data-views]').innerText()).toContain('Staf Pelayanan Bukit Sangkal');
  // The picture ends with the scans: the timeline and the messages below them are long.
  await screenshot(desk, 'desk-case.png', desk.locator('section[aria-labelledby="documents"]'));
  lap('case page and a scan');

  // The KTP is printed by Disdukcapil: the hand-off, with their number and expected date.
  const today = localMoment(Date.now(), CALENDAR.utcOffsetMinutes).date;
  const expected = addWorkingDays(today, 2, CALENDAR);
  const beforeHandOff = await siti.outgoing.count();
  const handOff = desk.locator('form[data-action="hand_off"]');
  await handOff.locator('input[name="reference"]').fill(DISDUKCAPIL_REFERENCE);
  await handOff.locator('input[name="expectedDate"]').fill(expected);
  await submitAction(desk, 'hand_off');
  await expect.poll(textOf(state), soon).toBe('Di Disdukcapil');
  await expect.poll(() => siti.textsFrom(beforeHandOff), soon).toContain(`Nomor dari Disdukcapil: ${DISDUKCAPIL_REFERENCE}`);

  // The card is back: ready for pickup, and Siti gets a six-digit pickup code.
  const beforeReady = await siti.outgoing.count();
  const produceForm = desk.locator('form[data-action="produce"]');
  await produceForm.locator('select[name="output"]').selectOption({ label: 'Kartu sudah kembali dari Disdukcapil' });
  await submitAction(desk, 'produce');
  await expect.poll(textOf(state), soon).toBe('Siap diserahkan');
  await expect.poll(() => siti.textsFrom(beforeReady), soon).toMatch(/Kode ambil: \d{3} \d{3}/);
  const pickupCode = /Kode ambil: (\d{3} \d{3})/.exec(await siti.textsFrom(beforeReady))![1]!;
  // The case's facts say a code is set, not which: Siti brings it.
  expect(await desk.locator('.card[data-case]').innerText()).not.toContain(pickupCode);
  lap('ready for pickup');

  // Siti shows the code at the counter; staff type it as she reads it out.
  const beforeDone = await siti.outgoing.count();
  await desk.locator('form[data-action="hand_over"] input[name="pickupCode"]').fill(pickupCode);
  await submitAction(desk, 'hand_over');
  await expect.poll(textOf(state), soon).toBe('Selesai');
  await expect.poll(() => siti.textsFrom(beforeDone), soon).toContain(`Berkas ${code} selesai. KTP sudah diserahkan.`);
  await sim.bringToFront();
  await siti.say('status');
  expect(await siti.textsFrom(beforeDone)).toMatch(new RegExp(`${code} - KTP \\(Siti Aminah\\)\\s+Selesai`));
  lap('handed over: selesai');

  expect(pageErrors).toEqual([]);
}, 360_000);
