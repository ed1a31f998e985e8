/**
 * Turns a Telegram Bot API Update into the channel port's InboundEvent, or says why it is left
 * alone. Never throws: whatever Telegram adds later becomes "ignored" or "unsupported", so the
 * webhook still answers 200 and Telegram does not retry it forever.
 * Reference: https://core.telegram.org/bots/api#update and #message
 */
import type { Message, Update, User } from 'grammy/types';
import type { InboundBody, InboundEvent, Sender, UnsupportedKind } from '../channel';

export type IgnoredReason =
  | 'not_private' // groups, supergroups, channels: Loket serves people one to one
  | 'from_bot'
  | 'member_update' // my_chat_member / chat_member: blocking or restarting the bot
  | 'inline_query'
  | 'inline_message' // a button on a message sent via inline mode: no chat to answer in
  | 'service' // pins, auto-delete timer and other messages nobody typed
  | 'unreadable'
  | 'other_update';

export type ParsedUpdate =
  | {
      kind: 'event';
      event: InboundEvent;
      /** Set for a button press: Telegram shows a spinner until answerCallbackQuery is called. */
      callbackQueryId?: string;
    }
  /** An edit of an earlier message: the caller decides between a polite note and a late answer. */
  | { kind: 'edited'; event: InboundEvent; telegramMessageId: number; editedAt: number }
  | { kind: 'ignored'; reason: IgnoredReason; messageId: string | null; callbackQueryId?: string };

/**
 * The dedupe key of an update. Prefixed so it can never share a row with a WhatsApp message id,
 * and scoped by bot: update ids are a bot's own sequence, a new token starts another, and after a
 * week without updates Telegram picks the next one at random (#getupdates), so an id alone may
 * come back.
 */
export const telegramMessageId = (updateId: number, botId?: string | null): string => (botId ? `tg:${botId}:${updateId}` : `tg:${updateId}`);

/** `botId`: the bot the update was sent to (adapters/telegram/bot-id.ts), for the dedupe key. */
export function parseUpdate(update: Update, now: number = Date.now(), botId?: string | null): ParsedUpdate {
  const id = typeof update?.update_id === 'number' ? telegramMessageId(update.update_id, botId) : null;
  const ignored = (reason: IgnoredReason, callbackQueryId?: string): ParsedUpdate => ({
    kind: 'ignored', reason, messageId: id, ...(callbackQueryId ? { callbackQueryId } : {}),
  });
  if (!id) return ignored('unreadable');
  try {
    if (update.message) return fromMessage(update.message, id, ignored, now);
    if (update.edited_message) {
      const parsed = fromMessage(update.edited_message, id, ignored, now);
      if (parsed.kind !== 'event') return parsed;
      const m = update.edited_message;
      const { ref, ...event } = parsed.event;
      return { kind: 'edited', event: { ...event, editOf: ref! }, telegramMessageId: m.message_id, editedAt: msOf(m.edit_date ?? m.date, now) };
    }
    if (update.callback_query) {
      const q = update.callback_query;
      // The chat of the message carrying the buttons; a private chat's id is the user's id.
      const chat = q.message?.chat;
      if (!chat) return ignored('inline_message', q.id);
      if (chat.type !== 'private') return ignored('not_private', q.id);
      if (q.from.is_bot) return ignored('from_bot', q.id);
      if (!Number.isSafeInteger(chat.id)) return ignored('unreadable', q.id);
      if (typeof q.data !== 'string' || q.data.length === 0) return ignored('unreadable', q.id);
      // A press has no date of its own (the message's date is when the buttons were sent).
      return { kind: 'event', callbackQueryId: q.id, event: { kind: 'choice', choiceId: q.data, messageId: id, sender: senderOf(chat.id, q.from), at: now } };
    }
    if (update.channel_post || update.edited_channel_post) return ignored('not_private');
    if (update.my_chat_member || update.chat_member) return ignored('member_update');
    if (update.inline_query || update.chosen_inline_result) return ignored('inline_query');
    return ignored('other_update');
  } catch {
    return ignored('unreadable');
  }
}

type Ignore = (reason: IgnoredReason) => ParsedUpdate;

