/**
 * Corrections and the promised date ([8] items 3 and 4), through the simulator pipeline: the RT
 * chair finds the applicant's data wrong and the resident types it again; a resend counts the
 * three days again with the new dates said; a revision left unanswered reaches staff; and the
 * date is promised only once the chair has approved.
 */
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NIK, startApplication } from '../support/apply-helper';
import { onTheChairsCard, tick, wib } from '../support/chair-card';
import { useFreshDatabase } from '../support/fresh-database';
import { staffChats } from '../support/staff-chats';
import { choice, drainQueue, JPEG, seed, setClock, SimPerson, text } from '../support/simulator';

useFreshDatabase();
beforeEach(seed);
afterEach(() => vi.restoreAllMocks());

const row = (sql: string) => env.DB.prepare(sql).first<Record<string, unknown>>();

describe('the promised date', () => {
  it('before the approval is "3 hari kerja setelah Ketua RT menyetujui"; the exact date comes with the approval', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    const hasan = new SimPerson('628990000203', 'Bapak Hasan');
    await startApplication(siti, 'ktp');
    let r = await siti.upload(JPEG, 'image/jpeg', 'kk.jpg');
    r = await siti.upload(JPEG, 'image/jpeg', 'ktp.jpg');
    r = await siti.upload(JPEG, 'image/jpeg', 'pas.jpg');
    await drainQueue();
    r = await siti.press(choice(r, 'Ambil di kantor'));
    r = await siti.press(choice(r, 'Kirim'));
    const submitted = text(r);
    expect(submitted).toContain(
      'Berkas selesai paling lambat 3 hari kerja setelah Ketua RT menyetujui surat pengantar. Tanggal pastinya kami kirim bersama persetujuan itu.',
    );
    // No date yet: one counted from today would be wrong as soon as the chair answers later.
    expect(submitted).not.toContain('Paling lambat selesai');
    expect(text(await siti.say('status'))).toContain('Menunggu surat pengantar RT. Selesai paling lambat 3 hari kerja setelah Ketua RT menyetujui');

    // The chair approves on Tuesday: the date counts from then, and comes with the approval.
    setClock(wib('2026-12-01T09:00'));
    await hasan.press(choice(await hasan.replies(), 'Setujui'));
    await drainQueue();
    expect(text(await siti.replies())).toContain('Berkas mulai diproses kantor. Paling lambat selesai Kamis, 3 Desember 2026.');
  });
});

