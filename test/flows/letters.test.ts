import { createMessageBatch, createScheduledController, env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app';
import worker from '../../src/index';
import { runScheduled } from '../../src/jobs/scheduled';
import { revokeLettersOnEnd } from '../../src/pipeline/letter-sql';
import { completeApplication, NIK, startApplication } from '../support/apply-helper';
import { deskDoes } from '../support/desk-decision';
import { useFreshDatabase } from '../support/fresh-database';
import { staffChats } from '../support/staff-chats';
import { pdfText } from '../support/pdf-text';
import { choice, drainQueue, recorded, seed, setClock, SimPerson, testEnv, text } from '../support/simulator';

useFreshDatabase();
beforeEach(seed);
afterEach(() => vi.restoreAllMocks());

const wib = (iso: string) => Date.parse(`${iso}:00+07:00`);
const row = (sql: string) => env.DB.prepare(sql).first<Record<string, unknown>>();
const count = async (sql: string) => Number((await row(sql))!.n);
let client = 0;
const verifyPage = async (code: string) => {
  // A client address of its own each time: the rate limit of /verify is not what is tested here.
  const headers = { 'cf-connecting-ip': `192.0.2.${++client}` };
  const res = await createApp().request(`/verify/${code}`, { headers }, testEnv());
  return { status: res.status, body: await res.text() };
};

async function applied(name = 'Siti Aminah') {
  const siti = new SimPerson('628123450001', 'Siti');
  const hasan = new SimPerson('628990000203', 'Bapak Hasan');
  const code = await completeApplication(siti, 'ktp', { name });
  await drainQueue(); // scans into R2
  await siti.replies();
  return { siti, hasan, code };
}

/** Runs what the Worker queued, as the Queue would, with `over` replacing bindings; says what was acked. */
async function runQueued(over: Partial<Env>, attempts = 1) {
  const messages = recorded.splice(0).map((m, i) => ({
    id: `m${i}`, timestamp: new Date(0), attempts, body: m.body, outcome: 'none' as 'none' | 'ack' | 'retry',
    ack() { this.outcome = 'ack'; },
    retry() { this.outcome = 'retry'; },
  }));
  const batch = { queue: 'loket-outbox-local', messages, ackAll() {}, retryAll() {} };
  await worker.queue(batch as unknown as MessageBatch<unknown>, { ...testEnv(), ...over });
  return messages.filter((m) => (m.body as { type: string }).type === 'make_letter').map((m) => m.outcome);
}


describe('letters for every Latin name', () => {
  it('makes, files and sends the letter of "Nguyễn Văn Ấn", whose name reads back from the PDF', async () => {
    const { siti, hasan, code } = await applied('Nguyễn Văn Ấn');
    await hasan.press(choice(await hasan.replies(), 'Setujui'));
    await drainQueue();
    const letter = (await row('SELECT r2_key, verification_code, made_at, failed_at FROM letters')) as Record<string, string | null>;
    expect(letter.made_at).not.toBeNull();
    expect(letter.failed_at).toBeNull();
    const pdf = await env.SCANS.get(letter.r2_key!);
    expect(await pdfText(new Uint8Array(await pdf!.arrayBuffer()))).toContain(': Nguyễn Văn Ấn');
    expect((await siti.replies()).map((m) => m.message.kind)).toEqual(['text', 'document']);
    expect(text(await hasan.replies())).toBe(`Surat pengantar untuk berkas ${code} sudah dibuat, dikirim ke Nguyễn Văn Ấn, dan disimpan di kelurahan.`);
    expect((await verifyPage(letter.verification_code!)).body).toContain('Surat ini asli');
  });
});

describe('a letter is announced only once it exists', () => {
  it('says nothing and /verify says "being made" until the PDF is filed', async () => {
    const { siti, hasan } = await applied();
    await hasan.press(choice(await hasan.replies(), 'Setujui'));
    const { verification_code } = (await row('SELECT verification_code FROM letters')) as { verification_code: string };
    expect(await siti.replies()).toEqual([]);
    const pending = await verifyPage(verification_code);
    expect(pending.status).toBe(200);
    expect(pending.body).toContain('Surat ini sedang dibuat');
    expect(pending.body).not.toContain('Surat ini asli');
    await drainQueue();
    expect((await verifyPage(verification_code)).body).toContain('Surat ini asli');
    // The code on the letter is typed back from paper: any case, any spacing.
    expect(verification_code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect((await verifyPage(encodeURIComponent(verification_code.toLowerCase().replace(/-/g, ' ')))).body).toContain('Surat ini asli');
  });

  it('a letter that cannot be drawn fails at once: marked, recorded, the chair, this kelurahan\'s staff and the resident told, never retried', async () => {
    const { siti, hasan, code } = await applied();
    const { staff, otherStaff } = await staffChats();
    await hasan.press(choice(await hasan.replies(), 'Setujui'));
    await hasan.replies();
    // A verification address too long for any QR code: drawing fails the same way every time.
    expect(await runQueued({ PUBLIC_BASE_URL: `http://localhost:8787/${'x'.repeat(5000)}` })).toEqual(['ack']);

    const letter = (await row('SELECT verification_code, made_at, failed_at FROM letters')) as Record<string, string | null>;
    expect(letter.made_at).toBeNull();
    expect(letter.failed_at).not.toBeNull();
    expect(await count("SELECT count(*) AS n FROM case_events WHERE kind = 'letter_failed'")).toBe(1);
    expect(text(await hasan.replies())).toBe(
      `Maaf, surat pengantar untuk Siti Aminah (berkas ${code}) gagal dibuat oleh Loket. Persetujuan Bapak/Ibu tetap tercatat, jadi tidak perlu menyetujui lagi. Petugas kelurahan sudah kami beri tahu dan akan menyiapkan suratnya.`,
    );
    expect(text(await staff.replies())).toBe(
      `Perlu perhatian: berkas ${code}. Surat pengantar 0001/PGT-RT03RW02-2026 (RT 03/RW 02) gagal dibuat oleh sistem dan belum dikirim ke siapa pun; kode ceknya tidak berlaku. Mohon siapkan surat pengantar secara manual. Ketua RT dan pemohon sudah kami beri tahu bahwa suratnya menyusul dari kantor.`,
    );
    expect(await otherStaff.inbox()).toEqual([]);
    // The resident hears of the approval and the date, and that the letter comes from the office;
    // no letter is sent, and its code is not vouched for.
    await drainQueue();
    const resident = await siti.replies();
    expect(text(resident)).toBe(
      `Ketua RT menyetujui surat pengantar untuk berkas ${code}.\nBerkas mulai diproses kantor. Paling lambat selesai Rabu, 2 Desember 2026.\nSurat pengantarnya belum bisa kami kirim lewat chat. Petugas kelurahan akan menyiapkannya; Bapak/Ibu tidak perlu mengurus apa-apa.`,
    );
    expect(resident.map((m) => m.message.kind)).toEqual(['text']);
    const page = await verifyPage(letter.verification_code!);
    expect(page.body).toContain('Surat ini tidak berlaku');
    expect(page.body).toContain('Silakan hubungi kantor Kelurahan Bukit Sangkal di nomor 0711-555-0123.');
    expect(page.body).not.toContain('Surat ini asli');

    // A nudge that comes again (the cron, a duplicate) changes and sends nothing.
    recorded.push({ body: { type: 'make_letter', letterId: (await row('SELECT id FROM letters'))!.id } });
    await drainQueue();
    expect(await hasan.replies()).toEqual([]);
    expect(await siti.replies()).toEqual([]);
    expect(await count("SELECT count(*) AS n FROM case_events WHERE kind = 'letter_failed'")).toBe(1);
  });

  it('a storage failure is retried, and after the last attempt the letter fails and people are told', async () => {
    const { hasan, code } = await applied();
    const { staff } = await staffChats();
    await hasan.press(choice(await hasan.replies(), 'Setujui'));
    await hasan.replies();
    const { id } = (await row('SELECT id FROM letters')) as { id: string };
    const broken = new Proxy(env.SCANS, {
      get: (target, key) => (key === 'put' ? () => Promise.reject(new Error('r2 down')) : Reflect.get(target, key).bind(target)),
    });

    expect(await runQueued({ SCANS: broken }, 1)).toEqual(['retry']);
    expect(await row('SELECT made_at, failed_at FROM letters')).toEqual({ made_at: null, failed_at: null });
    expect(await hasan.replies()).toEqual([]);

    recorded.push({ body: { type: 'make_letter', letterId: id } });
    expect(await runQueued({ SCANS: broken }, 7)).toEqual(['retry']);
    recorded.push({ body: { type: 'make_letter', letterId: id } });
    expect(await runQueued({ SCANS: broken }, 8)).toEqual(['ack']);
    expect((await row('SELECT failed_at FROM letters'))!.failed_at).not.toBeNull();
    expect(text(await hasan.replies())).toContain(`gagal dibuat oleh Loket`);
    expect(text(await staff.replies())).toContain(`Perlu perhatian: berkas ${code}.`);
  });

  it('a letter whose queue nudge was lost is made by the cron', async () => {
    const { siti, hasan } = await applied();
    setClock(wib('2026-11-30T11:00'));
    await hasan.press(choice(await hasan.replies(), 'Setujui'));
    recorded.length = 0; // the queue send failed after the write
    await runScheduled(createScheduledController({ cron: '*/15 * * * *', scheduledTime: wib('2026-11-30T11:30') }), testEnv());
    await drainQueue();
    expect((await row('SELECT made_at FROM letters'))!.made_at).not.toBeNull();
    expect((await siti.replies()).some((m) => m.message.kind === 'document')).toBe(true);
  });
});

describe('a letter never stays "being made"', () => {
  const OFFICE_LINE = 'Surat pengantarnya belum bisa kami kirim lewat chat. Petugas kelurahan akan menyiapkannya; Bapak/Ibu tidak perlu mengurus apa-apa.';

  it('the cron fails a letter still open two days after it was issued, and everyone is told', async () => {
    const { siti, hasan, code } = await applied();
    const { staff } = await staffChats();
    setClock(wib('2026-11-30T11:00'));
    await hasan.press(choice(await hasan.replies(), 'Setujui'));
    await hasan.replies();
    recorded.length = 0; // the queue send failed after the write, and every later nudge came to nothing
    const { id, verification_code } = (await row('SELECT id, verification_code FROM letters')) as Record<string, string>;
    const cron = (at: number) => runScheduled(createScheduledController({ cron: '*/15 * * * *', scheduledTime: at }), testEnv());

    // Within two days the cron only nudges the job again.
    await cron(wib('2026-12-02T10:45'));
    expect(recorded.map((m) => m.body)).toContainEqual({ type: 'make_letter', letterId: id });
    recorded.length = 0;
    expect((await row('SELECT failed_at FROM letters'))!.failed_at).toBeNull();

    vi.spyOn(console, 'error').mockImplementation(() => {});
    await cron(wib('2026-12-02T11:15'));
    expect(recorded.map((m) => m.body)).not.toContainEqual({ type: 'make_letter', letterId: id });
    await drainQueue();
    expect(await row('SELECT made_at, failed_at FROM letters')).toEqual({ made_at: null, failed_at: wib('2026-12-02T11:15') });
    expect(await row("SELECT detail FROM case_events WHERE kind = 'letter_failed'")).toEqual({ detail: JSON.stringify({ letter_id: id, stage: 'stuck' }) });
    expect(text(await hasan.replies())).toContain(`Maaf, surat pengantar untuk Siti Aminah (berkas ${code}) gagal dibuat oleh Loket.`);
    expect(text(await staff.replies())).toContain(`Perlu perhatian: berkas ${code}. Surat pengantar 0001/PGT-RT03RW02-2026 (RT 03/RW 02) gagal dibuat`);
    const resident = text(await siti.replies());
    expect(resident).toContain(`Ketua RT menyetujui surat pengantar untuk berkas ${code}.\nBerkas mulai diproses kantor. Paling lambat selesai Rabu, 2 Desember 2026.\n${OFFICE_LINE}`);
    expect((await verifyPage(verification_code!)).body).toContain('Surat ini tidak berlaku');

    // The next tick finds nothing open.
    await cron(wib('2026-12-02T11:30'));
    await drainQueue();
    expect(await count("SELECT count(*) AS n FROM case_events WHERE kind = 'letter_failed'")).toBe(1);
  });

  it('a dead-lettered letter job fails the letter: the chair, staff, the applicant and her helper are told', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    const budi = new SimPerson('628123450002', 'Budi');
    const hasan = new SimPerson('628990000203', 'Bapak Hasan');
    await siti.say('halo');
    const code = await completeApplication(budi, 'ktp', { forOther: { name: 'Siti Aminah', nik: NIK.siti, phone: '0812 3450 001' } });
    await drainQueue();
    await siti.replies();
    await budi.replies();
    const { staff } = await staffChats();
    await hasan.press(choice(await hasan.replies(), 'Setujui'));
    await hasan.replies();
    const job = recorded.splice(0).find((m) => (m.body as { type: string }).type === 'make_letter')!;

    vi.spyOn(console, 'error').mockImplementation(() => {});
    const batch = createMessageBatch('loket-outbox-local-dlq', [{ id: 'dead', timestamp: new Date(0), attempts: 9, body: job.body }]);
    await worker.queue(batch as MessageBatch<unknown>, testEnv());
    await drainQueue();
    expect((await row('SELECT failed_at FROM letters'))!.failed_at).not.toBeNull();
    expect(JSON.parse(String((await row("SELECT detail FROM case_events WHERE kind = 'letter_failed'"))!.detail)).stage).toBe('dead_letter');
    expect(text(await hasan.replies())).toContain(`(berkas ${code}) gagal dibuat oleh Loket.`);
    expect(text(await staff.replies())).toContain(`Perlu perhatian: berkas ${code}.`);
    for (const person of [siti, budi]) {
      const told = await person.replies();
      expect(text(told)).toContain(`Ketua RT menyetujui surat pengantar untuk berkas ${code}.`);
      expect(text(told)).toContain(OFFICE_LINE);
      expect(told.some((m) => m.message.kind === 'document')).toBe(false);
    }
  });
});

describe('the pengantar decision is final, and a letter follows its case', () => {
  it('refuses the chair\'s "Tolak" on a card already approved, in words', async () => {
    const { siti, hasan, code } = await applied();
    const card = await hasan.replies();
    await hasan.press(choice(card, 'Setujui'));
    const r = await hasan.press(choice(card, 'Tolak'));
    expect(text(r)).toBe(
      `Surat pengantar untuk berkas ${code} sudah Bapak setujui, jadi tidak bisa ditolak lagi. Bila ada yang salah, mohon telepon kantor kelurahan di nomor 0711-555-0123; petugas masih bisa menolak berkas ini.`,
    );
    expect(await row('SELECT state, pengantar_approved FROM cases')).toEqual({ state: 'submitted', pengantar_approved: 1 });
    expect(await row('SELECT revoked_at FROM letters')).toEqual({ revoked_at: null });
    expect(await siti.replies()).toEqual([]);
  });

  it('says the office approved when it did, never that the chair did', async () => {
    const { hasan, code } = await applied();
    const card = await hasan.replies();
    await deskDoes(code, { action: 'approve_pengantar', reason: 'Surat pengantar kertas dari Ketua RT sudah kami terima.' }, wib('2026-11-30T11:00'));
    await drainQueue();
    expect(text(await hasan.replies())).toContain(`Berkas ${code} sudah diputuskan oleh kantor kelurahan`);
    const r = await hasan.press(choice(card, 'Tolak'));
    expect(text(r)).toBe(
      `Surat pengantar untuk berkas ${code} sudah disetujui oleh kantor kelurahan, jadi tidak bisa ditolak lagi. Bila ada yang salah, mohon telepon kantor kelurahan di nomor 0711-555-0123; petugas masih bisa menolak berkas ini.`,
    );
    expect(await row('SELECT state, pengantar_approved FROM cases')).toEqual({ state: 'submitted', pengantar_approved: 1 });
  });

  it('refuses "Tolak" after an approval given while the resident was still sending documents', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    const hasan = new SimPerson('628990000203', 'Bapak Hasan');
    await startApplication(siti, 'ktp');
    const card = await hasan.replies();
    await hasan.press(choice(card, 'Setujui'));
    expect(text(await hasan.press(choice(card, 'Tolak')))).toContain('sudah Bapak setujui, jadi tidak bisa ditolak lagi');
    expect(await row('SELECT state, pengantar_approved FROM cases')).toEqual({ state: 'draft', pengantar_approved: 1 });
  });

  it('revokes the letter when the resident cancels the case, and /verify says "dicabut"', async () => {
    const { siti, hasan, code } = await applied();
    await hasan.press(choice(await hasan.replies(), 'Setujui'));
    await drainQueue();
    const { verification_code } = (await row('SELECT verification_code FROM letters')) as { verification_code: string };
    let r = await siti.say('menu');
    r = await siti.press(choice(r, 'Batalkan berkas'));
    r = await siti.say('1');
    r = await siti.press(choice(r, 'Ya, batalkan'));
    expect(text(r)).toBe(`Berkas ${code} sudah dibatalkan.`);
    expect(await row('SELECT revoked_at IS NOT NULL AS revoked, revoked_reason FROM letters')).toEqual({ revoked: 1, revoked_reason: 'Berkasnya dibatalkan.' });
    const page = await verifyPage(verification_code);
    expect(page.body).toContain('Surat ini sudah dicabut');
    expect(page.body).toContain('Berkasnya dibatalkan.');
    expect(page.body).not.toContain('Surat ini asli');
  });

  it('revokes the letter when the applicant answers "Bukan saya" to a helper\'s application', async () => {
    const budi = new SimPerson('628123450002', 'Budi');
    const siti = new SimPerson('628123450001', 'Siti');
    const hasan = new SimPerson('628990000203', 'Bapak Hasan');
    await siti.say('halo');
    await siti.replies();
    await startApplication(budi, 'ktp', { forOther: { name: 'Siti Aminah', nik: NIK.siti, phone: '0812 3450 001' } });
    await hasan.press(choice(await hasan.replies(), 'Setujui'));
    await drainQueue();
    const ask = await siti.replies();
    await siti.press(choice(ask, 'Bukan saya'));
    expect(await row('SELECT state FROM cases')).toEqual({ state: 'cancelled' });
    expect(await row('SELECT revoked_at IS NOT NULL AS revoked, revoked_reason FROM letters')).toEqual({ revoked: 1, revoked_reason: 'Berkasnya dibatalkan.' });
  });

  it('revokes the letter when staff reject the case (any transition that ends it without its service)', async () => {
    const { hasan } = await applied();
    await hasan.press(choice(await hasan.replies(), 'Setujui'));
    await drainQueue();
    const letter = (await row('SELECT case_id, kelurahan_id, verification_code FROM letters')) as Record<string, string>;
    const revoke = revokeLettersOnEnd(env.DB, { caseId: letter.case_id!, kelurahanId: letter.kelurahan_id!, event: 'reject', to: 'rejected', now: wib('2026-12-01T09:00') });
    await revoke!.run();
    const page = await verifyPage(letter.verification_code!);
    expect(page.body).toContain('Surat ini sudah dicabut');
    expect(page.body).toContain('Selasa, 1 Desember 2026: Berkasnya ditolak.');
    // A transition that does not end the case leaves its letter alone.
    expect(revokeLettersOnEnd(env.DB, { caseId: letter.case_id!, kelurahanId: letter.kelurahan_id!, event: 'archive', to: 'verifying', now: 0 })).toBeNull();
  });

  it('revokes the letter of a draft the cron abandons, in the same write, and a letter not yet drawn is never drawn', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    const hasan = new SimPerson('628990000203', 'Bapak Hasan');
    await startApplication(siti, 'ktp');
    await hasan.press(choice(await hasan.replies(), 'Setujui'));
    recorded.length = 0;
    // Eight days later nobody has touched the draft.
    await runScheduled(createScheduledController({ cron: '*/15 * * * *', scheduledTime: wib('2026-12-08T10:00') }), testEnv());
    expect(await row('SELECT state FROM cases')).toEqual({ state: 'cancelled' });
    expect(await row('SELECT revoked_at IS NOT NULL AS revoked, revoked_reason, made_at FROM letters')).toEqual({
      revoked: 1, revoked_reason: 'Berkasnya tidak dilanjutkan.', made_at: null,
    });
    recorded.push({ body: { type: 'make_letter', letterId: (await row('SELECT id FROM letters'))!.id } });
    await drainQueue();
    expect(await row('SELECT made_at FROM letters')).toEqual({ made_at: null });
    expect((await siti.replies()).some((m) => m.message.kind === 'document')).toBe(false);
    expect(await hasan.replies()).not.toContainEqual(expect.objectContaining({ message: expect.objectContaining({ text: expect.stringContaining('sudah dibuat') }) }));
  });
});
