import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { completeApplication, NIK, SERVICE_LABEL, startApplication, UPLOADS } from '../support/apply-helper';
import { useFreshDatabase } from '../support/fresh-database';
import { ANSWER_HINT, choice, drainQueue, lastAsked, PDF, seed, SimPerson, text } from '../support/simulator';

useFreshDatabase();
beforeEach(seed);

const REQUIRED = {
  ktp: ['Fotokopi KK', 'Fotokopi KTP lama', 'Pas foto'],
  kk: ['Fotokopi KK lama', 'Surat keterangan pindah dari daerah asal'],
  nikah: ['Fotokopi KK', 'Fotokopi KTP', 'Pas foto'],
  situ: ['Fotokopi KTP', 'Pas foto'],
} as const;
const PREFIX = { ktp: 'KTP', kk: 'KK', nikah: 'NKH', situ: 'SITU' } as const;

describe.each(['ktp', 'kk', 'nikah', 'situ'] as const)('service %s', (service) => {
  it('asks for exactly its documents and ends with a case code', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    const r = await startApplication(siti, service);
    REQUIRED[service].forEach((doc, i) => expect(text(r)).toContain(`${i + 1}. ${doc} - belum`));
    expect(text(r)).not.toContain(`${REQUIRED[service].length + 1}. `);
    expect(UPLOADS[service]).toBe(REQUIRED[service].length);
    // continue the same conversation to the end
    const code = await completeApplication(new SimPerson('628123450011', 'Ani'), service, { name: 'Ani Lestari', nik: NIK.ani });
    expect(code).toBe(`${PREFIX[service]}-2611-0002`);
  });

  it('can be applied for by a neighbour, and the applicant confirms from her own chat', async () => {
    const budi = new SimPerson('628123450002', 'Budi');
    const siti = new SimPerson('628123450001', 'Siti');
    let r = await startApplication(budi, service, { forOther: { name: 'siti aminah', nik: NIK.siti, phone: '0812-3450-001' } });
    expect(text(r)).toContain('Kami sudah meminta Siti Aminah mengonfirmasi dari HP-nya sendiri.');

    r = await siti.replies();
    expect(text(r)).toContain(`Pemilik nomor 0812****002 mengajukan ${SERVICE_LABEL[service]} di Loket untuk Bapak/Ibu, atas nama Siti Aminah.`);
    r = await siti.press(choice(r, 'Ya, benar'));
    expect(text(r)).toBe('Terima kasih. Pengajuan sudah dikonfirmasi.');
    expect(text(await budi.replies())).toMatch(new RegExp(`Siti Aminah sudah mengonfirmasi berkas ${PREFIX[service]}-2611-0001`));

    const row = await env.DB.prepare(
      `SELECT c.applicant_confirmed_at IS NOT NULL AS confirmed, a.full_name AS applicant, a.phone, s.full_name AS submitter
       FROM cases c JOIN people a ON a.id = c.applicant_person_id JOIN people s ON s.id = c.submitter_person_id`,
    ).first();
    expect(row).toEqual({ confirmed: 1, applicant: 'Siti Aminah', phone: '6281234500001'.slice(0, 0) + '628123450001', submitter: 'Budi' });
  });
});

