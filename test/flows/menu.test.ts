/**
 * The resident's menu (issue 11 items 9, 10 and 11): a voice note answered with who can help and
 * how to reach the office, a draft offered again after "menu" and "status", and the complaint
 * picker's lines. Everything through the simulator, asserting the words people receive.
 */
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { NIK, startApplication } from '../support/apply-helper';
import { useFreshDatabase } from '../support/fresh-database';
import { choice, choicesOf, drainQueue, JPEG, seed, setClock, SimPerson, text, type Received } from '../support/simulator';

useFreshDatabase();
beforeEach(seed);

const OFFICE_PHONE = 'Bisa juga telepon kantor kelurahan di nomor 0711-555-0123.';
const OFFICE_ADDRESS = 'Bisa juga datang ke kantor kelurahan di Jl. Residen H. Najamudin, Bukit Sangkal, Palembang.';

describe('a voice note', () => {
  it('names the resident’s own RT chair and the office’s phone', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    await startApplication(siti, 'ktp');
    expect(text(await siti.sendUnsupported('voice'))).toBe(
      'Maaf, Loket belum bisa mendengar pesan suara.\nSilakan ketik pesannya, atau balas dengan angka pilihan.\n' +
        `Sulit mengetik? Minta tolong tetangga, atau Ketua RT 03/RW 02, Bapak Hasan, untuk mengetikkannya. ${OFFICE_PHONE}\n` +
        'Ketik "menu" untuk kembali ke awal.',
    );
  });

  it('tells a newcomer, whose RT Loket does not know yet, to ask a neighbour or their RT chair', async () => {
    const rudi = new SimPerson('628123450003', 'Rudi');
    const said = text(await rudi.sendUnsupported('voice'));
    expect(said).toContain(`Sulit mengetik? Minta tolong tetangga atau Ketua RT untuk mengetikkannya. ${OFFICE_PHONE}`);
  });

  it('does not send an RT chair to themselves', async () => {
    const hasan = new SimPerson('628990000203', 'Hasan');
    const said = text(await hasan.sendUnsupported('voice'));
    expect(said).toContain(`Sulit mengetik? Minta tolong tetangga untuk mengetikkannya. ${OFFICE_PHONE}`);
    expect(said).not.toContain('Ketua RT');
  });

  it('is answered in English for a resident who chose it', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    await startApplication(siti, 'ktp');
    await siti.say('bahasa');
    await siti.say('English');
    expect(text(await siti.sendUnsupported('audio'))).toContain(
      'Hard to type? Ask a neighbour, or the chair of RT 03/RW 02, Bapak Hasan, to type it for you. Or call the kelurahan office on 0711-555-0123.',
    );
  });

  it('sends the resident to the office’s address when the kelurahan has no phone set, and "bantuan" says the same', async () => {
    await env.DB.prepare('UPDATE kelurahan SET phone = NULL').run();
    const rudi = new SimPerson('628123450003', 'Rudi');
    expect(text(await rudi.sendUnsupported('voice'))).toContain(OFFICE_ADDRESS);
    expect(text(await rudi.say('bantuan'))).toContain(
      '- Sulit memakai Loket? Minta tolong tetangga atau Ketua RT, atau datang ke kantor kelurahan di Jl. Residen H. Najamudin, Bukit Sangkal, Palembang.',
    );
  });
});

describe('"bantuan"', () => {
  it('gives the office’s phone', async () => {
    const rudi = new SimPerson('628123450003', 'Rudi');
    expect(text(await rudi.say('bantuan'))).toContain(
      '- Sulit memakai Loket? Minta tolong tetangga atau Ketua RT, atau telepon kantor kelurahan di nomor 0711-555-0123.',
    );
  });
});

