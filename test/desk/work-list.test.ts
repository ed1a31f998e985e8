/**
 * The work list: the office's jobs first, each case once with its day of the promise and how
 * late it is; filters and search narrow it; another kelurahan's cases never appear; scans open
 * only for a signed-in staff member of the case's kelurahan, never cached, and every view is
 * recorded with who looked.
 */
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { completeApplication } from '../support/apply-helper';
import { addKelurahan, addStaff, Browser } from '../support/desk';
import { useFreshDatabase } from '../support/fresh-database';
import { drainQueue, seed, setClock, SimPerson, testEnv } from '../support/simulator';

useFreshDatabase();
afterEach(() => vi.restoreAllMocks());

const wib = (iso: string) => Date.parse(`${iso}:00+07:00`);
let now = wib('2026-11-30T10:00');
const sql = (q: string) => env.DB.prepare(q).run();

let staff: Browser;
let ktp: string;
let situ: string;

beforeEach(async () => {
  await seed();
  now = wib('2026-11-30T10:00');
  setClock(now);
  vi.spyOn(Date, 'now').mockImplementation(() => now);
  ktp = await completeApplication(new SimPerson('628123450001', 'Siti'), 'ktp');
  situ = await completeApplication(new SimPerson('628123450009', 'Rudi'), 'situ', { name: 'Rudi Hartono', nik: '1671021203850009' });
  await drainQueue();
  staff = new Browser('https://loket.test', '203.0.113.20', undefined, testEnv());
  expect((await staff.signIn('staf', 'test-password')).status).toBe(303);
});

/** The codes listed under a heading of the page. */
function section(page: string, name: string): string[] {
  const m = new RegExp(`<section class="work" data-section="${name}">([\\s\\S]*?)</section>`).exec(page);
  return m ? [...m[1]!.matchAll(/data-code="([^"]+)"/g)].map((x) => x[1]!) : [];
}

