/**
 * The administration pages: every change is recorded with who made it (and never a password),
 * staff are refused every change and page, the Lurah reads but changes nothing, another
 * kelurahan's data is neither shown nor changed, and what a form gets wrong is said under it.
 */
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app';
import { addKelurahan, addStaff, Browser, formToken } from '../support/desk';
import { useFreshDatabase } from '../support/fresh-database';
import { MONDAY_10_WIB, seed } from '../support/simulator';

useFreshDatabase();
beforeEach(async () => {
  await seed();
  vi.spyOn(Date, 'now').mockImplementation(() => MONDAY_10_WIB);
  await addStaff({ id: 's-lurah', kelurahanId: 'kel-bukit-sangkal', username: 'lurah', password: 'sandi-lurah-panjang', role: 'lurah', displayName: 'Bapak Lurah' });
  await addStaff({ id: 's-staf', kelurahanId: 'kel-bukit-sangkal', username: 'biasa', password: 'sandi-staf-panjang', role: 'staff', displayName: 'Staf Biasa' });
  // Another kelurahan, with data of its own.
  await addKelurahan('k2', 'Kelurahan Lain');
  await addStaff({ id: 's-k2', kelurahanId: 'k2', username: 'lain', password: 'sandi-lain-panjang', role: 'admin', displayName: 'Admin Lain' });
  await env.DB.batch([
    env.DB.prepare("INSERT INTO rw (id, kelurahan_id, number) VALUES ('rw-k2', 'k2', 7)"),
    env.DB.prepare("INSERT INTO people (id, kelurahan_id, full_name, phone, created_at) VALUES ('p-k2', 'k2', 'Bapak Lain', '6281299990001', 1)"),
    env.DB.prepare("INSERT INTO rt (id, kelurahan_id, rw_id, number, chair_person_id) VALUES ('rt-k2', 'k2', 'rw-k2', 9, 'p-k2')"),
    env.DB.prepare("INSERT INTO holidays (kelurahan_id, date, name, kind) VALUES ('k2', '2026-07-07', 'Libur Lain', 'local')"),
    env.DB.prepare("INSERT INTO invites (code, kelurahan_id, person_id, role, created_at, expires_at) VALUES ('KKKK-2222', 'k2', 'p-k2', 'rt_chair', 1, 9999999999999)"),
  ]);
});
afterEach(() => vi.restoreAllMocks());

async function signedIn(username: string, password: string): Promise<Browser> {
  const b = new Browser('https://loket.test', `198.51.100.${username.length}`);
  expect((await b.signIn(username, password)).status).toBe(303);
  return b;
}
const admin = () => signedIn('staf', 'test-password');

async function post(b: Browser, path: string, form: Record<string, string> = {}): Promise<Response> {
  return b.post(path, { _csrf: await b.deskToken(), ...form });
}

const all = async (sql: string) => (await env.DB.prepare(sql).all()).results;
const auditRows = () => all('SELECT staff_user_id, action, target, detail FROM audit_log ORDER BY at, rowid');

/** Everything the administration pages may change, to compare before and after. */
async function snapshot() {
  return {
    kelurahan: await all('SELECT * FROM kelurahan ORDER BY id'),
    rw: await all('SELECT * FROM rw ORDER BY id'),
    rt: await all('SELECT * FROM rt ORDER BY id'),
    people: await all('SELECT id, full_name, phone FROM people ORDER BY id'),
    staff: await all('SELECT id, role, password_hash FROM staff_users ORDER BY id'),
    holidays: await all('SELECT * FROM holidays ORDER BY kelurahan_id, date'),
    invites: await all('SELECT * FROM invites ORDER BY code'),
    audit: await all('SELECT * FROM audit_log'),
  };
}

const SETTINGS = {
  name: 'Bukit Sangkal', address: 'Jl. Residen H. Najamudin, Bukit Sangkal, Palembang', phone: '0711-555-0199', opens: '07:30', closes: '15:30',
  lurahName: 'Ibu Dra. Hj. Siti Rohani, M.Si', whatsappPhoneNumberId: '109876543210', telegramBotId: '7000000001', transparencyMinCases: '8', retentionDays: '90',
};

