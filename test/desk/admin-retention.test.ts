/**
 * The retention period on the settings page: an admin sets how many days a case's files are kept
 * after it ended, the change is in the audit log with its old and new value, and a period shorter
 * than a month or longer than a year is refused under the field, with nothing written.
 */
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Browser } from '../support/desk';
import { useFreshDatabase } from '../support/fresh-database';
import { MONDAY_10_WIB, seed } from '../support/simulator';

useFreshDatabase();
beforeEach(async () => {
  await seed();
  vi.spyOn(Date, 'now').mockImplementation(() => MONDAY_10_WIB);
});
afterEach(() => vi.restoreAllMocks());

async function admin(): Promise<Browser> {
  const b = new Browser();
  expect((await b.signIn('staf', 'test-password')).status).toBe(303);
  return b;
}

/** The settings form as the page serves it, with `retentionDays` typed over. */
async function submit(b: Browser, retentionDays: string, path = '/status/admin/settings'): Promise<Response> {
  const page = await (await b.get('/status/admin/settings')).text();
  const values = Object.fromEntries([...page.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
  return b.post(path, { ...values, retentionDays });
}

const retention = async () => (await env.DB.prepare("SELECT retention_days AS d FROM kelurahan WHERE id = 'kel-bukit-sangkal'").first<{ d: number }>())!.d;
const audit = () => env.DB.prepare('SELECT action, detail FROM audit_log').all<{ action: string; detail: string }>().then((r) => r.results);

describe('the retention period in the settings', () => {
  it('starts at 90 days, is changed by an admin and recorded with who changed it from what to what', async () => {
    const b = await admin();
    const page = await (await b.get('/status/admin/settings')).text();
    expect(page).toContain('Masa simpan file (hari)');
    expect(page).toMatch(/name="retentionDays" value="90"/);
    const res = await submit(b, '180');
    expect([res.status, res.headers.get('location')]).toEqual([303, '/status/admin/settings?done=settings']);
    expect(await retention()).toBe(180);
    const rows = await audit();
    expect(rows.map((r) => r.action)).toEqual(['kelurahan.update']);
    expect(JSON.parse(rows[0]!.detail)).toEqual({ retentionDays: { from: 90, to: 180 } });
  });

  it('refuses less than 30 days, more than 365 and what is no number, saying so under the field', async () => {
    const b = await admin();
    for (const typed of ['29', '366', 'tiga bulan', '']) {
      const res = await submit(b, typed);
      expect(res.status, typed).toBe(422);
      expect(await res.text(), typed).toContain('Isi angka 30 sampai 365 hari.');
    }
    const en = await submit(b, '7', '/status/admin/settings?lang=en');
    expect(await en.text()).toContain('Enter a number of days from 30 to 365.');
    expect(await retention()).toBe(90);
    expect(await audit()).toEqual([]);
    // The bounds themselves are accepted.
    expect((await submit(b, '30')).status).toBe(303);
    expect(await retention()).toBe(30);
    expect((await submit(b, '365')).status).toBe(303);
    expect(await retention()).toBe(365);
  });
});
