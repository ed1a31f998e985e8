/**
 * The messages a desk decision sends, named by key and parameters rather than by text: each
 * person reads them in their own language, rendered when the outbox row is written.
 */
import { choiceHint, t, type Locale, type MessageKey, type MessageParams } from '../messages';

export type Recipient = 'applicant' | 'helper' | 'rt_chair';

/**
 * The keys a desk decision may send: the desk's own, day 1's "received" that the cron sends too,
 * and the satisfaction survey's invitation that follows the hand-over.
 */
export type DeskMessageKey = Extract<MessageKey, `desk.${string}`> | 'resident.day2' | 'skm.invite';

/** A button under the message; the label is a fixed text of the catalogue. */
export interface DeskChoice {
  id: string;
  label: Extract<MessageKey, 'desk.complaint_reopen' | 'desk.complaint_done' | 'skm.yes' | 'skm.later' | 'skm.no'>;
}

export type DeskMessage = {
  [K in DeskMessageKey]: { to: Recipient; key: K; params: MessageParams<K>; choices?: DeskChoice[] };
}[DeskMessageKey];

/** The text (and buttons) of a desk message in `locale`, shaped like an outbound text message. */
export function renderDeskMessage(
  m: DeskMessage,
  locale: Locale,
): { kind: 'text'; text: string; choices?: { id: string; label: string }[]; hint?: { tap: string; type: string } } {
  const text = (t as (l: Locale, k: MessageKey, p?: unknown) => string)(locale, m.key, m.params);
  if (!m.choices) return { kind: 'text', text };
  return { kind: 'text', text, choices: m.choices.map((c) => ({ id: c.id, label: t(locale, c.label) })), hint: choiceHint(locale) };
}