describe('a draft left unfinished', () => {
  const MENU = ['Ajukan layanan', 'Cek status', 'Info layanan', 'Pengaduan', 'Batalkan berkas', 'Bahasa / Language', 'Bantuan'];

  it('is offered again by "menu", after the other choices, with what it lacks', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    expect(choicesOf(await siti.say('menu')).map((c) => c.label)).toEqual(MENU);
    await startApplication(siti, 'ktp');
    await siti.upload(JPEG, 'image/jpeg', 'kk.jpg');
    await drainQueue();
    let r = await siti.say('menu');
    expect(text(r)).toBe(
      'Selamat datang di Loket Kelurahan Bukit Sangkal.\nMau apa hari ini?\n\n' +
        'Pengajuan KTP untuk Siti Aminah belum selesai. Masih kurang: Fotokopi KTP lama, Pas foto.\nUntuk melanjutkan, ketik "lanjut".',
    );
    expect(choicesOf(r).map((c) => c.label)).toEqual([...MENU, 'Lanjutkan pengajuan']);
    r = await siti.say('8');
    expect(text(r)).toBe(
      'Sambil menunggu, kirim foto dokumen ini satu per satu:\n1. Fotokopi KK - sudah\n2. Fotokopi KTP lama - belum\n3. Pas foto - belum\n\nSekarang kirim Fotokopi KTP lama.',
    );
  });

  it('is offered after "status", which says what is missing and what to do; a photo sent then is the next document', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    await startApplication(siti, 'ktp');
    await siti.upload(JPEG, 'image/jpeg', 'kk.jpg');
    await drainQueue();
    // The next day the conversation is forgotten; the draft is not.
    setClock(Date.parse('2026-12-01T19:00:00+07:00'));
    let r = await siti.say('status');
    expect(text(r)).toBe(
      'Berkas Bapak/Ibu:\n\nKTP-2611-0001 - KTP (Siti Aminah)\n   Belum dikirim. Masih kurang: Fotokopi KTP lama, Pas foto. Ketik "lanjut", lalu kirim fotonya satu per satu.' +
        '\n---\nLanjutkan pengajuan KTP untuk Siti Aminah sekarang?',
    );
    expect(choicesOf(r).map((c) => c.label)).toEqual(['Ya, lanjutkan', 'Nanti saja']);
    r = await siti.upload(JPEG, 'image/jpeg', 'ktp-lama.jpg');
    expect(text(r)).toBe('Fotokopi KTP lama diterima, sedang kami periksa.\n\nSekarang kirim Pas foto.');
    await drainQueue();
    r = await siti.say('status');
    r = await siti.press(choice(r, 'Nanti saja'));
    expect(text(r)).toBe('Baik. Ketik "lanjut" kapan saja untuk melanjutkan.');
  });

  it('while its documents are checked says so; with every one in, says it only needs sending, and "Ya, lanjutkan" goes on to delivery', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    await startApplication(siti, 'kk');
    for (const name of ['kk-lama.jpg', 'pindah.jpg']) await siti.upload(JPEG, 'image/jpeg', name);
    expect(text(await siti.say('status'))).toContain(
      '   Belum dikirim. Semua dokumen sudah masuk dan sedang kami periksa. Ketik "lanjut" untuk memilih cara pengambilan dokumen.',
    );
    await siti.say('batal');
    await drainQueue();
    await siti.replies();
    expect(text(await siti.say('menu'))).toContain('Pengajuan Kartu Keluarga untuk Siti Aminah belum selesai. Dokumennya sudah lengkap, tinggal dikirim.');
    let r = await siti.say('status');
    expect(text(r)).toContain('   Belum dikirim. Dokumen sudah lengkap, tetapi berkas belum dikirim. Ketik "lanjut" untuk mengirimnya.');
    r = await siti.press(choice(r, 'Ya, lanjutkan'));
    expect(text(r)).toBe('Semua dokumen sudah diterima.\n\nDokumen diambil bagaimana?');
  });

  it('is offered to the helper who made it, not to the person it is for', async () => {
    const budi = new SimPerson('628123450002', 'Budi');
    await startApplication(budi, 'ktp', { forOther: { name: 'Siti Aminah', nik: NIK.siti, phone: '081234500001' } });
    const siti = new SimPerson('6281234500001', 'Siti');
    await siti.replies();
    expect(text(await budi.say('menu'))).toContain('Pengajuan KTP untuk Siti Aminah belum selesai.');
    await siti.press(choice(await siti.say('halo'), 'Ya, benar'));
    const r = await siti.say('menu');
    expect(text(r)).not.toContain('belum selesai');
    expect(choicesOf(r).map((c) => c.label)).toEqual(MENU);
  });
});

