import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { completeApplication, NIK, startApplication } from '../support/apply-helper';
import { useFreshDatabase } from '../support/fresh-database';
import { choice, choicesOf, JPEG, MONDAY_10_WIB, seed, setClock, SimPerson, text } from '../support/simulator';

useFreshDatabase();
beforeEach(seed);

const count = async (sql: string) => (await env.DB.prepare(sql).first<{ n: number }>())!.n;

describe('service information', () => {
  it('gives requirements, steps, time, cost and product', async () => {
    const p = new SimPerson('628123450001', 'Siti');
    await p.say('halo');
    let r = await p.say('3');
    expect(text(r)).toContain('Info layanan apa?');
    r = await p.say('kk');
    const info = text(r);
    expect(info).toContain('Layanan Kartu Keluarga');
    expect(info).toContain('1. Surat pengantar dari Ketua RT\n2. Fotokopi KK lama\n3. Surat keterangan pindah dari daerah asal');
    expect(info).toContain('Waktu: paling lama 3 hari kerja.');
    expect(info).toContain('Biaya: gratis.');
    expect(info).toContain('Kartu Keluarga baru dicetak oleh Disdukcapil.');
    expect(choicesOf(r)[0]!.label).toBe('Ajukan layanan');
  });
});

describe('status', () => {
  it('lists my cases and the ones I submitted for others, with day of three and the expected date', async () => {
    const budi = new SimPerson('628123450002', 'Budi');
    await completeApplication(budi, 'ktp', { name: 'Budi Santoso', nik: NIK.budi });
    await completeApplication(budi, 'situ', { forOther: { name: 'Ani Lestari', nik: NIK.ani, phone: null } });
    await env.DB.prepare("UPDATE cases SET state = 'verifying' WHERE code = 'KTP-2611-0001'").run();
    const r = await budi.say('status');
    const s = text(r);
    expect(s).toContain('Berkas Bapak/Ibu:');
    expect(s).toContain('KTP-2611-0001 - KTP (Budi Santoso)\n   Diperiksa Ketua RT. Hari ke-2 dari 3. Paling lambat selesai Rabu, 2 Desember 2026.');
    expect(s).toContain('SITU-2611-0001 - SITU (Surat Izin Tempat Usaha) (diajukan untuk Ani Lestari)\n   Menunggu surat pengantar RT.');
  });

  it('calls a late case late and gives a new date to come, never the one already gone', async () => {
    const budi = new SimPerson('628123450002', 'Budi');
    await completeApplication(budi, 'ktp', { name: 'Budi Santoso', nik: NIK.budi });
    await env.DB.prepare("UPDATE cases SET state = 'processing', due_at = ?1 WHERE code = 'KTP-2611-0001'").bind(Date.parse('2026-12-02T16:00:00+07:00')).run();
    // Thursday morning, the day after day 3 closed.
    setClock(Date.parse('2026-12-03T09:00:00+07:00'));
    const s = text(await budi.say('status'));
    expect(s).toContain('KTP-2611-0001 - KTP (Budi Santoso)\n   Dokumen sedang dibuat. Hari ke-3 dari 3. Maaf, berkas ini terlambat. Perkiraan selesai: Jumat, 4 Desember 2026.');
    expect(s).not.toContain('Rabu, 2 Desember 2026');
  });

  it('gives the date Disdukcapil gave while the card is printed there', async () => {
    const budi = new SimPerson('628123450002', 'Budi');
    await completeApplication(budi, 'ktp', { name: 'Budi Santoso', nik: NIK.budi });
    await env.DB.prepare("UPDATE cases SET state = 'at_disdukcapil', due_at = ?1 WHERE code = 'KTP-2611-0001'").bind(Date.parse('2026-12-09T16:00:00+07:00')).run();
    const s = text(await budi.say('status'));
    expect(s).toContain('Kartu sedang dicetak di Disdukcapil. Paling lambat selesai Rabu, 9 Desember 2026.');
  });

  it('says so when there is nothing yet', async () => {
    const r = await new SimPerson('628123450001', 'Siti').say('status');
    expect(text(r)).toBe('Belum ada berkas atas nama Bapak/Ibu.');
  });
});

