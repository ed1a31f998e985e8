import { describe, expect, it } from 'vitest';
import { workingCalendar } from '../../src/domain/calendar';
import { decide, DRAFT_TTL_MS, neighbourDeadline, type Notice, type ScheduledCase } from '../../src/domain/schedule';

const H = 3_600_000;
const cal = workingCalendar();
const t0 = Date.parse('2026-11-30T10:00:00+07:00');
const day1 = Date.parse('2026-11-30T16:00:00+07:00');
const day2 = Date.parse('2026-12-01T16:00:00+07:00');
const day3 = Date.parse('2026-12-02T16:00:00+07:00');
const base: ScheduledCase = {
  id: 'c1', kind: 'service', state: 'submitted', pengantarApproved: true, createdAt: t0, updatedAt: t0,
  day1DueAt: day1, day2DueAt: day2, day3DueAt: day3, dueAt: day3, remindersSent: 0,
};

const wib = (iso: string) => Date.parse(`${iso}:00+07:00`);
/** "Sat 09:00"-style WIB times, to read a list of messages at a glance. */
const when = (at: number) => {
  const d = new Date(at + 7 * H);
  return `${['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()]} ${d.toISOString().slice(11, 16)}`;
};

/**
 * Plays the 15-minute cron over one case as the job does: decide when it is due, keep what it
 * says, send each key once. Returns [time, notice] of what was sent.
 */
function play(c: ScheduledCase, firstDue: number, until: number, calendar = cal): [string, Notice][] {
  const sent: [string, Notice][] = [];
  const keys = new Set<string>();
  let current = c;
  let due: number | null = firstDue;
  for (let now = Math.floor(firstDue / (15 * 60_000)) * 15 * 60_000; now <= until && due !== null; now += 15 * 60_000) {
    if (now < due) continue;
    const d = decide(current, now, calendar);
    for (const n of d.notices) {
      if (keys.has(n.key)) continue;
      keys.add(n.key);
      sent.push([when(now), n.notice]);
    }
    current = { ...current, remindersSent: d.remindersSent, ...(d.event === 'archive' ? { state: 'verifying' as const, updatedAt: now } : {}) };
    due = d.nextActionAt;
  }
  return sent;
}

describe("the RT chair's hours", () => {
  // Friday 4 December 2026: day 1 of a case closes at 16:00, day 2 on Monday 7 December.
  const friday = { ...base, day1DueAt: wib('2026-12-04T16:00'), day2DueAt: wib('2026-12-07T16:00'), day3DueAt: wib('2026-12-08T16:00') };

  it('a case whose day 2 spans the weekend: the card on Friday, then two reminders a day at 09:00 and 15:00, staff on Monday in office hours', () => {
    const sent = play(friday, wib('2026-12-04T16:00'), wib('2026-12-08T12:00'));
    expect(sent).toEqual([
      ['Fri 16:00', 'day2_started'],
      ['Fri 16:00', 'verification_card'],
      ['Sat 09:00', 'remind_verification'],
      ['Sat 15:00', 'remind_verification'],
      ['Sun 09:00', 'remind_verification'],
      ['Sun 15:00', 'remind_verification'],
      ['Mon 09:00', 'remind_verification'],
      ['Mon 15:00', 'remind_verification'],
      ['Mon 16:00', 'escalate_verification'],
    ]);
    // Nothing between 20:00 and 07:00, and at most two reminders on any day.
    expect(sent.filter(([t]) => t.slice(4) >= '20:00' || t.slice(4) < '07:00')).toEqual([]);
    const perDay = new Map<string, number>();
    for (const [t, n] of sent) if (n.startsWith('remind')) perDay.set(t.slice(0, 3), (perDay.get(t.slice(0, 3)) ?? 0) + 1);
    expect(Math.max(...perDay.values())).toBe(2);
  });

  it('however often the cron looks within a slot, the slot sends one reminder', () => {
    const v = { ...friday, state: 'verifying' as const, remindersSent: 1 };
    const at0900 = decide(v, wib('2026-12-05T09:00'), cal);
    const at0945 = decide({ ...v, remindersSent: at0900.remindersSent }, wib('2026-12-05T09:45'), cal);
    expect(at0945.notices.map((n) => n.key)).toEqual(at0900.notices.map((n) => n.key));
  });

  it('a pengantar asked for on Friday afternoon: two reminders on Saturday, staff told on Monday at opening', () => {
    const asked = wib('2026-12-04T16:00');
    const a = { ...base, state: 'awaiting_pengantar' as const, pengantarApproved: false, createdAt: asked, updatedAt: asked, day1DueAt: null, day2DueAt: null, day3DueAt: null, dueAt: null };
    // The dialogue asks the cron to look REMIND_GAP_MS after the request: 20:00, which is night.
    expect(play(a, asked + 4 * H, wib('2026-12-08T12:00'))).toEqual([
      ['Sat 09:00', 'remind_pengantar'],
      ['Sat 15:00', 'remind_pengantar'],
      ['Mon 08:00', 'escalate_pengantar'],
    ]);
  });

  it('tells staff of an unanswered complaint or a late Disdukcapil date only in office hours', () => {
    const saturday = wib('2026-12-05T10:00');
    const complaint = { ...base, kind: 'complaint' as const, state: 'open' as const, dueAt: wib('2026-12-04T16:00') };
    expect(decide(complaint, saturday, cal)).toMatchObject({ notices: [], nextActionAt: wib('2026-12-07T08:00') });
    expect(decide(complaint, wib('2026-12-07T08:00'), cal).notices.map((n) => n.notice)).toEqual(['escalate_complaint']);
    const disdukcapil = { ...base, state: 'at_disdukcapil' as const, dueAt: wib('2026-12-04T16:00') };
    expect(decide(disdukcapil, wib('2026-12-04T16:15'), cal).notices.map((n) => n.notice)).toEqual(['escalate_disdukcapil']);
    expect(decide(disdukcapil, wib('2026-12-04T23:00'), cal)).toMatchObject({ notices: [], nextActionAt: wib('2026-12-07T08:00') });
  });
});

