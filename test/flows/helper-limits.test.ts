/**
 * Applying for someone else makes the kelurahan's number write to a number the helper typed:
 * what that message says, and how often a helper may cause one (issue 8, items 1 and 2).
 */
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { completeApplication, NIK, SERVICE_CHOICE, SERVICE_LABEL, startApplication } from '../support/apply-helper';
import { useFreshDatabase } from '../support/fresh-database';
import { choice, MONDAY_10_WIB, seed, setClock, SimPerson, text, type Received } from '../support/simulator';

useFreshDatabase();
beforeEach(seed);

const SITI = '628123450001';
const DAY = 24 * 60 * 60 * 1000;
const REQUEST_TO_SITI_FROM_BUDI =
  'Pemilik nomor 0812****002 mengajukan KTP di Loket untuk Bapak/Ibu, atas nama Siti Aminah.\nBenar Bapak/Ibu yang meminta?\n' +
  'Jika tidak, pilih "Bukan saya": pengajuan dibatalkan dan nomor itu tidak bisa mengajukan untuk Bapak/Ibu selama 30 hari.';

/** Walks an application for someone else up to the applicant's phone number, and types it. */
async function typePhone(p: SimPerson, phone: string, o: { service?: keyof typeof SERVICE_LABEL; name?: string; nik?: string } = {}): Promise<Received[]> {
  let r = await p.say('menu');
  r = await p.press(choice(r, 'Ajukan layanan'));
  r = await p.press(choice(r, SERVICE_CHOICE[o.service ?? 'ktp']));
  r = await p.press(choice(r, 'Orang lain'));
  r = await p.say(o.name ?? 'Siti Aminah');
  r = await p.say(o.nik ?? NIK.siti);
  expect(text(r)).toContain('Nomor HP pemohon?');
  return p.say(phone);
}

const countCases = async () => (await env.DB.prepare('SELECT count(*) AS n FROM cases').first<{ n: number }>())!.n;

describe('the request to the applicant', () => {
  it('names the helper only by a masked number: not their profile name, not the name they gave themselves', async () => {
    const budi = new SimPerson('628123450002', 'CS Kelurahan: transfer Rp50.000 ke rek 123');
    // A name that passes the name rule is still the helper's own words about themselves.
    await completeApplication(budi, 'situ', { name: 'Petugas Resmi Kelurahan', nik: NIK.budi });
    await startApplication(budi, 'ktp', { forOther: { name: 'siti aminah', nik: NIK.siti, phone: '0812 3450 001' } });

    const siti = new SimPerson(SITI, 'Siti');
    const request = await siti.replies();
    expect(text(request)).toBe(REQUEST_TO_SITI_FROM_BUDI);
    expect(request[0]!.message.kind === 'text' && request[0]!.message.choices?.map((c) => c.label)).toEqual(['Ya, benar', 'Bukan saya']);

    // Asked again from her own chat, the question says the same.
    const again = text(await siti.say('halo'));
    expect(again).toContain(REQUEST_TO_SITI_FROM_BUDI);
    expect(again).not.toMatch(/Petugas|transfer|CS Kelurahan/);
  });

  it('a helper whose profile name passes the name rule is still named by number only', async () => {
    const budi = new SimPerson('628123450002', 'Petugas Kelurahan');
    await startApplication(budi, 'ktp', { forOther: { name: 'Siti Aminah', nik: NIK.siti, phone: SITI } });
    expect(text(await new SimPerson(SITI, 'Siti').replies())).toBe(REQUEST_TO_SITI_FROM_BUDI);
  });
});

