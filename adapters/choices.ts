/**
 * Choices shown on every channel: buttons, a list, or numbered lines of the text when neither
 * fits. What a typed answer means is the dialogue's to decide (adapters/match-choice.ts).
 */
import type { ChannelCapabilities, Choice, ChoiceHint } from './channel';

/** "1. KTP\n2. Kartu Keluarga" */
export function numberedList(choices: readonly Choice[]): string {
  return choices.map((c, i) => `${i + 1}. ${c.label}`).join('\n');
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
 * fit as buttons or a list is written out as numbered lines, which the dialogue's matcher
 * (adapters/match-choice.ts) understands by number or label. The hint, if any, ends the text in
 * the form that fits: tap under buttons and lists, the number after numbered lines.
 */
export function renderChoices(caps: ChannelCapabilities, text: string, choices: readonly Choice[], hint?: ChoiceHint): RenderedText {
  if (choices.length === 0) return { mode: 'numbered', text };
  const fits = (max: number) => choices.every((c) => [...c.label].length <= max);
  const tapText = hint ? `${text}\n\n${hint.tap}` : text;
  if (choices.length <= caps.maxButtons && fits(caps.maxButtonLabel)) return { mode: 'buttons', text: tapText, choices: [...choices] };
  if (choices.length <= caps.maxListRows && fits(caps.maxListLabel)) return { mode: 'list', text: tapText, choices: [...choices] };
  return { mode: 'numbered', text: `${text}\n\n${numberedList(choices)}${hint ? `\n\n${hint.type}` : ''}` };
}