describe('"Tidak sah" for the applicant\'s data', () => {
  it('asks for the name or NIK as text, checks it, writes it on the case, shows it to the chair and counts the days again', async () => {
    const { siti, hasan, code, card } = await onTheChairsCard({ name: 'Siti Amina' });
    expect(text(card)).toContain('KTP untuk Siti Amina, NIK 1671 **** **** 0003');

    let r = await hasan.press(choice(card, 'Tidak sah'));
    r = await hasan.press(choice(r, 'Data pemohon'));
    r = await hasan.say('Nama kurang huruf h, NIK juga salah');
    expect(text(r)).toBe('Baik. Pemohon kami minta memperbaiki: Data pemohon.');
    expect(text(await siti.replies())).toBe(
      `Berkas ${code} perlu perbaikan data pemohon.\nKetua RT: Nama kurang huruf h, NIK juga salah\n` +
        'Ketik nama lengkap yang benar (sesuai KK), atau NIK yang benar (16 angka), di chat ini. Tidak perlu foto.\n' +
        'Hitungan 3 hari kerja berhenti dulu. Setelah perbaikan kami terima, hitungannya dimulai lagi dari awal.',
    );

    // A photo is not the applicant's data: nothing changes, and she is told what to do.
    r = await siti.upload(JPEG, 'image/jpeg', 'ktp.jpg');
    expect(text(r)).toBe(
      `Data pemohon diperbaiki dengan mengetik, bukan dengan foto.\n\nBerkas ${code} menunggu perbaikan data pemohon.\n` +
        'Ketik nama lengkap yang benar (sesuai KK), atau NIK yang benar (16 angka).',
    );
    expect(await row('SELECT state FROM cases')).toEqual({ state: 'needs_revision' });

    // Tuesday morning she types it; what is not a name is refused with the reason.
    setClock(wib('2026-12-01T09:00'));
    r = await siti.say('Siti Am1nah');
    expect(text(r)).toContain('Nama tidak boleh berisi angka.');
    r = await siti.say('siti aminah');
    expect(text(r)).toContain('Data baru yang akan kami kirim ke Ketua RT:\nNama: Siti Aminah\nSudah benar? Bila masih ada yang salah, ketik nama atau NIK yang benar.');
    r = await siti.say('1671 0245 0879 000');
    expect(text(r)).toContain('NIK harus 16 angka. Yang Bapak/Ibu kirim 15 angka.');
    r = await siti.say('1671 0245 0879 0004');
    expect(text(r)).toContain(
      'Data baru yang akan kami kirim ke Ketua RT:\nNama: Siti Aminah\nNIK: 1671024508790004\nSudah benar? Bila masih ada yang salah, ketik nama atau NIK yang benar.',
    );
    expect(await row('SELECT given_name, given_nik FROM cases')).toEqual({ given_name: 'Siti Amina', given_nik: NIK.siti });

    r = await siti.press(choice(r, 'Kirim ke Ketua RT'));
    expect(text(r)).toBe(
      `Terima kasih. Perbaikan data berkas ${code} sudah kami kirim ke Ketua RT untuk diperiksa lagi.\n\n` +
        'Karena ada perbaikan, hitungan 3 hari kerja dimulai lagi dari awal.\nKetua RT memeriksa paling lambat Rabu, 2 Desember 2026.\nPaling lambat selesai Kamis, 3 Desember 2026.',
    );
    expect(await row('SELECT state, given_name, given_nik, revision_reason, day2_due_at, due_at FROM cases')).toEqual({
      state: 'verifying', given_name: 'Siti Aminah', given_nik: '1671024508790004', revision_reason: null,
      day2_due_at: wib('2026-12-02T16:00'), due_at: wib('2026-12-03T16:00'),
    });
    // The timeline says what was corrected, never the NIK itself.
    const event = await row("SELECT actor_kind, detail FROM case_events WHERE kind = 'resubmit'");
    expect(event).toEqual({ actor_kind: 'resident', detail: JSON.stringify({ corrected: ['name', 'nik'] }) });

    // The chair sees the correction at once, then the card with the corrected data.
    expect(text(await hasan.replies())).toBe(
      `Berkas ${code}: pemohon sudah memperbaiki datanya.\nNama sekarang: Siti Aminah (sebelumnya: Siti Amina).\n` +
        'NIK sudah diganti, sekarang: 1671 **** **** 0004.\nBerkas ini akan kami kirim lagi kepada Bapak untuk diperiksa.',
    );
    await tick(wib('2026-12-01T09:15'));
    const again = await hasan.replies();
    expect(text(again)).toContain(`Mohon periksa berkas ${code}: KTP untuk Siti Aminah, NIK 1671 **** **** 0004 (3 dokumen).`);
    r = await hasan.press(choice(again, 'Sah'));
    expect(text(await siti.replies())).toContain('Paling lambat selesai Kamis, 3 Desember 2026.');
  });

  it('a resent photo also counts the days again, and a holiday that pushes the date is named', async () => {
    const { siti, hasan, code, card } = await onTheChairsCard();
    let r = await hasan.press(choice(card, 'Tidak sah'));
    r = await hasan.press(choice(r, 'Pas foto'));
    await hasan.say('Foto buram');
    expect(text(await siti.replies())).toBe(
      `Berkas ${code} perlu perbaikan.\nKetua RT: Foto buram\nSilakan kirim lagi Pas foto yang baru di chat ini.\n` +
        'Hitungan 3 hari kerja berhenti dulu. Setelah perbaikan kami terima, hitungannya dimulai lagi dari awal.',
    );
    // Resent on Wednesday 23 December: 24 and 25 December are holidays, then the weekend.
    setClock(wib('2026-12-23T09:00'));
    r = await siti.upload(JPEG, 'image/jpeg', 'pas-baru.jpg');
    expect(text(r)).toBe(
      `Terima kasih, Pas foto diterima, sedang kami periksa. Setelah itu berkas ${code} diperiksa lagi oleh Ketua RT.\n\n` +
        'Karena ada perbaikan, hitungan 3 hari kerja dimulai lagi dari awal.\nKetua RT memeriksa paling lambat Senin, 28 Desember 2026.\nPaling lambat selesai Selasa, 29 Desember 2026.\n' +
        'Tanggalnya lebih lama karena ada hari libur: Kamis, 24 Desember 2026 dan Jumat, 25 Desember 2026. Kantor tutup pada hari itu.',
    );
    expect(await row('SELECT state, day2_due_at, due_at FROM cases')).toEqual({ state: 'verifying', day2_due_at: wib('2026-12-28T16:00'), due_at: wib('2026-12-29T16:00') });
  });

  it('a revision left unanswered is escalated to staff once, after its reminders', async () => {
    const { staff } = await staffChats();
    const { siti, hasan, code, card } = await onTheChairsCard();
    let r = await hasan.press(choice(card, 'Tidak sah'));
    r = await hasan.press(choice(r, 'Data pemohon'));
    await hasan.say('Nama salah');
    await siti.replies();
    await staff.replies();

    const reminders: string[] = [];
    const escalations: string[] = [];
    for (let at = wib('2026-11-30T17:00'); at < wib('2026-12-07T17:00'); at += 3 * 3_600_000) {
      await tick(at);
      reminders.push(...(await siti.replies()).map((m) => (m.message.kind === 'text' ? m.message.text : '')));
      escalations.push(...(await staff.replies()).map((m) => (m.message.kind === 'text' ? m.message.text : '')));
    }
    // Reminded to type the data, not to send a photo.
    const reminder = `Berkas ${code} menunggu perbaikan data pemohon.\nKetik nama lengkap yang benar (sesuai KK), atau NIK yang benar (16 angka).`;
    expect(reminders).toEqual([reminder, reminder]);
    expect(escalations).toEqual([`Perlu perhatian: berkas ${code}. Pemohon belum mengirim perbaikan yang diminta, walau sudah diingatkan.`]);
    expect(await row("SELECT count(*) AS n FROM case_events WHERE kind = 'escalated'")).toEqual({ n: 1 });
  });
});