describe('the schedule of one case', () => {
  it('archives at the end of day 1 and sends the RT chair the verification card', () => {
    expect(decide(base, day1, cal)).toEqual({
      event: 'archive',
      notices: [
        { notice: 'day2_started', key: `c1:day2_started:${t0}:0` },
        { notice: 'verification_card', key: `c1:verification_card:${t0}:0` },
      ],
      remindersSent: 1,
      // The next nudge: Tuesday's first reminder slot, not 20:00 on Monday.
      nextActionAt: Date.parse('2026-12-01T09:00:00+07:00'),
    });
  });

  it('waits until day 1 is over', () => {
    expect(decide(base, day1 - 1, cal)).toMatchObject({ event: null, notices: [], nextActionAt: day1 });
  });

  it('reminds the RT chair in the 09:00 and 15:00 slots of day 2, never past its end, each key naming the date and slot', () => {
    const v = { ...base, state: 'verifying' as const, remindersSent: 1 };
    expect(decide(v, wib('2026-12-01T09:00'), cal)).toMatchObject({
      notices: [{ notice: 'remind_verification', key: 'c1:remind_verification:2026-12-01:0900' }], remindersSent: 2, nextActionAt: wib('2026-12-01T15:00'),
    });
    // The 15:00 reminder is the last: day 2 ends at 16:00, before the next slot.
    expect(decide({ ...v, remindersSent: 2 }, wib('2026-12-01T15:00'), cal)).toMatchObject({
      notices: [{ key: 'c1:remind_verification:2026-12-01:1500' }], nextActionAt: day2,
    });
    // A tick that comes late in a slot still sends, under the slot's key.
    expect(decide(v, wib('2026-12-01T10:30'), cal).notices).toEqual([{ notice: 'remind_verification', key: 'c1:remind_verification:2026-12-01:0900' }]);
    // Between slots (a reschedule, the cron far behind), it waits for the next slot.
    expect(decide(v, wib('2026-12-01T12:30'), cal)).toMatchObject({ notices: [], remindersSent: 1, nextActionAt: wib('2026-12-01T15:00') });
    expect(decide(v, wib('2026-12-01T06:00'), cal)).toMatchObject({ notices: [], nextActionAt: wib('2026-12-01T09:00') });
  });

  it('after a revision sends the card again at once by day, under keys of a new round, and the next reminder at least four hours later', () => {
    const resubmitted = { ...base, state: 'verifying' as const, remindersSent: 0, updatedAt: wib('2026-12-01T11:00') };
    expect(decide(resubmitted, wib('2026-12-01T11:00'), cal)).toEqual({
      event: null, notices: [{ notice: 'verification_card', key: `c1:verification_card:${wib('2026-12-01T11:00')}:1` }], remindersSent: 1,
      nextActionAt: wib('2026-12-01T15:00'),
    });
    // Resent at 14:30: not a reminder ten minutes after the card, but none before day 2 ends.
    expect(decide({ ...resubmitted, updatedAt: wib('2026-12-01T14:30') }, wib('2026-12-01T14:30'), cal)).toMatchObject({ nextActionAt: day2 });
  });

  it('keeps the card of a photo resent at night for 07:00', () => {
    const late = { ...base, state: 'verifying' as const, remindersSent: 0, updatedAt: wib('2026-11-30T23:10'), day2DueAt: day3 };
    expect(decide(late, wib('2026-11-30T23:10'), cal)).toMatchObject({ notices: [], remindersSent: 0, nextActionAt: wib('2026-12-01T07:00') });
    expect(decide(late, wib('2026-12-01T07:00'), cal).notices.map((n) => n.notice)).toEqual(['verification_card']);
  });

  it('archives day 1 of a kelurahan that closes at 21:00 on time, but sends its card at 07:00', () => {
    const lateOffice = workingCalendar([], { closesAtMinute: 21 * 60 });
    const closes = wib('2026-11-30T21:00');
    const s = { ...base, day1DueAt: closes, day2DueAt: wib('2026-12-01T21:00') };
    expect(decide(s, closes, lateOffice)).toEqual({
      event: 'archive', notices: [{ notice: 'day2_started', key: `c1:day2_started:${t0}:0` }], remindersSent: 0, nextActionAt: wib('2026-12-01T07:00'),
    });
  });

  it('escalates a late verification to staff once, then waits for day 3', () => {
    const v = { ...base, state: 'verifying' as const, remindersSent: 3 };
    expect(decide(v, day2, cal)).toEqual({ event: null, notices: [{ notice: 'escalate_verification', key: `c1:escalate_verification:${day2}` }], remindersSent: 3, nextActionAt: day3 });
    // Past day 3 it is not picked up again every tick; after closing, only once the office opens.
    expect(decide(v, day3, cal)).toMatchObject({ nextActionAt: null });
    expect(decide(v, day3 + H, cal)).toMatchObject({ notices: [], nextActionAt: wib('2026-12-03T08:00') });
  });

  it('does not remind while neighbours are being asked, but still escalates lateness', () => {
    // Asked Tuesday 09:00.
    const n = { ...base, state: 'neighbour_check' as const, updatedAt: day2 - 7 * H };
    expect(decide(n, day2 - 6 * H, cal)).toMatchObject({ notices: [], nextActionAt: day2 });
    expect(decide(n, day2, cal).notices.map((x) => x.notice)).toEqual(['escalate_verification']);
  });

  it('escalates one day 2 once, though neighbours answered and the case went back to verifying meanwhile', () => {
    const asked = { ...base, state: 'neighbour_check' as const, updatedAt: day2 - 7 * H };
    const answered = { ...base, state: 'verifying' as const, updatedAt: day2 + 30 * 60_000, remindersSent: 3 };
    const keys = [decide(asked, day2, cal), decide(answered, day2 + H / 2, cal)].map((d) => d.notices.find((x) => x.notice === 'escalate_verification')?.key);
    expect(keys[0]).toBeDefined();
    expect(keys[1]).toBe(keys[0]);
  });

  it('tells the chair at closing time of the next working day after the neighbours were asked', () => {
    // Asked Tuesday 09:00: until Wednesday 16:00 (day 3 ends then too).
    const tuesday = Date.parse('2026-12-01T09:00:00+07:00');
    const n = { ...base, state: 'neighbour_check' as const, updatedAt: tuesday };
    // Day 2 ran out after office hours: staff hear of it when the office opens on Wednesday.
    const wednesday8 = Date.parse('2026-12-02T08:00:00+07:00');
    expect(decide(n, day2 + H, cal)).toMatchObject({ notices: [], nextActionAt: wednesday8 });
    expect(decide(n, wednesday8, cal)).toMatchObject({ notices: [{ notice: 'escalate_verification' }], nextActionAt: day3 });
    expect(decide(n, day3, cal).notices).toContainEqual({ notice: 'neighbours_silent', key: `c1:neighbours_silent:${tuesday}:0` });
    // Asked on a Friday: the weekend does not count.
    const friday = Date.parse('2026-12-04T11:00:00+07:00');
    expect(neighbourDeadline(friday, cal)).toBe(Date.parse('2026-12-07T16:00:00+07:00'));
  });

  it('escalates day 3 passing without output documents, then every working day at opening until the case moves', () => {
    const at = (iso: string) => Date.parse(`${iso}:00+07:00`);
    expect(decide({ ...base, state: 'processing' }, day3 - 1, cal)).toMatchObject({ notices: [], nextActionAt: day3 });
    // Wednesday 2 December, 16:00: day 3 closes.
    expect(decide({ ...base, state: 'processing' }, day3, cal)).toEqual({
      event: null,
      notices: [
        { notice: 'escalate_late', key: 'c1:escalate_late:2026-12-02', lateDays: 0 },
        { notice: 'resident_late', key: `c1:resident_late:${t0}` },
      ],
      remindersSent: 1,
      nextActionAt: at('2026-12-03T08:00'),
    });
    // The resident has been told (remindersSent 1): from here on only staff hear of it.
    const p = { ...base, state: 'processing' as const, remindersSent: 1 };
    expect(decide(p, at('2026-12-03T08:00'), cal)).toMatchObject({
      notices: [{ key: 'c1:escalate_late:2026-12-03', lateDays: 1 }], nextActionAt: at('2026-12-04T08:00'),
    });
    // However many ticks look on one day, the day's key is the same: it is sent once.
    expect(decide(p, at('2026-12-03T13:15'), cal).notices).toEqual([{ notice: 'escalate_late', key: 'c1:escalate_late:2026-12-03', lateDays: 1 }]);
    // Friday's next is Monday; a holiday on Monday is skipped and not counted.
    expect(decide(p, at('2026-12-04T08:00'), cal)).toMatchObject({ notices: [{ lateDays: 2 }], nextActionAt: at('2026-12-07T08:00') });
    const mondayOff = workingCalendar(['2026-12-07']);
    expect(decide(p, at('2026-12-04T08:00'), mondayOff)).toMatchObject({ nextActionAt: at('2026-12-08T08:00') });
    expect(decide(p, at('2026-12-08T08:00'), mondayOff).notices).toEqual([{ notice: 'escalate_late', key: 'c1:escalate_late:2026-12-08', lateDays: 3 }]);
    // A tick on a closed day, or before opening (the cron catching up), waits for office hours.
    expect(decide(p, at('2026-12-05T10:00'), cal)).toMatchObject({ notices: [], nextActionAt: at('2026-12-07T08:00') });
    expect(decide(p, at('2026-12-07T06:00'), mondayOff)).toMatchObject({ notices: [], nextActionAt: at('2026-12-08T08:00') });
    expect(decide(p, at('2026-12-03T06:00'), cal)).toMatchObject({ notices: [], nextActionAt: at('2026-12-03T08:00') });
    // Once it moves on (ready), nothing more.
    expect(decide({ ...p, state: 'ready' }, at('2026-12-04T08:00'), cal)).toMatchObject({ notices: [], nextActionAt: null });
  });

  it('tells the resident once, with the first escalation, even when the cron first sees the case days late', () => {
    const p = { ...base, state: 'processing' as const };
    const friday = Date.parse('2026-12-04T08:00:00+07:00');
    const first = decide(p, friday, cal);
    expect(first).toMatchObject({ remindersSent: 1, notices: [{ notice: 'escalate_late', lateDays: 2 }, { notice: 'resident_late', key: `c1:resident_late:${t0}` }] });
    expect(decide({ ...p, remindersSent: first.remindersSent }, friday + 3 * 24 * H, cal).notices.map((n) => n.notice)).toEqual(['escalate_late']);
    // Played over a week, ticks and all: one apology, on Wednesday at 16:00, and staff every working day.
    expect(play(p, day3, Date.parse('2026-12-08T12:00:00+07:00'))).toEqual([
      ['Wed 16:00', 'escalate_late'],
      ['Wed 16:00', 'resident_late'],
      ['Thu 08:00', 'escalate_late'],
      ['Fri 08:00', 'escalate_late'],
      ['Mon 08:00', 'escalate_late'],
      ['Tue 08:00', 'escalate_late'],
    ]);
  });

  it("reads the day and the opening hour in the kelurahan's own time", () => {
    // WITA (UTC+8), opening 07:30: day 3 closed Wednesday 16:00 WITA.
    const wita = workingCalendar([], { utcOffsetMinutes: 480, opensAtMinute: 450, closesAtMinute: 960 });
    const closes = Date.parse('2026-12-02T16:00:00+08:00');
    const p = { ...base, state: 'processing' as const, day3DueAt: closes };
    expect(decide(p, closes, wita)).toMatchObject({ notices: [{ key: 'c1:escalate_late:2026-12-02' }, { notice: 'resident_late' }], nextActionAt: Date.parse('2026-12-03T07:30:00+08:00') });
  });

  it('waits for the date Disdukcapil gave, tells staff once when it passes, and starts again on a new date', () => {
    const expected = Date.parse('2026-12-09T16:00:00+07:00');
    const handedAt = day3 - 2 * H;
    const d = { ...base, state: 'at_disdukcapil' as const, dueAt: expected, updatedAt: handedAt };
    expect(decide(d, day3, cal)).toMatchObject({ event: null, notices: [], nextActionAt: expected });
    expect(decide(d, expected, cal)).toEqual({
      event: null, notices: [{ notice: 'escalate_disdukcapil', key: `c1:escalate_disdukcapil:${handedAt}:0` }], remindersSent: 0, nextActionAt: null,
    });
    // Staff record Disdukcapil's new date: a new round, escalated again under its own key if missed.
    const moved = { ...d, dueAt: expected + 2 * 24 * H, updatedAt: expected + H };
    expect(decide(moved, moved.dueAt, cal).notices).toEqual([{ notice: 'escalate_disdukcapil', key: `c1:escalate_disdukcapil:${expected + H}:0` }]);
  });

  it('leaves a ready case alone: it waits for the resident or the courier', () => {
    expect(decide({ ...base, state: 'ready' as const }, day3 + 5 * 24 * H, cal)).toMatchObject({ event: null, notices: [], nextActionAt: null });
  });

  it('reminds the RT chair twice about a pengantar, then escalates, then stops', () => {
    const a = { ...base, state: 'awaiting_pengantar' as const, pengantarApproved: false };
    // Monday 10:00, in the 09:00 slot; the next at 15:00.
    expect(decide(a, t0, cal)).toMatchObject({ notices: [{ key: 'c1:remind_pengantar:2026-11-30:0900' }], remindersSent: 1, nextActionAt: wib('2026-11-30T15:00') });
    expect(decide({ ...a, remindersSent: 1 }, wib('2026-11-30T15:00'), cal)).toMatchObject({
      notices: [{ key: 'c1:remind_pengantar:2026-11-30:1500' }], nextActionAt: wib('2026-12-01T09:00'),
    });
    expect(decide({ ...a, remindersSent: 2 }, wib('2026-12-01T09:00'), cal)).toMatchObject({ notices: [{ notice: 'escalate_pengantar' }], remindersSent: 3, nextActionAt: null });
    expect(decide({ ...a, remindersSent: 3 }, t0, cal)).toMatchObject({ notices: [], nextActionAt: null });
  });

  it('abandons a draft untouched for a week', () => {
    const d = { ...base, state: 'draft' as const, pengantarApproved: true };
    expect(decide(d, t0 + DRAFT_TTL_MS - 1, cal)).toMatchObject({ event: null, nextActionAt: t0 + DRAFT_TTL_MS });
    expect(decide(d, t0 + DRAFT_TTL_MS, cal)).toMatchObject({ event: 'abandon', notices: [{ notice: 'draft_abandoned' }], nextActionAt: null });
  });

  it('reminds a resident about a revision at most twice, then tells the office once', () => {
    const r = { ...base, state: 'needs_revision' as const };
    expect(decide(r, day1, cal).notices.map((n) => n.key)).toEqual([`c1:remind_revision:${t0}:1`]);
    expect(decide({ ...r, remindersSent: 2 }, day1, cal)).toMatchObject({ notices: [{ notice: 'escalate_revision' }], remindersSent: 3, nextActionAt: null });
    expect(decide({ ...r, remindersSent: 3 }, day1, cal)).toMatchObject({ notices: [], nextActionAt: null });
  });

  it('escalates an unanswered complaint at its deadline', () => {
    const c = { ...base, kind: 'complaint' as const, state: 'open' as const };
    expect(decide(c, day3 - 1, cal)).toMatchObject({ notices: [], nextActionAt: day3 });
    expect(decide(c, day3, cal).notices.map((n) => n.notice)).toEqual(['escalate_complaint']);
  });

  it('closes an answered complaint when its time to reopen has come (the answer set that time)', () => {
    const c = { ...base, kind: 'complaint' as const, state: 'answered' as const };
    expect(decide(c, day3, cal)).toMatchObject({ event: 'close', nextActionAt: null });
    expect(decide(c, day3, cal).notices.map((n) => n.notice)).toEqual(['complaint_closed']);
  });
});
