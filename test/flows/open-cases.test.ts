/**
 * Open cases as their people meet them again (review findings 2, 5, 9), through the simulator
 * pipeline: a "baik pak" while a correction waits is not a name; applying again shows what the
 * open case waits for; the resident's own case is no other person's NIK; and the chair's morning
 * list names the cases whose neighbours are being asked.
 */
import { createScheduledController, env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runScheduled } from '../../src/jobs/scheduled';
import { completeApplication, startApplication } from '../support/apply-helper';
import { onTheChairsCard, tick, wib } from '../support/chair-card';
import { useFreshDatabase } from '../support/fresh-database';
import { choice, drainQueue, seed, setClock, SimPerson, testEnv, text } from '../support/simulator';

useFreshDatabase();
beforeEach(seed);
afterEach(() => vi.restoreAllMocks());

const digest = (at: number) => runScheduled(createScheduledController({ cron: '0 0 * * *', scheduledTime: at }), testEnv());
const row = (sql: string) => env.DB.prepare(sql).first<Record<string, unknown>>();

/** The chair finds the applicant's data wrong: Siti is asked to type it again. */
async function dataRevision() {
  const cased = await onTheChairsCard({ name: 'Siti Amina' });
  let r = await cased.hasan.press(choice(cased.card, 'Tidak sah'));
  r = await cased.hasan.press(choice(r, 'Data pemohon'));
  await cased.hasan.say('Nama kurang huruf h');
  await cased.siti.replies();
  setClock(wib('2026-12-01T09:00'));
  return cased;
}

describe('a correction waiting while the resident writes something else', () => {
  it('"baik pak" and "terima kasih" are not a name: the question comes again, nothing is kept', async () => {
    const { siti, hasan, code } = await dataRevision();
    const ask = `Berkas ${code} menunggu perbaikan data pemohon.\nKetik nama lengkap yang benar (sesuai KK), atau NIK yang benar (16 angka).`;
    const r0 = await siti.say('baik pak');
    expect(text(r0)).toBe(ask);
    expect(text(r0)).not.toContain('Kirim ke Ketua RT');
    // Once asked, the name typed is the answer; "ya" is no longer "send".
    let r = await siti.say('Siti Aminah');
    expect(text(r)).toContain('Siti Aminah');
    r = await siti.say('ya');
    expect(text(r)).not.toContain('sudah kami kirim ke Ketua RT');
    expect(await row('SELECT state, given_name FROM cases')).toEqual({ state: 'needs_revision', given_name: 'Siti Amina' });
    await hasan.replies();
    await siti.say('Siti Aminah');
    r = await siti.say('kirim');
    expect(text(r)).toContain(`Terima kasih. Perbaikan data berkas ${code} sudah kami kirim ke Ketua RT untuk diperiksa lagi.`);
    expect(await row('SELECT state, given_name FROM cases')).toEqual({ state: 'verifying', given_name: 'Siti Aminah' });
  });
});

describe('applying again while a case is open', () => {
  it('a case waiting for a data correction says to type it, not to send a photo', async () => {
    const { siti, code } = await dataRevision();
    let r = await siti.say('menu');
    r = await siti.press(choice(r, 'Ajukan layanan'));
    r = await siti.press(choice(r, 'KTP'));
    r = await siti.press(choice(r, 'Diri sendiri'));
    expect(text(r)).toContain(
      `Bapak/Ibu sudah punya berkas KTP yang masih berjalan: ${code} (Perlu perbaikan).\n` +
        'Satu orang hanya bisa punya satu berkas KTP yang berjalan.\n' +
        'Berkas itu menunggu perbaikan data pemohon: ketik nama lengkap (sesuai KK) atau NIK yang benar di chat ini.\n',
    );
    expect(text(r)).not.toContain('foto dokumen');
  });

  it("the resident's own case, the name spelled otherwise, is not flagged as another person's NIK", async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    const hasan = new SimPerson('628990000203', 'Bapak Hasan');
    await completeApplication(siti, 'ktp', { name: 'Siti Amina' });
    await hasan.replies();
    await startApplication(siti, 'kk', { name: 'Siti Aminah' });
    const card = text(await hasan.replies());
    expect(card).toContain('Permintaan surat pengantar\nSiti Aminah');
    expect(card).not.toContain('Perhatian');
    expect(await row("SELECT count(*) AS n FROM case_events WHERE kind = 'nik_conflict'")).toEqual({ n: 0 });
  });
});

describe("the chair's morning list", () => {
  it('names a case whose neighbours are being asked', async () => {
    const { hasan, code, card } = await onTheChairsCard();
    setClock(wib('2026-12-01T09:00'));
    await hasan.press(choice(card, 'Tanya tetangga'));
    await hasan.say('081234500002');
    await drainQueue();
    expect(await row('SELECT state FROM cases')).toEqual({ state: 'neighbour_check' });
    await hasan.replies();
    await digest(wib('2026-12-02T07:00'));
    expect(text(await hasan.replies())).toContain(`Ada 1 berkas yang menunggu Bapak:\n- ${code}: pemeriksaan hari ke-2, tetangga sedang ditanya\nKetik "rt"`);
  });
});
