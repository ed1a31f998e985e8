/**
 * What the RT chair reads on a pengantar card (review of issue 11, findings 4 and 12): the business
 * a SITU is for, as the letter prints it, and a NIK also on another open case, on the first card,
 * on the cron's reminder and in the "rt" list; and a voice note naming the chair as he is addressed.
 */
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { completeApplication, NIK, startApplication } from '../support/apply-helper';
import { useFreshDatabase } from '../support/fresh-database';
import { QueueClock } from '../support/queue-clock';
import { ANSWER_HINT, seed, setClock, SimPerson, text } from '../support/simulator';

useFreshDatabase();
beforeEach(seed);

const wib = (iso: string) => Date.parse(`${iso}:00+07:00`);

const SITU_CARD =
  'Permintaan surat pengantar\nBudi Santoso, NIK 1671 **** **** 0003\nRT 03 / RW 02, untuk: SITU (Surat Izin Tempat Usaha)\n' +
  'Nama usaha: Warung Makan Bu Siti\nJenis usaha: warung makan\nAlamat usaha: Jl. Mayor Zen No. 12, RT 03/RW 02\n' +
  'Nomor berkas: SITU-2612-0001\n\n' +
  'Perhatian: NIK 1671 **** **** 0003 juga dipakai di berkas lain yang masih berjalan, dengan nama orang lain. ' +
  'Mohon pastikan pemohon benar orangnya sebelum menyetujui. Petugas kelurahan sudah kami beri tahu.';

describe('the pengantar card', () => {
  it('shows the business and the NIK conflict on the first card, the reminder and the "rt" list', async () => {
    setClock(wib('2026-12-04T18:00'));
    const siti = new SimPerson('628123450001', 'Siti');
    const hasan = new SimPerson('628990000203', 'Bapak Hasan');
    await completeApplication(siti, 'ktp');
    await hasan.replies();
    const budi = new SimPerson('628123450002', 'Budi');
    await startApplication(budi, 'situ', { name: 'Budi Santoso', nik: NIK.siti });
    expect(text(await hasan.replies())).toBe(SITU_CARD);

    await new QueueClock(wib('2026-12-04T18:05')).runUntil(wib('2026-12-05T09:10'));
    const reminders = (await hasan.replies()).map((m) => text([m]));
    expect(reminders).toContain(
      'Pengingat untuk Bapak Hasan: permintaan surat pengantar untuk Budi Santoso (SITU-2612-0001) masih menunggu jawaban Bapak.\n\n' + SITU_CARD,
    );

    const rtList = await hasan.say('rt');
    const listed = rtList.map((m) => text([m]));
    expect(listed).toContain(`${SITU_CARD}`);
    // Every card says how to answer its buttons, the one the chat waits on and those before it.
    const cards = rtList.filter((m) => m.message.kind === 'text' && m.message.choices?.length);
    expect(cards.length).toBeGreaterThan(1);
    for (const card of cards) expect(card.message).toMatchObject({ hint: ANSWER_HINT });
    // Siti's own card carries no business and no warning: her NIK was hers first.
    expect(listed).toContain('Permintaan surat pengantar\nSiti Aminah, NIK 1671 **** **** 0003\nRT 03 / RW 02, untuk: KTP\nNomor berkas: KTP-2612-0001');
  });
});

describe('a voice note', () => {
  it('names the RT chair as Loket addresses him, whatever staff typed', async () => {
    await env.DB.prepare("UPDATE people SET full_name = 'Hasan Basri', nik = ?1 WHERE id = 'person-chair-0203'").bind(NIK.budi).run();
    const siti = new SimPerson('628123450001', 'Siti');
    await startApplication(siti, 'ktp');
    expect(text(await siti.sendUnsupported('voice'))).toContain('Minta tolong tetangga, atau Ketua RT 03/RW 02, Bapak Hasan Basri, untuk mengetikkannya.');
  });
});
