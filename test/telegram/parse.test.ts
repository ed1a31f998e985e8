import { env } from 'cloudflare:test';
import type { Update } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { parseUpdate, type ParsedUpdate } from '../../adapters/telegram/parse';
import { inviteCodeIn } from '../../src/bot/steps/invite';
import animation from './fixtures/animation.json';
import audio from './fixtures/audio.json';
import callbackQuery from './fixtures/callback_query.json';
import channelPost from './fixtures/channel_post.json';
import chatMember from './fixtures/chat_member.json';
import contactOther from './fixtures/contact_other.json';
import contactOwn from './fixtures/contact_own.json';
import documentPdf from './fixtures/document_pdf.json';
import editedChannelPost from './fixtures/edited_channel_post.json';
import editedMessage from './fixtures/edited_message.json';
import groupText from './fixtures/group_text.json';
import inlineQuery from './fixtures/inline_query.json';
import location from './fixtures/location.json';
import myChatMember from './fixtures/my_chat_member_kicked.json';
import photoSizes from './fixtures/photo_sizes.json';
import startWithEntity from './fixtures/start_with_entity_payload.json';
import startWithoutEntity from './fixtures/start_without_entity_payload.json';
import sticker from './fixtures/sticker.json';
import textPrivate from './fixtures/text_private.json';
import video from './fixtures/video.json';
import voice from './fixtures/voice.json';

const NOW = 1764480000000;
const parse = (u: unknown): ParsedUpdate => parseUpdate(u as Update, NOW);
const eventOf = (u: unknown) => {
  const p = parse(u);
  if (p.kind !== 'event') throw new Error(`expected an event, got ${JSON.stringify(p)}`);
  return p.event;
};
const siti = { channel: 'telegram', externalId: '700000001', displayName: 'Siti Aminah' };

