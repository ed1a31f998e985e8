/**
 * The satisfaction survey in the chat, through the simulator: the hand-over at the desk sends the
 * invitation once; "Ya" asks the nine elements one at a time and a suggestion, each answer kept as
 * it comes.
 */
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { completeApplication } from '../support/apply-helper';
import { deskDoes } from '../support/desk-decision';
import { useFreshDatabase } from '../support/fresh-database';
import { choice, choicesOf, drainQueue, seed, setClock, SimPerson, text, type Received } from '../support/simulator';

useFreshDatabase();
beforeEach(seed);

const wib = (iso: string) => Date.parse(`${iso}:00+07:00`);
const HANDED_OVER = wib('2026-12-03T10:00');

const INVITE = (code: string) =>
  `Boleh kami minta pendapat Bapak/Ibu tentang layanan berkas ${code}?\n` +
  'Ada 9 pertanyaan singkat, cukup tekan tombol. Jawaban Bapak/Ibu tidak memengaruhi layanan apa pun.';
const START = 'Terima kasih. Pilih jawaban yang paling sesuai. Ketik "menu" kapan saja untuk berhenti.';
const Q1 = 'Pertanyaan 1 dari 9.\nBagaimana pendapat Bapak/Ibu tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?';
const STOPPED = 'Baik, survei kami hentikan. Jawaban yang sudah diisi tetap kami simpan. Terima kasih.';

const skmRow = () => env.DB.prepare('SELECT * FROM skm_responses').all<Record<string, unknown>>().then((r) => r.results);
const answersOf = (r: Record<string, unknown>) => ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9'].map((k) => r[k]);

/** Siti's KTP, delivered by courier, handed over at the desk; returns what her phone then shows. */
async function handedOver(): Promise<{ siti: SimPerson; code: string; told: Received[] }> {
  const siti = new SimPerson('628123450001', 'Siti');
  const code = await completeApplication(siti, 'ktp', { courier: 'Jl. Mayor Zen No. 12, RT 03/RW 02' });
  await env.DB.prepare(`UPDATE cases SET state = 'ready', pengantar_approved = 1 WHERE code = ?`).bind(code).run();
  await siti.replies();
  setClock(HANDED_OVER);
  await deskDoes(code, { action: 'hand_over', receiverName: 'Siti Aminah' }, HANDED_OVER);
  await drainQueue();
  return { siti, code, told: await siti.replies() };
}

