/**
 * GET /transparansi, the public page: the numbers of the seeded cases, survey rows and complaints;
 * no name, phone, NIK or case code in it; a group with fewer cases than the kelurahan's threshold
 * shown only as "kurang dari N berkas"; another kelurahan's cases not counted; the page kept for
 * five minutes without reading D1 again, and an unknown kelurahan id too (a bounded number of them).
 */
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetTransparencyPages, TRANSPARENCY_MISS_LIMIT } from '../../src/routes/transparansi';
import { DEMO_KELURAHAN, rtId } from '../../src/seed/demo-data';
import { addKelurahan, Browser } from '../support/desk';
import { useFreshDatabase } from '../support/fresh-database';
import { seed, testEnv } from '../support/simulator';

useFreshDatabase();
beforeEach(() => forgetTransparencyPages());
afterEach(() => vi.restoreAllMocks());

const wib = (iso: string) => Date.parse(`${iso}:00+07:00`);
/** Wednesday 9 December 2026. */
const NOW = wib('2026-12-09T10:00');
const K: string = DEMO_KELURAHAN.id;

/** Everything personal the seed writes, to look for in the page. */
const personal: string[] = [];
let n = 0;

async function person(kelurahanId: string): Promise<{ id: string; name: string; phone: string; nik: string }> {
  const i = ++n;
  const p = { id: `p-tr-${i}`, name: `Warga Terbuka${i} Pratama`, phone: `6281299${String(i).padStart(5, '0')}`, nik: `16710245087${String(90000 + i)}` };
  await env.DB.prepare('INSERT INTO people (id, kelurahan_id, full_name, nik, phone, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .bind(p.id, kelurahanId, p.name, p.nik, p.phone, NOW).run();
  personal.push(p.name, p.phone, `0${p.phone.slice(2)}`, p.nik);
  return p;
}

interface Seeded {
  kelurahanId?: string;
  service?: string;
  state: string;
  received: string;
  /** The end of day 3 (approved at the receipt, an hour in). */
  day3?: string;
  produce?: string;
  handOver?: string;
}

async function addCase(c: Seeded): Promise<string> {
  const k = c.kelurahanId ?? K;
  const i = ++n;
  const service = c.service ?? 'ktp';
  const code = `${service.toUpperCase()}-26${String(i).padStart(2, '0')}-${String(7000 + i)}`;
  const id = `c-tr-${i}`;
  const p = await person(k);
  const givenName = `Nama Diberikan${i}`;
  personal.push(code, givenName);
  const received = wib(c.received);
  await env.DB.prepare(
    `INSERT INTO cases (id, kelurahan_id, code, kind, service, state, applicant_person_id, given_name, given_nik, rt_id, pengantar_approved,
       submitted_at, day3_due_at, due_at, created_at, updated_at)
     VALUES (?, ?, ?, 'service', ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)`,
  )
    .bind(id, k, code, service, c.state, p.id, givenName, p.nik, k === K ? rtId(2, 3) : null, received + 3_600_000,
      c.day3 ? wib(c.day3) : null, c.day3 ? wib(c.day3) : null, received - 600_000, NOW)
    .run();
  const events: [string, string | undefined][] = [['submit', c.received], ['produce', c.produce], ['hand_over', c.handOver]];
  for (const [kind, at] of events) {
    if (!at) continue;
    await env.DB.prepare('INSERT INTO case_events (id, kelurahan_id, case_id, at, actor_kind, kind) VALUES (?, ?, ?, ?, ?, ?)')
      .bind(`e-${id}-${kind}`, k, id, wib(at), 'staff', kind).run();
  }
  return id;
}

async function addComplaint(c: { kelurahanId?: string; received: string; due: string; answered?: string }): Promise<void> {
  const k = c.kelurahanId ?? K;
  const i = ++n;
  const code = `ADU-2612-${String(8000 + i)}`;
  const p = await person(k);
  personal.push(code);
  await env.DB.prepare(
    `INSERT INTO cases (id, kelurahan_id, code, kind, state, applicant_person_id, complaint_text, due_at, answered_at, created_at, updated_at)
     VALUES (?, ?, ?, 'complaint', ?, ?, ?, ?, ?, ?, ?)`,
  )
    .bind(`c-tr-${i}`, k, code, c.answered ? 'answered' : 'open', p.id, `Keluhan rahasia ${i}`, wib(c.due), c.answered ? wib(c.answered) : null, wib(c.received), NOW)
    .run();
  personal.push(`Keluhan rahasia ${i}`);
}

async function addSkm(caseId: string, service: string, answer: number, kelurahanId = K): Promise<void> {
  const i = ++n;
  const suggestion = `Saran pribadi ${i}`;
  personal.push(suggestion);
  const u = Array<number>(9).fill(answer);
  await env.DB.prepare(
    `INSERT INTO skm_responses (id, kelurahan_id, case_id, person_id, service, started_at, updated_at, completed_at, u1, u2, u3, u4, u5, u6, u7, u8, u9, suggestion)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
    .bind(`s-tr-${i}`, kelurahanId, caseId, 'p-x', service, wib('2026-12-05T10:00'), NOW, NOW, ...u, suggestion)
    .run();
}

let visitor: Browser;

beforeEach(async () => {
  personal.length = 0;
  await seed();
  vi.spyOn(Date, 'now').mockImplementation(() => NOW);
  // KTP, all in December. Approved Tuesday 1 December at 10:00: day 3 ends Thursday 3 December.
  const ktp: string[] = [];
  const onTime = { state: 'completed', received: '2026-12-01T09:00', day3: '2026-12-03T16:00', produce: '2026-12-02T11:00' };
  ktp.push(await addCase({ ...onTime, handOver: '2026-12-03T10:00' })); // 3 working days
  ktp.push(await addCase({ ...onTime, handOver: '2026-12-03T11:00' })); // 3
  ktp.push(await addCase({ ...onTime, handOver: '2026-12-03T12:00' })); // 3
  ktp.push(await addCase({ ...onTime, handOver: '2026-12-04T10:00' })); // 4
  // Made a day late, handed over on Monday: 5 working days.
  ktp.push(await addCase({ ...onTime, produce: '2026-12-04T10:00', handOver: '2026-12-07T10:00' }));
  // Open past its day 3: the promise is already missed.
  await addCase({ state: 'processing', received: '2026-12-02T09:00', day3: '2026-12-04T16:00' });
  // Open within its three days: not decided yet.
  await addCase({ state: 'verifying', received: '2026-12-08T09:00', day3: '2026-12-10T16:00' });
  // The survey: four residents answered 3 to everything and one 4: (4 x 3 + 4) / 5 = 3.2, x 25 = 80.00, grade B.
  for (const [i, id] of ktp.entries()) await addSkm(id, 'ktp', i === 0 ? 4 : 3);

  // KK: four cases, all on time; one fewer than the threshold.
  const kk: string[] = [];
  for (let i = 0; i < 4; i++) kk.push(await addCase({ ...onTime, service: 'kk', handOver: '2026-12-03T10:00' }));
  for (const id of kk.slice(0, 2)) await addSkm(id, 'kk', 4);

  // SITU: five in November, none this month. Approved Monday 16 November: day 3 ends Wednesday 18.
  const situ = { service: 'situ', state: 'completed', received: '2026-11-16T09:00', day3: '2026-11-18T16:00' };
  for (let i = 0; i < 3; i++) await addCase({ ...situ, produce: '2026-11-18T11:00', handOver: '2026-11-18T14:00' }); // 3
  for (let i = 0; i < 2; i++) await addCase({ ...situ, produce: '2026-11-19T10:00', handOver: '2026-11-20T10:00' }); // 5

  // Complaints in December: four answered by their date, one after it, one waiting.
  for (let i = 0; i < 4; i++) await addComplaint({ received: '2026-12-01T09:00', due: '2026-12-03T16:00', answered: '2026-12-02T10:00' });
  await addComplaint({ received: '2026-12-01T09:00', due: '2026-12-03T16:00', answered: '2026-12-04T10:00' });
  await addComplaint({ received: '2026-12-08T09:00', due: '2026-12-10T16:00' });

  // Another kelurahan, busy: none of it may reach Bukit Sangkal's page.
  await addKelurahan('k-b', 'Kelurahan <b>Lain</b>');
  for (let i = 0; i < 6; i++) {
    const id = await addCase({ ...onTime, kelurahanId: 'k-b', service: 'kk', handOver: '2026-12-08T10:00' });
    await addSkm(id, 'kk', 1, 'k-b');
    await addComplaint({ kelurahanId: 'k-b', received: '2026-12-01T09:00', due: '2026-12-03T16:00' });
  }
  visitor = new Browser('https://loket.test', '203.0.113.40', undefined, testEnv());
});

/** The figures of one card and period: data-figure -> the cell's text. */
function figures(page: string, card: string, period: 'month' | 'year'): Record<string, string> {
  const section = new RegExp(`<section class="card" ${card}>[\\s\\S]*?</section>`).exec(page)?.[0];
  if (!section) throw new Error(`no card ${card}`);
  const out: Record<string, string> = {};
  for (const m of section.matchAll(new RegExp(`data-period="${period}" data-figure="([\\w-]+)">([^<]*)<`, 'g'))) out[m[1]!] = m[2]!;
  return out;
}

const ktp = '/transparansi?k=kel-bukit-sangkal';

describe('GET /transparansi', () => {
  it('shows per service, this month and this year, the cases, on-time share, median days and IKM', async () => {
    const res = await visitor.get(ktp);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page).toContain('<html lang="id">');
    expect(page).toContain('Kelurahan Bukit Sangkal');
    const ktpMonth = { received: '7', finished: '5', 'on-time': '67% (4 dari 6)', median: '3 hari kerja', ikm: '80,00 (B, Baik)', respondents: '5' };
    expect(figures(page, 'data-service="ktp"', 'month')).toEqual(ktpMonth);
    expect(figures(page, 'data-service="ktp"', 'year')).toEqual(ktpMonth);
    // SITU had its five in November: the month is too small to show, the year is not.
    expect(figures(page, 'data-service="situ"', 'month')).toEqual({ 'few-cases': 'kurang dari 5 berkas', 'few-respondents': 'kurang dari 5 warga' });
    expect(figures(page, 'data-service="situ"', 'year')).toEqual({
      received: '5', finished: '5', 'on-time': '60% (3 dari 5)', median: '3 hari kerja', 'few-respondents': 'kurang dari 5 warga',
    });
    expect(figures(page, 'data-complaints=""', 'month')).toEqual({ received: '6', 'on-time': '80% (4 dari 5)' });
    // One plain line for what each number means.
    expect(page).toContain('Dari berkas masuk, yang hasilnya sudah diterima warga.');
    expect(page).toContain('Data per Rabu, 9 Desember 2026, 10.00 WIB.');
  });

  it('shows no name, phone number, NIK, case code, complaint text or suggestion', async () => {
    const page = await (await visitor.get(ktp)).text();
    expect(personal.length).toBeGreaterThan(100);
    for (const text of personal) expect(page, text).not.toContain(text);
    // Nor any part of them: masked forms, the bare code prefix with digits, the people's numbers.
    expect(page).not.toMatch(/\b(KTP|KK|SITU|ADU)-\d{4}-\d+/);
    expect(page).not.toMatch(/\d{10,}/);
    expect(page).not.toMatch(/Warga Terbuka|Nama Diberikan/);
  });

  it('hides a service with fewer cases than the threshold, and shows it when the threshold is lower', async () => {
    const at5 = await (await visitor.get(ktp)).text();
    // KK had four cases, and two survey answers.
    expect(figures(at5, 'data-service="kk"', 'month')).toEqual({ 'few-cases': 'kurang dari 5 berkas', 'few-respondents': 'kurang dari 5 warga' });
    expect(at5).toMatch(/data-service="kk"[\s\S]*?kurang dari 5 warga/);
    expect(figures(at5, 'data-service="nikah"', 'year')).toEqual({ 'few-cases': 'kurang dari 5 berkas', 'few-respondents': 'kurang dari 5 warga' });
    expect(at5).toContain('Kelompok dengan kurang dari 5 berkas tidak ditampilkan angkanya');

    await env.DB.prepare('UPDATE kelurahan SET transparency_min_cases = 3 WHERE id = ?').bind(K).run();
    forgetTransparencyPages();
    const at3 = await (await visitor.get(ktp)).text();
    expect(figures(at3, 'data-service="kk"', 'month')).toEqual({
      received: '4', finished: '4', 'on-time': '100% (4 dari 4)', median: '3 hari kerja', 'few-respondents': 'kurang dari 3 warga',
    });
    expect(figures(at3, 'data-service="nikah"', 'month')).toEqual({ 'few-cases': 'kurang dari 3 berkas', 'few-respondents': 'kurang dari 3 warga' });
  });

  it('hides a share or median worked out from fewer cases than the threshold, even in a group that is shown', async () => {
    // KTP: seven received, but only six decided and five handed over.
    await env.DB.prepare('UPDATE kelurahan SET transparency_min_cases = 7 WHERE id = ?').bind(K).run();
    const page = await (await visitor.get(ktp)).text();
    expect(figures(page, 'data-service="ktp"', 'month')).toEqual({
      received: '7', finished: '5', 'on-time': 'kurang dari 7 berkas', median: 'kurang dari 7 berkas', 'few-respondents': 'kurang dari 7 warga',
    });
  });

  it("does not count another kelurahan's cases, survey answers or complaints", async () => {
    const page = await (await visitor.get(ktp)).text();
    // Kelurahan B's six KK cases would have passed the threshold, and its six complaints made twelve.
    expect(figures(page, 'data-service="kk"', 'year')).toEqual({ 'few-cases': 'kurang dari 5 berkas', 'few-respondents': 'kurang dari 5 warga' });
    expect(figures(page, 'data-complaints=""', 'year')).toEqual({ received: '6', 'on-time': '80% (4 dari 5)' });
    // Its own page counts only its own, and its name is text, not markup.
    const b = await (await visitor.get('/transparansi?k=k-b')).text();
    expect(figures(b, 'data-service="kk"', 'month')).toMatchObject({ received: '6', ikm: '25,00 (D, Tidak Baik)', respondents: '6' });
    expect(figures(b, 'data-service="ktp"', 'month')).toEqual({ 'few-cases': 'kurang dari 5 berkas', 'few-respondents': 'kurang dari 5 warga' });
    expect(b).toContain('Kelurahan &lt;b&gt;Lain&lt;/b&gt;');
    expect(b).not.toContain('<b>Lain</b>');
  });

  it('is computed once per five minutes: the second request does not read D1', async () => {
    const prepare = vi.spyOn(env.DB, 'prepare');
    const batch = vi.spyOn(env.DB, 'batch');
    const first = await visitor.get(ktp);
    expect(first.headers.get('cache-control')).toBe('public, max-age=300');
    const reads = prepare.mock.calls.length + batch.mock.calls.length;
    expect(reads).toBeGreaterThan(0);
    const body = await first.text();

    vi.mocked(Date.now).mockImplementation(() => NOW + 60_000);
    const second = await visitor.get(ktp);
    expect(prepare.mock.calls.length + batch.mock.calls.length).toBe(reads);
    expect(await second.text()).toBe(body);
    // A browser may keep it only for what is left of the five minutes.
    expect(second.headers.get('cache-control')).toBe('public, max-age=240');

    // Five minutes on it is counted again.
    vi.mocked(Date.now).mockImplementation(() => NOW + 5 * 60_000);
    await visitor.get(ktp);
    expect(prepare.mock.calls.length + batch.mock.calls.length).toBeGreaterThan(reads);
  });

  it('remembers an unknown id as unknown for the same five minutes: asking again reads no D1', async () => {
    const prepare = vi.spyOn(env.DB, 'prepare');
    const batch = vi.spyOn(env.DB, 'batch');
    const reads = () => prepare.mock.calls.length + batch.mock.calls.length;
    const unknown = '/transparansi?k=kel-tidak-ada';
    expect((await visitor.get(unknown, { accept: 'text/html' })).status).toBe(404);
    const first = reads();
    expect(first).toBeGreaterThan(0);

    vi.mocked(Date.now).mockImplementation(() => NOW + 60_000);
    const again = await visitor.get(unknown, { accept: 'text/html' });
    expect(again.status).toBe(404);
    expect(await again.text()).toContain('Halaman tidak ditemukan');
    // In English too: the answer is the same whatever the language.
    expect((await visitor.get(`${unknown}&lang=en`, { accept: 'text/html' })).status).toBe(404);
    expect(reads()).toBe(first);
    // Another made-up id is read once.
    await visitor.get('/transparansi?k=kel-lain-lagi', { accept: 'text/html' });
    expect(reads()).toBeGreaterThan(first);

    // A kelurahan added meanwhile is found once the five minutes are over.
    await addKelurahan('kel-tidak-ada', 'Kelurahan Baru');
    expect((await visitor.get(unknown, { accept: 'text/html' })).status).toBe(404);
    const before = reads();
    vi.mocked(Date.now).mockImplementation(() => NOW + 5 * 60_000);
    const found = await visitor.get(unknown);
    expect(found.status).toBe(200);
    expect(await found.text()).toContain('Kelurahan Baru');
    expect(reads()).toBeGreaterThan(before);
  });

  it('keeps a bounded number of unknown ids: past the limit the oldest is forgotten', async () => {
    const prepare = vi.spyOn(env.DB, 'prepare');
    const batch = vi.spyOn(env.DB, 'batch');
    const reads = () => prepare.mock.calls.length + batch.mock.calls.length;
    const ask = async (id: string) => expect((await visitor.get(`/transparansi?k=${id}`, { accept: 'text/html' })).status).toBe(404);
    for (let i = 0; i <= TRANSPARENCY_MISS_LIMIT; i++) await ask(`probe-${i}`);
    // The newest is still remembered; the oldest was let go to make room.
    let before = reads();
    await ask(`probe-${TRANSPARENCY_MISS_LIMIT}`);
    expect(reads()).toBe(before);
    await ask('probe-0');
    expect(reads()).toBeGreaterThan(before);
    before = reads();
    await ask('probe-0');
    expect(reads()).toBe(before);
  });

  it('speaks English when asked, by ?lang=en or by the browser', async () => {
    const asked = await (await visitor.get(`${ktp}&lang=en`)).text();
    expect(asked).toContain('<html lang="en">');
    expect(figures(asked, 'data-service="ktp"', 'month')).toMatchObject({ 'on-time': '67% (4 of 6)', ikm: '80.00 (B, Good)' });
    expect(figures(asked, 'data-service="kk"', 'month')).toEqual({ 'few-cases': 'fewer than 5 cases', 'few-respondents': 'fewer than 5 residents' });
    const browser = await visitor.get(ktp, { 'accept-language': 'en-GB,en;q=0.9,id;q=0.5' });
    expect(browser.headers.get('vary')).toBe('Accept-Language');
    expect(await browser.text()).toContain('Service transparency');
    const indonesian = await (await visitor.get(ktp, { 'accept-language': 'id-ID,id;q=0.9,en;q=0.8' })).text();
    expect(indonesian).toContain('Transparansi layanan');
  });

  it('needs no sign-in, answers 404 for an unknown kelurahan, and lists them when several and none is named', async () => {
    const unknown = await visitor.get('/transparansi?k=tidak-ada', { accept: 'text/html' });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Halaman tidak ditemukan');
    expect((await visitor.get('/transparansi?k=%3Cscript%3E', { accept: 'text/html' })).status).toBe(404);
    const list = await (await visitor.get('/transparansi')).text();
    expect(list).toContain('href="/transparansi?k=kel-bukit-sangkal"');
    expect(list).toContain('href="/transparansi?k=k-b"');
  });

  it('shows the only kelurahan when none is named', async () => {
    await env.DB.prepare("DELETE FROM case_events WHERE kelurahan_id = 'k-b'").run();
    await env.DB.prepare("DELETE FROM skm_responses WHERE kelurahan_id = 'k-b'").run();
    await env.DB.prepare("DELETE FROM cases WHERE kelurahan_id = 'k-b'").run();
    await env.DB.prepare("DELETE FROM people WHERE kelurahan_id = 'k-b'").run();
    await env.DB.prepare("DELETE FROM kelurahan WHERE id = 'k-b'").run();
    const page = await (await visitor.get('/transparansi')).text();
    expect(figures(page, 'data-service="ktp"', 'month')).toMatchObject({ received: '7' });
  });
});