describe('GET /status', () => {
  it('lists each case under the job it waits for, with its day and deadline', async () => {
    await sql(`UPDATE cases SET state = 'submitted' WHERE code = '${ktp}'`);
    await sql(`UPDATE cases SET state = 'processing' WHERE code = '${situ}'`);
    const page = await (await staff.get('/status')).text();
    expect(section(page, 'receive')).toEqual([ktp]);
    expect(section(page, 'produce')).toEqual([situ]);
    expect(page).toContain('hari ke-1 dari 3');
    expect(page).toMatch(/Batas: \w+, \d+ (November|Desember) 2026, 16\.00 WIB/);
    // The applicant's number is masked on the list.
    expect(page).toContain('0812****001');
    expect(page).not.toContain('628123450001');
  });

  it('puts a case past its promise under "Terlambat" and says by how much', async () => {
    await sql(`UPDATE cases SET state = 'processing', due_at = ${wib('2026-11-27T16:00')} WHERE code = '${ktp}'`);
    const page = await (await staff.get('/status')).text();
    expect(section(page, 'late')).toEqual([ktp]);
    expect(page).toContain('terlambat 2 hari');
  });

  it('filters by service, stage and late, and finds by code, name or phone', async () => {
    await sql(`UPDATE cases SET state = 'processing', due_at = ${wib('2026-11-27T16:00')} WHERE code = '${ktp}'`);
    const codes = async (query: string) => [...(await (await staff.get(`/status?${query}`)).text()).matchAll(/<li class="case[^"]*" data-code="([^"]+)"/g)].map((m) => m[1]);
    expect(await codes('service=situ')).toEqual([situ]);
    expect(await codes('stage=processing')).toEqual([ktp]);
    expect(await codes('late=1')).toEqual([ktp]);
    expect(await codes(`q=${situ.toLowerCase()}`)).toEqual([situ]);
    expect(await codes('q=rudi')).toEqual([situ]);
    expect(await codes('q=0812 3450 009')).toEqual([situ]);
    // Wildcards typed by staff are letters, not patterns.
    expect(await codes('q=%25')).toEqual([]);
  });

  it("never lists another kelurahan's cases", async () => {
    await addKelurahan('k-b', 'Kelurahan B');
    await addStaff({ id: 's-b', kelurahanId: 'k-b', username: 'bayu', password: 'sandi-bayu-2026' });
    const other = new Browser('https://loket.test', '203.0.113.21', undefined, testEnv());
    expect((await other.signIn('bayu', 'sandi-bayu-2026')).status).toBe(303);
    const page = await (await other.get(`/status?q=${ktp}`)).text();
    expect(page).not.toContain(`data-code="${ktp}"`);
    expect(page).toContain('0 berkas');
    expect((await other.get(`/status/cases/${ktp}`)).status).toBe(404);
    const scan = await env.DB.prepare(`SELECT id FROM case_documents LIMIT 1`).first<{ id: string }>();
    expect((await other.get(`/scans/${scan!.id}`)).status).toBe(404);
  });
});

describe('GET /scans/:id', () => {
  it('streams the scan, never cached, and records who looked', async () => {
    const scan = (await env.DB.prepare(`SELECT d.id, d.case_id FROM case_documents d JOIN cases c ON c.id = d.case_id WHERE c.code = '${ktp}' LIMIT 1`).first<{ id: string; case_id: string }>())!;
    const res = await staff.get(`/scans/${scan.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(new Uint8Array(await res.arrayBuffer()).slice(0, 3)).toEqual(new Uint8Array([0xff, 0xd8, 0xff]));
    const seen = await env.DB.prepare(`SELECT actor_staff_id, detail FROM case_events WHERE kind = 'scan_viewed'`).all();
    expect(seen.results).toEqual([{ actor_staff_id: 'staff-demo', detail: JSON.stringify({ document_id: scan.id }) }]);
    // Signed out, the same address is a sign-in page, not the scan.
    const anonymous = await new Browser().get(`/scans/${scan.id}`);
    expect(anonymous.status).toBe(303);
  });
});

describe('the banner about escalations', () => {
  it('says escalations reach nobody while no staff chat is linked, and goes once one is', async () => {
    let page = await (await staff.get('/status')).text();
    expect(page).toContain('data-banner="no-staff-chat"');
    await sql(`INSERT INTO channel_identities (id, kelurahan_id, person_id, channel, external_id, created_at) VALUES ('ci-staf', 'kel-bukit-sangkal', 'person-chair-0203', 'simulator', 'staf-hp', 0)`);
    await sql(`UPDATE staff_users SET identity_id = 'ci-staf' WHERE id = 'staff-demo'`);
    page = await (await staff.get('/status')).text();
    expect(page).not.toContain('data-banner="no-staff-chat"');
  });
});

describe('the case page', () => {
  it('hides pickup codes in the messages it shows, and counts scan views instead of listing them', async () => {
    const scan = (await env.DB.prepare(`SELECT d.id FROM case_documents d JOIN cases c ON c.id = d.case_id WHERE c.code = '${ktp}' LIMIT 1`).first<{ id: string }>())!;
    await staff.get(`/scans/${scan.id}`);
    await staff.get(`/scans/${scan.id}`);
    await sql(
      `INSERT INTO outbox (id, kelurahan_id, identity_id, case_id, payload, status, not_before, created_at, updated_at)
       SELECT 'o-pick', c.kelurahan_id, ci.id, c.id, '{"kind":"text","text":"Kode ambil: 482 913"}', 'sent', 0, 0, 0
       FROM cases c JOIN channel_identities ci ON ci.person_id = c.applicant_person_id WHERE c.code = '${ktp}'`,
    );
    const page = await (await staff.get(`/status/cases/${ktp}`)).text();
    expect(page).toContain('Kode ambil: ••• •••');
    expect(page).not.toContain('482 913');
    expect(page).toContain('data-views="2"');
    // The NIK masked as on the letters; never whole.
    expect(page).toContain('1671 **** **** 0003');
    expect(page).not.toContain('1671024508790003');
    expect(page).not.toContain('data-kind="scan_viewed"');
  });
});