describe('the SKM survey after the hand-over', () => {
  it('invites once; all nine answers and a suggestion complete the row', async () => {
    const { siti, code, told } = await handedOver();
    expect(text(told)).toBe(`Berkas ${code} selesai. KTP sudah diserahkan.\nTerima kasih sudah memakai Loket Kelurahan Bukit Sangkal.\n---\n${INVITE(code)}`);
    expect(choicesOf(told).map((c) => c.label)).toEqual(['Ya', 'Nanti saja', 'Tidak']);

    let r = await siti.press(choice(told, 'Ya'));
    expect(text(r)).toBe(`${START}\n\n${Q1}`);
    expect(choicesOf(r).map((c) => c.label)).toEqual(['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai']);
    // The row exists from the "Ya" on, still empty.
    expect(await skmRow()).toMatchObject([{ service: 'ktp', completed_at: null, u1: null }]);

    // Buttons and typed numbers (and a label typed) both answer.
    r = await siti.press(choice(r, 'Sangat sesuai'));
    expect(text(r)).toBe(`Pertanyaan 2 dari 9.\nBagaimana pemahaman Bapak/Ibu tentang kemudahan prosedur pelayanan di kelurahan ini?`);
    r = await siti.say('3');
    expect(text(r)).toContain('Pertanyaan 3 dari 9.\nBagaimana pendapat Bapak/Ibu tentang kecepatan waktu dalam memberikan pelayanan?');
    r = await siti.say('5');
    expect(text(r)).toBe(`Jawaban hanya 1 sampai 4.\n\nPertanyaan 3 dari 9.\nBagaimana pendapat Bapak/Ibu tentang kecepatan waktu dalam memberikan pelayanan?`);
    r = await siti.say('cepat');
    expect(text(r)).toContain('Pertanyaan 4 dari 9.\nBagaimana pendapat Bapak/Ibu tentang kewajaran biaya atau tarif dalam pelayanan?');
    expect(choicesOf(r).map((c) => c.label)).toEqual(['Sangat mahal', 'Cukup mahal', 'Murah', 'Gratis']);
    r = await siti.press(choice(r, 'Gratis'));
    for (const n of [5, 6, 7]) {
      expect(text(r)).toContain(`Pertanyaan ${n} dari 9.`);
      r = await siti.say('4');
    }
    expect(text(r)).toContain('Pertanyaan 8 dari 9.\nBagaimana pendapat Bapak/Ibu tentang penanganan pengaduan, saran dan masukan di kelurahan ini?');
    expect(choicesOf(r).map((c) => c.label)).toEqual(['Tidak ada', 'Ada, tak berfungsi', 'Kurang maksimal', 'Dikelola dengan baik']);
    r = await siti.say('2');
    expect(text(r)).toContain('Pertanyaan 9 dari 9.\nBagaimana pendapat Bapak/Ibu tentang kualitas sarana dan prasarana pelayanan?');
    r = await siti.press(choice(r, 'Baik'));
    expect(text(r)).toBe(
      'Terakhir: ada saran untuk kantor kelurahan? Tulis di sini. Saran hanya dibaca petugas kelurahan.\nTidak ada saran? Tekan "Lewati".',
    );
    expect(await skmRow()).toMatchObject([{ completed_at: null, suggestion: null }]);
    expect(answersOf((await skmRow())[0]!)).toEqual([4, 3, 3, 4, 4, 4, 4, 2, 3]);

    r = await siti.say(' ... ');
    expect(text(r)).toContain('Saran belum terbaca. Tulis dengan kata-kata, atau tekan "Lewati".');
    r = await siti.say('x'.repeat(501));
    expect(text(r)).toContain('Saran terlalu panjang. Mohon dipersingkat, paling banyak 500 huruf.');
    r = await siti.say('Mohon sediakan kursi di ruang tunggu.');
    expect(text(r)).toBe('Terima kasih. Jawaban Bapak/Ibu sudah kami simpan untuk memperbaiki layanan kelurahan.');
    const [done] = await skmRow();
    expect(done).toMatchObject({ suggestion: 'Mohon sediakan kursi di ruang tunggu.', completed_at: expect.any(Number) });
    expect(answersOf(done!)).toEqual([4, 3, 3, 4, 4, 4, 4, 2, 3]);

    // The same buttons again: answered already, never a second survey.
    r = await siti.press(choice(told, 'Ya'));
    expect(text(r)).toBe(`Survei untuk berkas ${code} sudah Bapak/Ibu isi. Terima kasih.`);
    expect(await skmRow()).toHaveLength(1);
    // "ya" typed later is just a greeting's neighbour: the menu, not the survey.
    r = await siti.say('ya');
    expect(text(r)).not.toContain('Pertanyaan');
  });

  it('stopping after three answers keeps those three; "menu" ends it politely', async () => {
    const { siti, told } = await handedOver();
    let r = await siti.say('ya');
    expect(text(r)).toContain(Q1);
    await siti.say('4');
    await siti.say('3');
    r = await siti.say('2');
    expect(text(r)).toContain('Pertanyaan 4 dari 9.');
    r = await siti.say('menu');
    expect(text(r)).toBe(`${STOPPED}\n---\nSelamat datang di Loket Kelurahan Bukit Sangkal.\nMau apa hari ini?`);
    const [row] = await skmRow();
    expect(answersOf(row!)).toEqual([4, 3, 2, null, null, null, null, null, null]);
    expect(row!.completed_at).toBeNull();

    // "Ya" again on the invitation picks up where she stopped.
    r = await siti.press(choice(told, 'Ya'));
    expect(text(r)).toContain('Kita lanjutkan survei berkas');
    expect(text(r)).toContain('Pertanyaan 4 dari 9.');
    // Anything that is no answer ends it too, with what was answered kept.
    r = await siti.say('kapan kantor buka?');
    expect(text(r)).toBe(STOPPED);
    expect(answersOf((await skmRow())[0]!)).toEqual([4, 3, 2, null, null, null, null, null, null]);
  });

  it('"Tidak" stores nothing and is never asked again', async () => {
    const { siti, code, told } = await handedOver();
    let r = await siti.press(choice(told, 'Tidak'));
    expect(text(r)).toBe('Baik, tidak apa-apa. Terima kasih.');
    expect(await skmRow()).toEqual([]);
    const declined = await env.DB.prepare(`SELECT actor_kind FROM case_events WHERE kind = 'skm_declined'`).all();
    expect(declined.results).toEqual([{ actor_kind: 'resident' }]);

    // Neither the buttons nor a typed "ya" bring it back.
    r = await siti.press(choice(told, 'Ya'));
    expect(text(r)).toBe(`Survei untuk berkas ${code} sudah ditutup. Terima kasih.`);
    r = await siti.say('ya');
    expect(text(r)).not.toContain('Pertanyaan');
    expect(await skmRow()).toEqual([]);
    // Nor any later message from Loket.
    await drainQueue();
    expect(text(await siti.replies())).not.toContain('pendapat Bapak/Ibu');
  });

  it('"Nanti saja" leaves the buttons good for 7 days, then the survey is closed', async () => {
    const { siti, code, told } = await handedOver();
    let r = await siti.press(choice(told, 'Nanti saja'));
    expect(text(r)).toBe('Baik. Bila nanti berkenan, tekan "Ya" pada pesan tadi, dalam 7 hari.');
    expect(await skmRow()).toEqual([]);
    setClock(wib('2026-12-11T10:00'));
    r = await siti.press(choice(told, 'Ya'));
    expect(text(r)).toBe(`Survei untuk berkas ${code} sudah ditutup. Terima kasih.`);
    expect(await skmRow()).toEqual([]);
  });

  it("someone else's press of the invitation is refused as a stale button", async () => {
    const { told } = await handedOver();
    const budi = new SimPerson('628123450002', 'Budi');
    const r = await budi.press(choice(told, 'Ya'));
    expect(text(r)).toContain('Tombol itu sudah tidak berlaku.');
    expect(await skmRow()).toEqual([]);
  });
});