describe('every administration change', () => {
  it('is written with who made it, in the log page, and holds no password', async () => {
    const b = await admin();
    const steps: [string, Record<string, string>, string][] = [
      ['/status/admin/settings', SETTINGS, '/status/admin/settings?done=settings'],
      ['/status/admin/registry/rw', { number: '4' }, '/status/admin/registry?done=rw'],
      ['/status/admin/staff', { username: 'budi.s', displayName: 'Budi Santoso', role: 'staff', password: 'sandi-awal-budi-123' }, '/status/admin/staff?done=staff'],
      ['/status/admin/holidays', { date: '2027-12-24', name: 'Cuti Bersama Natal', kind: 'cuti_bersama' }, '/status/admin/holidays?done=holiday_add&year=2027'],
      ['/status/admin/holidays/remove', { date: '2027-12-24' }, '/status/admin/holidays?done=holiday_remove&year=2027'],
      ['/status/admin/staff/s-staf/role', { role: 'lurah' }, '/status/admin/staff?done=role'],
      ['/status/admin/staff/s-staf/password', { password: 'sandi-baru-staf-456' }, '/status/admin/staff?done=password'],
      ['/status/admin/registry/rt/rt-bs-01-01/chair', { name: 'Bapak Umar', phone: '+62 812-3000-0101' }, '/status/admin/registry?done=chair'],
    ];
    for (const [path, form, back] of steps) {
      const res = await post(b, path, form);
      expect([res.status, res.headers.get('location')], path).toEqual([303, back]);
    }
    const rwId = ((await env.DB.prepare("SELECT id FROM rw WHERE number = 4 AND kelurahan_id = 'kel-bukit-sangkal'").first()) as { id: string }).id;
    expect((await post(b, '/status/admin/registry/rt', { rwId, number: '1' })).status).toBe(303);

    expect(await env.DB.prepare("SELECT phone, opens_at_minute, closes_at_minute, lurah_name, whatsapp_phone_number_id, telegram_bot_id, transparency_min_cases FROM kelurahan WHERE id = 'kel-bukit-sangkal'").first()).toEqual({
      phone: '0711-555-0199', opens_at_minute: 450, closes_at_minute: 930, lurah_name: 'Ibu Dra. Hj. Siti Rohani, M.Si', whatsapp_phone_number_id: '109876543210',
      telegram_bot_id: '7000000001', transparency_min_cases: 8,
    });
    expect(await env.DB.prepare("SELECT p.full_name, p.phone FROM rt JOIN people p ON p.id = rt.chair_person_id WHERE rt.id = 'rt-bs-01-01'").first()).toEqual({
      full_name: 'Bapak Umar', phone: '6281230000101',
    });
    expect(await env.DB.prepare("SELECT role FROM staff_users WHERE id = 's-staf'").first()).toEqual({ role: 'lurah' });

    const rows = await auditRows();
    expect(rows.map((r) => r.action)).toEqual([
      'kelurahan.update', 'rw.add', 'staff.add', 'holiday.add', 'holiday.remove', 'staff.role', 'staff.password', 'rt.chair', 'rt.add',
    ]);
    expect(new Set(rows.map((r) => r.staff_user_id))).toEqual(new Set(['staff-demo']));
    const detail = (action: string) => JSON.parse(String(rows.find((r) => r.action === action)!.detail));
    expect(detail('kelurahan.update')).toMatchObject({ phone: { from: '0711-555-0123', to: '0711-555-0199' }, opensAtMinute: { from: 480, to: 450 } });
    expect(detail('staff.role')).toEqual({ username: 'biasa', from: 'staff', to: 'lurah' });
    expect(detail('rt.chair')).toEqual({ rt: 1, rw: 1, name: 'Bapak Umar', phone: '0812****101', previous: 'Bapak Sulaiman' });
    // Neither the password nor its hash is recorded anywhere in the log.
    const everything = JSON.stringify(rows);
    for (const secret of ['sandi-awal-budi-123', 'sandi-baru-staf-456', 'pbkdf2', '6281230000101']) expect(everything).not.toContain(secret);

    const log = await (await b.get('/status/admin/log')).text();
    expect(log).toContain('Pengaturan kelurahan diubah');
    expect(log).toContain('Kata sandi staf diganti');
    expect(log).toContain('Oleh: Staf Pelayanan Bukit Sangkal (staf)');
    expect(log).toContain('phone: 0711-555-0123 → 0711-555-0199');
  });

  it('records the RW chair, both kinds of invitation code and a revoke, each code only as its hint', async () => {
    const b = await admin();
    const steps: [string, string][] = [
      ['/status/admin/registry/rw/rw-bs-01/chair', '/status/admin/registry?done=chair'],
      ['/status/admin/registry/rt/rt-bs-01-01/invite', '/status/admin/invites?done=invite'],
      ['/status/admin/staff/s-staf/invite', '/status/admin/invites?done=invite'],
    ];
    for (const [path, back] of steps) {
      const res = await post(b, path, path.endsWith('/chair') ? { name: 'bapak umar', phone: '0812 3000 0101' } : {});
      expect([res.status, res.headers.get('location')], path).toEqual([303, back]);
    }
    const codeOf = async (role: string) => ((await env.DB.prepare("SELECT code FROM invites WHERE role = ?1 AND kelurahan_id = 'kel-bukit-sangkal'").bind(role).first()) as { code: string }).code;
    const chairCode = await codeOf('rt_chair');
    const staffCode = await codeOf('staff');
    const revoke = await post(b, `/status/admin/invites/${chairCode}/revoke`);
    expect([revoke.status, revoke.headers.get('location')]).toEqual([303, '/status/admin/invites?done=revoke']);

    const rows = await auditRows();
    expect(rows.map((r) => [r.action, r.target])).toEqual([
      ['rw.chair', 'rw-bs-01'], ['invite.create', 'rt-bs-01-01'], ['invite.create', 's-staf'], ['invite.revoke', '1/1'],
    ]);
    // The signed-in admin made every one of them.
    expect(rows.map((r) => r.staff_user_id)).toEqual(['staff-demo', 'staff-demo', 'staff-demo', 'staff-demo']);
    const details = rows.map((r) => JSON.parse(String(r.detail)) as Record<string, unknown>);
    expect(details[0]).toMatchObject({ rw: 1, name: 'Bapak Umar', phone: '0812****101' });
    // A code's first half tells the log's reader which code it was; the whole code would link a chat.
    expect(details[1]).toEqual({ role: 'rt_chair', rt: 1, rw: 1, name: 'Bapak Sulaiman', code: `${chairCode.slice(0, 4)}-****` });
    expect(details[2]).toEqual({ role: 'staff', username: 'biasa', code: `${staffCode.slice(0, 4)}-****` });
    expect(details[3]).toEqual({ role: 'rt_chair', name: 'Bapak Sulaiman', code: `${chairCode.slice(0, 4)}-****` });
    const everything = JSON.stringify(rows);
    for (const secret of [chairCode, staffCode, chairCode.slice(5), staffCode.slice(5), '6281230000101']) expect(everything).not.toContain(secret);

    const log = await (await b.get('/status/admin/log')).text();
    for (const said of ['Ketua RW diisi atau diganti', 'Kode undangan dibuat', 'Kode undangan dicabut']) expect(log).toContain(said);
    expect(log).not.toContain(chairCode);
    expect(log).not.toContain(staffCode);
  });

  it('ends the sessions of an account whose password was reset, and the new password signs in', async () => {
    const staffUser = await signedIn('biasa', 'sandi-staf-panjang');
    expect((await staffUser.get('/status')).status).toBe(200);
    const b = await admin();
    expect((await post(b, '/status/admin/staff/s-staf/password', { password: 'sandi-baru-staf-456' })).status).toBe(303);
    expect((await staffUser.get('/status')).status).toBe(303);
    expect((await b.get('/status')).status).toBe(200);
    await signedIn('biasa', 'sandi-baru-staf-456');
  });
});

