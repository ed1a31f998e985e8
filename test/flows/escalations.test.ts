/**
 * Escalations reach people: the linked staff chats of the case's own kelurahan, and a case late
 * in day 3's processing again every working day until it moves, played on the queue and the
 * 15-minute cron over several days.
 */
import { createScheduledController, env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runScheduled } from '../../src/jobs/scheduled';
import { completeApplication } from '../support/apply-helper';
import { toChat } from '../support/chat-log';
import { useFreshDatabase } from '../support/fresh-database';
import { QueueClock } from '../support/queue-clock';
import { staffChats } from '../support/staff-chats';
import { seed, SimPerson, testEnv, text } from '../support/simulator';

useFreshDatabase();
beforeEach(seed);
afterEach(() => vi.restoreAllMocks());

const wib = (iso: string) => Date.parse(`${iso}:00+07:00`);

/** Siti's KTP in processing, its day 3 closing on Wednesday 2 December at 16:00 WIB. */
async function lateCase(): Promise<{ code: string; siti: SimPerson }> {
  const siti = new SimPerson('628123450001', 'Siti');
  const code = await completeApplication(siti, 'ktp');
  await env.DB.prepare("UPDATE cases SET state = 'processing', pengantar_approved = 1, day3_due_at = ?1, due_at = ?1, next_action_at = ?1")
    .bind(wib('2026-12-02T16:00'))
    .run();
  await siti.replies();
  return { code, siti };
}

describe('a case late in processing', () => {
  it('is escalated when day 3 closes and at opening on every working day after, once a day, until it moves', async () => {
    const { staff, otherStaff } = await staffChats();
    const { code, siti } = await lateCase();
    const before = (await toChat(staff.id)).length;

    const clock = new QueueClock(wib('2026-12-02T15:00'));
    await clock.runUntil(wib('2026-12-07T12:00'));
    const late = (days: number) => `Perlu perhatian: berkas ${code}. Sudah ${days} hari kerja lewat janji 3 hari kerja, dan dokumennya belum selesai.`;
    expect((await toChat(staff.id)).slice(before)).toEqual([
      ['Wed 16:00', `Perlu perhatian: berkas ${code}. Sudah lewat janji 3 hari kerja.`],
      ['Thu 08:00', late(1)],
      ['Fri 08:00', late(2)],
      // Not on Saturday or Sunday.
      ['Mon 08:00', late(3)],
    ]);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM case_events WHERE kind = 'escalated'").first()).toEqual({ n: 4 });

    // Looked at again later on Monday (a tick that read it just before another moved it on, a
    // reschedule): Monday's escalation is not sent twice.
    await env.DB.prepare('UPDATE cases SET next_action_at = ?1').bind(wib('2026-12-07T13:00')).run();
    await clock.runUntil(wib('2026-12-07T15:00'));
    expect((await toChat(staff.id)).slice(before)).toHaveLength(4);

    // Staff make the documents: the case moves on, and the escalations stop.
    await env.DB.prepare("UPDATE cases SET state = 'ready'").run();
    await clock.runUntil(wib('2026-12-09T12:00'));
    expect((await toChat(staff.id)).slice(before)).toHaveLength(4);

    // Not the staff of another kelurahan; the resident once, with the first escalation (late-case.test.ts).
    expect(await toChat(otherStaff.id)).toEqual([]);
    expect(text(await siti.replies())).toMatch(/^Mohon maaf, dokumen berkas /);
  });

  it("reaches nobody through a chat its staff member took along to another kelurahan's account", async () => {
    const { staff } = await staffChats();
    await lateCase();
    // The demo staff account now belongs to the other kelurahan; its chat is the demo one's.
    await env.DB.prepare("UPDATE staff_users SET kelurahan_id = 'kel-lain' WHERE id = 'staff-demo'").run();
    const before = (await toChat(staff.id)).length;
    const clock = new QueueClock(wib('2026-12-02T15:00'));
    await clock.runUntil(wib('2026-12-02T17:00'));
    // Nor does the other kelurahan's digest go to a chat of this one.
    await runScheduled(createScheduledController({ cron: '0 0 * * *', scheduledTime: wib('2026-12-03T07:00') }), testEnv());
    expect((await toChat(staff.id)).slice(before)).toEqual([]);
    // Still recorded on the case, for the desk.
    expect(await env.DB.prepare("SELECT count(*) AS n FROM case_events WHERE kind = 'escalated'").first()).toEqual({ n: 1 });
  });
});

describe('the 07:00 WIB digest', () => {
  it("tells each kelurahan's linked staff of their own cases only", async () => {
    const { staff, otherStaff } = await staffChats();
    const { code } = await lateCase();
    const before = (await toChat(staff.id)).length;
    await runScheduled(createScheduledController({ cron: '0 0 * * *', scheduledTime: wib('2026-12-03T07:00') }), testEnv());
    expect((await toChat(staff.id)).slice(before)).toEqual([['Thu 07:00', `Ringkasan pagi Loket: 0 berkas jatuh tempo hari ini, 1 terlambat.\n${code}`]]);
    expect(await toChat(otherStaff.id)).toEqual([['Thu 07:00', 'Ringkasan pagi Loket: 0 berkas jatuh tempo hari ini, 0 terlambat.']]);
  });

  it('reaches a staff member in the language of their chat', async () => {
    const { staff } = await staffChats();
    await lateCase();
    await env.DB.prepare('UPDATE people SET locale = ?1 WHERE id = (SELECT person_id FROM channel_identities WHERE external_id = ?2)')
      .bind('en', staff.id)
      .run();
    const before = (await toChat(staff.id)).length;
    await runScheduled(createScheduledController({ cron: '0 0 * * *', scheduledTime: wib('2026-12-03T07:00') }), testEnv());
    expect((await toChat(staff.id)).slice(before).map(([, t]) => t)).toEqual([`Loket morning summary: 0 case(s) due today, 1 late.\nKTP-2611-0001`]);
  });
});
