/**
 * Channel-neutral outbound messages as the Bot API calls that carry them: text (split above 4096
 * characters, buttons on the last part), choices as an inline keyboard, documents and photos
 * from R2 with their caption. Pure data: the sender makes the calls and reads the files.
 *
 * No parse_mode is ever set. Loket's texts carry no formatting, and without a parse mode Telegram
 * shows the text exactly as given, so a name or answer a resident typed ("<b>", "*_[x](y)") can
 * neither be taken as markup nor make Telegram refuse the whole message with "can't parse
 * entities". HTML with escaping would also be safe, but one missed escape would lose a message
 * and nothing shown needs bold or links.
 */
import type { InlineKeyboardButton, ReplyKeyboardMarkup, ReplyKeyboardRemove } from 'grammy/types';
import type { Choice, ChoiceHint, OutboundMessage } from '../channel';
import { renderChoices } from '../choices';
import { RejectedMessageError } from '../ports';
import { splitText } from '../split-text';
import { MAX_CALLBACK_DATA_BYTES, MAX_CAPTION, MAX_TEXT, TELEGRAM_CAPABILITIES } from './limits';

type ChatId = string;
type CallbackButton = InlineKeyboardButton.CallbackButton;

export type TgCall =
  | {
      method: 'sendMessage';
      params: {
        chat_id: ChatId;
        text: string;
        /** Like WhatsApp's preview_url: false; a link a resident typed is not unfurled for staff. */
        link_preview_options: { is_disabled: true };
        reply_markup?: { inline_keyboard: CallbackButton[][] } | ReplyKeyboardMarkup | ReplyKeyboardRemove;
      };
    }
  | { method: 'sendDocument'; params: { chat_id: ChatId; caption?: string }; file: { r2Key: string; filename: string; mimeType: string } }
  | { method: 'sendPhoto'; params: { chat_id: ChatId; caption?: string }; file: { r2Key: string; mimeType: string } };

/**
 * A choice id that cannot be callback_data. The channel port promises ids of at most 64 bytes
 * (adapters/channel.ts); cutting one would make the button name other state or none, so the
 * message is refused loudly instead: this is a bug in whoever built the choice.
 */
export class CallbackDataError extends RejectedMessageError {
  constructor(readonly choiceId: string, readonly bytes: number) {
    super(0, `choice id of ${bytes} bytes cannot be Telegram callback_data (1-${MAX_CALLBACK_DATA_BYTES} bytes): ${choiceId.slice(0, 80)}`);
    this.name = 'CallbackDataError';
  }
}

const utf8 = new TextEncoder();

function callbackData(id: string): string {
  const bytes = utf8.encode(id).length;
  if (bytes < 1 || bytes > MAX_CALLBACK_DATA_BYTES) throw new CallbackDataError(id, bytes);
  return id;
}

/** Labels this short sit two to a row ("Ya" | "Tidak"); longer ones get a row each so none is cut. */
const SHORT_LABEL = 14;

export function inlineKeyboard(choices: readonly Choice[]): CallbackButton[][] {
  const buttons = choices.map((c) => ({ text: c.label, callback_data: callbackData(c.id) }));
  const perRow = choices.every((c) => [...c.label].length <= SHORT_LABEL) ? 2 : 1;
  const rows: CallbackButton[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) rows.push(buttons.slice(i, i + perRow));
  return rows;
}

type Markup = NonNullable<Extract<TgCall, { method: 'sendMessage' }>['params']['reply_markup']>;

const message = (chatId: ChatId, text: string, markup?: Markup): TgCall => ({
  method: 'sendMessage',
  params: { chat_id: chatId, text, link_preview_options: { is_disabled: true }, ...(markup ? { reply_markup: markup } : {}) },
});

/**
 * The one button that shares the person's own number. One-time, so it folds away as soon as it
 * is pressed; the dialogue's thanks for the number also removes it (removeKeyboard), since a
 * folded keyboard can still be reopened and pressed again.
 */
export function sharePhoneKeyboard(label: string): ReplyKeyboardMarkup {
  return { keyboard: [[{ text: label, request_contact: true }]], one_time_keyboard: true, resize_keyboard: true };
}

/** How a text message wants the reply keyboard changed, if at all. */
function replyKeyboard(m: { askPhone?: { label: string }; removeKeyboard?: true }): ReplyKeyboardMarkup | ReplyKeyboardRemove | null {
  if (m.askPhone) return sharePhoneKeyboard(m.askPhone.label);
  if (m.removeKeyboard) return { remove_keyboard: true };
  return null;
}

/**
 * The sendMessage calls for one outbound text; the keyboard rides on the last part. A message
 * carries one reply_markup: when it must show or remove the share-my-number keyboard, its
 * choices are written as numbered lines (typing the number or the label still answers them)
 * rather than dropping the keyboard the dialogue is waiting on.
 */
export function renderText(
  chatId: ChatId, text: string, choices: readonly Choice[] = [], keyboard: { askPhone?: { label: string }; removeKeyboard?: true; hint?: ChoiceHint } = {},
): TgCall[] {
  // Every id is checked, even when the choices end up as numbered lines: a broken promise is a
  // bug whichever way this message happens to be shown.
  for (const c of choices) callbackData(c.id);
  const reply = replyKeyboard(keyboard);
  const r = renderChoices(reply ? { ...TELEGRAM_CAPABILITIES, maxButtons: 0, maxListRows: 0 } : TELEGRAM_CAPABILITIES, text, choices, keyboard.hint);
  const parts = splitText(r.text, MAX_TEXT);
  const markup: Markup | undefined = reply ?? (r.mode === 'numbered' ? undefined : { inline_keyboard: inlineKeyboard(r.choices) });
  return parts.map((p, i) => message(chatId, p, i === parts.length - 1 ? markup : undefined));
}

/**
 * A document or photo from R2. A caption over 1024 characters does not fit under the file: it
 * goes first as text, whole, and the file follows without one.
 */
export function renderMedia(chatId: ChatId, m: Extract<OutboundMessage, { kind: 'document' | 'image' }>): TgCall[] {
  const caption = m.caption?.trim() ?? '';
  const fits = caption.length <= MAX_CAPTION;
  const before = caption && !fits ? splitText(caption, MAX_TEXT).map((p) => message(chatId, p)) : [];
  const params = { chat_id: chatId, ...(caption && fits ? { caption } : {}) };
  const file: TgCall =
    m.kind === 'document'
      ? { method: 'sendDocument', params, file: { r2Key: m.r2Key, filename: m.filename, mimeType: m.mimeType } }
      : { method: 'sendPhoto', params, file: { r2Key: m.r2Key, mimeType: m.mimeType } };
  return [...before, file];
}

/** Every call for one outbox message, in order; the sender skips the first `partsSent`. */
export function render(chatId: ChatId, m: OutboundMessage): TgCall[] {
  return m.kind === 'text' ? renderText(chatId, m.text, m.choices ?? [], m) : renderMedia(chatId, m);
}