function fromMessage(m: Message, messageId: string, ignored: Ignore, now: number): ParsedUpdate {
  if (m.chat?.type !== 'private') return ignored('not_private');
  if (!m.from) return ignored('unreadable');
  if (m.from.is_bot) return ignored('from_bot');
  // The chat id is where the answer goes: anything but an integer would name no chat.
  if (!Number.isSafeInteger(m.chat.id)) return ignored('unreadable');
  const sender = senderOf(m.chat.id, m.from);
  const body = bodyOf(m, sender);
  if (!body) return ignored('service');
  const event = { ...body.body, messageId, sender: body.sender, at: msOf(m.date, now), ref: messageRef(m) } as InboundEvent;
  return { kind: 'event', event };
}

/** Telegram's Unix seconds; a date it did not give as a number is the moment the update came. */
const msOf = (seconds: unknown, now: number): number => (typeof seconds === 'number' && seconds > 0 && Number.isFinite(seconds * 1000) ? seconds * 1000 : now);

/** Message ids count per chat, so the chat is part of what names a message. */
const messageRef = (m: Message): string => `${m.chat.id}:${m.message_id}`;

function senderOf(chatId: number, from: User): Sender {
  const displayName = [from.first_name, from.last_name].map((s) => s?.trim()).filter(Boolean).join(' ');
  return { channel: 'telegram', externalId: String(chatId), ...(displayName ? { displayName } : {}) };
}

/**
 * Telegram gives a contact's number in international form, with or without "+": kept as E.164
 * digits (62... for Indonesia). A bot's own rules for local forms belong to the bot.
 */
function phoneOf(raw: string): string | null {
  const digits = raw.replace(/[\s\-().]/g, '').replace(/^\+/, '');
  return /^[1-9]\d{7,14}$/.test(digits) ? digits : null;
}

type Body = { body: InboundBody; sender: Sender };

// A field of the wrong type (Telegram's or a forger's) is left out rather than carried on to D1.
const textOf = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const sizeOf = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? { sizeBytes: v } : {});
const captionOf = (m: Message) => (textOf(m.caption) ? { caption: m.caption! } : {});

function bodyOf(m: Message, sender: Sender): Body | null {
  const unsupported = (what: UnsupportedKind): Body => ({ body: { kind: 'unsupported', what }, sender });
  if (typeof m.text === 'string') {
    const text = startCommand(m) ?? m.text;
    return text.trim() ? { body: { kind: 'text', text }, sender } : unsupported('other');
  }
  if (m.photo && m.photo.length > 0) {
    // Telegram sends every resolution it made; the largest is the one worth reading.
    const largest = m.photo.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
    const ref = textOf(largest.file_id);
    if (!ref) return unsupported('other');
    return {
      sender,
      body: {
        kind: 'media',
        media: { ref, mimeType: 'image/jpeg', ...sizeOf(largest.file_size), ...captionOf(m) },
      },
    };
  }
  // An animation (GIF) also carries `document` for old clients: it is not a paper anyone sends.
  if (m.animation) return unsupported('video');
  if (m.document) {
    const d = m.document;
    const ref = textOf(d.file_id);
    if (!ref) return unsupported('other');
    const filename = textOf(d.file_name);
    return {
      sender,
      body: {
        kind: 'media',
        media: {
          ref,
          mimeType: textOf(d.mime_type) ?? 'application/octet-stream',
          ...(filename ? { filename } : {}),
          ...sizeOf(d.file_size),
          ...captionOf(m),
        },
      },
    };
  }
  if (m.contact) {
    // Only a person's own card proves the number is theirs; a forwarded card is someone else's.
    const own = m.contact.user_id !== undefined && m.contact.user_id === m.from?.id;
    const phone = own ? phoneOf(m.contact.phone_number) : null;
    if (!phone) return unsupported('contact');
    return { sender, body: { kind: 'phone', phone } };
  }
  if (m.voice) return unsupported('voice');
  if (m.audio) return unsupported('audio');
  if (m.video || m.video_note) return unsupported('video');
  if (m.sticker) return unsupported('sticker');
  if (m.location || m.venue) return unsupported('location');
  if (m.poll || m.dice || m.game || m.story || m.invoice || m.paid_media) return unsupported('other');
  return null;
}

/**
 * "/start CODE" as the invitation step reads it, whether the client marked the command with a
 * bot_command entity or not, and with "@LoketBot" (groups' form, also typed by hand) dropped.
 */
function startCommand(m: Message): string | null {
  const m2 = /^\/start(?:@\w+)?(?:\s+(\S+))?\s*$/i.exec(m.text!.trim());
  if (!m2) return null;
  return m2[1] ? `/start ${m2[1]}` : '/start';
}
