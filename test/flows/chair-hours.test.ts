/**
 * The RT chair's hours and name ([8] items 6 and 7): a case whose day 2 spans a weekend reaches
 * the chair only by day, at most twice a day, and staff only in office hours; the chair is
 * addressed by name, and the word the morning digest names lists his waiting cases with buttons.
 * Played on the queue and the 15-minute cron through the simulator pipeline.
 */
import { createScheduledController, env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runScheduled } from '../../src/jobs/scheduled';
import { completeApplication, NIK, startApplication } from '../support/apply-helper';
import { toChat } from '../support/chat-log';
import { useFreshDatabase } from '../support/fresh-database';
import { QueueClock } from '../support/queue-clock';
import { staffChats } from '../support/staff-chats';
import { choice, choicesOf, drainQueue, seed, setClock, SimPerson, testEnv, text } from '../support/simulator';

useFreshDatabase();
beforeEach(seed);
afterEach(() => vi.restoreAllMocks());

const wib = (iso: string) => Date.parse(`${iso}:00+07:00`);
const HASAN = '628990000203';

/** Registry data as staff keep it: the chair's full name and NIK, no honorific written. */
async function hasanInRegistry(nik: string | null): Promise<void> {
  await env.DB.prepare("UPDATE people SET full_name = 'Hasan Basri', nik = ?1 WHERE id = 'person-chair-0203'").bind(nik).run();
}

describe("the RT chair's hours", () => {
  it('a case whose day 2 spans the weekend: the card on Friday, then reminders at 09:00 and 15:00 only, staff told on Monday', async () => {
    const { staff } = await staffChats();
    await hasanInRegistry(NIK.budi);
    const siti = new SimPerson('628123450001', 'Siti');
    const hasan = new SimPerson(HASAN, 'Bapak Hasan');
    const code = await completeApplication(siti, 'ktp');
    // Bapak Hasan approves on Friday afternoon: day 1 closes Friday 16:00, day 2 on Monday.
    setClock(wib('2026-12-04T15:00'));
    await hasan.press(choice(await hasan.replies(), 'Setujui'));
    await drainQueue();
    const chairBefore = (await toChat(HASAN)).length;
    const staffBefore = (await toChat(staff.id)).length;

    const clock = new QueueClock(wib('2026-12-04T15:05'));
    await clock.runUntil(wib('2026-12-08T12:00'));

    const reminder = `Pengingat untuk Bapak Hasan Basri: berkas ${code} masih menunggu pemeriksaan Bapak.`;
    const toHasan = (await toChat(HASAN)).slice(chairBefore);
    expect(toHasan).toEqual([
      ['Fri 16:00', '[image]'],
      ['Fri 16:00', '[image]'],
      ['Fri 16:00', '[image]'],
      ['Fri 16:00', `Mohon periksa berkas ${code}: KTP untuk Siti Aminah, NIK 1671 **** **** 0003 (3 dokumen).\nApakah data dan dokumennya benar?`],
      ['Sat 09:00', reminder],
      ['Sat 15:00', reminder],
      ['Sun 09:00', reminder],
      ['Sun 15:00', reminder],
      ['Mon 09:00', reminder],
      ['Mon 15:00', reminder],
    ]);
    // Nothing from 20:00 to 07:00, at most two reminders on any day.
    expect(toHasan.filter(([at]) => at.slice(4) >= '20:00' || at.slice(4) < '07:00')).toEqual([]);
    for (const day of ['Sat', 'Sun', 'Mon']) expect(toHasan.filter(([at, t]) => at.startsWith(day) && t === reminder)).toHaveLength(2);
    // Staff hear of it when day 2 closes on Monday, in office hours, not over the weekend.
    expect((await toChat(staff.id)).slice(staffBefore)).toEqual([['Mon 16:00', `Perlu perhatian: berkas ${code}. Pemeriksaan hari ke-2 oleh Ketua RT terlambat.`]]);
  });

  it('a pengantar asked for on Friday evening: reminders on Saturday by day, staff told at Monday opening', async () => {
    const { staff } = await staffChats();
    const siti = new SimPerson('628123450001', 'Siti');
    setClock(wib('2026-12-04T18:00'));
    await startApplication(siti, 'ktp');
    const chairBefore = (await toChat(HASAN)).length;
    const staffBefore = (await toChat(staff.id)).length;

    const clock = new QueueClock(wib('2026-12-04T18:05'));
    await clock.runUntil(wib('2026-12-07T12:00'));

    const reminder =
      'Pengingat untuk Bapak Hasan: permintaan surat pengantar untuk Siti Aminah (KTP-2612-0001) masih menunggu jawaban Bapak.\n\n' +
      'Permintaan surat pengantar\nSiti Aminah, NIK 1671 **** **** 0003\nRT 03 / RW 02, untuk: KTP\nNomor berkas: KTP-2612-0001';
    expect((await toChat(HASAN)).slice(chairBefore)).toEqual([
      ['Sat 09:00', reminder],
      ['Sat 15:00', reminder],
    ]);
    expect((await toChat(staff.id)).slice(staffBefore)).toEqual([
      ['Mon 08:00', 'Perlu perhatian: berkas KTP-2612-0001. Ketua RT 03/RW 02 belum menjawab permintaan surat pengantar.'],
    ]);
  });
});

