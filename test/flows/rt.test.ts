import { createScheduledController, env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { runScheduled } from '../../src/jobs/scheduled';
import { completeApplication } from '../support/apply-helper';
import { pdfText } from '../support/pdf-text';
import { useFreshDatabase } from '../support/fresh-database';
import { choice, choicesOf, drainQueue, JPEG, seed, setClock, SimPerson, testEnv, text } from '../support/simulator';

useFreshDatabase();
beforeEach(seed);

const wib = (iso: string) => Date.parse(`${iso}:00+07:00`);
const tick = (at: number) => runScheduled(createScheduledController({ cron: '*/15 * * * *', scheduledTime: at }), testEnv());
const row = (sql: string) => env.DB.prepare(sql).first<Record<string, unknown>>();
const count = async (sql: string) => Number((await row(sql))!.n);

async function applied() {
  const siti = new SimPerson('628123450001', 'Siti');
  const hasan = new SimPerson('628990000203', 'Bapak Hasan');
  const code = await completeApplication(siti, 'ktp');
  await drainQueue(); // scans into R2
  await siti.replies();
  return { siti, hasan, code };
}

describe('the RT chair and the surat pengantar', () => {
  it('approves with a button: the three days start; once the PDF is filed the resident gets it and the chair is told', async () => {
    const { siti, hasan, code } = await applied();
    const card = await hasan.replies();
    expect(text(card)).toContain(`Nomor berkas: ${code}`);
    setClock(wib('2026-11-30T11:00'));
    const r = await hasan.press(choice(card, 'Setujui'));
    expect(text(r)).toBe('Terima kasih, Bapak Hasan. Permintaan Siti Aminah sudah Bapak setujui. Surat pengantarnya sedang dibuat; Bapak kami kabari begitu surat terkirim.');
    expect(await row('SELECT state, pengantar_approved, due_at FROM cases')).toEqual({
      state: 'submitted', pengantar_approved: 1, due_at: wib('2026-12-02T16:00'),
    });
    const letter = await row('SELECT kind, number, issuer_name, issuer_role, made_at FROM letters');
    expect(letter).toEqual({ kind: 'pengantar_rt', number: '0001/PGT-RT03RW02-2026', issuer_name: 'Bapak Hasan', issuer_role: 'Ketua RT 03/RW 02', made_at: null });
    // Nothing is said about a letter before it exists.
    expect(await siti.replies()).toEqual([]);

    // The queue draws the PDF, files it in R2, and only then is it announced and sent.
    await drainQueue();
    expect((await row('SELECT made_at FROM letters'))!.made_at).not.toBeNull();
    const toSiti = await siti.replies();
    expect(text(toSiti)).toContain(`Ketua RT menyetujui surat pengantar untuk berkas ${code}.\nBerkas mulai diproses kantor. Paling lambat selesai Rabu, 2 Desember 2026.`);
    expect(text(await hasan.replies())).toBe(`Surat pengantar untuk berkas ${code} sudah dibuat, dikirim ke Siti Aminah, dan disimpan di kelurahan.`);
    const { r2_key, verification_code } = (await row('SELECT r2_key, verification_code FROM letters')) as { r2_key: string; verification_code: string };
    const pdf = await env.SCANS.get(r2_key);
    const bytes = new Uint8Array(await pdf!.arrayBuffer());
    const ascii = new TextDecoder('latin1').decode(bytes);
    expect(ascii.startsWith('%PDF-')).toBe(true);
    const drawn = await pdfText(bytes);
    expect(drawn).toContain(`Kode cek: ${verification_code}`);
    expect(drawn).toContain(`http://localhost:8787/verify/${verification_code}`);
    expect(drawn).toContain('Nomor: 0001/PGT-RT03RW02-2026');
    expect(drawn).toContain('Siti Aminah');
    expect(drawn).toContain('Pembuatan KTP');
    expect(drawn).toContain('1671 **** **** 0003');
    expect(drawn).not.toContain('1671024508790003');
    // The code printed on the letter is the one /verify knows.
    const printed = /Kode cek: ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(drawn)![1]!;
    const { createApp } = await import('../../src/app');
    const check = await createApp().request(`/verify/${printed}`, {}, testEnv());
    expect(await check.text()).toContain('Surat ini asli');
    const sent = toSiti.find((m) => m.message.kind === 'document');
    expect(sent?.message).toMatchObject({ kind: 'document', r2Key: r2_key, mimeType: 'application/pdf', filename: `surat-pengantar-${code}.pdf` });

    // A second press on a case that has moved on.
    const again = await hasan.press(choice(card, 'Setujui'));
    expect(text(again)).toBe(`Berkas ${code} sudah ditangani. Terima kasih.`);
  });

  it('refuses with a reason that reaches the resident', async () => {
    const { siti, hasan, code } = await applied();
    let r = await hasan.press(choice(await hasan.replies(), 'Tolak'));
    expect(text(r)).toContain('Apa alasan menolak?');
    r = await hasan.say('Bukan warga RT 03');
    expect(text(r)).toBe('Permintaan ditolak. Pemohon sudah kami beri tahu.');
    expect(await row('SELECT state FROM cases')).toEqual({ state: 'rejected' });
    expect(text(await siti.replies())).toContain(`Ketua RT belum bisa memberi surat pengantar untuk berkas ${code}.\nAlasan: Bukan warga RT 03`);
  });

  it('refuses and records presses by anyone but the chair of the case\'s RT, and forged ids', async () => {
    const { hasan } = await applied();
    const approve = choice(await hasan.replies(), 'Setujui');
    const otherChair = new SimPerson('628990000201', 'Bapak Darmawan');
    const stranger = new SimPerson('628123450099', 'Eve');
    expect(text(await otherChair.press(approve.id))).toContain('Maaf, Bapak/Ibu tidak berhak melakukan ini.');
    expect(text(await stranger.press(approve.id))).toContain('Maaf, Bapak/Ibu tidak berhak melakukan ini.');
    expect(text(await stranger.press('rt:ap:no-such-case'))).toContain('Tombol itu sudah tidak berlaku.');
    expect(await row('SELECT state, pengantar_approved FROM cases')).toEqual({ state: 'awaiting_pengantar', pengantar_approved: 0 });
    expect(await count("SELECT count(*) AS n FROM case_events WHERE kind = 'press_refused'")).toBe(2);
  });

  it('lets the chair answer by typing when the card has no buttons', async () => {
    const { hasan } = await applied();
    await hasan.replies();
    const r = await hasan.say('halo');
    expect(text(r)).toContain('Permintaan surat pengantar');
    const r2 = await hasan.say('1');
    expect(text(r2)).toContain('Surat pengantarnya sedang dibuat');
  });
});

describe('day 2: verification, neighbours and a revision round', () => {
  it('walks resident -> RT chair -> neighbours -> revision -> day 3 on the cron', async () => {
    const { siti, hasan, code } = await applied();
    setClock(wib('2026-11-30T11:00'));
    await hasan.press(choice(await hasan.replies(), 'Setujui'));
    await siti.replies();

    // Day 1 ends at 16:00 WIB: the cron archives and hands the case to the RT chair.
    await tick(wib('2026-11-30T16:15'));
    expect(await row('SELECT state FROM cases')).toEqual({ state: 'verifying' });
    expect(text(await siti.replies())).toContain(`Berkas ${code} sudah kami terima dan arsipkan. Sekarang Ketua RT memeriksanya. Ini hari ke-2 dari 3.`);
    const day2 = await hasan.replies();
    expect(day2.filter((m) => m.message.kind === 'image')).toHaveLength(3);
    expect(text(day2)).toContain(`Mohon periksa berkas ${code}: KTP untuk Siti Aminah, NIK 1671 **** **** 0003 (3 dokumen).`);
    expect(choicesOf(day2).map((c) => c.label)).toEqual(['Sah', 'Tidak sah', 'Tanya tetangga']);

    // The cron running again sends nothing twice.
    const outbox = await count('SELECT count(*) AS n FROM outbox');
    await tick(wib('2026-11-30T16:15'));
    await tick(wib('2026-11-30T16:16'));
    expect(await count('SELECT count(*) AS n FROM outbox')).toBe(outbox);

    // Ask two neighbours.
    let r = await hasan.press(choice(day2, 'Tanya tetangga'));
    expect(text(r)).toContain('Ketik nomor HP satu atau dua tetangga yang mengenal Siti Aminah.');
    r = await hasan.say('0812 3450 002, 0812-3450-003');
    expect(text(r)).toContain('Pertanyaan sudah kami kirim ke 2 tetangga. Setiap jawaban langsung kami teruskan ke Bapak.');
    expect(await row('SELECT state FROM cases')).toEqual({ state: 'neighbour_check' });
    const budi = new SimPerson('628123450002', 'Budi');
    const rudi = new SimPerson('628123450003', 'Rudi');
    const q = await budi.replies();
    expect(text(q)).toContain('apakah Bapak/Ibu mengenal Siti Aminah, yang tinggal di RT 03/RW 02?');
    // Asked at 11:00 WIB by the simulated clock: the greeting follows the hour (test/domain/greeting.test.ts).
    expect(text(q)).toMatch(/^Selamat siang\. Ketua RT 03 meminta bantuan/);
    expect(text(await new SimPerson('628123450099', 'Eve').press(choice(q, 'Ya, kenal')))).toContain('tidak berhak');
    expect(text(await budi.press(choice(q, 'Ya, kenal')))).toBe('Terima kasih atas jawabannya.');
    expect(text(await hasan.replies())).toContain(`Tetangga 0812****002 menjawab tentang Siti Aminah (berkas ${code}): kenal.`);
    await rudi.replies();
    expect(text(await rudi.say('2'))).toBe('Terima kasih atas jawabannya.');
    const summary = await hasan.replies();
    expect(text(summary)).toContain(`Jawaban tetangga untuk berkas ${code}:\n1. 0812****002: kenal\n2. 0812****003: tidak kenal`);
    expect(await count("SELECT count(*) AS n FROM case_events WHERE kind = 'neighbour_answer' AND actor_kind = 'neighbour'")).toBe(2);
    expect(await row('SELECT state FROM cases')).toEqual({ state: 'verifying' });

    // Not valid: the pas photo must be sent again.
    r = await hasan.press(choice(summary, 'Tidak sah'));
    r = await hasan.press(choice(r, 'Pas foto'));
    expect(text(r)).toContain('Apa yang salah?');
    r = await hasan.say('Foto buram, wajah tidak jelas');
    expect(text(r)).toBe('Baik. Pemohon kami minta memperbaiki: Pas foto.');
    expect(text(await siti.replies())).toContain(`Berkas ${code} perlu perbaikan.\nKetua RT: Foto buram, wajah tidak jelas\nSilakan kirim lagi Pas foto yang baru di chat ini.`);
    // Whatever she typed in between, her next photo is the resent document.
    await siti.say('baik pak');
    r = await siti.upload(JPEG, 'image/jpeg', 'pas-baru.jpg');
    expect(text(r)).toContain(`Terima kasih, Pas foto diterima, sedang kami periksa. Setelah itu berkas ${code} diperiksa lagi oleh Ketua RT.`);
    expect(await row("SELECT state, revision_requirement FROM cases")).toEqual({ state: 'verifying', revision_requirement: null });
    expect(await count("SELECT count(*) AS n FROM case_documents WHERE requirement = 'pas_photo' AND superseded_at IS NOT NULL")).toBe(1);

    // The chair gets the card again with the resent photo, then a reminder; he declares it valid.
    await drainQueue();
    await tick(wib('2026-12-01T09:00'));
    const again = await hasan.replies();
    expect(text(again)).toContain(`Mohon periksa berkas ${code}`);
    expect(again.filter((m) => m.message.kind === 'image')).toHaveLength(3);
    // The next reminder waits for the afternoon slot, not a nudge at 13:30.
    await tick(wib('2026-12-01T13:30'));
    expect(await hasan.replies()).toEqual([]);
    await tick(wib('2026-12-01T15:00'));
    const reminder = await hasan.replies();
    expect(text(reminder)).toContain(`Pengingat untuk Bapak Hasan: berkas ${code} masih menunggu pemeriksaan Bapak.`);
    r = await hasan.press(choice(reminder, 'Sah'));
    expect(text(r)).toBe(`Terima kasih. Berkas ${code} dinyatakan sah.`);
    expect(text(await siti.replies())).toContain(`Hari ke-3: dokumen sedang dibuat. Paling lambat selesai Rabu, 2 Desember 2026.`);
    expect(await row('SELECT state, next_action_at FROM cases')).toEqual({ state: 'processing', next_action_at: wib('2026-12-02T16:00') });

    // Day 3 passes without output: escalated once to staff, recorded on the case.
    await tick(wib('2026-12-02T16:30'));
    await tick(wib('2026-12-02T16:45'));
    expect(await count("SELECT count(*) AS n FROM case_events WHERE kind = 'escalated'")).toBe(1);
  });
});

describe('the 07:00 WIB digest', () => {
  it('gives each RT chair one list of what waits, once a day', async () => {
    const { hasan, code } = await applied();
    await hasan.replies();
    const digest = (at: number) => runScheduled(createScheduledController({ cron: '0 0 * * *', scheduledTime: at }), testEnv());
    await digest(wib('2026-12-01T07:00'));
    await digest(wib('2026-12-01T07:00'));
    const r = await hasan.replies();
    expect(r).toHaveLength(1);
    expect(text(r)).toBe(`Selamat pagi, Bapak Hasan. Ada 1 berkas yang menunggu Bapak:\n- ${code}: surat pengantar\nKetik "rt" untuk melihat dan menjawabnya.`);
    await digest(wib('2026-12-02T07:00'));
    expect(await hasan.replies()).toHaveLength(1);
  });

  it('tells staff with a linked chat what is due today and what is late', async () => {
    const { siti } = await applied();
    const staffPhone = new SimPerson('628555000001', 'Staf');
    await staffPhone.say('halo');
    await env.DB.prepare("UPDATE staff_users SET identity_id = (SELECT id FROM channel_identities WHERE external_id = '628555000001')").run();
    await env.DB.prepare("UPDATE cases SET state = 'processing', due_at = ?1", ).bind(wib('2026-12-01T16:00')).run();
    await staffPhone.replies();
    await runScheduled(createScheduledController({ cron: '0 0 * * *', scheduledTime: wib('2026-12-01T07:00') }), testEnv());
    expect(text(await staffPhone.replies())).toBe('Ringkasan pagi Loket: 1 berkas jatuh tempo hari ini, 0 terlambat.');
    await runScheduled(createScheduledController({ cron: '0 0 * * *', scheduledTime: wib('2026-12-02T07:00') }), testEnv());
    expect(text(await staffPhone.replies())).toBe('Ringkasan pagi Loket: 0 berkas jatuh tempo hari ini, 1 terlambat.\nKTP-2611-0001');
    expect(await siti.replies()).toEqual([]);
  });
});

describe('GET /verify/:code', () => {
  it('says a letter is genuine, with the name masked and no personal data, then revoked, and unknown codes are 404', async () => {
    const { hasan, code } = await applied();
    await hasan.press(choice(await hasan.replies(), 'Setujui'));
    await drainQueue();
    const { verification_code } = (await row('SELECT verification_code FROM letters')) as { verification_code: string };
    const { createApp } = await import('../../src/app');
    const app = createApp();
    let res = await app.request(`/verify/${verification_code.toLowerCase()}`, {}, testEnv());
    expect(res.status).toBe(200);
    let page = await res.text();
    expect(page).toContain('Surat ini asli');
    expect(page).toContain('Surat pengantar RT');
    expect(page).toContain(code);
    expect(page).toContain('Siti A.');
    expect(page).toContain('Bapak Hasan, Ketua RT 03/RW 02');
    expect(page).toContain('Senin, 30 November 2026');
    expect(page).not.toContain('Aminah');
    expect(page).not.toContain('1671');
    expect(page).not.toContain('scans/');

    await env.DB.prepare("UPDATE letters SET revoked_at = ?1, revoked_reason = 'Salah data'").bind(wib('2026-12-01T09:00')).run();
    res = await app.request(`/verify/${verification_code}`, {}, testEnv());
    page = await res.text();
    expect(page).toContain('Surat ini sudah dicabut');
    expect(page).toContain('Salah data');

    for (const bad of ['ABCDE-12345', 'not-a-code', '<script>']) {
      res = await app.request(`/verify/${encodeURIComponent(bad)}`, {}, testEnv());
      expect(res.status).toBe(404);
      const body = await res.text();
      expect(body).toContain('Kode tidak dikenal');
      expect(body).not.toContain('<script>');
    }
  });
});

describe('invitation codes', () => {
  it('link a new phone to the RT chair, once, and the cards then reach it', async () => {
    const { createApp } = await import('../../src/app');
    const res = await createApp().request('/__local/invites', { method: 'POST', body: JSON.stringify({ rw: 1, rt: 2 }) }, testEnv());
    const { code } = await res.json<{ code: string }>();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const newPhone = new SimPerson('628777000102', 'HP baru Bu Nur');
    expect(text(await newPhone.say(`/start ${code.replace('-', '')}`))).toBe('Terima kasih, Ibu Nurhasanah. Nomor ini sekarang terhubung sebagai Ketua RT 02/RW 01.');
    expect(text(await new SimPerson('628777000999', 'Orang lain').say(`/start ${code}`))).toBe(
      'Kode undangan tidak dikenal atau sudah dipakai. Untuk kode baru, telepon kantor kelurahan di nomor 0711-555-0123.',
    );
    expect(await row("SELECT p.full_name FROM channel_identities i JOIN people p ON p.id = i.person_id WHERE i.external_id = '628777000102'")).toEqual({
      full_name: 'Ibu Nurhasanah',
    });

    // An application in RT 02/RW 01 now reaches the new phone, whose presses count as the chair's.
    const siti = new SimPerson('628123450001', 'Siti');
    let r = await siti.say('menu');
    r = await siti.press(choice(r, 'Ajukan layanan'));
    r = await siti.press(choice(r, 'KTP'));
    r = await siti.press(choice(r, 'Diri sendiri'));
    r = await siti.say('Siti Aminah');
    r = await siti.say('1671024508790003');
    r = await siti.press(choice(r, 'RW 01'));
    await siti.press(choice(r, /^RT 02/));
    const card = await newPhone.replies();
    expect(text(card)).toContain('Permintaan surat pengantar');
    expect(text(await newPhone.press(choice(card, 'Setujui')))).toContain('Surat pengantarnya sedang dibuat');
  });
});

describe('two people acting on one case at once', () => {
  it('the later decision is run again on the fresh state: no letter for a case cancelled meanwhile', async () => {
    const { hasan } = await applied();
    const approve = choice(await hasan.replies(), 'Setujui');
    let calls = 0;
    const racing = new Proxy(env.DB, {
      get(target, key) {
        if (key !== 'batch') return Reflect.get(target, key).bind(target);
        return async (statements: D1PreparedStatement[]) => {
          // Between the chair's read and write, the resident cancels.
          if (++calls === 2) await target.prepare("UPDATE cases SET state = 'cancelled', version = version + 1").run();
          return target.batch(statements);
        };
      },
    });
    const { createApp } = await import('../../src/app');
    const res = await createApp().request(
      '/simulator/api/messages',
      { method: 'POST', body: JSON.stringify({ from: { id: '628990000203', name: 'Bapak Hasan' }, choiceId: approve.id, at: wib('2026-11-30T11:00') }) },
      { ...testEnv(), DB: racing },
    );
    expect(res.status).toBe(200);
    expect(calls).toBe(4); // read, failed write, read again, write
    expect(await count('SELECT count(*) AS n FROM letters')).toBe(0);
    expect(await row('SELECT state, pengantar_approved FROM cases')).toEqual({ state: 'cancelled', pengantar_approved: 0 });
    expect(text(await hasan.replies())).toContain('sudah ditangani');
  });
});

describe('two neighbours answering at the same moment', () => {
  it('both answers count and the case goes back to the chair once', async () => {
    const { hasan } = await applied();
    await hasan.press(choice(await hasan.replies(), 'Setujui'));
    await tick(wib('2026-11-30T16:15'));
    const card = await hasan.replies();
    await hasan.press(choice(card, 'Tanya tetangga'));
    await hasan.say('0812 3450 002, 0812 3450 003');
    const budi = new SimPerson('628123450002', 'Budi');
    const rudi = new SimPerson('628123450003', 'Rudi');
    const [qb, qr] = [await budi.replies(), await rudi.replies()];
    const results = await Promise.all([budi.post({ choiceId: choice(qb, 'Ya, kenal').id }), rudi.post({ choiceId: choice(qr, 'Ya, kenal').id })]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(await row('SELECT state FROM cases')).toEqual({ state: 'verifying' });
    expect(await count("SELECT count(*) AS n FROM case_events WHERE kind = 'neighbour_answer'")).toBe(2);
    expect(await count("SELECT count(*) AS n FROM case_events WHERE kind = 'neighbours_done'")).toBe(1);
    expect(text(await hasan.replies())).toContain('1. 0812****002: kenal\n2. 0812****003: kenal');
  });
});
