/**
 * The weekly posyandu schedule, with a reminder the day before at 07:00 WIB. Pure: time comes in
 * the context, the reminder leaves as a `later` effect the store keeps until its moment.
 */
import type { OutboundMessage } from '../../adapters/channel';
import { matchChoice, matchLabel } from '../../adapters/match-choice';
import type { PlainBot, PlainContext, PlainEffect } from '../../src/framework/plain-bot';

export interface PosyanduState {
  reminder: { at: number; session: string } | null;
  /** The last message offered "Ingatkan saya": only then does a typed "1" or "ingat" pick it. */
  offered?: boolean;
}

/** Day 0 is Sunday. */
export const SESSIONS = [
  { day: 2, name: 'Posyandu Melati', place: 'Balai RW 01', hours: '08.00–11.00', ends: 11 * 60 },
  { day: 3, name: 'Posyandu Mawar', place: 'Musala Al-Ikhlas RW 03', hours: '08.30–11.30', ends: 11 * 60 + 30 },
  { day: 5, name: 'Posyandu Anggrek', place: 'rumah Bu RT 02 RW 05', hours: '09.00–12.00', ends: 12 * 60 },
];

const WIB = 7 * 3600_000; // UTC+7, no daylight saving
const DAY = 24 * 3600_000;
const DAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];
const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const REMIND = { id: 'ingat', label: 'Ingatkan saya', aliases: ['ingat', 'ingatkan'] };
const KEY = 'pengingat';

const local = (t: number) => new Date(t + WIB);
const dateLabel = (t: number) => `${DAYS[local(t).getUTCDay()]}, ${local(t).getUTCDate()} ${MONTHS[local(t).getUTCMonth()]}`;
/** The sessions of the `days` days from today (WIB), each with the midnight that starts its day. */
function upcoming(now: number, days: number) {
  const today = Math.floor((now + WIB) / DAY) * DAY - WIB;
  return Array.from({ length: days }, (_, i) => today + i * DAY).flatMap((start) =>
    // Today's session is left out once it is over.
    SESSIONS.filter((s) => s.day === local(start).getUTCDay() && start + s.ends * 60_000 > now).map((s) => ({ ...s, start })),
  );
}

const text = (t: string, withChoice = false): OutboundMessage => ({ kind: 'text', text: t, ...(withChoice ? { choices: [REMIND] } : {}) });

function schedule(ctx: PlainContext): OutboundMessage {
  const lines = upcoming(ctx.now, 7).map((s) => `• ${dateLabel(s.start)}: ${s.name}, ${s.place}, pukul ${s.hours} WIB.`);
  const hello = ctx.firstTime ? 'Halo! Ini jadwal posyandu.\n\n' : '';
  return text(`${hello}Jadwal posyandu 7 hari ke depan:\n${lines.join('\n')}\n\nMau diingatkan sehari sebelumnya?`, true);
}

function remind(ctx: PlainContext): { state: PosyanduState; replies: OutboundMessage[]; effects: PlainEffect[] } {
  // The first session whose reminder (07:00 WIB the day before) is still to come.
  const next = upcoming(ctx.now, 14).find((s) => s.start - DAY + 7 * 3600_000 > ctx.now)!;
  const at = next.start - DAY + 7 * 3600_000;
  const message = text(`Pengingat: besok ${dateLabel(next.start)} ada ${next.name} di ${next.place}, pukul ${next.hours} WIB. Jangan lupa bawa buku KIA.`);
  return {
    state: { reminder: { at, session: next.name } },
    replies: [text(`Baik. Kami ingatkan ${dateLabel(at)}, pukul 07.00 WIB, untuk ${next.name}. Ketik "batal" untuk membatalkan.`)],
    effects: [{ type: 'later', at, key: KEY, message }],
  };
}

export const posyanduBot: PlainBot<PosyanduState> = {
  name: 'posyandu',
  turn(previous, event, ctx) {
    const state = previous ?? { reminder: null };
    const typed = event.kind === 'text' ? event.text.trim().toLowerCase() : '';
    // Pressed; typed as its label or alias; or, right after it was offered, as its number or a word of it.
    const typedChoice = event.kind === 'text' && (state.offered ? matchChoice(event.text, [REMIND]) : matchLabel(event.text, [REMIND])) !== null;
    const picked = event.kind === 'choice' ? event.choiceId === REMIND.id : typedChoice;
    if (picked) return remind(ctx);
    if (typed === 'batal') {
      if (!state.reminder || state.reminder.at <= ctx.now) return { state: { reminder: null, offered: true }, replies: [text('Belum ada pengingat yang bisa dibatalkan.', true)], effects: [] };
      return { state: { reminder: null }, replies: [text('Pengingat sudah dibatalkan.')], effects: [{ type: 'cancel', key: KEY }] };
    }
    // A button of an older message that means nothing now: the schedule again, and Telegram says so.
    return { state: { ...state, offered: true }, replies: [schedule(ctx)], effects: [], ...(event.kind === 'choice' ? { refused: true } : {}) };
  },
};
