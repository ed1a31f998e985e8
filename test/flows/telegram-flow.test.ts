/**
 * The whole counter on Telegram, end to end: a resident, her RT chair and a staff member each on
 * their own Telegram chat, every update posted to POST /webhooks/telegram with the secret, every
 * reply sent by the queue consumer through grammY to a fake Bot API. What each person reads is
 * what the fake Bot API was asked to show in their chat, never an outbox row.
 */
import { createScheduledController, env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runScheduled } from '../../src/jobs/scheduled';
import { clearTelegramBotCache } from '../../src/telegram-kelurahan';
import { NIK } from '../support/apply-helper';
import { Browser, formToken } from '../support/desk';
import { useFreshDatabase } from '../support/fresh-database';
import { drainQueue, JPEG, MONDAY_10_WIB, PDF, PNG, seed, testEnv } from '../support/simulator';
import { postUpdate, tg, type TgUpdate, type TgUser } from '../support/telegram';
import { FakeBotApi, type BotCall } from '../support/telegram-api';
import { createApp } from '../../src/app';

useFreshDatabase();
const bot = new FakeBotApi();
let now = MONDAY_10_WIB;
beforeEach(async () => {
  await seed();
  clearTelegramBotCache();
  bot.install();
  now = MONDAY_10_WIB;
  // The webhook, the consumer and the desk all read the system clock: one simulated time for all.
  vi.spyOn(Date, 'now').mockImplementation(() => now);
});
afterEach(() => vi.restoreAllMocks());

const wib = (iso: string) => Date.parse(`${iso}:00+07:00`);
const tick = (at: number) => runScheduled(createScheduledController({ cron: '*/15 * * * *', scheduledTime: at }), testEnv());

const SITI: TgUser = { id: 700000001, first_name: 'Siti', last_name: 'Aminah' };
const HASAN: TgUser = { id: 700000203, first_name: 'Hasan' };
const STAFF: TgUser = { id: 700000900, first_name: 'Staf' };
const BUDI: TgUser = { id: 700000204, first_name: 'Pak RT Palsu' };

interface Shown {
  text: string;
  /** The inline buttons under it, row by row: [label, callback_data]. */
  buttons: [string, string][];
  method: string;
  filename?: string;
}

/** One person's Telegram chat: what they send goes through the webhook, what they read comes from the fake Bot API. */
class TgChat {
  private read = 0;
  /** The webhook's answer to the last update (a press is answered in it). */
  lastAnswer: Record<string, unknown> = {};
  constructor(readonly user: TgUser) {}

  async send(update: TgUpdate): Promise<Shown[]> {
    now += 1000;
    const res = await postUpdate(update);
    expect(res.status).toBe(200);
    const body = await res.text();
    this.lastAnswer = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    await drainQueue();
    return this.shown();
  }

  say = (text: string) => this.send(tg.text(this.user, text));
  press = (data: string) => this.send(tg.press(this.user, data));

  /** Messages shown in this chat since last read. */
  shown(): Shown[] {
    const calls = bot.sentTo(this.user.id);
    const fresh = calls.slice(this.read);
    this.read = calls.length;
    return fresh.map(view);
  }
}

function view(c: BotCall): Shown {
  const p = c.params as { text?: string; caption?: string; reply_markup?: { inline_keyboard?: { text: string; callback_data: string }[][] } };
  return {
    method: c.method,
    text: String(p.text ?? p.caption ?? ''),
    buttons: (p.reply_markup?.inline_keyboard ?? []).flat().map((b) => [b.text, b.callback_data]),
    ...(c.file ? { filename: c.file.filename } : {}),
  };
}

const all = (shown: Shown[]) => shown.map((s) => s.text).join('\n---\n');
function button(shown: Shown[], label: string | RegExp): string {
  const found = shown.flatMap((s) => s.buttons).find(([l]) => (typeof label === 'string' ? l === label : label.test(l)));
  if (!found) throw new Error(`no button ${label} in ${JSON.stringify(shown.map((s) => s.buttons))}`);
  return found[1];
}

/** A photo or document the resident sends, held by the fake Bot API until the consumer fetches it. */
function upload(chat: TgChat, bytes: Uint8Array, kind: 'photo' | 'document', name = 'scan.pdf'): Promise<Shown[]> {
  const update = kind === 'photo' ? tg.photo(chat.user) : tg.document(chat.user, name, 'application/pdf');
  const m = update.message as { photo?: { file_id: string }[]; document?: { file_id: string } };
  bot.addFile(m.photo ? m.photo[m.photo.length - 1]!.file_id : m.document!.file_id, bytes);
  return chat.send(update);
}

