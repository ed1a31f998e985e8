/**
 * The statistics page and the CSV export: the numbers of the seeded cases, the chart's twelve
 * weeks, the NIK masked for staff and whole for the lurah, another kelurahan's cases never shown,
 * and cells a spreadsheet would run as formulas made text.
 */
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_KELURAHAN, rtId } from '../../src/seed/demo-data';
import { addKelurahan, addStaff, Browser } from '../support/desk';
import { useFreshDatabase } from '../support/fresh-database';
import { seed, testEnv } from '../support/simulator';

useFreshDatabase();
afterEach(() => vi.restoreAllMocks());

const wib = (iso: string) => Date.parse(`${iso}:00+07:00`);
/** Wednesday 9 December 2026: the chart's weeks run from Monday 21 September to this one. */
const NOW = wib('2026-12-09T10:00');
const K = DEMO_KELURAHAN.id;
const NIK = '1671024508790003';

let n = 0;
async function person(kelurahanId: string, name: string, nik: string | null): Promise<string> {
  const id = `p-stats-${++n}`;
  await env.DB.prepare('INSERT INTO people (id, kelurahan_id, full_name, nik, phone, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .bind(id, kelurahanId, name, nik, `62812000${String(n).padStart(4, '0')}`, NOW).run();
  return id;
}

interface Seeded {
  code: string;
  kelurahanId?: string;
  kind?: 'service' | 'complaint';
  service?: string | null;
  state: string;
  rt: string | null;
  name: string;
  givenName?: string;
  nik?: string | null;
  received: string;
  approved?: string;
  day3?: string;
  due?: string;
  answered?: string;
  events?: [string, string][];
}

async function addCase(c: Seeded): Promise<void> {
  const k = c.kelurahanId ?? K;
  const id = `c-${c.code}`;
  const applicant = await person(k, c.name, c.nik === undefined ? NIK : c.nik);
  const received = wib(c.received);
  const approved = c.approved ? wib(c.approved) : null;
  await env.DB.prepare(
    `INSERT INTO cases (id, kelurahan_id, code, kind, service, state, applicant_person_id, given_name, given_nik, rt_id, pengantar_approved,
       submitted_at, day3_due_at, due_at, answered_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
    .bind(
      id, k, c.code, c.kind ?? 'service', c.kind === 'complaint' ? null : (c.service ?? 'ktp'), c.state, applicant, c.givenName ?? null,
      c.nik === undefined ? NIK : c.nik, c.rt, approved ? 1 : 0, c.kind === 'complaint' ? null : (approved ?? received),
      c.day3 ? wib(c.day3) : null, c.due ? wib(c.due) : c.day3 ? wib(c.day3) : null, c.answered ? wib(c.answered) : null,
      received - 3_600_000, NOW,
    )
    .run();
  const events: [string, string][] = [...(c.kind === 'complaint' ? [] : [['submit', c.received] as [string, string]]), ...(c.events ?? [])];
  for (const [kind, at] of events) {
    await env.DB.prepare('INSERT INTO case_events (id, kelurahan_id, case_id, at, actor_kind, kind) VALUES (?, ?, ?, ?, ?, ?)')
      .bind(`e-${c.code}-${kind}`, k, id, wib(at), 'staff', kind).run();
  }
}

let staff: Browser;

beforeEach(async () => {
  await seed();
  vi.spyOn(Date, 'now').mockImplementation(() => NOW);
  // Handed to Disdukcapil on day 3 (on time), handed over on Monday: 6 working days.
  await addCase({
    code: 'KTP-2611-0001', state: 'completed', rt: rtId(2, 3), name: 'Siti Aminah', received: '2026-11-23T09:00', approved: '2026-11-23T10:00',
    day3: '2026-11-25T16:00', events: [['hand_off', '2026-11-25T11:00'], ['produce', '2026-11-27T09:00'], ['hand_over', '2026-11-30T10:00']],
  });
  // Made a day after day 3 (late), handed over on its fifth working day.
  await addCase({
    code: 'SITU-2611-0001', service: 'situ', state: 'completed', rt: rtId(2, 3), name: 'Rudi Hartono', givenName: '=HYPERLINK("http://x.test","klik")',
    received: '2026-11-24T09:00', approved: '2026-11-24T09:00', day3: '2026-11-26T16:00',
    events: [['produce', '2026-11-27T10:00'], ['hand_over', '2026-11-30T11:00']],
  });
  // Still on day 3 a week after its deadline: late, and the promise missed.
  await addCase({
    code: 'KTP-2611-0002', state: 'processing', rt: rtId(1, 1), name: 'Ani', givenName: 'Ani, "Bu RT"\nBaris dua', received: '2026-11-30T09:00',
    approved: '2026-11-30T10:00', day3: '2026-12-02T16:00',
  });
  // Within its three days: open, not late, not decided.
  await addCase({
    code: 'NKH-2612-0001', service: 'nikah', state: 'verifying', rt: rtId(1, 1), name: 'Dewi', nik: null, received: '2026-12-08T09:00',
    approved: '2026-12-08T09:30', day3: '2026-12-10T16:00',
  });
  await addCase({
    code: 'ADU-2612-0001', kind: 'complaint', state: 'answered', rt: null, name: 'Siti Aminah', received: '2026-12-01T09:00',
    due: '2026-12-03T16:00', answered: '2026-12-02T10:00',
  });
  await addCase({ code: 'ADU-2612-0002', kind: 'complaint', state: 'open', rt: null, name: 'Budi', received: '2026-12-02T09:00', due: '2026-12-04T16:00' });
  await addKelurahan('k-b', 'Kelurahan B');
  await addCase({
    code: 'KTP-2612-9999', kelurahanId: 'k-b', state: 'processing', rt: null, name: 'Orang Kelurahan B', received: '2026-12-01T09:00',
    approved: '2026-12-01T09:00', day3: '2026-12-03T16:00',
  });
  // The demo account is an admin; the counter's own staff have the plain role.
  await addStaff({ id: 's-petugas', kelurahanId: K, username: 'petugas', password: 'sandi-petugas-2026', role: 'staff' });
  staff = new Browser('https://loket.test', '203.0.113.30', undefined, testEnv());
  expect((await staff.signIn('petugas', 'sandi-petugas-2026')).status).toBe(303);
});

/** The cells of a table row, tags removed. */
function row(page: string, table: string, label: string): string[] {
  const section = new RegExp(`<section class="card" id="${table}"[\\s\\S]*?</section>`).exec(page)?.[0] ?? '';
  const literal = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const tr = new RegExp(`<tr(?: [^>]*)? data-row="${literal}"(?: [^>]*)?>([\\s\\S]*?)</tr>`).exec(section)?.[1];
  if (!tr) throw new Error(`no row ${label} in ${table}`);
  return [...tr.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
}

describe('GET /status/stats', () => {
  it('shows the on-time share, the median days, open and late per service and per RT', async () => {
    const res = await staff.get('/status/stats');
    expect(res.status).toBe(200);
    const page = await res.text();
    // Sent, on time, median working days, open, late.
    expect(row(page, 'by-service', 'KTP')).toEqual(['KTP', '2', '50% (1 dari 2)', '6 hari', '1', '1']);
    expect(row(page, 'by-service', 'SITU (Surat Izin Tempat Usaha)')).toEqual(['SITU (Surat Izin Tempat Usaha)', '1', '0% (0 dari 1)', '5 hari', '0', '0']);
    expect(row(page, 'by-service', 'Surat pengantar nikah')).toEqual(['Surat pengantar nikah', '1', '–', '–', '1', '0']);
    expect(row(page, 'by-service', 'total')).toEqual(['Semua layanan', '4', '33% (1 dari 3)', '5,5 hari', '2', '1']);
    expect(row(page, 'by-rt', 'RT 03/RW 02')).toEqual(['RT 03/RW 02', '2', '50% (1 dari 2)', '5,5 hari', '0', '0']);
    expect(row(page, 'by-rt', 'RT 01/RW 01')).toEqual(['RT 01/RW 01', '2', '0% (0 dari 1)', '–', '2', '1']);
    expect(page).toMatch(/data-figure="received">2</);
    expect(page).toMatch(/data-figure="answered-on-time">100% \(1 dari 1\)</);
    expect(page).toMatch(/data-figure="overdue">1</);
  });

  it('shows the IKM of the SKM answers per service and per quarter, with its grade and respondents', async () => {
    const answer = (id: string, service: string, at: string, value: number | null) =>
      env.DB.prepare(
        `INSERT INTO skm_responses (id, kelurahan_id, case_id, person_id, service, started_at, updated_at, u1, u2, u3, u4, u5, u6, u7, u8, u9)
         VALUES (?1, ?2, ?1, 'p', ?3, ?4, ?4, ?5, ?5, ?5, ?5, ?5, ?5, ?5, ?5, ?5)`,
      ).bind(id, K, service, wib(at), value);
    // Two KTP respondents, one answering 4 to everything and one 3: every element's mean is 3.5,
    // so the IKM is 3.5 x 25 = 87.50, grade B (76.61-88.30). Another kelurahan's answer is not counted.
    await env.DB.batch([
      answer('r1', 'ktp', '2026-11-30T12:00', 4),
      answer('r2', 'ktp', '2026-12-01T12:00', 3),
      env.DB.prepare(
        "INSERT INTO skm_responses (id, kelurahan_id, case_id, person_id, service, started_at, updated_at, u1) VALUES ('r3', 'k-b', 'r3', 'p', 'ktp', ?1, ?1, 1)",
      ).bind(wib('2026-12-01T12:00')),
    ]);
    const page = await (await staff.get('/status/stats')).text();
    expect(row(page, 'ikm', 'KTP')).toEqual(['KTP', '87,50', 'B (Baik)', '2']);
    expect(row(page, 'ikm', 'SITU (Surat Izin Tempat Usaha)')).toEqual(['SITU (Surat Izin Tempat Usaha)', '–', '–', '0']);
    expect(row(page, 'ikm', 'Semua layanan')).toEqual(['Semua layanan', '87,50', 'B (Baik)', '2']);
    expect(row(page, 'ikm', '2026 T4')).toEqual(['2026 T4', '87,50', 'B (Baik)', '2']);
  });

  it('gives the tables that become cards on a phone their table roles, each row a row with its name as the row header', async () => {
    // WebKit drops a table's meaning once CSS makes it blocks; the roles keep it for VoiceOver.
    const page = await (await staff.get('/status/stats')).text();
    const tables = [...page.matchAll(/<table\b([^>]*)>([\s\S]*?)<\/table>/g)].filter((m) => /class="cards"/.test(m[1]!));
    // Per service, per RT and the IKM per service (no SKM answer yet, so no quarter table).
    expect(tables).toHaveLength(3);
    for (const [, attributes, body] of tables) {
      expect(attributes).toMatch(/ role="table"/);
      for (const group of body!.matchAll(/<(thead|tbody|tfoot)\b([^>]*)>/g)) expect(group[2]).toMatch(/ role="rowgroup"/);
      const rows = [...body!.matchAll(/<tr\b([^>]*)>([\s\S]*?)<\/tr>/g)];
      expect(rows.length).toBeGreaterThan(2);
      const [head, ...data] = rows;
      expect(head![1]).toMatch(/ role="row"/);
      for (const th of head![2]!.matchAll(/<th\b([^>]*)>/g)) expect(th[1]).toMatch(/ role="columnheader"/);
      for (const [, rowAttributes, cells] of data) {
        expect(rowAttributes).toMatch(/ role="row"/);
        const tags = [...cells!.matchAll(/<(t[hd])\b([^>]*)>/g)];
        // The name comes first in the reading order and heads the row; every figure is a cell
        // that keeps its visible label.
        expect(tags[0]![1]).toBe('th');
        expect(tags[0]![2]).toMatch(/ scope="row"/);
        expect(tags[0]![2]).toMatch(/ role="rowheader"/);
        expect(tags.length).toBeGreaterThan(1);
        for (const [, tag, cellAttributes] of tags.slice(1)) {
          expect(tag).toBe('td');
          expect(cellAttributes).toMatch(/ role="cell"/);
          expect(cellAttributes).toMatch(/ data-label="[^"]+"/);
        }
      }
    }
  });

  it('counts a quarter whole even where the range covers only part of it, and lists the suggestions escaped', async () => {
    await env.DB.batch([
      // 10 September: before the default range (from 14 September), in the third quarter.
      env.DB.prepare(
        `INSERT INTO skm_responses (id, kelurahan_id, case_id, person_id, service, started_at, updated_at, u1, u2, u3, u4, u5, u6, u7, u8, u9)
         VALUES ('q3', ?1, 'q3', 'p', 'kk', ?2, ?2, 2, 2, 2, 2, 2, 2, 2, 2, 2)`,
      ).bind(K, wib('2026-09-10T12:00')),
      env.DB.prepare(
        `INSERT INTO skm_responses (id, kelurahan_id, case_id, person_id, service, started_at, updated_at, u1, suggestion)
         VALUES ('s1', ?1, 's1', 'p', 'ktp', ?2, ?2, 4, '<b>Antrean</b> terlalu lama')`,
      ).bind(K, wib('2026-12-01T12:00')),
      env.DB.prepare(
        "INSERT INTO skm_responses (id, kelurahan_id, case_id, person_id, service, started_at, updated_at, suggestion) VALUES ('s2', 'k-b', 's2', 'p', 'ktp', ?1, ?1, 'Saran kelurahan lain')",
      ).bind(wib('2026-12-01T12:00')),
    ]);
    const page = await (await staff.get('/status/stats')).text();
    // All 2s: 2 x 25 = 50.00, grade D. Not in the range's per-service figures.
    expect(row(page, 'ikm', '2026 T3')).toEqual(['2026 T3', '50,00', 'D (Tidak Baik)', '1']);
    expect(row(page, 'ikm', 'Kartu Keluarga')).toEqual(['Kartu Keluarga', '–', '–', '0']);
    const suggestions = /<section class="card" id="suggestions"[\s\S]*?<\/section>/.exec(page)![0];
    expect(suggestions).toContain('&lt;b&gt;Antrean&lt;/b&gt; terlalu lama');
    expect(suggestions).not.toContain('<b>Antrean');
    expect(suggestions).not.toContain('Saran kelurahan lain');
  });

  it('draws the twelve weeks as an SVG with a title, one bar and label per week', async () => {
    const page = await (await staff.get('/status/stats')).text();
    const svg = /<svg[\s\S]*?<\/svg>/.exec(page)?.[0] ?? '';
    expect(svg).toMatch(/role="img"/);
    expect(svg).toContain('<title id="weeks-title">Berkas per minggu, 12 minggu terakhir</title>');
    const weeks = [...svg.matchAll(/<rect class="bar" data-week="([\d-]+)"/g)].map((m) => m[1]);
    expect(weeks).toHaveLength(12);
    expect(weeks[0]).toBe('2026-09-21');
    expect(weeks[11]).toBe('2026-12-07');
    expect(svg).toContain('<title>Minggu mulai 23 Nov: 2 berkas</title>');
    expect(svg).toContain('<title>Minggu mulai 30 Nov: 1 berkas</title>');
    expect(svg).toContain('<title>Minggu mulai 7 Des: 1 berkas</title>');
    expect(svg).toContain('<title>Minggu mulai 16 Nov: 0 berkas</title>');
    expect(page).not.toContain('<script');
  });

  it("never counts another kelurahan's cases", async () => {
    const page = await (await staff.get('/status/stats?from=2026-12-01&to=2026-12-31')).text();
    // Only the nikah case was sent in December in this kelurahan; B's KTP was too.
    expect(row(page, 'by-service', 'KTP')).toEqual(['KTP', '0', '–', '–', '1', '1']);
    expect(page).not.toContain('KTP-2612-9999');
  });

  it('refuses a range longer than a year or the wrong way round, and says why', async () => {
    const long = await staff.get('/status/stats?from=2025-01-01&to=2026-12-31');
    expect(long.status).toBe(400);
    expect(await long.text()).toContain('Rentang paling lama satu tahun.');
    const reversed = await staff.get('/status/stats/cases.csv?from=2026-12-31&to=2026-12-01');
    expect(reversed.status).toBe(400);
    expect(reversed.headers.get('content-disposition')).toBeNull();
    expect(await reversed.text()).toContain('Tanggal awal harus sebelum tanggal akhir.');
    expect((await staff.get('/status/stats/cases.csv?from=2026-02-30&to=2026-12-01')).status).toBe(400);
  });

  it('is for signed-in staff only', async () => {
    const stranger = new Browser('https://loket.test', '203.0.113.31', undefined, testEnv());
    const res = await stranger.get('/status/stats/cases.csv?from=2026-11-01&to=2026-12-31');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/login/);
  });
});

describe('GET /status/stats/cases.csv', () => {
  const csv = async (b: Browser) => {
    const res = await b.get('/status/stats/cases.csv?from=2026-11-01&to=2026-12-31');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="loket-berkas-2026-11-01-2026-12-31.csv"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    return res.text();
  };

  it('gives staff one row per case with the NIK masked', async () => {
    const body = await csv(staff);
    const lines = body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Nomor berkas,Layanan,Tahap,RT/RW,Diajukan,Batas hari ke-3,Diserahkan,Tepat waktu,Nama pemohon,NIK');
    expect(lines[1]).toBe('KTP-2611-0001,KTP,Selesai,RT 03/RW 02,2026-11-23 09.00,2026-11-25 16.00,2026-11-30 10.00,ya,Siti Aminah,1671 **** **** 0003');
    expect(body).not.toContain(NIK);
    expect(body).not.toContain('1671 0245 0879 0003');
    expect(body).toContain('NKH-2612-0001,Surat pengantar nikah,Hari 2: verifikasi Ketua RT,RT 01/RW 01,2026-12-08 09.00,2026-12-10 16.00,,,Dewi,\r\n');
    expect(body).not.toContain('KTP-2612-9999');
    expect(body).not.toContain('Orang Kelurahan B');
    expect(body).not.toContain('ADU-');
  });

  it('gives the lurah and the admin the whole NIK, in fours so a spreadsheet keeps every digit', async () => {
    await addStaff({ id: 's-lurah', kelurahanId: K, username: 'lurah', password: 'sandi-lurah-2026', role: 'lurah' });
    const lurah = new Browser('https://loket.test', '203.0.113.32', undefined, testEnv());
    expect((await lurah.signIn('lurah', 'sandi-lurah-2026')).status).toBe(303);
    const admin = new Browser('https://loket.test', '203.0.113.33', undefined, testEnv());
    expect((await admin.signIn('staf', 'test-password')).status).toBe(303);
    for (const body of [await csv(lurah), await csv(admin)]) {
      expect(body).toContain(',Siti Aminah,1671 0245 0879 0003\r\n');
      expect(body).not.toContain('**** ****');
      expect(body).not.toContain('KTP-2612-9999');
    }
    expect(await (await lurah.get('/status/stats')).text()).toContain('Berisi NIK lengkap.');
    expect(await (await staff.get('/status/stats')).text()).toContain('NIK disamarkan.');
  });

  it('quotes commas, quotes and line breaks, and makes a formula text', async () => {
    const body = await csv(staff);
    expect(body).toContain(`,"'=HYPERLINK(""http://x.test"",""klik"")",`);
    expect(body).toContain(',"Ani, ""Bu RT""\nBaris dua",');
    expect(body).toContain('SITU-2611-0001,SITU (Surat Izin Tempat Usaha),Selesai,RT 03/RW 02,2026-11-24 09.00,2026-11-26 16.00,2026-11-30 11.00,tidak,');
    expect(body).toContain('KTP-2611-0002,KTP,Hari 3: buat hasil,RT 01/RW 01,2026-11-30 09.00,2026-12-02 16.00,,tidak,');
  });
});