describe('helpers', () => {
  it('records who submitted, and an applicant without a phone is created without a chat, with the typed details on the case only', async () => {
    const budi = new SimPerson('628123450002', 'Budi');
    const code = await completeApplication(budi, 'ktp', { forOther: { name: 'Mbah Sarinah', nik: NIK.ani, phone: null } });
    const row = await env.DB.prepare(
      `SELECT c.code, c.state, c.given_name, c.given_nik, a.full_name AS applicant, a.nik, a.rt_id, s.full_name AS submitter,
              (SELECT count(*) FROM channel_identities WHERE person_id = a.id) AS chats
       FROM cases c JOIN people a ON a.id = c.applicant_person_id JOIN people s ON s.id = c.submitter_person_id`,
    ).first();
    expect(row).toEqual({
      code, state: 'awaiting_pengantar', given_name: 'Mbah Sarinah', given_nik: NIK.ani, applicant: '', nik: null, rt_id: null, submitter: 'Budi', chats: 0,
    });
    const events = await env.DB.prepare("SELECT actor_kind FROM case_events WHERE kind IN ('created', 'submit')").all<{ actor_kind: string }>();
    expect(events.results.map((e) => e.actor_kind)).toEqual(['helper', 'helper']);
  });

  it('cancels the application when the applicant says it was not her', async () => {
    const budi = new SimPerson('628123450002', 'Budi');
    const siti = new SimPerson('628123450001', 'Siti');
    await startApplication(budi, 'ktp', { forOther: { name: 'Siti Aminah', nik: NIK.siti, phone: '628123450001' } });
    const asked = await siti.replies();
    expect(text(asked)).toContain('Benar Bapak/Ibu yang meminta?');
    expect(lastAsked(asked)).toMatchObject({ hint: ANSWER_HINT });
    // Typing the number works as well as the button.
    const r = await siti.say('2');
    expect(text(r)).toBe('Baik. Pengajuan itu kami batalkan.');
    expect(text(await budi.replies())).toContain('Siti Aminah tidak mengonfirmasi berkas KTP-2611-0001. Berkas dibatalkan.');
    expect(await env.DB.prepare('SELECT state FROM cases').first()).toEqual({ state: 'cancelled' });
  });

  it('refuses a confirmation button pressed by someone who is not the applicant', async () => {
    const budi = new SimPerson('628123450002', 'Budi');
    const siti = new SimPerson('628123450001', 'Siti');
    const eve = new SimPerson('628123450099', 'Eve');
    await startApplication(budi, 'ktp', { forOther: { name: 'Siti Aminah', nik: NIK.siti, phone: '628123450001' } });
    const forged = (await siti.replies()).flatMap((m) => (m.message.kind === 'text' ? (m.message.choices ?? []) : []))[0]!;
    const r = await eve.press(forged.id);
    expect(text(r)).toContain('Tombol itu sudah tidak berlaku.');
    expect(await env.DB.prepare('SELECT applicant_confirmed_at, state FROM cases').first()).toEqual({ applicant_confirmed_at: null, state: 'draft' });
  });
});

describe('delivery by courier', () => {
  it('asks for the address and shows it in the summary', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    await completeApplication(siti, 'situ', { courier: 'Jl. Mayor Zen No. 12, RT 03/RW 02' });
    expect(await env.DB.prepare('SELECT delivery, delivery_address FROM cases').first()).toEqual({
      delivery: 'courier',
      delivery_address: 'Jl. Mayor Zen No. 12, RT 03/RW 02',
    });
  });
});

describe('documents', () => {
  it('refuses at once a file its own phone calls something else (text), and stores nothing', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    await startApplication(siti, 'ktp');
    const r = await siti.upload(new TextEncoder().encode('hello'), 'text/plain', 'notes.txt');
    expect(text(r)).toContain('Itu bukan foto atau PDF, jadi tidak bisa kami terima. Kirim foto dokumennya, ya.');
    expect(text(r)).toContain('Sekarang kirim Fotokopi KK.');
    expect(await env.DB.prepare('SELECT count(*) AS n FROM case_documents').first()).toEqual({ n: 0 });
  });

  it('judges a file its phone could not name (application/octet-stream) by its first bytes: a PDF is taken', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    await startApplication(siti, 'ktp');
    expect(text(await siti.upload(PDF, 'application/octet-stream', 'kk'))).toContain('Fotokopi KK diterima, sedang kami periksa.');
    await drainQueue();
    expect(await env.DB.prepare('SELECT status, content_type FROM case_documents').first()).toEqual({ status: 'stored', content_type: 'application/pdf' });
  });

  it('judges a file its phone could not name by its first bytes: text is refused once read, and Siti is asked again', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    await startApplication(siti, 'ktp');
    await siti.upload(new TextEncoder().encode('hello'), 'application/octet-stream', 'notes');
    await drainQueue();
    expect(await env.DB.prepare('SELECT status, reject_reason FROM case_documents').first()).toEqual({ status: 'rejected', reject_reason: 'bad_type' });
    expect((await env.SCANS.list({ prefix: 'scans/' })).objects).toEqual([]);
    expect(text(await siti.replies())).toContain(
      'Maaf, Fotokopi KK yang Bapak/Ibu kirim bukan foto atau PDF, jadi tidak bisa kami buka.\nSilakan kirim lagi Fotokopi KK di chat ini. Tidak perlu mengulang dari awal.',
    );
  });

  it('rejects a file whose first bytes lie about its type, and asks for it again', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    await startApplication(siti, 'ktp');
    await siti.upload(new TextEncoder().encode('MZ not really a jpeg'), 'image/jpeg', 'virus.jpg');
    await drainQueue();
    const doc = await env.DB.prepare('SELECT status, reject_reason FROM case_documents').first();
    expect(doc).toEqual({ status: 'rejected', reject_reason: 'bad_type' });
    const keys = await env.SCANS.list({ prefix: 'scans/' });
    expect(keys.objects).toEqual([]);
    expect(text(await siti.replies())).toContain(
      'Maaf, Fotokopi KK yang Bapak/Ibu kirim bukan foto atau PDF, jadi tidak bisa kami buka.\nSilakan kirim lagi Fotokopi KK di chat ini. Tidak perlu mengulang dari awal.',
    );
    // The next photo fills the same requirement again.
    const r = await siti.upload(new Uint8Array([0xff, 0xd8, 0xff, 0xdb, 1, 2, 3, 4]), 'image/jpeg', 'kk.jpg');
    expect(text(r)).toContain('Fotokopi KK diterima, sedang kami periksa.');
  });

  it('refuses a file larger than the limit before storing it', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    await startApplication(siti, 'ktp');
    const big = new Uint8Array(Number(env.MAX_UPLOAD_BYTES) + 1);
    big.set([0xff, 0xd8, 0xff]);
    const r = await siti.upload(big, 'image/jpeg', 'big.jpg');
    expect(text(r)).toContain('Berkas terlalu besar. Paling besar 10 MB.');
    expect(await env.DB.prepare('SELECT count(*) AS n FROM case_documents').first()).toEqual({ n: 0 });
  });

  it('lets the resident resend a document from the summary', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    await startApplication(siti, 'situ');
    await siti.upload(new Uint8Array([0xff, 0xd8, 0xff, 1]), 'image/jpeg', 'a.jpg');
    let r = await siti.upload(new Uint8Array([0xff, 0xd8, 0xff, 2]), 'image/jpeg', 'b.jpg');
    await drainQueue();
    r = await siti.press(choice(r, 'Ambil di kantor'));
    r = await siti.press(choice(r, 'Ubah'));
    r = await siti.press(choice(r, 'Kirim ulang dokumen'));
    r = await siti.press(choice(r, 'Pas foto'));
    expect(text(r)).toContain('Sekarang kirim Pas foto.');
    r = await siti.upload(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'image/png', 'new.png');
    expect(text(r)).toContain('Pas foto diterima, sedang kami periksa.');
    expect(text(r)).toContain('Ringkasan: SITU');
    expect(text(r)).toContain('Dokumen ini masih kami periksa: Pas foto.');
    const docs = await env.DB.prepare("SELECT superseded_at IS NULL AS current, content_type FROM case_documents WHERE requirement = 'pas_photo' ORDER BY created_at").all();
    expect(docs.results).toEqual([{ current: 0, content_type: 'image/jpeg' }, { current: 1, content_type: 'image/png' }]);
  });
});

