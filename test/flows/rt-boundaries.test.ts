/**
 * Rules at the edges of the RT chair's work that once survived a deliberate break of the code:
 * which cards a greeting shows, whose staff an escalation reaches, and when the three days start.
 */
import { createScheduledController, env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runScheduled } from '../../src/jobs/scheduled';
import { completeApplication, startApplication } from '../support/apply-helper';
import { useFreshDatabase } from '../support/fresh-database';
import { staffChats } from '../support/staff-chats';
import { choice, drainQueue, JPEG, PNG, seed, setClock, SimPerson, testEnv, text } from '../support/simulator';

useFreshDatabase();
beforeEach(seed);
afterEach(() => vi.restoreAllMocks());

const wib = (iso: string) => Date.parse(`${iso}:00+07:00`);
const tick = (at: number) => runScheduled(createScheduledController({ cron: '*/15 * * * *', scheduledTime: at }), testEnv());
const row = (sql: string) => env.DB.prepare(sql).first<Record<string, unknown>>();

describe('what a chair\'s greeting shows', () => {
  it('the pengantar card while it waits, and no longer once approved', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    const hasan = new SimPerson('628990000203', 'Bapak Hasan');
    await startApplication(siti, 'ktp'); // a draft: Siti is still sending documents
    const card = await hasan.replies();
    expect(text(await hasan.say('halo'))).toContain('Permintaan surat pengantar');

    await hasan.press(choice(card, 'Setujui'));
    await hasan.replies();
    const greeting = await hasan.say('halo');
    expect(text(greeting)).not.toContain('Permintaan surat pengantar');
    expect(choice(greeting, 'Ajukan layanan')).toBeTruthy();
  });

  it('never a card of another RT', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    await startApplication(siti, 'ktp'); // RT 03/RW 02
    const nur = new SimPerson('628990000102', 'Ibu Nurhasanah'); // chair of RT 02/RW 01
    const greeting = await nur.say('halo');
    expect(text(greeting)).not.toContain('Siti');
    expect(choice(greeting, 'Ajukan layanan')).toBeTruthy();
  });
});

describe('escalations', () => {
  it('reach only the staff of the case\'s own kelurahan', async () => {
    const { staff: ownStaff, otherIdentityId } = await staffChats();

    const siti = new SimPerson('628123450001', 'Siti');
    const hasan = new SimPerson('628990000203', 'Bapak Hasan');
    const code = await completeApplication(siti, 'ktp');
    await drainQueue();
    await hasan.press(choice(await hasan.replies(), 'Setujui'));
    await drainQueue();
    // Nobody checks on day 2: at its end the case is escalated.
    await tick(wib('2026-11-30T16:30'));
    await tick(wib('2026-12-01T16:30'));
    await drainQueue();
    expect(text(await ownStaff.replies())).toContain(`Perlu perhatian: berkas ${code}.`);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM outbox WHERE identity_id = ?1').bind(otherIdentityId).first()).toEqual({ n: 0 });
  });
});

describe('the three working days', () => {
  it('count from the chair\'s approval when it comes days after the application', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    const hasan = new SimPerson('628990000203', 'Bapak Hasan');
    const code = await completeApplication(siti, 'ktp'); // Monday 30 November
    await drainQueue();
    await siti.replies();
    const card = await hasan.replies();
    // Approved on Wednesday 2 December at 11:00: day 1 Wednesday, day 2 Thursday, day 3 Friday.
    setClock(wib('2026-12-02T11:00') - 1000); // the press is a second later
    await hasan.press(choice(card, 'Setujui'));
    expect(await row('SELECT submitted_at, day1_due_at, day2_due_at, day3_due_at, due_at FROM cases')).toEqual({
      submitted_at: wib('2026-12-02T11:00'),
      day1_due_at: wib('2026-12-02T16:00'),
      day2_due_at: wib('2026-12-03T16:00'),
      day3_due_at: wib('2026-12-04T16:00'),
      due_at: wib('2026-12-04T16:00'),
    });
    await drainQueue(); // the resident hears of the approval with the letter, once it is filed
    expect(text(await siti.replies())).toContain('Paling lambat selesai Jumat, 4 Desember 2026.');
    expect(code).toMatch(/^KTP-/);
  });
});

