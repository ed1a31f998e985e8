/**
 * A staff member links the chat escalations reach from their account page, with a one-time code
 * sent from that chat, as RT chairs are invited; the desk says plainly while nobody is linked.
 */
import { createScheduledController, env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NoStaffChatBanner } from '../../src/desk/pages/staff-chats-banner';
import { deskText } from '../../src/desk/text';
import { runScheduled } from '../../src/jobs/scheduled';
import { completeApplication } from '../support/apply-helper';
import { addKelurahan, addStaff, Browser, formToken } from '../support/desk';
import { useFreshDatabase } from '../support/fresh-database';
import { drainQueue, MONDAY_10_WIB, seed, setClock, SimPerson, testEnv, text } from '../support/simulator';

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
const STAFF_PERSON = 'staff:kel-bukit-sangkal:staff-demo';
const LINKED_ID = (name: string) =>
  `Terima kasih, ${name}. Chat ini sekarang tersambung dengan akun staf Loket. Mulai sekarang, eskalasi berkas dan ringkasan pagi Kelurahan Bukit Sangkal dikirim ke sini.`;
const REFUSED = 'Kode undangan tidak dikenal atau sudah dipakai. Untuk kode baru, telepon kantor kelurahan di nomor 0711-555-0123.';

async function signedIn(): Promise<Browser> {
  const b = new Browser();
  expect((await b.signIn('staf', 'test-password')).status).toBe(303);
  return b;
}

async function accountPage(b: Browser, query = ''): Promise<string> {
  const res = await b.get(`/status/account${query}`);
  expect(res.status).toBe(200);
  return res.text();
}

/** Presses "Buat kode sambungan" and reads the code off the page it is sent back to. */
async function makeCode(b: Browser): Promise<string> {
  const res = await b.post('/status/account/link', { _csrf: formToken(await accountPage(b)) });
  expect([res.status, res.headers.get('location')]).toEqual([303, '/status/account']);
  const code = /data-link-code[^>]*>([A-Z0-9]{4}-[A-Z0-9]{4})</.exec(await accountPage(b))?.[1];
  if (!code) throw new Error('no code on the account page');
  return code;
}

const linkedIdentity = async () =>
  (await env.DB.prepare("SELECT identity_id FROM staff_users WHERE id = 'staff-demo'").first<{ identity_id: string | null }>())!.identity_id;
const identityOf = async (phone: string) =>
  (await env.DB.prepare('SELECT id, person_id FROM channel_identities WHERE external_id = ?1').bind(phone).first<{ id: string; person_id: string }>())!;

/** Siti's KTP, made late: in day 3's processing when day 3 closes on Wednesday 2 December. */
async function lateCase(): Promise<string> {
  const code = await completeApplication(new SimPerson('628123450001', 'Siti'), 'ktp');
  await env.DB.prepare("UPDATE cases SET state = 'processing', pengantar_approved = 1, day3_due_at = ?1, due_at = ?1, next_action_at = ?1")
    .bind(wib('2026-12-02T16:00'))
    .run();
  return code;
}

async function tick(at: number): Promise<void> {
  now = at;
  await runScheduled(createScheduledController({ cron: '*/15 * * * *', scheduledTime: at }), testEnv());
  await drainQueue();
}

