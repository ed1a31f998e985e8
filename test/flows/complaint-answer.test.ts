import { createScheduledController, env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { transitionCase } from '../../src/db/cases';
import { dbOf } from '../../src/db/client';
import { runScheduled } from '../../src/jobs/scheduled';
import { deskDoes } from '../support/desk-decision';
import { useFreshDatabase } from '../support/fresh-database';
import { choice, choicesOf, drainQueue, seed, setClock, SimPerson, testEnv, text, type Received } from '../support/simulator';

useFreshDatabase();
beforeEach(seed);
afterEach(() => vi.restoreAllMocks());

const wib = (iso: string) => Date.parse(`${iso}:00+07:00`);
const row = (sql: string) => env.DB.prepare(sql).first<Record<string, unknown>>();
const CODE = 'ADU-2611-0001';
const ANSWERED_AT = wib('2026-12-02T10:00');
const ANSWER =
  `Jawaban kantor kelurahan untuk pengaduan ${CODE}:\nLampu sudah diganti petugas kemarin.\n\n` +
  'Belum puas? Tekan "Buka lagi" dalam 7 hari.\nSudah beres? Tekan "Selesai".';
const CLOSED = `Pengaduan ${CODE} sudah selesai. Terima kasih atas masukan Bapak/Ibu.`;
const TOO_LATE =
  `Pengaduan ${CODE} tidak bisa dibuka lagi, karena sudah lebih dari 7 hari sejak dijawab.\n` +
  'Bila masih ada masalah, silakan buat pengaduan baru: pilih "Pengaduan" di menu.';

/** Siti files a complaint on Monday; the office answers it on Wednesday 2 December, 10:00 WIB. */
async function answered(): Promise<{ siti: SimPerson; answer: Received[]; caseId: string }> {
  const siti = new SimPerson('628123450001', 'Siti');
  await siti.say('halo');
  await siti.say('pengaduan');
  let r = await siti.say('Lampu jalan di depan rumah mati sejak minggu lalu.');
  r = await siti.press(choice(r, 'Lewati'));
  expect(text(r)).toBe(`Pengaduan diterima. Nomor: ${CODE}.\nKami jawab paling lambat Jumat, 4 Desember 2026.`);
  await deskDoes(CODE, { action: 'answer', answer: 'Lampu sudah diganti petugas kemarin.' }, ANSWERED_AT);
  await drainQueue();
  const answer = await siti.replies();
  const { id } = (await row(`SELECT id FROM cases WHERE code = '${CODE}'`)) as { id: string };
  return { siti, answer, caseId: id };
}

const complaint = () => row(`SELECT state, due_at, next_action_at, answered_at, version FROM cases WHERE code = '${CODE}'`);
const events = async (kind: string) =>
  (await env.DB.prepare('SELECT actor_kind, from_state, to_state, detail FROM case_events WHERE kind = ? ORDER BY at').bind(kind).all()).results;

describe('the resident answers the office’s answer to a complaint', () => {
  it('gets the answer with two buttons; "Buka lagi" within 7 days reopens it with a new answer date', async () => {
    const { siti, answer } = await answered();
    expect(text(answer)).toBe(ANSWER);
    expect(choicesOf(answer).map((c) => c.label)).toEqual(['Buka lagi', 'Selesai']);

    setClock(wib('2026-12-08T10:00')); // six days later, a Tuesday
    const r = await siti.press(choice(answer, 'Buka lagi'));
    // Five working days: Tuesday 8 to Monday 14 December.
    expect(text(r)).toBe(`Pengaduan ${CODE} dibuka lagi. Kami jawab paling lambat Senin, 14 Desember 2026.`);
    expect(await complaint()).toEqual({
      state: 'open', due_at: wib('2026-12-14T16:00'), next_action_at: wib('2026-12-14T16:00'), answered_at: ANSWERED_AT, version: 3,
    });
    expect(await events('reopen')).toEqual([{ actor_kind: 'resident', from_state: 'answered', to_state: 'open', detail: null }]);

    // Pressed again (or "Selesai" now): it is being handled, by that date.
    const again = await siti.press(choice(answer, 'Selesai'));
    expect(text(again)).toBe(`Pengaduan ${CODE} masih kami tangani. Kami jawab paling lambat Senin, 14 Desember 2026.`);
    expect((await complaint())!.state).toBe('open');
  });

  it('after 8 days cannot reopen it: told plainly to file a new complaint, with the menu to do so', async () => {
    const { siti, answer } = await answered();
    setClock(wib('2026-12-10T10:00'));
    let r = await siti.press(choice(answer, 'Buka lagi'));
    expect(text(r)).toContain(TOO_LATE);
    expect(choicesOf(r).map((c) => c.label)).toContain('Pengaduan');
    // Not moved by the press; the cron closes it (at the end of the window it set).
    expect(await complaint()).toMatchObject({ state: 'answered', next_action_at: ANSWERED_AT + 7 * 86_400_000, version: 2 });
    expect(await events('reopen')).toEqual([]);
    r = await siti.press(choice(r, 'Pengaduan'));
    expect(text(r)).toBe('Silakan tulis pengaduan Bapak/Ibu.');
  });

  it('"Selesai" closes it; within the 7 days it may still be reopened', async () => {
    const { siti, answer } = await answered();
    setClock(wib('2026-12-03T09:00'));
    let r = await siti.press(choice(answer, 'Selesai'));
    expect(text(r)).toBe(CLOSED);
    expect(await complaint()).toMatchObject({ state: 'closed', next_action_at: null });
    expect(await events('close')).toEqual([{ actor_kind: 'resident', from_state: 'answered', to_state: 'closed', detail: null }]);

    r = await siti.press(choice(answer, 'Selesai'));
    expect(text(r)).toBe(CLOSED);
    expect(await events('close')).toHaveLength(1);

    r = await siti.press(choice(answer, 'Buka lagi'));
    expect(text(r)).toBe(`Pengaduan ${CODE} dibuka lagi. Kami jawab paling lambat Rabu, 9 Desember 2026.`);
    expect((await complaint())!.state).toBe('open');
  });

  it('is refused to anyone else, who learns nothing of it; the attempt is recorded', async () => {
    const { siti, answer } = await answered();
    const budi = new SimPerson('628123450002', 'Budi');
    await budi.say('halo');
    await budi.replies();
    for (const label of ['Buka lagi', 'Selesai']) {
      const r = await budi.press(choice(answer, label));
      expect(text(r)).toMatch(/^Maaf, Bapak\/Ibu tidak berhak melakukan ini\.\n\nSelamat datang/);
      expect(text(r)).not.toContain(CODE);
    }
    expect(await complaint()).toMatchObject({ state: 'answered', version: 2 });
    expect((await events('press_refused')).map((e) => e.detail)).toEqual([
      JSON.stringify({ action: 'reopen', reason: 'not_applicant' }),
      JSON.stringify({ action: 'close', reason: 'not_applicant' }),
    ]);
    expect(await siti.replies()).toEqual([]);
  });

  it('typed: "buka lagi" and "selesai" work as the buttons do; a number still means the menu', async () => {
    const { siti } = await answered();
    setClock(wib('2026-12-03T09:00'));
    let r = await siti.say('Selesai');
    expect(text(r)).toBe(CLOSED);
    r = await siti.say('buka lagi');
    expect(text(r)).toBe(`Pengaduan ${CODE} dibuka lagi. Kami jawab paling lambat Rabu, 9 Desember 2026.`);
    expect((await complaint())!.state).toBe('open');
    r = await siti.say('1');
    expect(text(r)).toBe('Layanan apa?');
  });

  it('pressed in the middle of an application, answers and asks that question again', async () => {
    const { siti, answer } = await answered();
    let r = await siti.say('menu');
    r = await siti.press(choice(r, 'Ajukan layanan'));
    r = await siti.press(choice(answer, 'Selesai'));
    expect(text(r)).toBe(`${CLOSED}\n\nLayanan apa?`);
    r = await siti.press(choice(r, 'KTP'));
    expect(text(r)).toContain('Untuk diri sendiri atau untuk orang lain?');
  });

  it('is answered in the resident’s own language', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    let r = await siti.say('bahasa');
    await siti.press(choice(r, 'English'));
    await siti.say('complaint');
    r = await siti.say('The street lamp in front of my house is broken.');
    await siti.press(choice(r, 'Skip'));
    await deskDoes(CODE, { action: 'answer', answer: 'Lampu sudah diganti.' }, ANSWERED_AT);
    await drainQueue();
    const answer = await siti.replies();
    setClock(wib('2026-12-04T10:00'));
    r = await siti.press(choice(answer, 'Reopen'));
    expect(text(r)).toBe(`Complaint ${CODE} is open again. We will answer by Thursday, 10 December 2026 at the latest.`);
    setClock(wib('2026-12-20T10:00'));
    await deskDoes(CODE, { action: 'answer', answer: 'Sudah kami periksa lagi.' }, wib('2026-12-11T10:00'));
    await drainQueue();
    r = await siti.press(choice(await siti.replies(), 'Reopen'));
    expect(text(r)).toContain(
      `Complaint ${CODE} can no longer be reopened: it was answered more than 7 days ago.\nIf there is still a problem, please file a new complaint: choose "Complaint" in the menu.`,
    );
  });

  it('a press naming no complaint, or no action, is a button no longer valid', async () => {
    const { siti, caseId } = await answered();
    for (const id of [`cp:ro:nope`, `cp:xx:${caseId}`]) {
      const r = await siti.press(id);
      expect(text(r), id).toContain('Tombol itu sudah tidak berlaku.');
    }
    expect((await complaint())!.state).toBe('answered');
  });
});

