/**
 * The posyandu example's bot on its own: pure, so each turn is a function of the state, the
 * event and the context. Dates are those of late 2026 (Monday 30 November).
 */
import { describe, expect, it } from 'vitest';
import type { InboundEvent, OutboundMessage } from '../../adapters/channel';
import type { PlainContext } from '../../src/framework/plain-bot';
import { posyanduBot, type PosyanduState } from '../../examples/posyandu/bot';

const wib = (local: string) => Date.parse(`${local}+07:00`);
const MONDAY_10 = wib('2026-11-30T10:00:00');

const sender = { channel: 'simulator' as const, externalId: '628111000009' };
const say = (text: string): InboundEvent => ({ kind: 'text', text, messageId: `m-${text}`, sender, at: 0 });
const press = (choiceId: string): InboundEvent => ({ kind: 'choice', choiceId, messageId: `p-${choiceId}`, sender, at: 0 });
const ctx = (now: number, firstTime = false): PlainContext => ({ now, channel: 'simulator', externalId: sender.externalId, firstTime });
const textOf = (m: OutboundMessage | undefined) => (m?.kind === 'text' ? m.text : '');

describe('the posyandu bot', () => {
  it('greets a first-timer with the coming week and offers a reminder', () => {
    const turn = posyanduBot.turn(null, say('halo'), ctx(MONDAY_10, true));
    const reply = turn.replies[0]!;
    expect(turn.replies).toHaveLength(1);
    expect(textOf(reply)).toMatch(/^Halo!/);
    expect(textOf(reply)).toContain('Selasa, 1 Desember: Posyandu Melati');
    expect(textOf(reply)).toContain('Rabu, 2 Desember: Posyandu Mawar');
    expect(textOf(reply)).toContain('Jumat, 4 Desember: Posyandu Anggrek');
    expect(reply.kind === 'text' && reply.choices?.map((c) => c.label)).toEqual(['Ingatkan saya']);
    expect(turn.effects).toEqual([]);
    expect(turn.state).toEqual({ reminder: null, offered: true });
  });

  it('does not greet someone it knows', () => {
    expect(textOf(posyanduBot.turn({ reminder: null }, say('jadwal'), ctx(MONDAY_10)).replies[0])).toMatch(/^Jadwal posyandu/);
  });

  it('counts days in WIB: just after midnight it is already the next day', () => {
    // Wednesday 00:30 WIB is still Tuesday in UTC.
    const reply = textOf(posyanduBot.turn(null, say('jadwal'), ctx(wib('2026-12-02T00:30:00'))).replies[0]);
    expect(reply).not.toContain('Selasa, 1 Desember');
    expect(reply).toContain('Selasa, 8 Desember');
  });

  it('reminds at 07:00 WIB the day before the next session it can still remind of', () => {
    const turn = posyanduBot.turn({ reminder: null }, press('ingat'), ctx(MONDAY_10));
    // Tuesday's reminder (Monday 07:00) has passed: Wednesday's session, reminded on Tuesday.
    const at = wib('2026-12-01T07:00:00');
    expect(turn.effects).toEqual([{ type: 'later', at, key: 'pengingat', message: { kind: 'text', text: expect.stringContaining('besok Rabu, 2 Desember ada Posyandu Mawar') } }]);
    expect(textOf(turn.replies[0])).toContain('Kami ingatkan Selasa, 1 Desember, pukul 07.00 WIB');
    expect(turn.state).toEqual({ reminder: { at, session: 'Posyandu Mawar' } });
  });

  it('takes the very next session while its reminder is still to come, and not at the minute itself', () => {
    const early = posyanduBot.turn(null, press('ingat'), ctx(wib('2026-11-30T06:59:00')));
    expect(early.effects[0]).toMatchObject({ type: 'later', at: wib('2026-11-30T07:00:00') });
    const onTheMinute = posyanduBot.turn(null, press('ingat'), ctx(wib('2026-11-30T07:00:00')));
    expect(onTheMinute.effects[0]).toMatchObject({ type: 'later', at: wib('2026-12-01T07:00:00') });
  });

  it('understands the choice typed, as a channel without buttons sends it', () => {
    expect(posyanduBot.turn(null, say('Ingatkan'), ctx(MONDAY_10)).effects).toEqual(posyanduBot.turn(null, press('ingat'), ctx(MONDAY_10)).effects);
  });

  it('cancels a reminder still to come', () => {
    const state: PosyanduState = { reminder: { at: wib('2026-12-01T07:00:00'), session: 'Posyandu Mawar' } };
    const turn = posyanduBot.turn(state, say('batal'), ctx(MONDAY_10));
    expect(turn.effects).toEqual([{ type: 'cancel', key: 'pengingat' }]);
    expect(turn.state).toEqual({ reminder: null });
    expect(textOf(turn.replies[0])).toBe('Pengingat sudah dibatalkan.');
  });

  it('says there is nothing to cancel when no reminder waits, or it has gone', () => {
    const gone: PosyanduState = { reminder: { at: wib('2026-11-30T07:00:00'), session: 'Posyandu Melati' } };
    for (const state of [null, { reminder: null }, gone]) {
      const turn = posyanduBot.turn(state, say('batal'), ctx(MONDAY_10));
      expect(turn.effects).toEqual([]);
      expect(textOf(turn.replies[0])).toMatch(/^Belum ada pengingat/);
    }
  });

  it('refuses a button it does not know, and shows the schedule again', () => {
    const turn = posyanduBot.turn({ reminder: null }, press('lama:123'), ctx(MONDAY_10));
    expect(turn.refused).toBe(true);
    expect(textOf(turn.replies[0])).toMatch(/^Jadwal posyandu/);
    expect(turn.effects).toEqual([]);
  });

  it('takes the reminder choice typed as its number or a word of it right after offering it, and by its label at any time', () => {
    const offered = posyanduBot.turn(null, say('jadwal'), ctx(MONDAY_10)).state;
    for (const typed of ['1', 'Ingatkan saya', 'ingatkan', 'ingat']) {
      expect(posyanduBot.turn(offered, say(typed), ctx(MONDAY_10)).effects.map((e) => e.type), typed).toEqual(['later']);
    }
    expect(posyanduBot.turn(offered, say('2'), ctx(MONDAY_10)).effects).toEqual([]);
    // A first message of "1" or "saya" sets nothing: no question was on the screen.
    for (const typed of ['1', 'saya']) expect(posyanduBot.turn(null, say(typed), ctx(MONDAY_10)).effects, typed).toEqual([]);
    expect(posyanduBot.turn(null, say('Ingatkan saya'), ctx(MONDAY_10)).effects.map((e) => e.type)).toEqual(['later']);
  });

  it("leaves today's session out of the schedule once it is over", () => {
    const during = textOf(posyanduBot.turn(null, say('jadwal'), ctx(wib('2026-12-02T10:00:00'))).replies[0]);
    const after = textOf(posyanduBot.turn(null, say('jadwal'), ctx(wib('2026-12-02T21:00:00'))).replies[0]);
    expect(during).toContain('Rabu, 2 Desember: Posyandu Mawar');
    expect(after).not.toContain('Rabu, 2 Desember');
    expect(after).toContain('Jumat, 4 Desember: Posyandu Anggrek');
  });
});
