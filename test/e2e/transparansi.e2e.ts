/**
 * The office's numbers in a browser on a phone-sized screen: a few months of invented history
 * (cases finished on time and late, open ones, survey answers, complaints) are written into the
 * running Loket's local D1, then the public /transparansi page is opened without signing in, and
 * the staff statistics page /status/stats with its chart after signing in.
 *
 * Screenshots at 360px go to test-results/; with UPDATE_DOCS_SCREENSHOTS=1 they also replace
 * docs/transparansi.png and docs/statistik.png.
 */
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, expect, test } from 'vitest';
import { addDays, addWorkingDays, instantAt, isWorkingDay, localMoment, workingCalendar, type LocalDate } from '../../src/domain/calendar';
import { DEMO_KELURAHAN, DEMO_RTS, rtId } from '../../src/seed/demo-data';
import { INDONESIA_HOLIDAYS } from '../../src/seed/holidays-id';
import { launchChromium, RESULTS, ROOT, runCleanups, screenshot, soon, startLoket } from './support';

afterAll(runCleanups);

const PHONE_VIEWPORT = { width: 360, height: 740 };
const CALENDAR = workingCalendar(INDONESIA_HOLIDAYS.map((h) => h.date));
const K = DEMO_KELURAHAN.id;
const HISTORY_DAYS = 120;