describe('the complaint press write', () => {
  it('is decided again when the complaint changed after it was read, though its state did not', async () => {
    const { siti, answer, caseId } = await answered();
    setClock(wib('2026-12-08T10:00'));
    // Between this press's read and its write, the complaint was reopened and answered again,
    // by an answer ten days old (a desk on a slow connection): same state, another answer.
    const batch = env.DB.batch.bind(env.DB);
    let calls = 0;
    vi.spyOn(env.DB, 'batch').mockImplementation(async (statements) => {
      if (++calls === 2) {
        await env.DB.prepare('UPDATE cases SET version = version + 2, answered_at = ? WHERE id = ?').bind(wib('2026-11-28T10:00'), caseId).run();
      }
      return batch(statements);
    });
    const r = await siti.press(choice(answer, 'Buka lagi'));
    expect(text(r)).toContain(TOO_LATE);
    expect(await complaint()).toMatchObject({ state: 'answered', version: 4 });
    expect(await events('reopen')).toEqual([]);
  });


  it('moves the case only at the version it was read in', async () => {
    await answered();
    const { id, kelurahan_id } = (await row(`SELECT id, kelurahan_id FROM cases WHERE code = '${CODE}'`)) as { id: string; kelurahan_id: string };
    const move = (version: number) => {
      const q = transitionCase(dbOf(env.DB), { caseId: id, kelurahanId: kelurahan_id, from: 'answered', to: 'closed', now: ANSWERED_AT + 1, set: { nextActionAt: null }, version }).toSQL();
      return env.DB.prepare(q.sql).bind(...q.params).run();
    };
    expect((await move(1)).meta.changes).toBe(0);
    expect((await complaint())!.state).toBe('answered');
    expect((await move(2)).meta.changes).toBe(1);
    expect((await complaint())!.state).toBe('closed');
  });
});

describe('an answered complaint nobody reopens', () => {
  it('is closed by the cron once the 7 days have passed, and the resident is thanked', async () => {
    const { siti } = await answered();
    const tick = (at: string) => runScheduled(createScheduledController({ cron: '*/15 * * * *', scheduledTime: wib(at) }), testEnv());
    await tick('2026-12-08T10:00');
    expect((await complaint())!.state).toBe('answered');
    await tick('2026-12-09T10:15');
    expect((await complaint())!.state).toBe('closed');
    expect(await events('close')).toEqual([{ actor_kind: 'system', from_state: 'answered', to_state: 'closed', detail: null }]);
    await drainQueue();
    expect(text(await siti.replies())).toBe(CLOSED);
  });
});

