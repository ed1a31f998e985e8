/**
 * End to end: a simulator phone switched to Telegram shows Loket's choices as an inline keyboard,
 * and "Bandingkan" opens the same chat beside it as WhatsApp shows it (a list behind "Pilih",
 * reply buttons, numbered lines). Pressing either kind sends the choice; typing a number works too. Leaves
 * test-results/simulator-telegram.png.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, expect, onTestFailed, test } from 'vitest';
import { launchChromium, openSimulator, Phone, ROOT, runCleanups, SITI, soon, startLoket, STEP_TIMEOUT_MS, stopwatch, textOf } from './support';

const SCREENSHOT = path.join(ROOT, 'test-results', 'simulator-telegram.png');

afterAll(runCleanups);

test('a phone shown as Telegram beside the same chat shown as WhatsApp', async () => {
  const lap = stopwatch();
  const context = await launchChromium();
  const { base } = await startLoket();
  lap('Loket running');
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  onTestFailed(async () => {
    await mkdir(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: path.join(ROOT, 'test-results', 'simulator-telegram-failed.png'), fullPage: true }).catch(() => {});
  });
  await openSimulator(page, base);

  // Siti's phone plays Telegram; its twin, opened with "Bandingkan", plays WhatsApp.
  const telegram = new Phone(page, SITI, 0);
  const whatsapp = new Phone(page, SITI, 1);
  await telegram.root.getByRole('button', { name: 'Telegram', exact: true }).click();
  expect(await telegram.root.getAttribute('data-look')).toBe('telegram');
  expect(await telegram.root.getByRole('button', { name: 'Telegram', exact: true }).getAttribute('aria-pressed')).toBe('true');
  await telegram.root.getByRole('button', { name: 'Bandingkan', exact: true }).click();
  await expect.poll(() => page.locator('section.phone').count(), soon).toBe(5);
  expect(await whatsapp.root.getAttribute('data-look')).toBe('whatsapp');
  // Side by side: the twin stands right after the phone it compares with.
  const order = await page.locator('section.phone').evaluateAll((s) => s.map((e) => `${(e as HTMLElement).dataset.person}:${(e as HTMLElement).dataset.look}`));
  expect(order.slice(0, 2)).toEqual([`${SITI}:telegram`, `${SITI}:whatsapp`]);

  // The menu's seven choices: an inline keyboard on Telegram (a row each, as "Bahasa / Language"
  // is too long to share one); a list behind "Pilih" on WhatsApp.
  await telegram.say('halo');
  const tgMenu = telegram.outgoing.last();
  await expect.poll(() => tgMenu.locator('.kb-row').count(), soon).toBe(7);
  expect(await tgMenu.locator('.kb-row').first().getByRole('button').allInnerTexts()).toEqual(['Ajukan layanan']);
  await expect.poll(textOf(whatsapp.outgoing.last().locator('.list-open')), soon).toBe('☰ Pilih');
  expect(await whatsapp.outgoing.last().locator('.list-rows').isVisible()).toBe(false);
  // What Siti typed shows on both phones.
  expect(await whatsapp.root.locator('.msg.in').last().innerText()).toBe('halo');
  lap('the menu in both looks');

  // A row of WhatsApp's list sends the choice. The four services come back as inline buttons on
  // Telegram and as a list on WhatsApp (each label fits a list row's 24 characters).
  await whatsapp.choose('Ajukan layanan');
  await expect.poll(() => telegram.outgoing.last().locator('.kb-row button', { hasText: 'KTP' }).count(), soon).toBe(1);
  await expect.poll(textOf(whatsapp.outgoing.last().locator('.list-open')), soon).toBe('☰ Pilih');

  // An inline button sends it as well; two choices are two reply buttons on WhatsApp, one inline row on Telegram.
  await telegram.choose('KTP');
  await expect.poll(() => whatsapp.outgoing.last().locator('.choices .wa-button').allInnerTexts(), soon).toEqual(['Diri sendiri', 'Orang lain']);
  await expect.poll(() => telegram.outgoing.last().locator('.kb-row').count(), soon).toBe(1);
  expect(await telegram.outgoing.last().locator('.kb-row button').allInnerTexts()).toEqual(['Diri sendiri', 'Orang lain']);

  // Typing the number works on either.
  await whatsapp.say('1');
  await expect.poll(textOf(telegram.outgoing.last()), soon).toMatch(/nama/i);
  lap('inline button, list row and typed number');

  // Switching look reads the chat again, what Siti sent still in its place.
  const sentBefore = await whatsapp.root.locator('.msg.in').allInnerTexts();
  expect(sentBefore).toEqual(['halo', 'Ajukan layanan', 'KTP', '1']);
  await whatsapp.root.getByRole('button', { name: 'Telegram', exact: true }).click();
  await expect.poll(() => whatsapp.root.locator('.kb-row').count(), soon).toBeGreaterThan(2);
  expect(await whatsapp.root.locator('.msg.in').allInnerTexts()).toEqual(sentBefore);
  await whatsapp.root.getByRole('button', { name: 'WhatsApp', exact: true }).click();
  // The menu's list and the services' list.
  await expect.poll(() => whatsapp.root.locator('.list-open').count(), soon).toBe(2);
  expect(await whatsapp.root.locator('.msg.in').allInnerTexts()).toEqual(sentBefore);

  // The open list, for the picture.
  await whatsapp.outgoing.filter({ has: page.locator('.list-open') }).last().locator('.list-open').click();
  // Each phone is 78vh tall and scrolls; make the window tall enough to show every chat whole.
  const longestChat = await page.locator('section.phone .log').evaluateAll((logs) => Math.max(...logs.map((l) => l.scrollHeight)));
  await page.setViewportSize({ width: 1440, height: Math.min(8_000, Math.ceil((longestChat + 120) / 0.78) + 100) });
  await mkdir(path.dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
  lap(`screenshot saved to ${path.relative(ROOT, SCREENSHOT)}`);
  expect(pageErrors).toEqual([]);
});