describe('Telegram update parsing (updates as in the Bot API reference)', () => {
  it('reads text in a private chat with the chat id, the name, the time, a tg: message id and the message it is', () => {
    expect(parse(textPrivate)).toEqual({
      kind: 'event',
      event: { kind: 'text', text: 'Halo, saya mau urus KTP', messageId: 'tg:510000001', at: 1764475200000, sender: siti, ref: '700000001:11' },
    });
  });

  it('gives /start with a payload as "/start CODE", with or without a bot_command entity, which the invite step reads', () => {
    for (const u of [startWithEntity, startWithoutEntity]) {
      const e = eventOf(u);
      expect(e.kind).toBe('text');
      expect(inviteCodeIn((e as { text: string }).text)).toBe('ABCD-2345');
    }
    const addressed = { ...textPrivate, message: { ...textPrivate.message, text: '/start@LoketBot  ABCD-2345 ' } };
    expect(eventOf(addressed)).toMatchObject({ kind: 'text', text: '/start ABCD-2345' });
    expect(eventOf({ ...textPrivate, message: { ...textPrivate.message, text: '/start' } })).toMatchObject({ kind: 'text', text: '/start' });
  });

  it('takes the largest photo size as a JPEG, with its size and caption', () => {
    expect(eventOf(photoSizes)).toMatchObject({
      kind: 'media', media: { ref: 'AgAC-large', mimeType: 'image/jpeg', sizeBytes: 98712, caption: 'KTP saya' },
    });
  });

  it('reads documents with the file id and the declared type, name and size', () => {
    expect(eventOf(documentPdf)).toMatchObject({
      kind: 'media', media: { ref: 'BQAC-doc', mimeType: 'application/pdf', filename: 'kk.pdf', sizeBytes: 183422, caption: 'KK' },
    });
  });

  it('reads a button press as a choice and keeps the callback query id to answer it', () => {
    expect(parse(callbackQuery)).toEqual({
      kind: 'event',
      callbackQueryId: '4382bfdwdsb323b2d9',
      event: { kind: 'choice', choiceId: 'svc:ktp', messageId: 'tg:510000006', at: NOW, sender: siti },
    });
  });

  it('keeps the callback query id on a press it ignores, so it can still be answered', () => {
    const inGroup = { ...callbackQuery, callback_query: { ...callbackQuery.callback_query, message: { ...callbackQuery.callback_query.message, chat: groupText.message.chat } } };
    expect(parse(inGroup)).toMatchObject({ kind: 'ignored', reason: 'not_private', callbackQueryId: '4382bfdwdsb323b2d9' });
    const inline = { update_id: 1, callback_query: { id: 'q2', from: callbackQuery.callback_query.from, inline_message_id: 'AAA', chat_instance: '1', data: 'x' } };
    expect(parse(inline)).toMatchObject({ kind: 'ignored', reason: 'inline_message', callbackQueryId: 'q2' });
  });

  it('reads an edited message as "edited", with the message it changes and the new text', () => {
    expect(parse(editedMessage)).toEqual({
      kind: 'edited', telegramMessageId: 17, editedAt: 1764475260000,
      event: { kind: 'text', text: 'Siti Aminah binti Ahmad', messageId: 'tg:510000007', at: 1764475200000, sender: siti, editOf: '700000001:17' },
    });
  });

  it('names a message by its chat and message_id, the same for the message and its edits', () => {
    const sent = { update_id: 1, message: { ...editedMessage.edited_message, edit_date: undefined } };
    expect(eventOf(sent).ref).toBe('700000001:17');
    expect(eventOf(photoSizes).ref).toBe('700000001:14');
    expect(eventOf(sticker).ref).toBe('700000001:22');
    const otherChat = { ...textPrivate, message: { ...textPrivate.message, chat: { ...textPrivate.message.chat, id: 700000002 } } };
    expect(eventOf(otherChat).ref).toBe('700000002:11');
    // A press is not a message anyone can edit.
    expect(eventOf(callbackQuery).ref).toBeUndefined();
  });

  it('takes the phone from the person\'s own shared contact, in 62... digits, as a number shared (not as typed text)', () => {
    expect(parse(contactOwn)).toEqual({
      kind: 'event', event: { kind: 'phone', phone: '6281234500001', messageId: expect.any(String), at: expect.any(Number), sender: siti, ref: '700000001:18' },
    });
    const withPlus = { ...contactOwn, message: { ...contactOwn.message, contact: { ...contactOwn.message.contact, phone_number: '+62 812-3450-0001' } } };
    expect(eventOf(withPlus)).toMatchObject({ kind: 'phone', phone: '6281234500001' });
  });

  it('never takes someone else\'s card, or a card without user id, as the sender\'s phone', () => {
    const other = parse(contactOther);
    expect(other).toMatchObject({ kind: 'event', event: { kind: 'unsupported', what: 'contact' } });
    expect(other.kind === 'event' && (other.event.sender.phone || other.event.kind === 'phone')).toBeFalsy();
    const noUserId = { ...contactOwn, message: { ...contactOwn.message, contact: { phone_number: '6281234500001', first_name: 'Siti' } } };
    expect(eventOf(noUserId)).toMatchObject({ kind: 'unsupported', what: 'contact' });
    expect(eventOf(noUserId).sender.phone).toBeUndefined();
  });

  it('ignores groups, supergroups and channels, even a /start there', () => {
    expect(parse(groupText)).toEqual({ kind: 'ignored', reason: 'not_private', messageId: 'tg:510000010' });
    const group = { ...groupText, message: { ...groupText.message, chat: { id: -42, title: 'RW 05', type: 'group' } } };
    expect(parse(group)).toMatchObject({ kind: 'ignored', reason: 'not_private' });
    expect(parse(channelPost)).toMatchObject({ kind: 'ignored', reason: 'not_private' });
    expect(parse(editedChannelPost)).toEqual({ kind: 'ignored', reason: 'not_private', messageId: 'tg:510000026' });
  });

  it.each([
    [sticker, 'sticker'],
    [voice, 'voice'],
    [audio, 'audio'],
    [video, 'video'],
    [animation, 'video'],
    [location, 'location'],
  ])('answers %# politely as unsupported (%s), never a crash', (u, what) => {
    expect(eventOf(u)).toMatchObject({ kind: 'unsupported', what, sender: siti });
  });

  it('ignores member updates, inline queries and update types it does not know', () => {
    expect(parse(myChatMember)).toEqual({ kind: 'ignored', reason: 'member_update', messageId: 'tg:510000018' });
    expect(parse(chatMember)).toEqual({ kind: 'ignored', reason: 'member_update', messageId: 'tg:510000025' });
    expect(parse(inlineQuery)).toMatchObject({ kind: 'ignored', reason: 'inline_query' });
    expect(parse({ update_id: 9, poll_answer: { poll_id: '1', option_ids: [0] } })).toMatchObject({ kind: 'ignored', reason: 'other_update' });
  });

  it('ignores what nobody typed, and bots, and reads junk without throwing', () => {
    expect(parse({ ...textPrivate, message: { ...textPrivate.message, text: undefined, pinned_message: { message_id: 1 } } })).toMatchObject({ kind: 'ignored', reason: 'service' });
    expect(parse({ ...textPrivate, message: { ...textPrivate.message, from: { id: 5, is_bot: true, first_name: 'B' } } })).toMatchObject({ kind: 'ignored', reason: 'from_bot' });
    for (const junk of [null, {}, { update_id: 'x' }, { update_id: 3, message: { chat: { type: 'private' } } }, { update_id: 4, message: null },
      { update_id: 5, message: { ...textPrivate.message, text: undefined, photo: [null] } }]) {
      expect(() => parse(junk)).not.toThrow();
      expect(parse(junk).kind).toBe('ignored');
    }
  });
});

describe('replaying updates from ../shared/fixtures/telegram when present', () => {
  const fixtures = JSON.parse(env.SHARED_TELEGRAM_FIXTURES) as Record<string, unknown>;
  const names = Object.keys(fixtures);
  it.runIf(names.length > 0)('reads every one without throwing, under its tg: id', () => {
    for (const name of names) {
      const p = parse(fixtures[name]);
      const id = p.kind === 'ignored' ? p.messageId : p.event.messageId;
      expect(id, name).toBe(`tg:${(fixtures[name] as { update_id: number }).update_id}`);
    }
  });
  it.runIf(names.includes('tg_start_command_with_entity_grammy_docs.json'))('reads the docs\' bare /start as the menu word, with no name', () => {
    const p = parse(fixtures['tg_start_command_with_entity_grammy_docs.json']);
    expect(p).toMatchObject({ kind: 'event', event: { kind: 'text', text: '/start' } });
    expect(p.kind === 'event' && p.event.sender).toEqual({ channel: 'telegram', externalId: '987654321' });
  });
});
