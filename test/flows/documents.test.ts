import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { startApplication } from '../support/apply-helper';
import { useFreshDatabase } from '../support/fresh-database';
import { mediaSources } from '../../src/channels';
import { fetchMedia } from '../../src/jobs/fetch-media';
import { ANSWER_HINT, choice, choicesOf, drainQueue, JPEG, lastAsked, PNG, recorded, seed, SimPerson, testEnv, text } from '../support/simulator';

useFreshDatabase();
beforeEach(seed);

const row = (sql: string) => env.DB.prepare(sql).first<Record<string, unknown>>();
const siti = () => new SimPerson('628123450001', 'Siti');

/** The provider (the simulator's media store) loses the file before the queue fetches it. */
async function providerLoses(requirement: string): Promise<void> {
  const doc = await row(`SELECT source_ref FROM case_documents WHERE requirement = '${requirement}' AND superseded_at IS NULL`);
  await env.SCANS.delete(String(doc!.source_ref));
}

describe('a document counts as received once stored and checked', () => {
  it('the checklist says "sedang diperiksa" until the queue has stored the scan, then "sudah"', async () => {
    const p = siti();
    await startApplication(p, 'ktp');
    await p.upload(JPEG, 'image/jpeg', 'kk.jpg');
    let r = await p.say('yang mana?');
    expect(text(r)).toContain('1. Fotokopi KK - sedang diperiksa\n2. Fotokopi KTP lama - belum\n3. Pas foto - belum');
    await drainQueue();
    r = await p.say('yang mana?');
    expect(text(r)).toContain('1. Fotokopi KK - sudah\n2. Fotokopi KTP lama - belum\n3. Pas foto - belum');
  });

  it('offers no Kirim while one is being checked: typing "kirim" submits nothing, and the queue then offers it', async () => {
    const p = siti();
    await startApplication(p, 'situ');
    await p.upload(JPEG, 'image/jpeg', 'ktp.jpg');
    let r = await p.upload(PNG, 'image/png', 'pas.png');
    expect(text(r)).not.toContain('Semua dokumen sudah diterima');
    r = await p.press(choice(r, 'Ambil di kantor'));
    expect(text(r)).toContain('Dokumen ini masih kami periksa: Fotokopi KTP, Pas foto.\nKami kirim pesan di chat ini begitu selesai.');
    expect(choicesOf(r).map((c) => c.label)).not.toContain('Kirim');
    r = await p.say('kirim');
    expect(text(r)).not.toContain('Terkirim');
    expect(text(r)).toContain('Dokumen ini masih kami periksa');
    expect(await row('SELECT state, submitted_at FROM cases')).toEqual({ state: 'draft', submitted_at: null });

    await drainQueue();
    r = await p.replies();
    expect(text(r)).toContain('Semua dokumen SITU (Surat Izin Tempat Usaha) untuk Siti Aminah sudah kami periksa dan terima.');
    r = await p.press(choice(r, 'Kirim'));
    expect(text(r)).toContain('Terkirim. Nomor berkas: SITU-2611-0001.');
  });
});

describe('the queue writing while the resident writes', () => {
  it('does not overwrite a conversation changed meanwhile: nothing is said, and the next run of the nudge says it', async () => {
    const p = siti();
    await startApplication(p, 'situ');
    await p.upload(JPEG, 'image/jpeg', 'ktp.jpg');
    let r = await p.upload(PNG, 'image/png', 'pas.png');
    r = await p.press(choice(r, 'Ambil di kantor'));
    expect(choicesOf(r)).toEqual([]);
    const nudges = recorded.splice(0).map((m) => m.body as { type: string; documentId?: string }).filter((m) => m.type === 'fetch_media');
    // Every batch first sees the resident's conversation move on, as if she had just written.
    const db = new Proxy(env.DB, {
      get: (t, k) =>
        k === 'batch'
          ? async (statements: D1PreparedStatement[]) => {
              await t.prepare('UPDATE conversations SET version = version + 1').run();
              return t.batch(statements);
            }
          : Reflect.get(t, k).bind(t),
    });
    const racing = { ...testEnv(), DB: db };
    await fetchMedia(racing, nudges[0]!.documentId!, mediaSources, Date.now(), () => crypto.randomUUID());
    await expect(fetchMedia(racing, nudges[1]!.documentId!, mediaSources, Date.now(), () => crypto.randomUUID())).rejects.toThrow(/NOT NULL/);
    expect(await p.replies()).toEqual([]);
    expect(await row("SELECT count(*) AS n FROM case_documents WHERE status = 'stored'")).toEqual({ n: 2 });

    // The queue delivers the nudge again: now it is said, with Kirim.
    recorded.push({ body: nudges[1] });
    await drainQueue();
    r = await p.replies();
    expect(text(r)).toContain('sudah kami periksa dan terima.');
    r = await p.press(choice(r, 'Kirim'));
    expect(text(r)).toContain('Terkirim.');
  });
});

