/**
 * Applying, as residents, the RT chair and staff live it (issue [8] items 5, 12 and 13): one open
 * case per applicant and service, a NIK on someone else's open case flagged to the chair and
 * staff, plain words for older readers, and the business a SITU is for, from the chat to the
 * pengantar and the desk.
 */
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { completeApplication, NIK, startApplication } from '../support/apply-helper';
import { Browser } from '../support/desk';
import { useFreshDatabase } from '../support/fresh-database';
import { pdfText } from '../support/pdf-text';
import { staffChats } from '../support/staff-chats';
import { choice, drainQueue, JPEG, seed, SimPerson, testEnv, text } from '../support/simulator';

useFreshDatabase();
beforeEach(seed);
afterEach(() => vi.restoreAllMocks());

const row = (sql: string) => env.DB.prepare(sql).first<Record<string, unknown>>();
const count = async (sql: string) => Number((await row(sql))!.n);

/** From the menu to the NIK question of a SITU for oneself. */
async function situUpToBusiness(siti: SimPerson) {
  let r = await siti.say('menu');
  r = await siti.press(choice(r, 'Ajukan layanan'));
  r = await siti.press(choice(r, 'SITU (Izin Tempat Usaha)'));
  r = await siti.press(choice(r, 'Diri sendiri'));
  await siti.say('Siti Aminah');
  return siti.say(NIK.siti);
}

/** Siti applying for her own KTP, her name given: the next answer is the NIK. */
async function sitiAtTheNik(): Promise<SimPerson> {
  const siti = new SimPerson('628123450001', 'Siti');
  let r = await siti.say('menu');
  r = await siti.press(choice(r, 'Ajukan layanan'));
  r = await siti.press(choice(r, 'KTP'));
  await siti.press(choice(r, 'Diri sendiri'));
  await siti.say('Siti Aminah');
  return siti;
}

describe('a SITU asks for the business (item 13)', () => {
  it('checks name, kind and address as typed, keeps them on the case, shows them before Kirim, prints them on the pengantar and shows them on the desk', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    const hasan = new SimPerson('628990000203', 'Bapak Hasan');
    let r = await situUpToBusiness(siti);
    expect(text(r)).toBe('Apa nama usahanya?\nContoh: Warung Makan Bu Siti');

    r = await siti.say('Warung 🍜 Enak');
    expect(text(r)).toBe(
      'Tulisan itu berisi emoji atau tanda yang tidak bisa dicetak di surat. Boleh berisi huruf, angka, spasi, dan tanda . , - / & ( ) #.\n\nApa nama usahanya?\nContoh: Warung Makan Bu Siti',
    );
    r = await siti.say('Promo di warungbusiti.com');
    expect(text(r)).toContain('Tulisan itu tidak boleh berisi alamat situs, tautan, atau tanda @.');
    r = await siti.say('  Warung Makan   Bu Siti ');
    expect(text(r)).toBe('Usahanya jenis apa?\nContoh: warung makan, bengkel motor, toko kelontong');
    r = await siti.say('warung makan');
    expect(text(r)).toBe('Di mana alamat tempat usahanya? Tulis jalan, nomor, dan RT/RW.\nContoh: Jl. Mayor Zen No. 12, RT 03/RW 02');
    r = await siti.say('Jl. Zen');
    expect(text(r)).toContain('Terlalu pendek: paling sedikit 10 huruf dan angka. Tulis sedikit lebih lengkap, ya.');
    r = await siti.say('Jl. Mayor Zen No. 12, RT 03/RW 02');
    expect(text(r)).toMatch(/^Tinggal di RW berapa\?/);
    r = await siti.press(choice(r, 'RW 02'));
    await siti.press(choice(r, /^RT 03/));
    await siti.upload(JPEG, 'image/jpeg', 'ktp.jpg');
    r = await siti.upload(JPEG, 'image/jpeg', 'pas.jpg');
    await drainQueue();
    r = await siti.press(choice(r, 'Ambil di kantor'));
    expect(text(r)).toContain(
      'Ringkasan: SITU (Surat Izin Tempat Usaha) untuk Siti Aminah, RT 03/RW 02, diambil di kantor.\nUsaha: Warung Makan Bu Siti (warung makan), di Jl. Mayor Zen No. 12, RT 03/RW 02.',
    );
    r = await siti.press(choice(r, 'Kirim'));
    expect(text(r)).toContain('Terkirim. Nomor berkas: SITU-2611-0001.');
    expect(await row('SELECT business_name, business_kind, business_address FROM cases')).toEqual({
      business_name: 'Warung Makan Bu Siti',
      business_kind: 'warung makan',
      business_address: 'Jl. Mayor Zen No. 12, RT 03/RW 02',
    });

    await hasan.press(choice(await hasan.replies(), 'Setujui'));
    await drainQueue();
    const letter = await row('SELECT r2_key FROM letters');
    const pdf = await env.SCANS.get(String(letter!.r2_key));
    const drawn = await pdfText(new Uint8Array(await pdf!.arrayBuffer()));
    expect(drawn).toContain(': Warung Makan Bu Siti');
    expect(drawn).toContain(': warung makan');
    expect(drawn).toContain(': Jl. Mayor Zen No. 12, RT 03/RW 02');
    expect(drawn).toContain('Nama usaha');

    vi.spyOn(Date, 'now').mockImplementation(() => Date.parse('2026-11-30T11:00:00+07:00'));
    const staff = new Browser('https://loket.test', '203.0.113.10', undefined, testEnv());
    expect((await staff.signIn('staf', 'test-password')).status).toBe(303);
    const page = await (await staff.get('/status/cases/SITU-2611-0001')).text();
    expect(page).toContain('<dt>Usaha</dt><dd>Warung Makan Bu Siti (warung makan), Jl. Mayor Zen No. 12, RT 03/RW 02</dd>');
  });

  it('asks nothing about a business for the other services', async () => {
    const siti = await sitiAtTheNik();
    expect(text(await siti.say(NIK.siti))).toMatch(/^Tinggal di RW berapa\?/);
  });
});