describe('cancel', () => {
  it('cancels a case that has not reached day 3, and refuses one that has', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    await completeApplication(siti, 'ktp');
    await completeApplication(siti, 'situ');
    await env.DB.prepare("UPDATE cases SET state = 'processing' WHERE code = 'SITU-2611-0001'").run();
    let r = await siti.say('menu');
    r = await siti.press(choice(r, 'Batalkan berkas'));
    expect(choicesOf(r).map((c) => c.label)).toEqual(['KTP-2611-0001 KTP']);
    r = await siti.say('1');
    expect(text(r)).toContain('Batalkan berkas KTP-2611-0001?');
    r = await siti.press(choice(r, 'Ya, batalkan'));
    expect(text(r)).toBe('Berkas KTP-2611-0001 sudah dibatalkan.');
    expect(await env.DB.prepare("SELECT state, next_action_at FROM cases WHERE code = 'KTP-2611-0001'").first()).toEqual({ state: 'cancelled', next_action_at: null });
    expect(await count("SELECT count(*) AS n FROM case_events WHERE kind = 'cancel' AND actor_kind = 'resident'")).toBe(1);

    r = await siti.say('menu');
    r = await siti.press(choice(r, 'Batalkan berkas'));
    expect(text(r)).toContain('Tidak ada berkas yang masih bisa dibatalkan.');
  });

  it('tells the RT chair, who no longer needs to answer, and the helper who applied', async () => {
    const hasan = new SimPerson('628990000203', 'Bapak Hasan');
    const budi = new SimPerson('628123450002', 'Budi');
    const siti = new SimPerson('628123450001', 'Siti');
    // Budi applies for Siti; she confirms it from her own phone; Bapak Hasan gets the card.
    await startApplication(budi, 'ktp', { forOther: { name: 'Siti Aminah', nik: NIK.siti, phone: '0812 3450 001' } });
    await siti.say('1');
    await hasan.replies();
    await budi.replies();
    let r = await siti.say('menu');
    r = await siti.press(choice(r, 'Batalkan berkas'));
    r = await siti.say('1');
    r = await siti.press(choice(r, 'Ya, batalkan'));
    expect(text(r)).toBe('Berkas KTP-2611-0001 sudah dibatalkan.');
    expect(text(await hasan.replies())).toBe('Berkas KTP-2611-0001 (Siti Aminah) sudah dibatalkan. Bapak tidak perlu menjawabnya lagi. Terima kasih.');
    expect(text(await budi.replies())).toBe('Berkas KTP-2611-0001 untuk Siti Aminah sudah dibatalkan oleh pemohon sendiri.');
  });
});

describe('complaint', () => {
  it('is answered with a code and a date, with a photo and about a case', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    await completeApplication(siti, 'ktp');
    let r = await siti.say('menu');
    r = await siti.press(choice(r, 'Pengaduan'));
    expect(text(r)).toBe('Silakan tulis pengaduan Bapak/Ibu.');
    r = await siti.say('kurang');
    expect(text(r)).toContain('Pengaduan terlalu pendek.');
    r = await siti.say('Petugas belum membalas pesan saya sejak kemarin.');
    expect(text(r)).toContain('Ada foto pendukung?');
    r = await siti.upload(JPEG, 'image/jpeg', 'bukti.jpg');
    expect(text(r)).toContain('Pengaduan ini tentang berkas yang mana?');
    r = await siti.say('KTP-2611-0001');
    expect(text(r)).toBe('Pengaduan diterima. Nomor: ADU-2611-0001.\nKami jawab paling lambat Jumat, 4 Desember 2026.');
    const row = await env.DB.prepare(
      "SELECT c.kind, c.state, c.complaint_text, r.code AS about, (SELECT requirement FROM case_documents WHERE case_id = c.id) AS photo FROM cases c JOIN cases r ON r.id = c.related_case_id WHERE c.kind = 'complaint'",
    ).first();
    expect(row).toEqual({ kind: 'complaint', state: 'open', complaint_text: 'Petugas belum membalas pesan saya sejak kemarin.', about: 'KTP-2611-0001', photo: 'complaint_photo' });
  });

  it('can be filed without a photo and without a case', async () => {
    const p = new SimPerson('628123450003', 'Rudi');
    await p.say('halo');
    let r = await p.say('pengaduan');
    r = await p.say('Lampu jalan di depan kantor mati.');
    r = await p.press(choice(r, 'Lewati'));
    expect(text(r)).toMatch(/^Pengaduan diterima\. Nomor: ADU-2611-0001\./);
  });
});