describe('the complaint picker', () => {
  async function complainUntilPicker(p: SimPerson) {
    await p.press(choice(await p.say('menu'), 'Pengaduan'));
    const r = await p.say('Petugas belum membalas pesan saya sejak kemarin.');
    return p.press(choice(r, 'Lewati'));
  }
  const labels = (r: Received[]) => choicesOf(r).map((c) => c.label);

  it('shows each case with its service and date, oldest first, and "Bukan tentang berkas" last; asked again, every number stays', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    await startApplication(siti, 'ktp');
    setClock(Date.parse('2026-12-01T09:00:00+07:00'));
    await startApplication(siti, 'kk');
    let r = await complainUntilPicker(siti);
    expect(text(r)).toBe('Pengaduan ini tentang berkas yang mana?');
    const picker = ['KTP, 30 November 2026 (KTP-2611-0001)', 'Kartu Keluarga, 1 Desember 2026 (KK-2612-0001)', 'Bukan tentang berkas'];
    expect(labels(r)).toEqual(picker);
    // A case made meanwhile from another chat of hers (Telegram, say) does not renumber the question on screen.
    await copyCase('KK-2612-0001', 'SITU-2612-0001');
    r = await siti.say('bantuan');
    expect(labels(r)).toEqual(picker);
    r = await siti.say('2');
    expect(text(r)).toMatch(/^Pengaduan diterima\. Nomor: ADU-2612-0001\./);
    expect(await relatedCase()).toBe('KK-2612-0001');

    // A newer case comes after the older ones: they keep their numbers, and the last line is still "Bukan tentang berkas".
    setClock(Date.parse('2026-12-02T09:00:00+07:00'));
    await startApplication(siti, 'nikah');
    r = await complainUntilPicker(siti);
    expect(labels(r)).toEqual([
      ...picker.slice(0, 2),
      'SITU (Surat Izin Tempat Usaha), 1 Desember 2026 (SITU-2612-0001)',
      'Surat pengantar nikah, 2 Desember 2026 (NKH-2612-0001)',
      'Bukan tentang berkas',
    ]);
    r = await siti.say('5');
    expect(text(r)).toMatch(/^Pengaduan diterima\. Nomor: ADU-2612-0002\./);
  });

  it('names the applicant of a case made for someone else', async () => {
    const budi = new SimPerson('628123450002', 'Budi');
    await startApplication(budi, 'ktp', { forOther: { name: 'Dewi Lestari', nik: NIK.ani, phone: null } });
    const r = await complainUntilPicker(budi);
    expect(labels(r)).toEqual(['KTP untuk Dewi Lestari, 30 November 2026 (KTP-2611-0001)', 'Bukan tentang berkas']);
  });
});

/** A case of the same person, made a moment after `from`, as another chat of theirs would. */
async function copyCase(from: string, code: string): Promise<void> {
  const row = (await env.DB.prepare('SELECT * FROM cases WHERE code = ?').bind(from).first<Record<string, unknown>>())!;
  const copy = { ...row, id: 'copied-case', code, service: 'situ', created_at: Number(row.created_at) + 1000 };
  const columns = Object.keys(copy);
  await env.DB.prepare(`INSERT INTO cases (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`)
    .bind(...Object.values(copy))
    .run();
}

async function relatedCase(): Promise<string | null> {
  const row = await env.DB.prepare("SELECT r.code FROM cases c JOIN cases r ON r.id = c.related_case_id WHERE c.kind = 'complaint' ORDER BY c.created_at DESC").first<{ code: string }>();
  return row?.code ?? null;
}