describe('one open case per applicant and service (item 5)', () => {
  it('leads a second KTP of the same resident to the open one, with its code, state and what to do, and makes no draft', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    const code = await completeApplication(siti, 'ktp');
    await siti.replies();
    let r = await siti.say('menu');
    r = await siti.press(choice(r, 'Ajukan layanan'));
    r = await siti.press(choice(r, 'KTP'));
    r = await siti.press(choice(r, 'Diri sendiri'));
    expect(text(r)).toContain(
      `Bapak/Ibu sudah punya berkas KTP yang masih berjalan: ${code} (Menunggu surat pengantar RT).\n` +
        'Satu orang hanya bisa punya satu berkas KTP yang berjalan.\n' +
        'Tidak perlu mengajukan lagi. Kami kabari di chat ini. Ketik "status" untuk melihat perkembangannya.\n' +
        'Bila ingin mengajukan ulang dari awal, batalkan dulu berkas itu lewat menu "Batalkan berkas".',
    );
    expect(await count('SELECT count(*) AS n FROM cases')).toBe(1);
    // Another service is another case.
    r = await siti.say('menu');
    r = await siti.press(choice(r, 'Ajukan layanan'));
    r = await siti.press(choice(r, 'Kartu Keluarga'));
    expect(text(await siti.press(choice(r, 'Diri sendiri')))).toBe('Nama lengkap sesuai KK?');
  });

  it('offers to continue a draft instead of starting a second one', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    await startApplication(siti, 'ktp');
    let r = await siti.say('menu');
    r = await siti.press(choice(r, 'Ajukan layanan'));
    r = await siti.press(choice(r, 'KTP'));
    r = await siti.press(choice(r, 'Diri sendiri'));
    expect(text(r)).toContain('(Belum dikirim).');
    expect(text(r)).toContain('Ketik "lanjut" untuk melanjutkan berkas itu.');
    expect(await count('SELECT count(*) AS n FROM cases')).toBe(1);
  });

  it('leads a helper to the case of the same name and NIK; someone else only hears that one is open', async () => {
    const budi = new SimPerson('628123450002', 'Budi');
    const ani = { name: 'Ani Lestari', nik: NIK.ani, phone: null };
    const code = await completeApplication(budi, 'ktp', { forOther: ani });
    await budi.replies();
    let r = await startHelperUpToNik(budi, 'ani lestari');
    r = await budi.say(NIK.ani);
    expect(text(r)).toContain(`Berkas KTP untuk Ani Lestari masih berjalan: ${code} (Menunggu surat pengantar RT).\nSatu orang hanya bisa punya satu berkas KTP yang berjalan.`);

    const rudi = new SimPerson('628123450077', 'Rudi');
    await startHelperUpToNik(rudi, 'Ani Lestari');
    r = await rudi.say(NIK.ani);
    expect(text(r)).toContain(
      'Untuk Ani Lestari sudah ada berkas KTP yang masih berjalan. Satu orang hanya bisa punya satu berkas KTP yang berjalan.\n' +
        'Minta Ani Lestari mengetik "status" di Loket dari HP-nya untuk melihatnya.',
    );
    expect(text(r)).not.toContain(code);
    expect(await count('SELECT count(*) AS n FROM cases')).toBe(1);
  });

  it('flags a NIK already on an open case of another name to the RT chair and staff, masked, and records it on the case', async () => {
    const { staff, otherStaff } = await staffChats();
    const siti = new SimPerson('628123450001', 'Siti');
    const hasan = new SimPerson('628990000203', 'Bapak Hasan');
    const first = await completeApplication(siti, 'ktp');
    await hasan.replies();
    const budi = new SimPerson('628123450002', 'Budi');
    await startApplication(budi, 'ktp', { name: 'Budi Santoso', nik: NIK.siti });
    const card = text(await hasan.replies());
    expect(card).toContain('Permintaan surat pengantar\nBudi Santoso');
    expect(card).toContain(
      'Perhatian: NIK 1671 **** **** 0003 juga dipakai di berkas lain yang masih berjalan, dengan nama orang lain. ' +
        'Mohon pastikan pemohon benar orangnya sebelum menyetujui. Petugas kelurahan sudah kami beri tahu.',
    );
    expect(card).not.toContain(NIK.siti);
    expect(card).not.toContain('Siti');

    await drainQueue();
    expect(text(await staff.replies())).toContain(
      `Perlu perhatian: berkas KTP-2611-0002. NIK 1671 **** **** 0003 dipakai atas nama Budi Santoso di berkas ini, dan atas nama Siti Aminah di berkas ${first} yang masih berjalan. Mohon periksa mana yang benar.`,
    );
    expect(await otherStaff.replies()).toEqual([]);
    const events = await env.DB.prepare(
      "SELECT e.kind FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.code = 'KTP-2611-0002' AND e.kind IN ('nik_conflict', 'escalated') ORDER BY e.kind",
    ).all();
    expect(events.results).toEqual([{ kind: 'escalated' }, { kind: 'nik_conflict' }]);
  });

  it('does not flag the same name again: the same person applying for another service', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    const hasan = new SimPerson('628990000203', 'Bapak Hasan');
    await completeApplication(siti, 'ktp');
    await hasan.replies();
    await startApplication(siti, 'kk');
    const card = text(await hasan.replies());
    expect(card).toContain('Permintaan surat pengantar\nSiti Aminah');
    expect(card).not.toContain('Perhatian');
  });
});