/** Every POST of the administration pages, with ids that exist (this kelurahan's own). */
const ADMIN_POSTS: [string, Record<string, string>][] = [
  ['/status/admin/settings', SETTINGS],
  ['/status/admin/registry/rw', { number: '5' }],
  ['/status/admin/registry/rt', { rwId: 'rw-bs-01', number: '9' }],
  ['/status/admin/registry/rt/rt-bs-01-01/chair', { name: 'Bapak Umar', phone: '081230000101' }],
  ['/status/admin/registry/rw/rw-bs-01/chair', { name: 'Bapak Umar', phone: '081230000101' }],
  ['/status/admin/registry/rt/rt-bs-01-01/invite', {}],
  ['/status/admin/invites/OPEN-2345/revoke', {}],
  ['/status/admin/staff', { username: 'budi.s', displayName: 'Budi', role: 'admin', password: 'sandi-awal-budi-123' }],
  ['/status/admin/staff/s-staf/role', { role: 'admin' }],
  ['/status/admin/staff/staff-demo/password', { password: 'sandi-baru-staf-456' }],
  ['/status/admin/staff/s-staf/invite', {}],
  ['/status/admin/holidays', { date: '2027-01-01', name: 'Tahun Baru', kind: 'national' }],
  ['/status/admin/holidays/remove', { date: '2026-12-25' }],
];
const ADMIN_PAGES = ['/status/admin/settings', '/status/admin/registry', '/status/admin/invites', '/status/admin/staff', '/status/admin/holidays', '/status/admin/log'];

