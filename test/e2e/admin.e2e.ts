/**
 * The kelurahan's administration on a phone: the demo account of the seed (the kelurahan's admin)
 * signs in at 360px, opens **Administrasi** from the desk's menu and finds the kelurahan's
 * settings filled in, then **RW dan RT** with each RT's chair and their chat, the numbers
 * masked. Neither page may scroll sideways.
 *
 * Screenshots go to test-results/; with UPDATE_DOCS_SCREENSHOTS=1 they also replace
 * docs/admin-settings.png and docs/admin-registry.png, which the README shows.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, expect, test } from 'vitest';
import { DEMO_KELURAHAN, DEMO_RTS, DEMO_STAFF } from '../../src/seed/demo-data';
import { launchChromium, runCleanups, screenshot, soon, startLoket, STEP_TIMEOUT_MS, textOf, valueOf } from './support';

afterAll(runCleanups);

const PHONE_VIEWPORT = { width: 360, height: 740 };

/** Nothing wider than the phone: the page does not scroll sideways, and `inView` ends on the screen. */
async function fitsThePhone(page: Page, inView: Locator): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_VIEWPORT.width + 1);
  const box = await inView.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
}

test('the admin opens the kelurahan settings and the RW/RT registry on a phone', async () => {
  const { base, banner } = await startLoket();
  const account = /user "([^"]+)", password "([^"]+)"/.exec(banner);
  expect(account, banner).not.toBeNull();
  // The account start.mjs prints is the seed's demo staff member, the kelurahan's admin.
  expect(account![1]).toBe(DEMO_STAFF.username);

  const context = await launchChromium({ viewport: PHONE_VIEWPORT, locale: 'id-ID' });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(String(err)));

  await page.goto(`${base}/login`);
  await page.locator('#username').fill(account![1]!);
  await page.locator('#password').fill(account![2]!);
  await Promise.all([page.waitForURL(`${base}/status`), page.locator('main.login button[type="submit"]').click()]);

  // Administrasi, from the desk's menu, opens on the settings.
  await Promise.all([page.waitForURL(`${base}/status/admin/settings`), page.getByRole('link', { name: 'Administrasi', exact: true }).click()]);
  await expect.poll(textOf(page.locator('h1')), soon).toBe('Pengaturan kelurahan');
  expect(await page.getByLabel('Nama kelurahan', { exact: true }).inputValue()).toBe(DEMO_KELURAHAN.name);
  await expect.poll(valueOf(page.locator('#lurahName')), soon).toBe(DEMO_KELURAHAN.lurahName);
  await expect.poll(valueOf(page.locator('#address')), soon).toBe(DEMO_KELURAHAN.address);
  // An admin changes: the fields are open and there is a save button, not the Lurah's read-only note.
  expect(await page.locator('#name').isEditable()).toBe(true);
  expect(await page.locator('p.banner').count()).toBe(0);
  const save = page.locator('form.card button[type="submit"]');
  expect(await save.innerText()).toBe('Simpan');
  await fitsThePhone(page, page.locator('#retentionDays'));
  // Every item of the desk's menu is on the screen: the menu wraps instead of hiding Statistik.
  for (const link of await page.locator('nav:not(.subnav) > a').all()) await fitsThePhone(page, link);
  await screenshot(page, 'admin-settings.png');

  // RW dan RT: every seeded RW, each RT with its chair and the chat linked to them, numbers masked.
  await Promise.all([page.waitForURL(`${base}/status/admin/registry`), page.locator('nav.subnav').getByRole('link', { name: 'RW dan RT', exact: true }).click()]);
  await expect.poll(textOf(page.locator('h1')), soon).toBe('RW dan RT');
  expect(await page.locator('section.card[data-rw]').count()).toBe(new Set(DEMO_RTS.map((r) => r.rw)).size);
  expect(await page.locator('li[data-rt]').count()).toBe(DEMO_RTS.length);
  const hasan = page.locator('li[data-rt="2/3"]');
  expect(await hasan.locator('.line').innerText()).toMatch(/^RT 03 \/ RW 02\s+Bapak Hasan \(0899\*{4}203\)$/);
  expect(await hasan.locator('[data-chats]').innerText()).toBe('Chat tersambung: Simulator 0899****203');
  const invite = hasan.getByRole('button', { name: 'Buat kode undangan ketua', exact: true });
  expect(await invite.isVisible()).toBe(true);
  // The chairs' whole numbers never reach the page.
  const html = await page.content();
  for (const r of DEMO_RTS) expect(html).not.toContain(r.chair.phone.slice(2));
  await fitsThePhone(page, invite);
  // Each "Isi atau ganti ketua" (an RW's and every RT's) is tall enough to tap.
  const toggles = page.locator('details > summary');
  expect(await toggles.count()).toBe(new Set(DEMO_RTS.map((r) => r.rw)).size + DEMO_RTS.length);
  for (const summary of await toggles.all()) expect((await summary.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  await screenshot(page, 'admin-registry.png');

  expect(pageErrors).toEqual([]);
  await context.close();
}, 120_000);