describe("the chair's word and name", () => {
  const digest = (at: number) => runScheduled(createScheduledController({ cron: '0 0 * * *', scheduledTime: at }), testEnv());

  it('the digest greets the chair by name and names "rt", which lists every waiting case with its buttons', async () => {
    await hasanInRegistry(NIK.budi);
    const siti = new SimPerson('628123450001', 'Siti');
    const ani = new SimPerson('628123450004', 'Ani');
    const hasan = new SimPerson(HASAN, 'Bapak Hasan');
    await startApplication(siti, 'ktp');
    await startApplication(ani, 'situ', { name: 'Ani Lestari', nik: NIK.ani });
    await hasan.replies();

    await digest(wib('2026-12-01T07:00'));
    expect(text(await hasan.replies())).toBe(
      'Selamat pagi, Bapak Hasan Basri. Ada 2 berkas yang menunggu Bapak:\n- KTP-2611-0001: surat pengantar\n- SITU-2611-0001: surat pengantar\n' +
        'Ketik "rt" untuk melihat dan menjawabnya.',
    );

    setClock(wib('2026-12-01T07:30'));
    const listed = await hasan.say('rt');
    expect(listed.map((m) => (m.message.kind === 'text' ? m.message.text : ''))).toEqual([
      'Bapak Hasan Basri, ada 2 berkas yang menunggu Bapak. Jawab dengan tombol di bawah setiap berkas.',
      expect.stringContaining('Siti Aminah, NIK 1671 **** **** 0003\nRT 03 / RW 02, untuk: KTP\nNomor berkas: KTP-2611-0001'),
      expect.stringContaining(
        'Ani Lestari, NIK 1671 **** **** 0002\nRT 03 / RW 02, untuk: SITU (Surat Izin Tempat Usaha)\n' +
          'Nama usaha: Warung Makan Bu Siti\nJenis usaha: warung makan\nAlamat usaha: Jl. Mayor Zen No. 12, RT 03/RW 02\nNomor berkas: SITU-2611-0001',
      ),
    ]);
    for (const card of listed.slice(1)) expect(choicesOf([card]).map((c) => c.label)).toEqual(['Setujui', 'Tolak']);

    // The first card's button still works after the second arrived; the answer names him.
    const r = await hasan.press(choice([listed[1]!], 'Setujui'));
    expect(text(r)).toBe('Terima kasih, Bapak Hasan Basri. Permintaan Siti Aminah sudah Bapak setujui. Surat pengantarnya sedang dibuat; Bapak kami kabari begitu surat terkirim.');
    // Typed, an answer goes to the last card listed.
    await hasan.say('rt');
    expect(text(await hasan.say('Tolak'))).toContain('Apa alasan menolak?');
    await hasan.say('Bukan warga RT 03');
    expect(text(await hasan.say('rt'))).toBe('Bapak Hasan Basri, saat ini tidak ada berkas yang menunggu Bapak. Terima kasih.');
  });

  it('"rt" from someone who chairs no RT is no command: the resident gets the menu', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    const r = await siti.say('rt');
    expect(text(r)).toContain('Selamat datang di Loket Kelurahan Bukit Sangkal.');
    expect(text(r)).not.toContain('berkas yang menunggu');
  });

  it('a chair whose NIK the registry does not hold is "Bapak/Ibu" before the name, a woman "Ibu"', async () => {
    await hasanInRegistry(null);
    const siti = new SimPerson('628123450001', 'Siti');
    const hasan = new SimPerson(HASAN, 'Bapak Hasan');
    await startApplication(siti, 'ktp');
    await hasan.replies();
    await digest(wib('2026-12-01T07:00'));
    expect(text(await hasan.replies())).toMatch(/^Selamat pagi, Bapak\/Ibu Hasan Basri\. Ada 1 berkas yang menunggu Bapak\/Ibu:/);

    await env.DB.prepare("UPDATE people SET full_name = 'Nurhasanah', nik = ?1 WHERE id = 'person-chair-0203'").bind(NIK.siti).run();
    await digest(wib('2026-12-02T07:00'));
    expect(text(await hasan.replies())).toMatch(/^Selamat pagi, Ibu Nurhasanah\. Ada 1 berkas yang menunggu Ibu:/);
  });
});
