/**
 * A case whose day 3 closes without its documents: besides staff, the resident hears once that
 * the promise is missed, whose fault it is and whom to call, and so does a neighbour who applied
 * for them, each in their own language. Played on the queue and the 15-minute cron over days.
 */
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { completeApplication } from '../support/apply-helper';
import { toChat } from '../support/chat-log';
import { useFreshDatabase } from '../support/fresh-database';
import { QueueClock } from '../support/queue-clock';
import { drainQueue, seed, SimPerson } from '../support/simulator';

useFreshDatabase();
beforeEach(seed);
afterEach(() => vi.restoreAllMocks());

const wib = (iso: string) => Date.parse(`${iso}:00+07:00`);

/** Puts the one case in processing, its day 3 closing on Wednesday 2 December at 16:00 WIB. */
async function makeLate(): Promise<void> {
  await env.DB.prepare("UPDATE cases SET state = 'processing', pengantar_approved = 1, reminders_sent = 0, day3_due_at = ?1, due_at = ?1, next_action_at = ?1")
    .bind(wib('2026-12-02T16:00'))
    .run();
}

describe('a case late in processing, told to the resident', () => {
  it('apologises once, when day 3 closes: the office is late, nothing to send, the office phone', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    const code = await completeApplication(siti, 'ktp');
    await makeLate();
    await siti.replies();
    const before = (await toChat('628123450001')).length;

    const clock = new QueueClock(wib('2026-12-02T15:00'));
    // Past several daily escalations to staff: the resident still hears it once.
    await clock.runUntil(wib('2026-12-08T12:00'));
    expect((await toChat('628123450001')).slice(before)).toEqual([
      [
        'Wed 16:00',
        `Mohon maaf, dokumen berkas ${code} belum selesai pada Rabu, 2 Desember 2026, seperti yang kami janjikan.\n` +
          'Keterlambatan ini dari kantor kelurahan, bukan dari Bapak/Ibu. Tidak ada yang perlu dikirim lagi.\n' +
          'Petugas sudah kami beri tahu dan sedang menyelesaikannya. Kami kabari lagi di chat ini begitu dokumennya siap.\n' +
          'Ada pertanyaan? Silakan telepon kantor kelurahan di nomor 0711-555-0123.',
      ],
    ]);
  });

  it('tells the neighbour who applied, in English when that is their language', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    const code = await completeApplication(siti, 'ktp');
    await makeLate();
    await siti.replies();
    // Budi, who reads English, made the application for her (how is apply.test.ts's business).
    const budi = new SimPerson('628123450002', 'Budi');
    await budi.say('menu');
    const budiId = "(SELECT person_id FROM channel_identities WHERE external_id = '628123450002')";
    await env.DB.prepare(`UPDATE people SET locale = 'en' WHERE id = ${budiId}`).run();
    await env.DB.prepare(`UPDATE cases SET submitter_person_id = ${budiId}`).run();
    await drainQueue();
    await budi.replies();
    const before = (await toChat('628123450002')).length;
    const sitiBefore = (await toChat('628123450001')).length;

    await new QueueClock(wib('2026-12-02T15:00')).runUntil(wib('2026-12-03T12:00'));
    expect((await toChat('628123450001')).slice(sitiBefore).map(([, t]) => t.split('\n')[0])).toEqual([
      `Mohon maaf, dokumen berkas ${code} belum selesai pada Rabu, 2 Desember 2026, seperti yang kami janjikan.`,
    ]);
    expect((await toChat('628123450002')).slice(before)).toEqual([
      [
        'Wed 16:00',
        `Sorry, the documents for case ${code} were not ready on Wednesday, 2 December 2026, as we promised.\n` +
          'The delay is on the kelurahan office, not on you. You do not need to send anything.\n' +
          'The staff have been told and are finishing it. We will write in this chat as soon as the documents are ready.\n' +
          'Questions? Please call the kelurahan office on 0711-555-0123.',
      ],
    ]);
  });
});
