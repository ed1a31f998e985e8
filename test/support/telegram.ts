/**
 * Telegram test kit: updates shaped like the fixtures in test/telegram/fixtures (the Bot API's
 * Update, Message and CallbackQuery objects), posted to the webhook with the secret Telegram
 * echoes, and what Loket answered read back from the outbox (the sender is not needed for that).
 */
import { env } from 'cloudflare:test';
import type { OutboundMessage } from '../../adapters/channel';
import { SECRET_HEADER } from '../../adapters/telegram/secret';
import { createApp } from '../../src/app';
import { testEnv } from './simulator';

const app = createApp();

export interface TgUser {
  id: number;
  first_name: string;
  last_name?: string;
}

export const SITI_TG: TgUser = { id: 700000001, first_name: 'Siti', last_name: 'Aminah' };

let updateSeq = 520000000;
let messageSeq = 100;
const nowSeconds = () => Math.floor(Date.now() / 1000);
const fromOf = (u: TgUser) => ({ ...u, is_bot: false, language_code: 'id' });
const privateChat = (u: TgUser) => ({ id: u.id, first_name: u.first_name, ...(u.last_name ? { last_name: u.last_name } : {}), type: 'private' });

export type TgUpdate = { update_id: number } & Record<string, unknown>;

function message(u: TgUser, content: Record<string, unknown>, chat: Record<string, unknown> = privateChat(u)) {
  return { message_id: ++messageSeq, from: fromOf(u), chat, date: nowSeconds(), ...content };
}

const update = (body: Record<string, unknown>): TgUpdate => ({ update_id: ++updateSeq, ...body });

export const tg = {
  text: (u: TgUser, text: string) => update({ message: message(u, { text }) }),
  /** A deep link's /start as clients send it: the command marked by a bot_command entity. */
  start: (u: TgUser, code: string) => update({ message: message(u, { text: `/start ${code}`, entities: [{ offset: 0, length: 6, type: 'bot_command' }] }) }),
  photo: (u: TgUser, caption?: string) =>
    update({
      message: message(u, {
        ...(caption ? { caption } : {}),
        photo: [
          { file_id: `AgAC-s-${messageSeq}`, file_unique_id: 'AQAD-s', file_size: 1480, width: 90, height: 67 },
          { file_id: `AgAC-l-${messageSeq}`, file_unique_id: 'AQAD-l', file_size: 98712, width: 1280, height: 960 },
        ],
      }),
    }),
  document: (u: TgUser, fileName = 'kk.pdf', mimeType = 'application/pdf') =>
    update({ message: message(u, { document: { file_id: `BQAC-${messageSeq}`, file_unique_id: 'AgAD-doc', file_name: fileName, mime_type: mimeType, file_size: 183422 } }) }),
  /** A press on a button of a message Loket sent to this person. */
  press: (u: TgUser, data: string) =>
    update({
      callback_query: {
        id: `cbq-${updateSeq + 1}`,
        from: fromOf(u),
        message: { message_id: ++messageSeq, from: { id: 123456, is_bot: true, first_name: 'Loket', username: 'LoketBot' }, chat: privateChat(u), date: nowSeconds(), text: '…' },
        chat_instance: '-1234567890123456789',
        data,
      },
    }),
  /** `messageId`: the message_id of the message being changed. */
  edit: (u: TgUser, messageId: number, text: string) =>
    update({ edited_message: { message_id: messageId, from: fromOf(u), chat: privateChat(u), date: nowSeconds() - 30, edit_date: nowSeconds(), text } }),
  contact: (u: TgUser, phone: string) => update({ message: message(u, { contact: { phone_number: phone, first_name: u.first_name, user_id: u.id } }) }),
  sticker: (u: TgUser) =>
    update({ message: message(u, { sticker: { width: 512, height: 512, emoji: '👍', is_animated: false, is_video: false, type: 'regular', file_id: 'CAAC-stk', file_unique_id: 'AgAD-stk' } }) }),
  group: (u: TgUser, text: string) => update({ message: message(u, { text }, { id: -1001234567890, title: 'RT 03 RW 05', type: 'supergroup' }) }),
};

/** The message_id of an update's message (or edited message). */
export const messageIdOf = (u: TgUpdate): number => ((u.message ?? u.edited_message) as { message_id: number }).message_id;

/** Posts `update` as Telegram does; `secret`: the header's value, null for none. */
export async function postUpdate(update: unknown, secret: string | null = env.TELEGRAM_WEBHOOK_SECRET ?? null, e: Env = testEnv()): Promise<Response> {
  return app.request(
    '/webhooks/telegram',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret !== null ? { [SECRET_HEADER]: secret } : {}) },
      body: typeof update === 'string' ? update : JSON.stringify(update),
    },
    e,
  );
}

/** What Loket has put in the outbox for a Telegram chat, oldest first. */
export async function outboxTo(chatId: number): Promise<OutboundMessage[]> {
  const { results } = await env.DB.prepare(
    `SELECT o.payload FROM outbox o JOIN channel_identities i ON i.id = o.identity_id
     WHERE i.channel = 'telegram' AND i.external_id = ? ORDER BY o.rowid`,
  )
    .bind(String(chatId))
    .all<{ payload: string }>();
  return results.map((r) => JSON.parse(r.payload) as OutboundMessage);
}

export const textOf = (messages: OutboundMessage[]): string => messages.map((m) => (m.kind === 'text' ? m.text : `[${m.kind}]`)).join('\n---\n');

/** A person writing to the bot, who reads only what is new to them. */
export class TgPerson {
  private seen = 0;
  constructor(readonly user: TgUser) {}

  async send(u: TgUpdate): Promise<OutboundMessage[]> {
    const res = await postUpdate(u);
    if (res.status !== 200) throw new Error(`update ${u.update_id}: ${res.status}`);
    return this.replies();
  }

  say = (text: string) => this.send(tg.text(this.user, text));
  /** Says `text` and gives its message_id too, for an edit of it later. */
  async sayKept(text: string): Promise<{ messageId: number; replies: OutboundMessage[] }> {
    const u = tg.text(this.user, text);
    return { messageId: messageIdOf(u), replies: await this.send(u) };
  }
  press = (data: string) => this.send(tg.press(this.user, data));
  edit = (messageId: number, text: string) => this.send(tg.edit(this.user, messageId, text));

  async replies(): Promise<OutboundMessage[]> {
    const all = await outboxTo(this.user.id);
    const fresh = all.slice(this.seen);
    this.seen = all.length;
    return fresh;
  }
}

/** The choices of the latest message that offered some. */
export function choicesIn(messages: OutboundMessage[]) {
  const last = [...messages].reverse().find((m) => m.kind === 'text' && m.choices?.length);
  return last && last.kind === 'text' ? (last.choices ?? []) : [];
}

/** The id of the choice labelled `label` in the latest message that offered some. */
export function choiceId(messages: OutboundMessage[], label: string | RegExp): string {
  const found = choicesIn(messages).find((c) => (typeof label === 'string' ? c.label === label : label.test(c.label)));
  if (!found) throw new Error(`no choice ${label} in ${JSON.stringify(choicesIn(messages))}`);
  return found.id;
}