describe('a revision round', () => {
  it('sends the chair his card only once the resent scan is stored, and counts only scans he can open', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    const hasan = new SimPerson('628990000203', 'Bapak Hasan');
    const code = await completeApplication(siti, 'ktp');
    await drainQueue();
    await hasan.press(choice(await hasan.replies(), 'Setujui'));
    await drainQueue();
    await tick(wib('2026-11-30T16:15')); // end of day 1: the day-2 card
    await drainQueue();
    let r = await hasan.press(choice(await hasan.replies(), 'Tidak sah'));
    r = await hasan.press(choice(r, 'Pas foto'));
    await hasan.say('Foto buram');
    await siti.replies();

    // Siti resends; the queue has not fetched it yet when the cron runs.
    setClock(wib('2026-12-01T08:00'));
    await siti.upload(JPEG, 'image/jpeg', 'pas-baru.jpg');
    await hasan.replies();
    await tick(wib('2026-12-01T08:05'));
    expect(text(await hasan.replies())).toBe('');

    // Once it is stored, the next tick sends the card with all three scans.
    await drainQueue();
    await tick(wib('2026-12-01T08:20'));
    await drainQueue();
    const card = await hasan.replies();
    expect(card.filter((m) => m.message.kind === 'image')).toHaveLength(3);
    expect(text(card)).toContain(`Mohon periksa berkas ${code}`);
    expect(text(card)).toContain('(3 dokumen)');
  });

  it('asks again for a resent scan that turns out to be no scan once read, and the case waits for the revision again', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    const hasan = new SimPerson('628990000203', 'Bapak Hasan');
    await completeApplication(siti, 'ktp');
    await drainQueue();
    await hasan.press(choice(await hasan.replies(), 'Setujui'));
    await drainQueue();
    await tick(wib('2026-11-30T16:15'));
    await drainQueue();
    const r = await hasan.press(choice(await hasan.replies(), 'Tidak sah'));
    await hasan.press(choice(r, 'Pas foto'));
    await hasan.say('Foto buram');
    await siti.replies();

    setClock(wib('2026-12-01T08:00'));
    await siti.upload(new TextEncoder().encode('not a photo at all'), 'application/octet-stream', 'pas-baru');
    vi.spyOn(Date, 'now').mockReturnValue(wib('2026-12-01T08:02'));
    await drainQueue();
    expect(text(await siti.replies())).toBe(
      'Maaf, Pas foto yang Bapak/Ibu kirim bukan foto atau PDF, jadi tidak bisa kami buka.\nSilakan kirim lagi Pas foto di chat ini. Tidak perlu mengulang dari awal.',
    );
    expect(await row('SELECT state, revision_requirement FROM cases')).toEqual({ state: 'needs_revision', revision_requirement: 'pas_photo' });
    expect(await row("SELECT reject_reason FROM case_documents WHERE requirement = 'pas_photo' AND superseded_at IS NULL")).toEqual({ reject_reason: 'bad_type' });
    // The chair gets no card for a scan that is not there.
    await tick(wib('2026-12-01T08:15'));
    await drainQueue();
    expect(await hasan.replies()).toEqual([]);
  });

  it('asks again for a resent scan that could not be fetched, takes the next photo, and the chair then gets all three', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    const hasan = new SimPerson('628990000203', 'Bapak Hasan');
    const code = await completeApplication(siti, 'ktp');
    await drainQueue();
    await hasan.press(choice(await hasan.replies(), 'Setujui'));
    await drainQueue();
    await tick(wib('2026-11-30T16:15'));
    await drainQueue();
    let r = await hasan.press(choice(await hasan.replies(), 'Tidak sah'));
    r = await hasan.press(choice(r, 'Pas foto'));
    await hasan.say('Foto buram');
    await siti.replies();

    setClock(wib('2026-12-01T08:00'));
    r = await siti.upload(JPEG, 'image/jpeg', 'pas-baru.jpg');
    expect(text(r)).toContain(`Terima kasih, Pas foto diterima, sedang kami periksa. Setelah itu berkas ${code} diperiksa lagi oleh Ketua RT.`);
    // The simulator's media store loses the file before the queue fetches it (the queue runs at 08:02).
    const resent = await row("SELECT source_ref FROM case_documents WHERE requirement = 'pas_photo' AND superseded_at IS NULL");
    await env.SCANS.delete(String(resent!.source_ref));
    vi.spyOn(Date, 'now').mockReturnValue(wib('2026-12-01T08:02'));
    await drainQueue();
    expect(text(await siti.replies())).toBe(
      'Maaf, Pas foto yang Bapak/Ibu kirim tidak sampai ke kami.\nSilakan kirim lagi Pas foto di chat ini. Tidak perlu mengulang dari awal.',
    );
    expect(await row('SELECT state, revision_requirement, reminders_sent FROM cases')).toEqual({
      state: 'needs_revision', revision_requirement: 'pas_photo', reminders_sent: 0,
    });
    expect(await row("SELECT from_state, to_state, actor_kind FROM case_events WHERE kind = 'resubmit_failed'")).toEqual({
      from_state: 'verifying', to_state: 'needs_revision', actor_kind: 'system',
    });
    // No card without the scan, and the revision reminders run again.
    await tick(wib('2026-12-01T08:15'));
    await drainQueue();
    expect(await hasan.replies()).toEqual([]);
    expect(await siti.replies()).toEqual([]);
    await tick(wib('2026-12-01T12:15'));
    await drainQueue();
    expect(text(await siti.replies())).toBe(`Pengingat: berkas ${code} menunggu perbaikan dari Bapak/Ibu. Kirim fotonya di chat ini.`);

    // Her next photo is taken as the resent scan, not answered with the menu.
    setClock(wib('2026-12-01T12:30'));
    r = await siti.upload(PNG, 'image/png', 'pas-lagi.png');
    expect(text(r)).toContain(`Terima kasih, Pas foto diterima, sedang kami periksa. Setelah itu berkas ${code} diperiksa lagi oleh Ketua RT.`);
    await drainQueue();
    await tick(wib('2026-12-01T12:45'));
    await drainQueue();
    const card = await hasan.replies();
    expect(card.filter((m) => m.message.kind === 'image')).toHaveLength(3);
    expect(text(card)).toContain(`Mohon periksa berkas ${code}`);
    expect(text(card)).toContain('(3 dokumen)');
  });
});