describe('a document that could not be fetched', () => {
  it('tells which one to resend; a photo sent after "status" is taken, and Loket asks the rest when it is checked', async () => {
    const p = siti();
    await startApplication(p, 'ktp');
    await p.upload(JPEG, 'image/jpeg', 'kk.jpg');
    await p.upload(JPEG, 'image/jpeg', 'ktp.jpg');
    await p.upload(JPEG, 'image/jpeg', 'pas.jpg');
    await providerLoses('kk_copy');
    await drainQueue();
    let r = await p.replies();
    expect(text(r)).toBe(
      'Maaf, Fotokopi KK yang Bapak/Ibu kirim tidak sampai ke kami.\nSilakan kirim lagi Fotokopi KK di chat ini. Tidak perlu mengulang dari awal.',
    );
    expect(await row("SELECT status, reject_reason FROM case_documents WHERE requirement = 'kk_copy'")).toEqual({ status: 'failed', reject_reason: 'gone' });

    await p.say('status');
    r = await p.upload(PNG, 'image/png', 'kk-lagi.png');
    expect(text(r)).toBe('Fotokopi KK diterima, sedang kami periksa.');
    const kk = await env.DB.prepare("SELECT status, superseded_at IS NULL AS current FROM case_documents WHERE requirement = 'kk_copy' ORDER BY rowid").all();
    expect(kk.results).toEqual([{ status: 'failed', current: 0 }, { status: 'pending', current: 1 }]);

    // Stored: the resident left the flow, so Loket writes with the next question.
    await drainQueue();
    r = await p.replies();
    expect(text(r)).toBe(
      'Semua dokumen KTP untuk Siti Aminah sudah kami periksa dan terima.\n\nDokumen diambil bagaimana?',
    );
    expect(lastAsked(r)).toMatchObject({ hint: ANSWER_HINT });
    r = await p.say('1');
    expect(text(r)).toContain('Ringkasan: KTP untuk Siti Aminah, RT 03/RW 02, diambil di kantor.');
    r = await p.press(choice(r, 'Kirim'));
    expect(text(r)).toContain('Terkirim. Nomor berkas: KTP-2611-0001.');
  });

  it('a complaint photo that did not arrive is said so, and the complaint goes on without it', async () => {
    const p = siti();
    await p.say('halo');
    let r = await p.say('pengaduan');
    r = await p.say('Lampu jalan di depan kantor mati.');
    r = await p.upload(JPEG, 'image/jpeg', 'lampu.jpg');
    expect(text(r)).toMatch(/^Pengaduan diterima\. Nomor: ADU-2611-0001\./);
    await providerLoses('complaint_photo');
    await drainQueue();
    expect(text(await p.replies())).toBe('Maaf, foto pengaduan yang Bapak/Ibu kirim tidak sampai ke kami. Pengaduan tetap kami proses tanpa foto.');
    // Nothing to resend: a later photo is not taken as one.
    r = await p.upload(PNG, 'image/png', 'lagi.png');
    expect(text(r)).not.toContain('diterima');
    expect(await row('SELECT count(*) AS n FROM case_documents')).toEqual({ n: 1 });
    expect(text(await p.say('lanjut'))).toContain('Tidak ada pengajuan yang menunggu untuk dilanjutkan.');
  });

  it('a complaint photo that is no photo, from a phone that could not name it, is said so once read, and the complaint goes on', async () => {
    const p = siti();
    await p.say('halo');
    await p.say('pengaduan');
    await p.say('Lampu jalan di depan kantor mati.');
    const r = await p.upload(new TextEncoder().encode('just some text'), 'application/octet-stream', 'lampu');
    expect(text(r)).toMatch(/^Pengaduan diterima\. Nomor: ADU-2611-0001\./);
    await drainQueue();
    expect(text(await p.replies())).toBe('Maaf, foto pengaduan yang Bapak/Ibu kirim bukan foto atau PDF, jadi tidak bisa kami buka. Pengaduan tetap kami proses tanpa foto.');
    expect(await row("SELECT status, reject_reason FROM case_documents WHERE requirement = 'complaint_photo'")).toEqual({ status: 'rejected', reject_reason: 'bad_type' });
  });

  it('a complaint photo its own phone calls a video is refused at once, and the photo is asked for again', async () => {
    const p = siti();
    await p.say('halo');
    await p.say('pengaduan');
    const asked = text(await p.say('Lampu jalan di depan kantor mati.'));
    const r = await p.upload(new TextEncoder().encode('....ftypmp42'), 'video/mp4', 'lampu.mp4');
    expect(text(r)).toContain('Itu bukan foto atau PDF, jadi tidak bisa kami terima. Kirim foto dokumennya, ya.');
    // The photo question again, as it was first asked.
    expect(text(r)).toContain(asked.split('\n')[0]!);
    expect(await row('SELECT count(*) AS n FROM case_documents')).toEqual({ n: 0 });
  });

  it('a photo sent after "menu" is taken too', async () => {
    const p = siti();
    await startApplication(p, 'situ');
    await p.upload(JPEG, 'image/jpeg', 'ktp.jpg');
    await providerLoses('ktp_copy');
    await drainQueue();
    expect(text(await p.replies())).toContain('Silakan kirim lagi Fotokopi KTP di chat ini.');
    await p.say('menu');
    const r = await p.upload(PNG, 'image/png', 'ktp-lagi.png');
    expect(text(r)).toBe('Fotokopi KTP diterima, sedang kami periksa.');
    expect(await row("SELECT status FROM case_documents WHERE requirement = 'ktp_copy' AND superseded_at IS NULL")).toEqual({ status: 'pending' });
  });

  it('while busy with a complaint the resent photo is taken, and "lanjut" later picks the application up', async () => {
    const p = siti();
    await startApplication(p, 'situ');
    await p.upload(JPEG, 'image/jpeg', 'ktp.jpg');
    await p.upload(JPEG, 'image/jpeg', 'pas.jpg');
    await providerLoses('pas_photo');
    await drainQueue();
    await p.replies();
    let r = await p.say('menu');
    r = await p.press(choice(r, 'Pengaduan'));
    expect(text(r)).toBe('Silakan tulis pengaduan Bapak/Ibu.');
    r = await p.upload(PNG, 'image/png', 'pas-lagi.png');
    expect(text(r)).toBe('Pas foto diterima, sedang kami periksa.\n\nSilakan tulis pengaduan Bapak/Ibu.');
    await drainQueue();
    r = await p.replies();
    expect(text(r)).toBe('Semua dokumen SITU (Surat Izin Tempat Usaha) untuk Siti Aminah sudah kami periksa dan terima.\n\nKetik "lanjut" untuk menyelesaikan pengajuan.');
    r = await p.say('lanjut');
    expect(text(r)).toContain('Semua dokumen sudah diterima.');
    r = await p.press(choice(r, 'Ambil di kantor'));
    r = await p.press(choice(r, 'Kirim'));
    expect(text(r)).toContain('Terkirim. Nomor berkas: SITU-2611-0001.');
  });
});