/** The staff member's browser on the desk. */
async function signedIn(): Promise<Browser> {
  const b = new Browser('https://loket.test', '203.0.113.10', undefined, testEnv());
  expect((await b.signIn('staf', 'test-password')).status).toBe(303);
  return b;
}

/** "Buat kode sambungan" on the account page, and the code it shows. */
async function staffLinkCode(b: Browser): Promise<string> {
  const page = async () => (await b.get('/status/account')).text();
  await b.post('/status/account/link', { _csrf: formToken(await page()) });
  return /data-link-code[^>]*>([A-Z0-9]{4}-[A-Z0-9]{4})</.exec(await page())![1]!;
}

/** Sends the case page's form for `action`, as the staff member's click would. */
async function act(b: Browser, code: string, action: string, fields: Record<string, string> = {}): Promise<number> {
  const page = await (await b.get(`/status/cases/${code}`)).text();
  const form = new RegExp(`<form method="post" action="/status/cases/${code}/act" data-action="${action}">([\\s\\S]*?)</form>`).exec(page);
  if (!form) throw new Error(`no ${action} form on the page`);
  const version = /name="version" value="(\d+)"/.exec(form[1]!)![1]!;
  return (await b.post(`/status/cases/${code}/act`, { _csrf: formToken(form[1]!), action, version, ...fields })).status;
}

async function rtInvite(rw: number, rtNumber: number): Promise<string> {
  const res = await createApp().request('/__local/invites', { method: 'POST', body: JSON.stringify({ rw, rt: rtNumber }) }, testEnv());
  return (await res.json<{ code: string }>()).code;
}