/** The same history on every run: a small linear congruential generator, not Math.random. */
function numbers(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

/**
 * Invented cases of the last four months, written as SQL: per working day a few KTP and KK, a
 * SITU now and then, rarely a nikah. Most are made by day 3; some a day late; the newest are
 * still open. About half of those handed over answered the survey. A complaint most weeks.
 */
function history(now: number): string {
  const rand = numbers(20261202);
  const at = (d: LocalDate, hour: number) => instantAt(d, hour * 60);
  const today = localMoment(now).date;
  const sql: string[] = [];
  let n = 0;
  const events = (caseId: string, list: [string, number][]) => {
    for (const [kind, when] of list) {
      sql.push(`INSERT INTO case_events (id, kelurahan_id, case_id, at, actor_kind, kind) VALUES ('e-hist-${++n}', '${K}', '${caseId}', ${when}, 'staff', '${kind}');`);
    }
  };
  const person = (): string => {
    const id = `p-hist-${++n}`;
    sql.push(`INSERT INTO people (id, kelurahan_id, full_name, created_at) VALUES ('${id}', '${K}', 'Warga Contoh ${n}', ${now});`);
    return id;
  };
  const perDay: [string, number][] = [['ktp', 2.2], ['kk', 1.6], ['situ', 0.5], ['nikah', 0.04]];
  for (let d = addDays(today, -HISTORY_DAYS); d <= today; d = addDays(d, 1)) {
    if (!isWorkingDay(d, CALENDAR)) continue;
    for (const [service, mean] of perDay) {
      const count = Math.floor(mean + rand());
      for (let i = 0; i < count; i++) {
        const received = at(d, 9) + Math.floor(rand() * 5) * 3_600_000;
        if (received > now) continue;
        const approved = received + 3_600_000;
        const day3 = at(addWorkingDays(d, 2, CALENDAR), 16);
        const late = rand() < 0.15;
        const produced = at(addWorkingDays(d, late ? 3 : rand() < 0.5 ? 1 : 2, CALENDAR), 11);
        const handedOver = at(addWorkingDays(d, late ? 4 : 3, CALENDAR), 10);
        const done = handedOver <= now;
        const state = done ? 'completed' : produced <= now ? 'ready' : 'processing';
        const id = `c-hist-${++n}`;
        const rt = DEMO_RTS[Math.floor(rand() * DEMO_RTS.length)]!;
        const code = `${service.toUpperCase()}-H${String(n).padStart(5, '0')}`;
        sql.push(
          `INSERT INTO cases (id, kelurahan_id, code, kind, service, state, applicant_person_id, rt_id, pengantar_approved, submitted_at, day3_due_at, due_at, created_at, updated_at) ` +
            `VALUES ('${id}', '${K}', '${code}', 'service', '${service}', '${state}', '${person()}', '${rtId(rt.rw, rt.rt)}', 1, ${approved}, ${day3}, ${day3}, ${received - 600_000}, ${now});`,
        );
        events(id, [['submit', received], ...(produced <= now ? [['produce', produced] as [string, number]] : []), ...(done ? [['hand_over', handedOver] as [string, number]] : [])]);
        if (done && rand() < 0.55) {
          const answers = Array.from({ length: 9 }, () => (rand() < 0.55 ? 4 : rand() < 0.85 ? 3 : 2));
          sql.push(
            `INSERT INTO skm_responses (id, kelurahan_id, case_id, person_id, service, started_at, updated_at, completed_at, u1, u2, u3, u4, u5, u6, u7, u8, u9) ` +
              `VALUES ('s-hist-${++n}', '${K}', '${id}', 'p-x', '${service}', ${handedOver + 60_000}, ${handedOver + 300_000}, ${handedOver + 300_000}, ${answers.join(', ')});`,
          );
        }
      }
    }
    if (rand() < 0.3) {
      const received = at(d, 10);
      const due = at(addWorkingDays(d, 3, CALENDAR), 16);
      const answered = at(addWorkingDays(d, rand() < 0.8 ? 2 : 4, CALENDAR), 11);
      const open = answered > now;
      sql.push(
        `INSERT INTO cases (id, kelurahan_id, code, kind, state, applicant_person_id, complaint_text, due_at, answered_at, created_at, updated_at) ` +
          `VALUES ('c-hist-${++n}', '${K}', 'ADU-H${String(n).padStart(5, '0')}', 'complaint', '${open ? 'open' : 'answered'}', '${person()}', 'Contoh pengaduan', ${due}, ${open ? 'NULL' : answered}, ${received}, ${now});`,
      );
    }
  }
  return sql.join('\n');
}

test('the transparency page and the statistics on a phone', async () => {
  const { base, banner, state } = await startLoket();
  const file = path.join(state, 'history.sql');
  await writeFile(file, history(Date.now()));
  const wrangler = path.join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
  const written = spawnSync(process.execPath, [wrangler, 'd1', 'execute', 'DB', '--local', '--env', 'local', '--persist-to', state, '--file', file], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(written.status, written.stderr).toBe(0);

  const context = await launchChromium({ viewport: PHONE_VIEWPORT, locale: 'id-ID' });
  const page = context.pages()[0] ?? (await context.newPage());

  // Public: no sign-in, the only kelurahan without ?k=.
  await page.goto(`${base}/transparansi`);
  await expect.poll(() => page.locator('h1').textContent(), soon).toContain('Kelurahan Bukit Sangkal');
  const ktpYear = page.locator('section[data-service="ktp"] td[data-period="year"][data-figure="received"]');
  expect(Number(await ktpYear.textContent())).toBeGreaterThan(50);
  await expect.poll(() => page.locator('section[data-service="ktp"] td[data-period="year"][data-figure="ikm"]').textContent(), soon).toMatch(/^\d+,\d\d \([ABCD], /);
  // Nikah is rare: its numbers stay hidden.
  expect(await page.locator('section[data-service="nikah"] td[data-period="year"]').first().textContent()).toBe('kurang dari 5 berkas');
  const html = await page.content();
  expect(html).not.toMatch(/Warga Contoh|KTP-H\d|ADU-H\d/);
  // Readable on the phone: nothing wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
  await screenshot(page, 'transparansi.png');

  // The office's own statistics, with the chart.
  const account = /user "([^"]+)", password "([^"]+)"/.exec(banner);
  expect(account, banner).not.toBeNull();
  await page.goto(`${base}/login`);
  await page.locator('#username').fill(account![1]!);
  await page.locator('#password').fill(account![2]!);
  await Promise.all([page.waitForURL(`${base}/status`), page.locator('main.login button[type="submit"]').click()]);
  await page.goto(`${base}/status/stats`);
  await expect.poll(() => page.locator('svg rect.bar').count(), soon).toBe(12);
  // Readable on the phone: the first service's on-time share is on the screen, under its column's
  // name, and the page does not scroll sideways.
  const onTime = page.locator('#by-service tbody tr').first().locator('td[data-col="on-time"]');
  expect(await onTime.innerText()).toMatch(/^\d+% \(\d+ dari \d+\)$/);
  const box = await onTime.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
  expect(await onTime.evaluate((el) => getComputedStyle(el, '::before').content)).toBe('"Tepat waktu"');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_VIEWPORT.width + 1);
  await screenshot(page, 'statistik.png');
  // On a desk's wide screen the figures stay a table, one row per service.
  await page.setViewportSize({ width: 1024, height: 740 });
  expect(await onTime.evaluate((el) => getComputedStyle(el).display)).toBe('table-cell');
  expect(await page.locator('#by-service thead').isVisible()).toBe(true);
  await page.locator('#by-service').screenshot({ path: path.join(RESULTS, 'statistik-wide.png') });
  await context.close();
});