describe('at most three applications for other people per local day', () => {
  it('refuses the fourth at "Orang lain", cancelled ones counted, and allows it after midnight WIB', async () => {
    const budi = new SimPerson('628123450002', 'Budi');
    await startApplication(budi, 'ktp', { forOther: { name: 'Ani Lestari', nik: NIK.ani, phone: null } });
    await startApplication(budi, 'kk', { forOther: { name: 'Mbah Sarinah', nik: NIK.ani, phone: null } });
    await startApplication(budi, 'situ', { forOther: { name: 'Dewi Sartika', nik: NIK.ani, phone: null } });
    // Cancelling one does not make room for another.
    expect(text(await budi.say('batal'))).toContain('Berkas SITU-2611-0001 sudah dibatalkan.');

    let r = await budi.say('menu');
    r = await budi.press(choice(r, 'Ajukan layanan'));
    r = await budi.press(choice(r, 'KTP'));
    r = await budi.press(choice(r, 'Orang lain'));
    expect(text(r)).toBe(
      'Hari ini Bapak/Ibu sudah mengajukan 3 berkas untuk orang lain. Itu batas sehari, supaya nomor kelurahan tidak dipakai untuk mengganggu orang.\n' +
        'Silakan ajukan lagi besok, atau minta yang bersangkutan mengajukan sendiri dari HP-nya. Untuk diri sendiri tetap bisa.\n\n' +
        'Untuk diri sendiri atau untuk orang lain?',
    );
    // Applying for oneself is not limited.
    expect(text(await budi.press(choice(r, 'Diri sendiri')))).toBe('Nama lengkap sesuai KK?');
    expect(await countCases()).toBe(3);

    // 00:30 WIB on Tuesday is still Monday in UTC: the day is the kelurahan's.
    setClock(Date.parse('2026-12-01T00:30:00+07:00'));
    r = await budi.say('menu');
    r = await budi.press(choice(r, 'Ajukan layanan'));
    r = await budi.press(choice(r, 'KTP'));
    expect(text(await budi.press(choice(r, 'Orang lain')))).toBe('Nama lengkap pemohon sesuai KK?');
  });
});

describe('one unanswered request to the same number', () => {
  it('refuses a second request while the first waits, and allows it once she has answered', async () => {
    const budi = new SimPerson('628123450002', 'Budi');
    const siti = new SimPerson(SITI, 'Siti');
    await startApplication(budi, 'ktp', { forOther: { name: 'Siti Aminah', nik: NIK.siti, phone: SITI } });
    expect(text(await siti.replies())).toBe(REQUEST_TO_SITI_FROM_BUDI);

    const r = await typePhone(budi, '0812 3450 001', { service: 'kk' });
    expect(text(r)).toBe(
      'Kami masih menunggu jawaban pemilik nomor 0812****001 atas pengajuan Bapak/Ibu sebelumnya (berkas KTP-2611-0001). ' +
        'Selama belum dijawab, kami tidak mengirim permintaan kedua ke nomor itu.\n' +
        'Tunggu jawabannya, atau batalkan berkas itu lewat menu "Batalkan berkas" lalu ajukan lagi.\n\n' +
        'Nomor HP pemohon? Kami minta pemohon mengonfirmasi dari HP-nya sendiri.\nContoh: 0812 3456 7890.',
    );
    // Another number is fine at the same question.
    expect(text(await budi.say('0812 3450 011'))).toContain('Tinggal di RW berapa?');
    expect(await siti.replies()).toEqual([]);

    await siti.say('1'); // Ya, benar
    let again = await typePhone(budi, SITI, { service: 'kk' });
    again = await budi.press(choice(again, 'RW 02'));
    await budi.press(choice(again, /^RT 03/));
    const second = text(await siti.replies());
    expect(second).toContain('Pemilik nomor 0812****002 mengajukan Kartu Keluarga di Loket untuk Bapak/Ibu');
  });

  it('refuses the helper\'s own number', async () => {
    const budi = new SimPerson('628123450002', 'Budi');
    const r = await typePhone(budi, '0812-3450-002');
    expect(text(r)).toContain('Itu nomor HP Bapak/Ibu sendiri. Tulis nomor HP pemohon, atau pilih "Tidak punya HP" bila pemohon tidak punya HP.');
    expect(text(r)).toContain('Nomor HP pemohon?');
  });
});