describe('Loket on Telegram', () => {
  it('carries an application from hello to the RT chair\'s buttons, a staff escalation and the finished letter', async () => {
    // Staff and the RT chair link their Telegram chats with their one-time codes.
    const staff = new TgChat(STAFF);
    const desk = await signedIn();
    expect(all(await staff.send(tg.start(STAFF, await staffLinkCode(desk))))).toContain('Chat ini sekarang tersambung dengan akun staf Loket.');
    const hasan = new TgChat(HASAN);
    expect(all(await hasan.send(tg.start(HASAN, await rtInvite(2, 3))))).toMatch(/^Terima kasih, Bapak Hasan/);

    // Siti applies for the surat pengantar nikah from her Telegram chat.
    const siti = new TgChat(SITI);
    let r = await siti.say('halo');
    expect(all(r)).toContain('Selamat datang di Loket Kelurahan Bukit Sangkal.');
    // Telegram shows every choice as an inline button: seven, no WhatsApp-style limit of three.
    expect(r.at(-1)!.buttons.map(([label]) => label)).toEqual([
      'Ajukan layanan', 'Cek status', 'Info layanan', 'Pengaduan', 'Batalkan berkas', 'Bahasa / Language', 'Bantuan',
    ]);
    r = await siti.press(button(r, 'Ajukan layanan'));
    // Every press is answered, so Telegram stops the button's spinner.
    expect(siti.lastAnswer).toMatchObject({ method: 'answerCallbackQuery' });
    r = await siti.press(button(r, 'Surat pengantar nikah'));
    r = await siti.press(button(r, 'Diri sendiri'));
    expect(all(r)).toContain('kirim nomor HP Anda sekali saja dengan tombol di bawah');
    r = await siti.send(tg.contact(SITI, '6281234500001'));
    expect(all(r)).toContain('Nama lengkap sesuai KK?');
    r = await siti.say('Siti Aminah');
    r = await siti.say(NIK.siti);
    r = await siti.press(button(r, 'RW 02'));
    r = await siti.press(button(r, /^RT 03/));
    expect(all(r)).toContain('Permintaan surat pengantar sudah kami kirim ke Ketua RT 03/RW 02, Bapak Hasan.');

    // The chair's card reaches his Telegram chat with its buttons.
    let card = hasan.shown();
    expect(all(card)).toContain('Permintaan surat pengantar\nSiti Aminah, NIK 1671 **** **** 0003\nRT 03 / RW 02, untuk: Surat pengantar nikah');
    const code = /Nomor berkas: ([A-Z]+-\d{4}-\d{4})/.exec(all(card))![1]!;

    // Her papers: photos and a PDF, fetched by the consumer with getFile into R2.
    r = await upload(siti, JPEG, 'photo');
    r = await upload(siti, PDF, 'document', 'ktp.pdf');
    r = await upload(siti, PNG, 'photo');
    expect(bot.calls.filter((c) => c.method === 'getFile')).toHaveLength(3);
    const stored = await env.DB.prepare("SELECT count(*) AS n FROM case_documents WHERE status = 'stored'").first<{ n: number }>();
    expect(stored!.n).toBe(3);
    expect(all(r)).toContain('Semua dokumen sudah masuk dan sedang kami periksa.');
    r = await siti.say('1');
    expect(all(r)).toContain('Ringkasan: Surat pengantar nikah untuk Siti Aminah, RT 03/RW 02, diambil di kantor.');
    r = await siti.press(button(r, 'Kirim'));
    expect(all(r)).toContain(`Terkirim. Nomor berkas: ${code}.`);

    // Bapak Hasan approves with the inline button; Siti gets the date and the letter as a document.
    now = wib('2026-11-30T11:00');
    card = [...card, ...hasan.shown()];
    r = await hasan.press(button(card, 'Setujui'));
    expect(hasan.lastAnswer).toMatchObject({ method: 'answerCallbackQuery' });
    expect(all(r)).toContain('Permintaan Siti Aminah sudah Bapak setujui.');
    const toSiti = siti.shown();
    expect(all(toSiti)).toContain(`Ketua RT menyetujui surat pengantar untuk berkas ${code}.`);
    expect(toSiti.filter((m) => m.method === 'sendDocument')).toHaveLength(1);

    // Day 1 closes; on day 2 the chair verifies her with a button.
    now = wib('2026-11-30T16:15');
    await tick(now);
    await drainQueue();
    const day2 = hasan.shown();
    expect(all(day2)).toContain(`Mohon periksa berkas ${code}`);
    expect(day2.filter((m) => m.method === 'sendPhoto')).toHaveLength(2);
    now = wib('2026-12-01T09:30');
    r = await hasan.press(button(day2, 'Sah'));
    expect(all(siti.shown())).toContain(code);

    // Day 3 closes with nothing made: the staff member's Telegram chat hears of it.
    now = wib('2026-12-02T16:15');
    await tick(now);
    await drainQueue();
    expect(all(staff.shown())).toContain(`Perlu perhatian: berkas ${code}. Sudah lewat janji 3 hari kerja.`);

    // The resident is told once that the office is late, not she.
    expect(all(siti.shown())).toContain(`Mohon maaf, dokumen berkas ${code} belum selesai pada Rabu, 2 Desember 2026`);

    // Staff issue the kelurahan's letter at the desk: Siti reads that it is ready, with her
    // pickup code, and hears "selesai" once it is handed to her.
    now = wib('2026-12-03T09:00');
    const morning = await signedIn();
    const page = await (await morning.get(`/status/cases/${code}`)).text();
    expect((await morning.post(`/status/cases/${code}/letter`, { _csrf: formToken(page) })).status).toBe(303);
    await drainQueue();
    expect(await act(morning, code, 'produce', { output: 'letter' })).toBe(303);
    await drainQueue();
    const told = siti.shown();
    const ready = all(told);
    expect(ready).toContain(`Surat pengantar nikah Bapak/Ibu sudah siap diambil (berkas ${code}).`);
    // The letter itself, uploaded from R2 to her chat.
    const letter = told.find((m) => m.method === 'sendDocument');
    expect(letter?.filename).toMatch(/\.pdf$/);
    const sent = bot.calls.find((c) => c.method === 'sendDocument' && String(c.params.chat_id) === String(SITI.id) && c.file?.filename === letter?.filename);
    expect(new TextDecoder().decode(sent!.file!.bytes.slice(0, 5))).toBe('%PDF-');
    const pickup = /Kode ambil: (\d{3} \d{3})/.exec(ready)![1]!.replace(' ', '');
    expect(await act(morning, code, 'hand_over', { pickupCode: pickup })).toBe(303);
    await drainQueue();
    expect(all(siti.shown())).toMatch(/selesai/i);
    expect(await env.DB.prepare('SELECT state FROM cases WHERE code = ?1').bind(code).first()).toEqual({ state: 'completed' });
  });

  it('asks a neighbour whose number was shared on Telegram, in their Telegram chat, and tells the chair by the number he typed', async () => {
    const hasan = new TgChat(HASAN);
    await hasan.send(tg.start(HASAN, await rtInvite(2, 3)));
    // Budi has written to Loket on Telegram and shared his number with the button, once.
    const budi = new TgChat(BUDI);
    await budi.say('halo');
    expect(all(await budi.send(tg.contact(BUDI, '+62 812-3450-0002')))).toContain('Terima kasih, nomor Anda sudah kami catat.');

    // Siti applies for a KTP from Telegram; Hasan approves; day 1 closes and the day-2 card comes.
    const siti = new TgChat(SITI);
    let r = await siti.say('halo');
    r = await siti.press(button(r, 'Ajukan layanan'));
    r = await siti.press(button(r, 'KTP'));
    r = await siti.press(button(r, 'Diri sendiri'));
    r = await siti.send(tg.contact(SITI, '6281234500001'));
    r = await siti.say('Siti Aminah');
    r = await siti.say(NIK.siti);
    r = await siti.press(button(r, 'RW 02'));
    r = await siti.press(button(r, /^RT 03/));
    const request = hasan.shown();
    const code = /Nomor berkas: ([A-Z]+-\d{4}-\d{4})/.exec(all(request))![1]!;
    for (let i = 0; i < 3; i++) r = await upload(siti, JPEG, 'photo');
    r = await siti.press(button(r, 'Ambil di kantor'));
    r = await siti.press(button(r, 'Kirim'));
    now = wib('2026-11-30T11:00');
    await hasan.press(button(request, 'Setujui'));
    now = wib('2026-11-30T16:15');
    await tick(now);
    await drainQueue();
    const card = hasan.shown();
    now = wib('2026-12-01T09:00');

    // Hasan asks his neighbour by the number he knows; Budi wrote to Loket, so no invitation.
    r = await hasan.press(button(card, 'Tanya tetangga'));
    expect(all(r)).toContain('Ketik nomor HP satu atau dua tetangga yang mengenal Siti Aminah.');
    r = await hasan.say('0812 3450 0002');
    expect(all(r)).toBe(
      'Pertanyaan sudah kami kirim ke 1 tetangga. Setiap jawaban langsung kami teruskan ke Bapak.\n' +
        'Kalau sampai Rabu, 2 Desember 2026 pukul 16.00 belum ada yang menjawab, kami kabari Bapak. Bapak boleh memutuskan tanpa menunggu mereka.',
    );
    expect(await env.DB.prepare('SELECT state FROM cases WHERE code = ?1').bind(code).first()).toEqual({ state: 'neighbour_check' });

    // The question reaches Budi's Telegram chat with two inline buttons.
    const question = budi.shown();
    expect(question.map((m) => m.method)).toEqual(['sendMessage']);
    expect(question[0]!.text).toBe(
      'Selamat pagi. Ketua RT 03 meminta bantuan Bapak/Ibu:\napakah Bapak/Ibu mengenal Siti Aminah, yang tinggal di RT 03/RW 02?\n\nKetuk salah satu pilihan, atau ketik "bantuan".',
    );
    expect(question[0]!.buttons.map(([label]) => label)).toEqual(['Ya, kenal', 'Tidak kenal']);

    r = await budi.press(button(question, 'Ya, kenal'));
    expect(budi.lastAnswer).toMatchObject({ method: 'answerCallbackQuery' });
    expect(all(r)).toBe('Terima kasih atas jawabannya.');
    // The chair reads the number he typed (masked), not Budi's chat id or his name.
    const told = hasan.shown();
    expect(all(told)).toBe(`Jawaban tetangga untuk berkas ${code}:\n1. 0812****002: kenal\nSilakan putuskan.\n\nKetuk salah satu pilihan, atau ketik "bantuan".`);
    expect(told.at(-1)!.buttons.map(([label]) => label)).toEqual(['Sah', 'Tidak sah']);
    expect(await env.DB.prepare('SELECT state FROM cases WHERE code = ?1').bind(code).first()).toEqual({ state: 'verifying' });
    expect(await env.DB.prepare('SELECT answer FROM neighbour_questions').all()).toMatchObject({ results: [{ answer: 'yes' }] });
  });

  it('answers a press that is not the presser\'s to make, with a short text under the button', async () => {
    const stranger = new TgChat({ id: 700000777, first_name: 'Eve' });
    await stranger.say('halo');
    const r = await stranger.press('rt:ap:no-such-case');
    expect(stranger.lastAnswer).toMatchObject({ method: 'answerCallbackQuery', text: 'Tombol ini tidak berlaku lagi.' });
    expect(all(r)).toContain('Tombol itu sudah tidak berlaku.');
  });
});
