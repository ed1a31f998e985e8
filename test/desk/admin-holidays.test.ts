/**
 * The holiday table on /status/admin/holidays: a date the admin adds is listed under its year
 * only, a date already there or one that does not exist is refused, the Lurah adds nothing, and
 * a day off added there moves the date promised to the next resident whose case it falls in.
 */
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { completeApplication } from '../support/apply-helper';
import { addStaff, Browser } from '../support/desk';
import { useFreshDatabase } from '../support/fresh-database';
import { choice, drainQueue, MONDAY_10_WIB, seed, setClock, SimPerson, text } from '../support/simulator';

useFreshDatabase();
let now = MONDAY_10_WIB;
beforeEach(async () => {
  await seed();
  now = MONDAY_10_WIB;
  // The desk reads the system clock, the simulated chats carry the simulator's: one time for both.
  vi.spyOn(Date, 'now').mockImplementation(() => now);
});
afterEach(() => vi.restoreAllMocks());

const wib = (iso: string) => Date.parse(`${iso}:00+07:00`);

async function signedIn(username: string, password: string): Promise<Browser> {
  const b = new Browser();
  expect((await b.signIn(username, password)).status).toBe(303);
  return b;
}
const admin = () => signedIn('staf', 'test-password');

async function addHoliday(b: Browser, form: { date: string; name: string; kind: string }): Promise<Response> {
  return b.post('/status/admin/holidays', { _csrf: await b.deskToken(), ...form });
}

/** The dates the year's page lists. */
async function listed(b: Browser, year: number): Promise<string[]> {
  const res = await b.get(`/status/admin/holidays?year=${year}`);
  expect(res.status).toBe(200);
  return [...(await res.text()).matchAll(/data-holiday="([\d-]+)"/g)].map((m) => m[1]!);
}

const holidayRows = async () => (await env.DB.prepare('SELECT kelurahan_id, date, name, kind FROM holidays ORDER BY kelurahan_id, date').all()).results;

describe('adding a holiday', () => {
  it('lists it under its own year only, with its name and kind', async () => {
    const b = await admin();
    const res = await addHoliday(b, { date: '2027-02-05', name: 'Cuti Bersama Tahun Baru Imlek', kind: 'cuti_bersama' });
    expect([res.status, res.headers.get('location')]).toEqual([303, '/status/admin/holidays?done=holiday_add&year=2027']);

    expect(await listed(b, 2027)).toContain('2027-02-05');
    expect(await listed(b, 2026)).not.toContain('2027-02-05');
    const page = await (await b.get('/status/admin/holidays?year=2027')).text();
    const row = /<li data-holiday="2027-02-05">[\s\S]*?<\/li>/.exec(page)?.[0] ?? '';
    expect(row).toContain('Jumat, 5 Februari 2027');
    expect(row).toContain('Cuti Bersama Tahun Baru Imlek');
    expect(row).toContain('<span class="muted">Cuti bersama</span>');
  });

  it('refuses a date already in the table, or one that does not exist, and says why under the field', async () => {
    const b = await admin();
    const before = await holidayRows();
    // New Year's Day 2027 is in the table from the start.
    expect(await listed(b, 2027)).toContain('2027-01-01');
    let res = await addHoliday(b, { date: '2027-01-01', name: 'Tahun Baru', kind: 'national' });
    expect(res.status).toBe(422);
    let page = await res.text();
    expect(page).toContain('Tanggal ini sudah ada di daftar hari libur.');
    expect(page).toContain('Ada isian yang perlu diperbaiki.');

    for (const date of ['2027-02-29', '2027-13-01', '05/02/2027', '']) {
      res = await addHoliday(b, { date, name: 'Libur', kind: 'local' });
      expect(res.status, date).toBe(422);
      page = await res.text();
      expect(page, date).toContain('Tulis tanggal yang ada');
    }
    expect(await holidayRows()).toEqual(before);
  });

  it('is refused to the Lurah, and nothing is written', async () => {
    await addStaff({ id: 's-lurah', kelurahanId: 'kel-bukit-sangkal', username: 'lurah', password: 'sandi-lurah-panjang', role: 'lurah', displayName: 'Bapak Lurah' });
    const b = await signedIn('lurah', 'sandi-lurah-panjang');
    const before = await holidayRows();
    const res = await addHoliday(b, { date: '2027-02-05', name: 'Cuti Bersama Tahun Baru Imlek', kind: 'cuti_bersama' });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Lurah dapat melihatnya saja.');
    expect(await holidayRows()).toEqual(before);
    expect(await listed(b, 2027)).not.toContain('2027-02-05');
  });
});

describe('a holiday added on the page', () => {
  /** Siti's KTP, applied on Monday 30 November, approved by Bapak Hasan on Tuesday 1 December at 09:00: what she is promised. */
  async function promisedAfterApproval(): Promise<string> {
    const siti = new SimPerson('628123450001', 'Siti');
    const hasan = new SimPerson('628990000203', 'Bapak Hasan');
    await completeApplication(siti, 'ktp');
    await drainQueue();
    const card = await hasan.replies();
    await siti.replies();
    now = wib('2026-12-01T09:00');
    setClock(now);
    await hasan.press(choice(card, 'Setujui'));
    await drainQueue();
    return text(await siti.replies());
  }

  it('without it, the three days end on Thursday 3 December', async () => {
    const promised = await promisedAfterApproval();
    expect(promised).toContain('Berkas mulai diproses kantor. Paling lambat selesai Kamis, 3 Desember 2026.');
  });

  it('on Wednesday 2 December moves the promise past it, to Friday 4 December', async () => {
    const b = await admin();
    const res = await addHoliday(b, { date: '2026-12-02', name: 'Hari Jadi Kelurahan', kind: 'local' });
    expect(res.status).toBe(303);
    const promised = await promisedAfterApproval();
    expect(promised).toContain('Berkas mulai diproses kantor. Paling lambat selesai Jumat, 4 Desember 2026.');
    expect(promised).not.toContain('Kamis, 3 Desember 2026');
  });
});