describe('words that work at any step', () => {
  it('"kembali" goes to the previous question, "bantuan" helps and asks again, "batal" stops', async () => {
    const p = new SimPerson('628123450001', 'Siti');
    await p.say('halo');
    await p.say('1');
    let r = await p.say('ktp');
    r = await p.say('1');
    expect(text(r)).toBe('Nama lengkap sesuai KK?');
    r = await p.say('kembali');
    expect(text(r)).toContain('Untuk diri sendiri atau untuk orang lain?');
    r = await p.say('bantuan');
    expect(text(r)).toContain('Ketik "menu" untuk kembali ke awal.');
    expect(text(r)).toContain('Untuk diri sendiri atau untuk orang lain?');
    r = await p.say('Batal');
    expect(text(r)).toContain('Baik, dibatalkan.');
    expect(text(r)).toContain('Mau apa hari ini?');
  });

  it('"batal" after the RT was chosen also cancels the draft case', async () => {
    const p = new SimPerson('628123450001', 'Siti');
    await startApplication(p, 'ktp');
    const r = await p.say('batal');
    expect(text(r)).toContain('Berkas KTP-2611-0001 sudah dibatalkan.');
    expect(await env.DB.prepare('SELECT state FROM cases').first()).toEqual({ state: 'cancelled' });
  });

  it('answers what it does not understand with a hint and the question again', async () => {
    const p = new SimPerson('628123450001', 'Siti');
    await p.say('halo');
    let r = await p.say('1');
    r = await p.say('paspor');
    expect(text(r)).toContain('Maaf, kami belum mengerti.');
    expect(text(r)).toContain('Layanan apa?');
    r = await p.press('svc:teleport');
    expect(text(r)).toContain('Tombol itu sudah tidak berlaku.');
  });

  it('politely declines voice notes, stickers and locations, and ignores reactions', async () => {
    const p = new SimPerson('628123450001', 'Siti');
    expect(text(await p.sendUnsupported('voice'))).toContain('Maaf, Loket belum bisa mendengar pesan suara.');
    expect(text(await p.sendUnsupported('sticker'))).toContain('Maaf, Loket belum bisa membaca pesan seperti itu.');
    expect(text(await p.sendUnsupported('location'))).toContain('Silakan ketik, atau balas angka pilihan.');
    expect(await p.sendUnsupported('reaction')).toEqual([]);
  });

  it('says a photo is not needed when none was asked for', async () => {
    const p = new SimPerson('628123450001', 'Siti');
    await p.say('halo');
    const r = await p.upload(JPEG, 'image/jpeg', 'x.jpg');
    expect(text(r)).toContain('Foto atau berkas belum diperlukan sekarang.');
    expect(await count('SELECT count(*) AS n FROM case_documents')).toBe(0);
  });
});

describe('language', () => {
  it('switches to English and remembers it', async () => {
    const p = new SimPerson('628123450001', 'Siti');
    await p.say('halo');
    let r = await p.say('bahasa');
    r = await p.press(choice(r, 'English'));
    expect(text(r)).toContain('All right, we will use English.');
    expect(text(r)).toContain('What can we do for you?');
    r = await p.say('1');
    expect(text(r)).toContain('Which service?');
    r = await p.say('menu');
    expect(choicesOf(r)[0]!.label).toBe('Apply for a service');
    expect(await env.DB.prepare("SELECT locale FROM people WHERE phone = '628123450001'").first()).toEqual({ locale: 'en' });
  });
});

