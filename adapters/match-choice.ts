/**
 * What a typed answer means among the choices a question offered. Every message with choices also
 * carries them as numbered lines or buttons (adapters render them), so typing "2" or the label
 * answers on a channel that cannot show buttons, and on one that can but the person prefers typing.
 */
import type { Choice } from './channel';

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

/**
 * The choice whose label or alias is exactly what was typed (case, accents and punctuation
 * aside): for words that act without a question on screen, where "b" or "2" must not be enough.
 */
export function matchLabel(text: string, choices: readonly Choice[]): Choice | null {
  const typed = normalize(text);
  if (!typed) return null;
  return choices.find((c) => [c.label, ...(c.aliases ?? [])].some((a) => normalize(a) === typed)) ?? null;
}