/** A helper's application for someone else, up to the NIK question. */
async function startHelperUpToNik(p: SimPerson, name: string) {
  let r = await p.say('menu');
  r = await p.press(choice(r, 'Ajukan layanan'));
  r = await p.press(choice(r, 'KTP'));
  r = await p.press(choice(r, 'Orang lain'));
  return p.say(name);
}

describe('plain words (item 12)', () => {
  it('says a wrong birth date in a NIK without digit positions', async () => {
    const siti = await sitiAtTheNik();
    const r = await siti.say('1671029913790003');
    expect(text(r)).toBe(
      'NIK itu belum benar. Cocokkan lagi setiap angkanya dengan KTP atau KK, ya.',
    );
  });

  it('says what the kelurahan does with a KTP and who prints the card', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    let r = await siti.say('menu');
    r = await siti.press(choice(r, 'Info layanan'));
    r = await siti.press(choice(r, 'KTP'));
    expect(text(r)).toContain(
      'Dari kelurahan: permohonan KTP Bapak/Ibu kami periksa lalu kami serahkan ke Disdukcapil. Bapak/Ibu kami kabari nomor tanda terima dan perkiraan tanggal jadinya.\n' +
        'KTP elektronik dicetak oleh Disdukcapil. Setelah kartunya kami terima, Bapak/Ibu kami kabari untuk diambil atau diantar.',
    );
    expect(text(r)).not.toContain('Hasil: KTP elektronik');
  });

  it('tells the one reason a document cannot be used: an empty file is empty', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    await startApplication(siti, 'ktp');
    await siti.upload(new Uint8Array(0), 'image/jpeg', 'kk.jpg');
    await drainQueue();
    expect(text(await siti.replies())).toContain(
      'Maaf, Fotokopi KK yang Bapak/Ibu kirim kosong, tidak ada isinya.\nSilakan kirim lagi Fotokopi KK di chat ini. Tidak perlu mengulang dari awal.',
    );
  });
});