describe('linking a staff chat from the account page', () => {
  it('makes a one-time code; the chat that sends it is linked, and escalations then reach it', async () => {
    const b = await signedIn();
    let page = await accountPage(b);
    expect(page).toContain('data-banner="no-staff-chat"');
    expect(page).toContain('Belum ada chat yang tersambung ke akun Anda.');
    expect(page).toContain('action="/status/account/link"');

    const code = await makeCode(b);
    page = await accountPage(b);
    expect(page).toContain('Berlaku sampai pukul 11:00 WIB, untuk sekali pakai.');
    expect(page).toContain('WhatsApp: kirim kodenya sebagai pesan ke nomor WhatsApp Loket kelurahan.');
    expect(page).toContain(`Telegram: kirim /start ${code} ke bot Loket.`);

    const rina = new SimPerson('628777300001', 'Rina');
    expect(text(await rina.say(code))).toBe(LINKED_ID('Staf Pelayanan Bukit Sangkal'));
    const identity = await identityOf('628777300001');
    expect(await linkedIdentity()).toBe(identity.id);
    // A chat new to Loket becomes the staff member's own.
    expect(identity.person_id).toBe(STAFF_PERSON);

    page = await accountPage(b);
    expect(page).toContain('Tersambung ke Simulator 0877****001.');
    expect(page).not.toContain('628777300001');
    expect(page).not.toContain('data-banner="no-staff-chat"');
    expect(page).not.toContain('data-link-code');
    expect(page).toContain('Sambungkan chat lain');

    const caseCode = await lateCase();
    await rina.replies();
    await tick(wib('2026-12-02T16:15'));
    expect(text(await rina.replies())).toBe(`Perlu perhatian: berkas ${caseCode}. Sudah lewat janji 3 hari kerja.`);
  });

  it('works once: another chat sending the same code is refused, and the link stays', async () => {
    const b = await signedIn();
    const code = await makeCode(b);
    const rina = new SimPerson('628777300001', 'Rina');
    await rina.say(code);
    const linked = await linkedIdentity();
    const other = new SimPerson('628777300002', 'Orang lain');
    expect(text(await other.say(`/start ${code}`))).toBe(REFUSED);
    expect(text(await rina.say(code))).toBe(REFUSED);
    expect(await linkedIdentity()).toBe(linked);
  });

  it('sent by many chats at once, links exactly one of them', async () => {
    const code = await makeCode(await signedIn());
    const phones = Array.from({ length: 10 }, (_, i) => new SimPerson(`62877740${String(1000 + i)}`, `HP ${i}`));
    const answers = await Promise.all(phones.map(async (p) => text(await p.say(`/start ${code}`))));
    expect(answers.filter((a) => a === LINKED_ID('Staf Pelayanan Bukit Sangkal'))).toHaveLength(1);
    expect(answers.filter((a) => a === REFUSED)).toHaveLength(9);
    const winner = phones[answers.findIndex((a) => a.startsWith('Terima kasih'))]!;
    expect(await linkedIdentity()).toBe((await identityOf(winner.id)).id);
  });

  it('expires after an hour, and a newer code ends the earlier one', async () => {
    const b = await signedIn();
    const first = await makeCode(b);
    const second = await makeCode(b);
    expect(second).not.toBe(first);
    const rina = new SimPerson('628777300001', 'Rina');
    expect(text(await rina.say(first))).toBe(REFUSED);

    now = MONDAY_10_WIB + 61 * 60_000;
    setClock(now);
    expect(await accountPage(b)).not.toContain('data-link-code');
    expect(text(await rina.say(second))).toBe(REFUSED);
    expect(await linkedIdentity()).toBeNull();
  });

  it('refuses codes from a chat that guessed wrong five times, as RT codes are', async () => {
    const code = await makeCode(await signedIn());
    const guesser = new SimPerson('628777300003', 'Penebak');
    for (const wrong of ['AAAA-BBB2', 'CCCC-DDD3', 'EEEE-FFF4', 'GGGG-HHH5', 'JJJJ-KKK6']) expect(text(await guesser.say(`/start ${wrong}`))).toBe(REFUSED);
    expect(text(await guesser.say(code))).toContain('Sudah terlalu banyak kode yang salah dari nomor ini.');
    expect(await linkedIdentity()).toBeNull();
  });

  it('leaves a chat already in use with its own person, and answers in its language', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    await siti.say('halo');
    const before = await identityOf('628123450001');
    await env.DB.prepare('UPDATE people SET locale = ?1 WHERE id = ?2').bind('en', before.person_id).run();
    const code = await makeCode(await signedIn());
    expect(text(await siti.say(code))).toBe(
      'Thank you, Staf Pelayanan Bukit Sangkal. This chat is now linked to your Loket staff account. From now on, escalations and the morning summary of Kelurahan Bukit Sangkal come here.',
    );
    expect(await identityOf('628123450001')).toEqual(before);
    expect(await linkedIdentity()).toBe(before.id);
  });

  it('from a desk in English: a new chat is answered in English, and escalations arrive in English', async () => {
    const b = await signedIn();
    expect(await accountPage(b, '?lang=en')).toContain('No chat is linked to your account yet.');
    const code = await makeCode(b);
    expect(await accountPage(b)).toContain(`Telegram: send /start ${code} to the Loket bot.`);
    const rina = new SimPerson('628777300001', 'Rina');
    expect(text(await rina.say(code))).toContain('This chat is now linked to your Loket staff account.');
    const caseCode = await lateCase();
    await tick(wib('2026-12-02T16:15'));
    expect(text(await rina.replies())).toBe(`Needs attention: case ${caseCode}. The three working days have passed.`);
  });

  it('unlinks: escalations reach the chat no more, and the page says they reach nobody', async () => {
    const b = await signedIn();
    const rina = new SimPerson('628777300001', 'Rina');
    await rina.say(await makeCode(b));
    const res = await b.post('/status/account/unlink', { _csrf: formToken(await accountPage(b)) });
    expect([res.status, res.headers.get('location')]).toEqual([303, '/status/account']);
    expect(await linkedIdentity()).toBeNull();
    const page = await accountPage(b);
    expect(page).toContain('data-banner="no-staff-chat"');
    expect(page).toContain('Belum ada chat yang tersambung ke akun Anda.');

    await lateCase();
    await rina.replies();
    await tick(wib('2026-12-02T16:15'));
    expect(await rina.replies()).toEqual([]);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM case_events WHERE kind = 'escalated'").first()).toEqual({ n: 1 });
  });
});

