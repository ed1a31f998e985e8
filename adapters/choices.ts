/**
 * Choices that work on every channel. Each message with choices also carries them as a numbered
 * list in its text, so that typing "2" or the label answers on a channel that cannot show
 * buttons, and on one that can but the person prefers typing.
 */
import type { ChannelCapabilities, Choice } from './channel';

/** "1. KTP\n2. Kartu Keluarga" */
export function numberedList(choices: readonly Choice[]): string {
  return choices.map((c, i) => `${i + 1}. ${c.label}`).join('\n');
}

const normalize = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N} ]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The choice a typed answer means: its number ("2", "2.", "no 2"), its exact label, or a label
 * that starts with what was typed when only one does ("kartu" for "Kartu Keluarga").
 */
export function matchChoice(text: string, choices: readonly Choice[]): Choice | null {
  const typed = normalize(text);
  if (!typed) return null;
  const number = /^(?:no |nomor |pilih )?(\d{1,2})$/.exec(typed);
  if (number) return choices[Number(number[1]) - 1] ?? null;
  const exact = choices.find((c) => normalize(c.label) === typed || (c.aliases ?? []).some((a) => normalize(a) === typed));
  if (exact) return exact;
  const prefixed = choices.filter((c) => normalize(c.label).startsWith(typed) || normalize(c.label).split(' ').includes(typed));
  return prefixed.length === 1 ? prefixed[0]! : null;
}

export type RenderedText =
  /** Reply buttons under the text (WhatsApp: at most 3; Telegram inline keyboard). */
  | { mode: 'buttons'; text: string; choices: Choice[] }
  /** A list picker (WhatsApp interactive list). */
  | { mode: 'list'; text: string; choices: Choice[] }
  /** Too many or too long for the channel: the choices become numbered lines of the text. */
  | { mode: 'numbered'; text: string };

/**
 * The richest form of `choices` the channel can show. Nothing is dropped or cut: what does not
 * fit as buttons or a list is written out as numbered lines, which `matchChoice` understands.
 */
export function renderChoices(caps: ChannelCapabilities, text: string, choices: readonly Choice[]): RenderedText {
  if (choices.length === 0) return { mode: 'numbered', text };
  const fits = (max: number) => choices.every((c) => [...c.label].length <= max);
  if (choices.length <= caps.maxButtons && fits(caps.maxButtonLabel)) return { mode: 'buttons', text, choices: [...choices] };
  if (choices.length <= caps.maxListRows && fits(caps.maxListLabel)) return { mode: 'list', text, choices: [...choices] };
  return { mode: 'numbered', text: `${text}\n\n${numberedList(choices)}` };
}
