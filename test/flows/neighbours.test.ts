/**
 * Neighbours asked by the RT chair (Tabel 6 a) and what cancelling does to them ([8] items 2, 8):
 * the words the chair, the neighbours and the resident receive, not only the states.
 */
import { createScheduledController, env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { runScheduled } from '../../src/jobs/scheduled';
import { completeApplication, NIK, startApplication } from '../support/apply-helper';
import { useFreshDatabase } from '../support/fresh-database';
import { ANSWER_HINT, choice, choicesOf, drainQueue, lastAsked, seed, setClock, SimPerson, testEnv, text, type Received } from '../support/simulator';

useFreshDatabase();
beforeEach(seed);

const wib = (iso: string) => Date.parse(`${iso}:00+07:00`);
const tick = (at: number) => runScheduled(createScheduledController({ cron: '*/15 * * * *', scheduledTime: at }), testEnv());
const row = (sql: string) => env.DB.prepare(sql).first<Record<string, unknown>>();

const SITI = '628123450001';
const HASAN = '628990000203';

/** Applied on Monday, approved at 11:00, archived by the cron at 16:15: the day-2 card waits. */
async function day2(applicant: SimPerson, o: Parameters<typeof completeApplication>[2] = {}) {
  const hasan = new SimPerson(HASAN, 'Bapak Hasan');
  const code = await completeApplication(applicant, 'ktp', o);
  await drainQueue();
  setClock(wib('2026-11-30T11:00'));
  await hasan.press(choice(await hasan.replies(), 'Setujui'));
  await drainQueue();
  await tick(wib('2026-11-30T16:15'));
  const card = await hasan.replies();
  expect(choicesOf(card).map((c) => c.label)).toEqual(['Sah', 'Tidak sah', 'Tanya tetangga']);
  setClock(wib('2026-12-01T09:00'));
  return { hasan, code, card };
}

async function askNeighbours(hasan: SimPerson, card: Received[], numbers: string): Promise<Received[]> {
  await hasan.press(choice(card, 'Tanya tetangga'));
  return hasan.say(numbers);
}

describe('neighbours asked by the RT chair', () => {
  it('passes each answer on as it comes, naming the number the chair typed; the greeting shows the case and its answers', async () => {
    const siti = new SimPerson(SITI, 'Siti');
    // Budi has written to Loket before (his profile name is "Pak RT Palsu": the chair never reads
    // it, only the number they typed); Rudi never has.
    const budi = new SimPerson('628123450002', 'Pak RT Palsu');
    const rudi = new SimPerson('628123450003', 'Rudi');
    await budi.say('halo');
    await budi.replies();
    const { hasan, code, card } = await day2(siti);
    const r = await askNeighbours(hasan, card, '0812 3450 002, 0812 3450 003');
    expect(text(r)).toBe(
      'Nomor 0812****003 belum pernah memakai Loket. Kami kirim pesan resmi WhatsApp dari kelurahan. Pertanyaannya muncul setelah ia membalas.\n\n' +
        'Pertanyaan sudah kami kirim ke 2 tetangga. Setiap jawaban langsung kami teruskan ke Bapak.\n' +
        'Kalau sampai Rabu, 2 Desember 2026 pukul 16.00 belum ada yang menjawab, kami kabari Bapak. Bapak boleh memutuskan tanpa menunggu mereka.',
    );

    const question = await budi.replies();
    // A neighbour who may never have used Loket is told how to answer.
    expect(lastAsked(question)).toMatchObject({ hint: ANSWER_HINT });
    expect(text(await budi.press(choice(question, 'Ya, kenal')))).toBe('Terima kasih atas jawabannya.');
    const first = await hasan.replies();
    expect(text(first)).toBe(`Tetangga 0812****002 menjawab tentang Siti Aminah (berkas ${code}): kenal.\nMasih menunggu 1 tetangga lagi. Bapak juga boleh memutuskan sekarang.`);
    expect(text(first)).not.toContain('Palsu');
    expect(choicesOf(first).map((c) => c.label)).toEqual(['Sah', 'Tidak sah']);
    expect(await row('SELECT state FROM cases')).toEqual({ state: 'neighbour_check' });

    // "halo" shows the case waiting on neighbours and what came so far, not the menu.
    const halo = await hasan.say('halo');
    expect(text(halo)).toContain(`Berkas ${code}: KTP untuk Siti Aminah, NIK 1671 **** **** 0003.\nSedang ditanyakan ke tetangga:\n0812****002: kenal\n0812****003: belum menjawab`);
    expect(choicesOf(halo).map((c) => c.label)).toEqual(['Sah', 'Tidak sah']);

    await rudi.replies();
    expect(text(await rudi.say('2'))).toBe('Terima kasih atas jawabannya.');
    const last = await hasan.replies();
    expect(text(last)).toBe(`Jawaban tetangga untuk berkas ${code}:\n1. 0812****002: kenal\n2. 0812****003: tidak kenal\nSilakan putuskan.`);
    expect(await row('SELECT state FROM cases')).toEqual({ state: 'verifying' });

    // The chair decides from the last message; the resident hears of day 3.
    await hasan.press(choice(last, 'Sah'));
    expect(await row('SELECT state FROM cases')).toEqual({ state: 'processing' });
    expect(text(await siti.replies())).toContain(`Berkas ${code} sudah diperiksa Ketua RT.`);
  });

  it('lets the chair decide from the greeting before the neighbours answer; a late answer is not asked for again', async () => {
    const siti = new SimPerson(SITI, 'Siti');
    const { hasan, code, card } = await day2(siti);
    await askNeighbours(hasan, card, '0812 3450 002');
    const budi = new SimPerson('628123450002', 'Budi');
    const question = await budi.replies();
    const halo = await hasan.say('halo');
    await hasan.press(choice(halo, 'Sah'));
    expect(await row('SELECT state FROM cases')).toEqual({ state: 'processing' });
    expect(text(await budi.press(choice(question, 'Ya, kenal')))).toBe(`Berkas ${code} sudah ditangani. Terima kasih.`);
    expect(text(await budi.say('halo'))).toContain('Mau apa hari ini?');
  });

  it('refuses the applicant, the helper who applied, and the chair as neighbours, saying why', async () => {
    const helper = new SimPerson('628123450005', 'Dewi');
    const siti = new SimPerson(SITI, 'Siti');
    const { hasan, card } = await day2(helper, { forOther: { name: 'Siti Aminah', nik: NIK.siti, phone: '0812 3450 001' } });
    await siti.replies();
    await hasan.press(choice(card, 'Tanya tetangga'));
    let r = await hasan.say('0812-3450-001');
    expect(text(r)).toContain('Nomor 0812****001 adalah nomor pemohon sendiri. Pemohon tidak bisa menjadi saksi untuk dirinya.');
    expect(text(r)).toContain('Ketik nomor HP satu atau dua tetangga');
    r = await hasan.say('0812 3450 005, 0812 3450 002');
    expect(text(r)).toContain('Nomor 0812****005 adalah nomor orang yang mengajukan berkas ini. Tanyakan tetangga lain.');
    r = await hasan.say('+62 899 0000 203');
    expect(text(r)).toContain('Nomor 0899****203 adalah nomor Bapak sendiri. Tanyakan tetangga lain.');
    expect(await row('SELECT count(*) AS n FROM neighbour_questions')).toEqual({ n: 0 });
    expect(await row('SELECT state FROM cases')).toEqual({ state: 'verifying' });
    // Nobody refused was asked anything.
    expect(text(await siti.replies())).not.toContain('mengenal');
    expect(text(await helper.replies())).not.toContain('mengenal');

    r = await hasan.say('0812 3450 002');
    expect(text(r)).toContain('Pertanyaan sudah kami kirim ke 1 tetangga.');
    expect(text(await new SimPerson('628123450002', 'Budi').replies())).toContain('apakah Bapak/Ibu mengenal Siti Aminah');
  });

  it('tells the chair at the end of the next working day when nobody answered, and the chair decides without them', async () => {
    const siti = new SimPerson(SITI, 'Siti');
    const { hasan, code, card } = await day2(siti);
    // Asked Tuesday 09:00: the neighbours have until Wednesday 16:00.
    await askNeighbours(hasan, card, '0812 3450 002, 0812 3450 003');
    await tick(wib('2026-12-01T16:15'));
    await drainQueue();
    // Day 2 ran out: staff hear of it, the chair does not yet.
    expect(text(await hasan.replies())).toBe('');
    await tick(wib('2026-12-02T15:45'));
    expect(text(await hasan.replies())).toBe('');

    await tick(wib('2026-12-02T16:00'));
    await drainQueue();
    const told = await hasan.replies();
    expect(text(told)).toBe(
      `Sampai sekarang belum ada tetangga yang menjawab tentang Siti Aminah (berkas ${code}):\n0812****002: belum menjawab\n0812****003: belum menjawab\n` +
        'Bapak bisa memutuskan sendiri sekarang, tanpa menunggu mereka.',
    );
    expect(choicesOf(told).map((c) => c.label)).toEqual(['Sah', 'Tidak sah']);
    // Said once, however often the cron looks.
    await tick(wib('2026-12-02T16:15'));
    await tick(wib('2026-12-02T16:30'));
    await drainQueue();
    expect(await hasan.replies()).toEqual([]);

    await hasan.press(choice(told, 'Sah'));
    expect(await row('SELECT state FROM cases')).toEqual({ state: 'processing' });
    expect(text(await siti.replies())).toContain(`Berkas ${code} sudah diperiksa Ketua RT.`);
  });

  it('does not tell the chair that nobody answered once one neighbour has', async () => {
    const siti = new SimPerson(SITI, 'Siti');
    const { hasan, card } = await day2(siti);
    await askNeighbours(hasan, card, '0812 3450 002, 0812 3450 003');
    const budi = new SimPerson('628123450002', 'Budi');
    await budi.press(choice(await budi.replies(), 'Tidak kenal'));
    expect(text(await hasan.replies())).toContain('Tetangga 0812****002 menjawab tentang Siti Aminah');
    await tick(wib('2026-12-02T16:00'));
    await drainQueue();
    expect(text(await hasan.replies())).not.toContain('belum ada tetangga yang menjawab');
  });
});

describe('cancelling withdraws the neighbour questions', () => {
  it('a neighbour pressing an old button is told the application was cancelled, and is not asked again', async () => {
    const siti = new SimPerson(SITI, 'Siti');
    const { hasan, code, card } = await day2(siti);
    await askNeighbours(hasan, card, '0812 3450 002');
    const budi = new SimPerson('628123450002', 'Budi');
    const question = await budi.replies();
    await siti.replies();

    let r = await siti.say('menu');
    r = await siti.press(choice(r, 'Batalkan berkas'));
    r = await siti.say('1');
    r = await siti.press(choice(r, 'Ya, batalkan'));
    expect(text(r)).toBe(`Berkas ${code} sudah dibatalkan.`);
    expect(text(await hasan.replies())).toContain(`Berkas ${code} (Siti Aminah) sudah dibatalkan. Bapak tidak perlu menjawabnya lagi.`);

    r = await budi.press(choice(question, 'Ya, kenal'));
    expect(text(r)).toBe('Terima kasih. Pengajuan itu sudah dibatalkan, jadi pertanyaannya tidak perlu dijawab lagi.');
    expect(await row("SELECT count(*) AS n FROM neighbour_questions WHERE answer IS NOT NULL")).toEqual({ n: 0 });
    // Greeting Loket later brings the menu, not the withdrawn question.
    r = await budi.say('halo');
    expect(text(r)).toContain('Mau apa hari ini?');
    expect(text(r)).not.toContain('mengenal');
    // Nor does the chair's greeting still show the case.
    expect(text(await hasan.say('halo'))).not.toContain(code);
  });

  it('tells the RT chair when the applicant answers that she did not ask for the application', async () => {
    const dewi = new SimPerson('628123450005', 'Dewi');
    const siti = new SimPerson(SITI, 'Siti');
    const hasan = new SimPerson(HASAN, 'Bapak Hasan');
    await startApplication(dewi, 'ktp', { forOther: { name: 'Siti Aminah', nik: NIK.siti, phone: '0812 3450 001' } });
    expect(text(await hasan.replies())).toContain('Permintaan surat pengantar');
    const r = await siti.press(choice(await siti.replies(), 'Bukan saya'));
    expect(text(r)).toBe('Baik. Pengajuan itu kami batalkan.');
    expect(text(await hasan.replies())).toBe(
      'Berkas KTP-2611-0001 (Siti Aminah) dibatalkan: pemilik nomor menjawab bahwa ia tidak meminta pengajuan ini. Bapak tidak perlu menjawabnya lagi.',
    );
    expect(await row('SELECT state FROM cases')).toEqual({ state: 'cancelled' });
  });
});