describe('conversation state', () => {
  it('survives between messages in D1 and expires after a day of silence', async () => {
    const p = new SimPerson('628123450001', 'Siti');
    await p.say('halo');
    await p.say('1');
    let r = await p.say('ktp');
    expect(text(r)).toContain('Untuk diri sendiri');
    setClock(MONDAY_10_WIB + 25 * 3600_000);
    r = await p.say('1');
    // A day later "1" is read against the menu, not the old question.
    expect(text(r)).toContain('Layanan apa?');
  });

  it('processes a provider message id once: a repeat has no second effect', async () => {
    const p = new SimPerson('628123450001', 'Siti');
    await p.say('halo', 'wamid.same');
    const again = await p.post({ text: 'halo', messageId: 'wamid.same' });
    expect(again.json.outcome).toBe('duplicate');
    expect(await p.replies()).toEqual([]);
    expect(await count('SELECT count(*) AS n FROM processed_messages')).toBe(1);
  });

  it('does not corrupt the state when two messages of one person arrive at the same moment', async () => {
    const p = new SimPerson('628123450001', 'Siti');
    await p.say('halo');
    // Two "1"s at once: the first picks "Ajukan layanan" from the menu, the second must then be
    // read against the service question (KTP), not against the menu a second time.
    const [a, b] = await Promise.all([p.post({ text: '1', messageId: 'm-a' }), p.post({ text: '1', messageId: 'm-b' })]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect([a.json.outcome, b.json.outcome]).toEqual(['processed', 'processed']);
    const row = await env.DB.prepare("SELECT c.version, c.data FROM conversations c JOIN channel_identities i ON i.id = c.identity_id WHERE i.external_id = '628123450001'").first<{ version: number; data: string }>();
    expect(row!.version).toBe(3);
    const state = JSON.parse(row!.data) as { step: string; data: { service?: string } };
    expect([state.step, state.data.service]).toEqual(['apply.for_whom', 'ktp']);
    expect(await count('SELECT count(*) AS n FROM processed_messages')).toBe(3);
  });

  it('creates one person when the first two messages of a newcomer race', async () => {
    const p = new SimPerson('628123450077', 'Baru');
    const results = await Promise.all([p.post({ text: 'halo', messageId: 'x1' }), p.post({ text: 'halo', messageId: 'x2' })]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(await count("SELECT count(*) AS n FROM channel_identities WHERE external_id = '628123450077'")).toBe(1);
  });

  it('rejects a simulator message without a valid sender', async () => {
    const res = await new SimPerson('abc', 'x').post({ text: 'halo' });
    expect(res.status).toBe(400);
  });
});

describe('nothing is lost', () => {
  it('the schedule tick re-queues outbox rows and documents whose queue nudge went missing', async () => {
    const { recorded, testEnv } = await import('../support/simulator');
    const { createScheduledController } = await import('cloudflare:test');
    const { runScheduled } = await import('../../src/jobs/scheduled');
    const p = new SimPerson('628123450001', 'Siti');
    await startApplication(p, 'ktp');
    await p.upload(JPEG, 'image/jpeg', 'kk.jpg');
    recorded.length = 0; // as if every queue send had failed
    await runScheduled(createScheduledController({ cron: '*/15 * * * *', scheduledTime: MONDAY_10_WIB + 3600_000 }), testEnv());
    const types = recorded.map((m) => (m.body as { type: string }).type);
    expect(types.filter((t) => t === 'fetch_media')).toHaveLength(1);
    expect(types.filter((t) => t === 'deliver').length).toBe(await count("SELECT count(*) AS n FROM outbox WHERE status = 'pending'"));
  });
});
