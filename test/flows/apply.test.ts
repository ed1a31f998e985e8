import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { useFreshDatabase } from '../support/fresh-database';
import { JPEG, PDF, PNG, SimPerson, choice, choicesOf, drainQueue, seed, text } from '../support/simulator';

useFreshDatabase();
beforeEach(seed);

const HASAN = '628990000203';

describe('a resident applies for a KTP for herself', () => {
  it('walks from hello to a case code and an expected date, and the RT chair is asked', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    const hasan = new SimPerson(HASAN, 'Bapak Hasan');

    let r = await siti.say('halo');
    expect(text(r)).toContain('Selamat datang di Loket Kelurahan Bukit Sangkal.');
    // How to answer is said in the form the channel shows the choices in (adapters/choices.ts).
    expect(r.at(-1)!.message).toMatchObject({ hint: { tap: 'Ketuk salah satu pilihan, atau ketik "bantuan".', type: 'Balas angkanya, atau ketik "bantuan".' } });
    expect(choicesOf(r).map((c) => c.label)).toEqual([
      'Ajukan layanan', 'Cek status', 'Info layanan', 'Pengaduan', 'Batalkan berkas', 'Bahasa / Language', 'Bantuan',
    ]);

    r = await siti.say('1');
    expect(text(r)).toContain('Layanan apa?');
    r = await siti.say('ktp');
    expect(text(r)).toContain('Untuk diri sendiri atau untuk orang lain?');
    r = await siti.press(choice(r, 'Diri sendiri'));
    expect(text(r)).toBe('Nama lengkap sesuai KK?');
    r = await siti.say('siti   aminah');
    expect(text(r)).toContain('NIK (16 angka');
    r = await siti.say('16710245087');
    expect(text(r)).toBe('NIK harus 16 angka. Yang Bapak/Ibu kirim 11 angka. Coba lagi, ya.');
    r = await siti.say('1671 0245 0879 0003');
    expect(text(r)).toContain('Tinggal di RW berapa?');
    r = await siti.press(choice(r, 'RW 02'));
    expect(text(r)).toContain('RW 02. RT berapa?');
    r = await siti.press(choice(r, /^RT 03/));
    expect(text(r)).toContain('Permintaan surat pengantar sudah kami kirim ke Ketua RT 03/RW 02, Bapak Hasan.');
    expect(text(r)).toContain('1. Fotokopi KK - belum\n2. Fotokopi KTP lama - belum\n3. Pas foto - belum');
    expect(text(r)).toContain('Sekarang kirim Fotokopi KK.');

    const card = text(await hasan.replies());
    expect(card).toMatch(/Permintaan surat pengantar\nSiti Aminah, NIK 1671 \*\*\*\* \*\*\*\* 0003\nRT 03 \/ RW 02, untuk: KTP\nNomor berkas: KTP-2611-0001/);

    r = await siti.upload(JPEG, 'image/jpeg', 'kk.jpg');
    expect(text(r)).toBe('Fotokopi KK diterima, sedang kami periksa.\n\nSekarang kirim Fotokopi KTP lama.');
    r = await siti.upload(PDF, 'application/pdf', 'ktp-lama.pdf');
    expect(text(r)).toContain('Sekarang kirim Pas foto.');
    r = await siti.upload(PNG, 'image/png', 'pas.png');
    expect(text(r)).toContain('Semua dokumen sudah masuk dan sedang kami periksa.');
    expect(text(r)).toContain('Dokumen diambil bagaimana?');
    r = await siti.say('1');
    expect(text(r)).toContain('Ringkasan: KTP untuk Siti Aminah, RT 03/RW 02, diambil di kantor.');
    // Not received until stored and checked: no Kirim yet, and Loket says it will write.
    expect(text(r)).toContain('Dokumen ini masih kami periksa: Fotokopi KK, Fotokopi KTP lama, Pas foto.');
    expect(choicesOf(r)).toEqual([]);

    // The queue moves the three files into R2, checked by their first bytes; then Kirim.
    await drainQueue();
    r = await siti.replies();
    expect(text(r)).toBe(
      'Semua dokumen KTP untuk Siti Aminah sudah kami periksa dan terima.\n\nRingkasan: KTP untuk Siti Aminah, RT 03/RW 02, diambil di kantor.',
    );
    r = await siti.press(choice(r, 'Kirim'));
    expect(text(r)).toContain('Terkirim. Nomor berkas: KTP-2611-0001.');
    // The three days start with the chair's approval: the date comes with it (test/flows/corrections.test.ts).
    expect(text(r)).toContain('Berkas selesai paling lambat 3 hari kerja setelah Ketua RT menyetujui surat pengantar.');

    const c = await env.DB.prepare('SELECT * FROM cases').first<Record<string, unknown>>();
    expect(c).toMatchObject({ code: 'KTP-2611-0001', service: 'ktp', state: 'awaiting_pengantar', delivery: 'pickup', submitter_person_id: null });
    expect(c!.due_at).toBe(Date.parse('2026-12-02T16:00:00+07:00'));
    const person = await env.DB.prepare('SELECT full_name, nik FROM people WHERE id = ?1').bind(c!.applicant_person_id).first();
    expect(person).toEqual({ full_name: 'Siti Aminah', nik: '1671024508790003' });

    const docs = await env.DB.prepare('SELECT requirement, status, content_type, size_bytes, sha256, r2_key FROM case_documents ORDER BY created_at').all<Record<string, string | number>>();
    expect(docs.results.map((d) => [d.requirement, d.status, d.content_type])).toEqual([
      ['kk_copy', 'stored', 'image/jpeg'],
      ['ktp_old_copy', 'stored', 'application/pdf'],
      ['pas_photo', 'stored', 'image/png'],
    ]);
    const stored = await env.SCANS.get(String(docs.results[0]!.r2_key));
    expect(new Uint8Array(await stored!.arrayBuffer())).toEqual(JPEG);
    const events = await env.DB.prepare('SELECT kind FROM case_events ORDER BY rowid').all<{ kind: string }>();
    expect(events.results.map((e) => e.kind)).toEqual(['created', 'document_received', 'document_received', 'document_received', 'documents_checked', 'submit']);
  });
});