describe('who may see and change', () => {
  beforeEach(async () => {
    await env.DB.prepare("INSERT INTO invites (code, kelurahan_id, person_id, role, created_at, expires_at) VALUES ('OPEN-2345', 'kel-bukit-sangkal', 'person-chair-0102', 'rt_chair', 1, 9999999999999)").run();
  });

  it('lists every POST route of the administration pages here', () => {
    const routes = createApp().routes.filter((r) => r.path.startsWith('/status/admin') && r.method === 'POST').map((r) => r.path);
    expect(routes.length).toBeGreaterThan(10);
    for (const route of routes) {
      const pattern = new RegExp(`^${route.replace(/:\w+(?:\{([^}]*)\})?/g, (_, alt?: string) => (alt ? `(?:${alt})` : '[^/]+'))}$`);
      expect(ADMIN_POSTS.some(([path]) => pattern.test(path)), route).toBe(true);
    }
  });

  it('refuses the staff role every page and every change (403, plain words), and changes nothing', async () => {
    const b = await signedIn('biasa', 'sandi-staf-panjang');
    const before = await snapshot();
    for (const path of ADMIN_PAGES) {
      const res = await b.get(path);
      expect(res.status, path).toBe(403);
      const page = await res.text();
      expect(page).toContain('Halaman administrasi hanya untuk admin kelurahan dan Lurah.');
      expect(page).not.toContain('Bapak Sulaiman');
    }
    for (const [path, form] of ADMIN_POSTS) {
      const res = await post(b, path, form);
      expect(res.status, path).toBe(403);
      expect(await res.text()).toContain('data-refusal="admin_role"');
    }
    expect(await snapshot()).toEqual(before);
    // No link to pages that would only refuse.
    expect(await (await b.get('/status')).text()).not.toContain('href="/status/admin"');
  });

  it('lets the Lurah read every page without a form to change, and refuses every change', async () => {
    const b = await signedIn('lurah', 'sandi-lurah-panjang');
    await env.DB.prepare("INSERT INTO invites (code, kelurahan_id, person_id, role, created_at, expires_at) VALUES ('LIVE-7788', 'kel-bukit-sangkal', 'person-chair-0102', 'rt_chair', 1, 9999999999999)").run();
    const before = await snapshot();
    for (const path of ADMIN_PAGES) {
      const res = await b.get(path);
      expect(res.status, path).toBe(200);
      const page = await res.text();
      expect(page).toContain('Hanya admin kelurahan yang dapat mengubahnya.');
      // The only POST form is the sign-out.
      expect(page.match(/method="post"/g)?.length, path).toBe(1);
    }
    expect(await (await b.get('/status/admin/registry')).text()).toContain('Bapak Sulaiman');
    // A live code would link the Lurah's own chat to its person: shown to the Lurah only in part.
    const invites = await (await b.get('/status/admin/invites')).text();
    expect(invites).toContain('LIVE-****');
    expect(invites).not.toContain('LIVE-7788');
    for (const [path, form] of ADMIN_POSTS) {
      const res = await post(b, path, form);
      expect(res.status, path).toBe(403);
      expect(await res.text()).toContain('Lurah dapat melihatnya saja.');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('never shows or changes another kelurahan', async () => {
    const b = await admin();
    const pages = (await Promise.all(ADMIN_PAGES.map(async (p) => (await b.get(`${p}${p.endsWith('holidays') ? '?year=2026' : ''}`)).text()))).join('\n');
    for (const theirs of ['Bapak Lain', 'Admin Lain', 'Libur Lain', 'KKKK-2222', 'RW 07']) expect(pages).not.toContain(theirs);
    const before = await snapshot();
    for (const [path, form] of [
      ['/status/admin/registry/rt/rt-k2/chair', { name: 'Bapak Umar', phone: '081230000101' }],
      ['/status/admin/registry/rw/rw-k2/chair', { name: 'Bapak Umar', phone: '081230000101' }],
      ['/status/admin/registry/rt/rt-k2/invite', {}],
      ['/status/admin/invites/KKKK-2222/revoke', {}],
      ['/status/admin/staff/s-k2/role', { role: 'staff' }],
      ['/status/admin/staff/s-k2/password', { password: 'sandi-baru-lain-789' }],
      ['/status/admin/staff/s-k2/invite', {}],
      ['/status/admin/holidays/remove', { date: '2026-07-07' }],
    ] as const) {
      expect((await post(b, path, form)).status, path).toBe(404);
    }
    const res = await post(b, '/status/admin/registry/rt', { rwId: 'rw-k2', number: '10' });
    expect(res.status).toBe(422);
    expect(await snapshot()).toEqual(before);
  });
});

describe('what a form gets wrong', () => {
  it('is said under the field, in Indonesian or in English, and nothing is written', async () => {
    const b = await admin();
    const before = await snapshot();
    const bad = {
      ...SETTINGS, name: 'x', phone: 'telp kantor', opens: '8 pagi', closes: '07:00', whatsappPhoneNumberId: '+62 812', telegramBotId: '7000000001:AAH-token', transparencyMinCases: '2',
    };
    let res = await post(b, '/status/admin/settings', bad);
    expect(res.status).toBe(422);
    let page = await res.text();
    for (const said of [
      'Ada isian yang perlu diperbaiki.', 'Isi 2 sampai 80 karakter', 'Tulis nomor telepon dengan angka', 'Tulis jam dengan format JJ:MM',
      'ID nomor WhatsApp hanya berisi angka', 'Jangan tempel token bot.', 'Isi angka 3 sampai 1000. Kurang dari 3 berkas bisa menunjuk satu warga.',
    ]) expect(page).toContain(said);
    // What was typed is shown again, escaped.
    expect(page).toContain('value="7000000001:AAH-token"');

    res = await post(b, '/status/admin/settings?lang=en', { ...SETTINGS, opens: '16:00', closes: '08:00' });
    page = await res.text();
    expect(res.status).toBe(422);
    expect(page).toContain('Closing time must be after opening time.');

    res = await post(b, '/status/admin/registry/rt/rt-bs-01-01/chair', { name: '<b>Pak RT</b>', phone: '12345' });
    page = await res.text();
    expect(page).toContain('Write the name in letters only');
    expect(page).toContain('Phone number not recognised.');
    expect(page).toContain('value="&lt;b&gt;Pak RT&lt;/b&gt;"');

    await b.get('/status/admin/staff?lang=id');
    res = await post(b, '/status/admin/staff', { username: 'staf', displayName: 'Staf Dua', role: 'staff', password: 'sandi-awal-panjang' });
    expect(await res.text()).toContain('Nama pengguna ini sudah dipakai.');
    res = await post(b, '/status/admin/staff', { username: 'Budi S', displayName: 'Budi', role: 'root', password: 'pendek' });
    page = await res.text();
    expect(page).toContain('Nama pengguna 3 sampai 32 karakter');
    expect(page).toContain('Pilih peran');
    expect(page).toContain('Kata sandi minimal 12 karakter.');
    expect(page).not.toContain('pendek');
    res = await post(b, '/status/admin/staff/staff-demo/role', { role: 'lurah' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Anda tidak dapat mencabut peran admin Anda sendiri.');

    res = await post(b, '/status/admin/holidays', { date: '2027-02-30', name: 'Libur', kind: 'national' });
    expect(await res.text()).toContain('Tulis tanggal yang ada');
    res = await post(b, '/status/admin/holidays', { date: '2026-12-25', name: 'Natal lagi', kind: 'national' });
    expect(await res.text()).toContain('Tanggal ini sudah ada di daftar hari libur.');
    res = await post(b, '/status/admin/registry/rw', { number: '1' });
    expect(await res.text()).toContain('RW 01 sudah ada.');

    expect(await snapshot()).toEqual(before);
  });

  it('refuses a WhatsApp number or Telegram bot another kelurahan already uses', async () => {
    await env.DB.prepare("UPDATE kelurahan SET whatsapp_phone_number_id = '555000111', telegram_bot_id = '6000000001' WHERE id = 'k2'").run();
    const b = await admin();
    const res = await post(b, '/status/admin/settings', { ...SETTINGS, whatsappPhoneNumberId: '555000111', telegramBotId: '6000000001' });
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('ID nomor WhatsApp ini sudah dipakai kelurahan lain.');
    expect(page).toContain('Bot Telegram ini sudah dipakai kelurahan lain.');
    expect(await auditRows()).toEqual([]);
  });
});