describe("the administration page's list of staff", () => {
  /** The line under an account: its username and the chat it linked. */
  async function chatLine(b: Browser, username: string): Promise<string> {
    const res = await b.get('/status/admin/staff');
    expect(res.status).toBe(200);
    const row = new RegExp(`<li data-staff="${username}">[\\s\\S]*?<p class="muted">([^<]*)</p>`).exec(await res.text());
    if (!row) throw new Error(`no row for ${username}`);
    return row[1]!;
  }

  it('names the channel each account linked, and its number only masked', async () => {
    await addStaff({ id: 's-rina', kelurahanId: 'kel-bukit-sangkal', username: 'rina', password: 'sandi-rina-2026' });
    await addStaff({ id: 's-tono', kelurahanId: 'kel-bukit-sangkal', username: 'tono', password: 'sandi-tono-2026' });
    const b = await signedIn();
    expect(await chatLine(b, 'staf')).toContain('Chat eskalasi: Belum tersambung');

    await new SimPerson('628777300001', 'Staf').say(await makeCode(b));
    // Rina linked a WhatsApp chat, Tono a Telegram one: its chat id is no phone number, his recorded number names it.
    await env.DB.batch([
      env.DB.prepare("INSERT INTO people (id, kelurahan_id, full_name, phone, created_at) VALUES ('p-rina', 'kel-bukit-sangkal', 'Rina', '628777300009', 0)"),
      env.DB.prepare("INSERT INTO people (id, kelurahan_id, full_name, phone, created_at) VALUES ('p-tono', 'kel-bukit-sangkal', 'Tono', '628777300010', 0)"),
      env.DB.prepare(
        "INSERT INTO channel_identities (id, kelurahan_id, person_id, channel, external_id, created_at) VALUES ('i-rina', 'kel-bukit-sangkal', 'p-rina', 'whatsapp', '628777300009', 0)",
      ),
      env.DB.prepare(
        "INSERT INTO channel_identities (id, kelurahan_id, person_id, channel, external_id, created_at) VALUES ('i-tono', 'kel-bukit-sangkal', 'p-tono', 'telegram', '987654321', 0)",
      ),
      env.DB.prepare("UPDATE staff_users SET identity_id = 'i-rina' WHERE id = 's-rina'"),
      env.DB.prepare("UPDATE staff_users SET identity_id = 'i-tono' WHERE id = 's-tono'"),
    ]);
    expect(await chatLine(b, 'staf')).toContain('Chat eskalasi: Simulator 0877****001');
    expect(await chatLine(b, 'rina')).toContain('Chat eskalasi: WhatsApp 0877****009');
    expect(await chatLine(b, 'tono')).toContain('Chat eskalasi: Telegram 0877****010');
    const page = await (await b.get('/status/admin/staff')).text();
    expect(page).not.toContain('Belum tersambung');
    // Whoever reads the page learns which chat, not whose phone: no number whole, nor a Telegram chat id.
    for (const number of ['628777300001', '08777300001', '628777300009', '08777300009', '628777300010', '08777300010', '987654321']) {
      expect(page, number).not.toContain(number);
    }
  });
});

describe('the banner saying escalations reach nobody', () => {
  it("is gone once any staff member of the kelurahan linked a chat; another kelurahan's staff do not count", async () => {
    await addKelurahan('k-lain', 'Sungai Buah');
    // Created after the demo kelurahan, so the simulator keeps serving the demo one.
    await env.DB.prepare("UPDATE kelurahan SET created_at = 9999999999999 WHERE id = 'k-lain'").run();
    await addStaff({ id: 's-lain', kelurahanId: 'k-lain', username: 'lain', password: 'sandi-lain-2026' });
    await addStaff({ id: 's-rina', kelurahanId: 'kel-bukit-sangkal', username: 'rina', password: 'sandi-rina-2026' });
    await env.DB.batch([
      env.DB.prepare("INSERT INTO people (id, kelurahan_id, full_name, created_at) VALUES ('p-lain', 'k-lain', 'Staf Lain', 0)"),
      env.DB.prepare(
        "INSERT INTO channel_identities (id, kelurahan_id, person_id, channel, external_id, created_at) VALUES ('i-lain', 'k-lain', 'p-lain', 'simulator', '628555000009', 0)",
      ),
      env.DB.prepare("UPDATE staff_users SET identity_id = 'i-lain' WHERE id = 's-lain'"),
    ]);
    const b = await signedIn();
    expect(await accountPage(b)).toContain('data-banner="no-staff-chat"');

    const rina = new Browser();
    expect((await rina.signIn('rina', 'sandi-rina-2026')).status).toBe(303);
    await new SimPerson('628777300001', 'Rina').say(await makeCode(rina));
    const page = await accountPage(b);
    expect(page).not.toContain('data-banner="no-staff-chat"');
    // Her link is hers: staf's own account still has none.
    expect(page).toContain('Belum ada chat yang tersambung ke akun Anda.');
  });

  it('says so plainly, with the way to the account page', async () => {
    const html = String(NoStaffChatBanner({ t: deskText('id') }));
    expect(html).toContain(
      'Eskalasi belum sampai ke siapa pun: belum ada staf kelurahan ini yang menyambungkan chat WhatsApp atau Telegram.',
    );
    expect(html).toContain('<a href="/status/account">Sambungkan chat Anda di halaman Akun.</a>');
    expect(String(NoStaffChatBanner({ t: deskText('en') }))).toContain('Escalations reach nobody');
  });
});