describe('holidays', () => {
  it('the promised date skips cuti bersama and Christmas from the seeded table', async () => {
    const { setClock } = await import('../support/simulator');
    setClock(Date.parse('2026-12-23T10:00:00+07:00'));
    const siti = new SimPerson('628123450001', 'Siti');
    await completeApplication(siti, 'situ');
    expect(await env.DB.prepare('SELECT due_at FROM cases').first()).toEqual({ due_at: Date.parse('2026-12-29T16:00:00+07:00') });
  });
});

describe('a helper applying for someone Loket already knows', () => {
  it('keeps the typed details on the case until the applicant confirms', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    await siti.say('halo'); // Siti is known, by her chat name only
    const budi = new SimPerson('628123450002', 'Budi');
    await startApplication(budi, 'ktp', { forOther: { name: 'Siti Aminah', nik: NIK.siti, phone: '628123450001' } });
    const person = () => env.DB.prepare("SELECT full_name, nik FROM people WHERE phone = '628123450001'").first();
    expect(await person()).toEqual({ full_name: 'Siti', nik: null });
    const hasan = new SimPerson('628990000203', 'Bapak Hasan');
    expect(text(await hasan.replies())).toContain('Siti Aminah, NIK 1671 **** **** 0003');
    await siti.replies();
    // She was only at the menu, so the question became hers: typing "1" answers it.
    expect(text(await siti.say('1'))).toBe('Terima kasih. Pengajuan sudah dikonfirmasi.');
    expect(await person()).toEqual({ full_name: 'Siti', nik: NIK.siti });
  });
});

describe('a confirmation request does not interrupt', () => {
  it('someone in the middle of their own application keeps their place', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    await siti.say('halo');
    await siti.say('1');
    await siti.say('ktp');
    let r = await siti.say('1');
    expect(text(r)).toBe('Nama lengkap sesuai KK?');
    await startApplication(new SimPerson('628123450002', 'Budi'), 'kk', { forOther: { name: 'Siti Aminah', nik: NIK.siti, phone: '628123450001' } });
    await siti.replies();
    r = await siti.say('Siti Aminah');
    expect(text(r)).toContain('NIK (16 angka');
  });
});