describe('"Bukan saya" stops that helper from asking that number for 30 days', () => {
  it('records the denial, tells the helper, refuses him until the date, and not another helper', async () => {
    const budi = new SimPerson('628123450002', 'Budi');
    const siti = new SimPerson(SITI, 'Siti');
    await startApplication(budi, 'ktp', { forOther: { name: 'Siti Aminah', nik: NIK.siti, phone: SITI } });
    const request = await siti.replies();
    expect(text(await siti.press(choice(request, 'Bukan saya')))).toBe('Baik. Pengajuan itu kami batalkan.');
    const deniedAt = (await env.DB.prepare('SELECT applicant_denied_at AS at FROM cases').first<{ at: number }>())!.at;
    expect(deniedAt).toBeGreaterThan(MONDAY_10_WIB);
    expect(await env.DB.prepare('SELECT state FROM cases').first()).toEqual({ state: 'cancelled' });
    expect(text(await budi.replies())).toContain(
      'Siti Aminah tidak mengonfirmasi berkas KTP-2611-0001. Berkas dibatalkan.\nBapak/Ibu tidak bisa mengajukan lagi untuk nomor itu selama 30 hari.',
    );

    const refusal =
      'Pemilik nomor 0812****001 sudah menjawab bahwa ia tidak meminta pengajuan dari Bapak/Ibu. ' +
      'Karena itu, Bapak/Ibu tidak bisa mengajukan untuk nomor itu sampai Rabu, 30 Desember 2026.\n' +
      'Minta ia mengajukan sendiri dari HP-nya, atau datang bersama ke kantor kelurahan di Jl. Residen H. Najamudin, Bukit Sangkal, Palembang.';
    expect(text(await typePhone(budi, SITI))).toContain(refusal);
    setClock(deniedAt + 29 * DAY);
    expect(text(await typePhone(budi, '0812 3450 001'))).toContain(refusal);
    expect(await siti.replies()).toEqual([]);
    expect(await countCases()).toBe(1);

    // Another helper may still ask her.
    const ani = new SimPerson('628123450011', 'Ani');
    expect(text(await typePhone(ani, SITI))).toContain('Tinggal di RW berapa?');

    setClock(deniedAt + 31 * DAY);
    expect(text(await typePhone(budi, SITI))).toContain('Tinggal di RW berapa?');
  });

  it('still counts when the helper cancelled before she answered', async () => {
    const budi = new SimPerson('628123450002', 'Budi');
    const siti = new SimPerson(SITI, 'Siti');
    await startApplication(budi, 'ktp', { forOther: { name: 'Siti Aminah', nik: NIK.siti, phone: SITI } });
    const request = await siti.replies();
    await budi.say('batal');
    expect(await env.DB.prepare('SELECT state FROM cases').first()).toEqual({ state: 'cancelled' });
    // She is told, by his masked number only, that he cancelled it.
    expect(text(await siti.replies())).toBe('Berkas KTP-2611-0001 atas nama Bapak/Ibu sudah dibatalkan oleh pemilik nomor 0812****002 yang mengajukannya.');
    expect(text(await siti.press(choice(request, 'Bukan saya')))).toBe('Baik. Pengajuan itu kami batalkan.');
    expect(await env.DB.prepare('SELECT applicant_denied_at IS NOT NULL AS denied FROM cases').first()).toEqual({ denied: 1 });
    expect(text(await typePhone(budi, SITI))).toContain('sudah menjawab bahwa ia tidak meminta pengajuan dari Bapak/Ibu');
  });

  it('typing "tidak" is the same answer', async () => {
    const budi = new SimPerson('628123450002', 'Budi');
    const siti = new SimPerson(SITI, 'Siti');
    await startApplication(budi, 'ktp', { forOther: { name: 'Siti Aminah', nik: NIK.siti, phone: SITI } });
    await siti.replies();
    expect(text(await siti.say('tidak'))).toBe('Baik. Pengajuan itu kami batalkan.');
    expect(text(await typePhone(budi, SITI))).toContain('sudah menjawab bahwa ia tidak meminta pengajuan dari Bapak/Ibu');
  });
});
