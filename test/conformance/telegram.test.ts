/**
 * Telegram against the channel conformance kit (kit.ts): the framework's Bot API webhook
 * (src/framework/routes/telegram.ts) with its secret token header, the adapter's parser,
 * renderer, sender and media source, the fake Bot API of test/support/telegram-api.ts, and the
 * update fixtures of test/telegram/fixtures as the corpus.
 */
import { env } from 'cloudflare:test';
import type { Update } from 'grammy/types';
import type { InboundEvent, OutboundMessage } from '../../adapters/channel';
import { botIdOf } from '../../adapters/telegram/bot-id';
import { TELEGRAM_CAPABILITIES } from '../../adapters/telegram/limits';
import { telegramMedia } from '../../adapters/telegram/media';
import { parseUpdate, telegramMessageId } from '../../adapters/telegram/parse';
import { render } from '../../adapters/telegram/render';
import { SECRET_HEADER } from '../../adapters/telegram/secret';
import { telegramSender } from '../../adapters/telegram/sender';
import callbackQuery from '../telegram/fixtures/callback_query.json';
import channelPost from '../telegram/fixtures/channel_post.json';
import contactOther from '../telegram/fixtures/contact_other.json';
import contactOwn from '../telegram/fixtures/contact_own.json';
import documentPdf from '../telegram/fixtures/document_pdf.json';
import editedMessage from '../telegram/fixtures/edited_message.json';
import groupText from '../telegram/fixtures/group_text.json';
import inlineQuery from '../telegram/fixtures/inline_query.json';
import location from '../telegram/fixtures/location.json';
import myChatMember from '../telegram/fixtures/my_chat_member_kicked.json';
import photoSizes from '../telegram/fixtures/photo_sizes.json';
import startWithEntity from '../telegram/fixtures/start_with_entity_payload.json';
import sticker from '../telegram/fixtures/sticker.json';
import textPrivate from '../telegram/fixtures/text_private.json';
import voice from '../telegram/fixtures/voice.json';
import { telegramWebhook } from '../../src/framework/routes/telegram';
import { SITI_TG, tg, type TgUpdate } from '../support/telegram';
import { FakeBotApi, TG } from '../support/telegram-api';
import { conformanceKit, type CorpusEntry, type ToRoute } from './kit';

const bot = new FakeBotApi();
const BOT_ID = botIdOf(env.TELEGRAM_BOT_TOKEN);
const CHAT = String(SITI_TG.id);
const siti = { channel: 'telegram', externalId: CHAT, displayName: 'Siti Aminah' } as const;
const idOf = (u: { update_id: number }) => telegramMessageId(u.update_id, BOT_ID);

function entry(name: string, u: { update_id: number }, event: Partial<InboundEvent> | null): CorpusEntry {
  return { name, payload: u, events: event ? [{ messageId: idOf(u), sender: siti, ...event } as Partial<InboundEvent>] : [] };
}

const corpus: CorpusEntry[] = [
  entry('text in a private chat', textPrivate, { kind: 'text', text: 'Halo, saya mau urus KTP', ref: `${CHAT}:11` }),
  entry('/start with a payload', startWithEntity, { kind: 'text', text: '/start ABCD-2345' }),
  entry('photo in several sizes', photoSizes, { kind: 'media', media: { ref: 'AgAC-large', mimeType: 'image/jpeg', sizeBytes: 98712, caption: 'KTP saya' } }),
  entry('document', documentPdf, { kind: 'media', media: { ref: 'BQAC-doc', mimeType: 'application/pdf', filename: 'kk.pdf', sizeBytes: 183422, caption: 'KK' } }),
  entry('button press', callbackQuery, { kind: 'choice', choiceId: 'svc:ktp' }),
  entry('an edit of an earlier text', editedMessage, { kind: 'text', text: 'Siti Aminah binti Ahmad', editOf: `${CHAT}:17` }),
  entry('own contact card', contactOwn, { kind: 'phone', phone: '6281234500001' }),
  entry('someone else\'s card', contactOther, { kind: 'unsupported', what: 'contact' }),
  entry('sticker', sticker, { kind: 'unsupported', what: 'sticker' }),
  entry('voice note', voice, { kind: 'unsupported', what: 'voice' }),
  entry('location', location, { kind: 'unsupported', what: 'location' }),
  entry('a group message', groupText, null),
  entry('a channel post', channelPost, null),
  entry('blocking the bot', myChatMember, null),
  entry('an inline query', inlineQuery, null),
];

function parse(payload: unknown): InboundEvent[] {
  const p = parseUpdate(payload as Update, Date.now(), BOT_ID);
  return p.kind === 'ignored' ? [] : [p.event];
}

/** Posts as the Bot API does, with the secret token header unless `secret` is null. */
function postUpdate(to: ToRoute, update: unknown, secret: string | null = env.TELEGRAM_WEBHOOK_SECRET ?? null, over?: Partial<Env>): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(secret !== null ? { [SECRET_HEADER]: secret } : {}) };
  return to({ headers, body: JSON.stringify(update) }, over);
}

let n = 0;

conformanceKit({
  name: 'Telegram',
  channel: 'telegram',
  async setUp() {
    bot.install();
  },
  webhook: {
    route: (hosted) => telegramWebhook(hosted, { refused: 'Tombol ini sudah tidak berlaku.' }),
    textMessage: (text) => tg.text(SITI_TG, text),
    messageIdOf: (u) => idOf(u as TgUpdate),
    post: (u, to) => postUpdate(to, u),
    forgeries: [
      { name: 'no secret token header', post: (u, to) => postUpdate(to, u, null) },
      { name: 'a wrong secret token', post: (u, to) => postUpdate(to, u, 'not-the-secret') },
      { name: 'the secret with a character more', post: (u, to) => postUpdate(to, u, `${env.TELEGRAM_WEBHOOK_SECRET}x`) },
      // An unset secret must not turn into "anyone may post updates".
      { name: 'no secret configured and none sent', post: (u, to) => postUpdate(to, u, '', { TELEGRAM_WEBHOOK_SECRET: '' }) },
    ],
    refusedStatus: 401,
  },
  person: { externalId: CHAT },
  shown: async () => bot.texts(CHAT),
  corpus: { entries: corpus, parse },
  renderers: [
    {
      name: 'Telegram',
      capabilities: TELEGRAM_CAPABILITIES,
      render: (m: OutboundMessage) =>
        render(CHAT, m).map((call) => {
          if (call.method !== 'sendMessage') return { text: call.params.caption ?? '', form: 'plain' as const, options: [] };
          const markup = call.params.reply_markup;
          const keyboard = markup && 'inline_keyboard' in markup ? markup.inline_keyboard : null;
          return keyboard
            ? { text: call.params.text, form: 'buttons' as const, options: keyboard.flat().map((b) => ({ id: b.callback_data, label: b.text })) }
            : { text: call.params.text, form: 'plain' as const, options: [] };
        }),
    },
  ],
  sender: telegramSender({ log: () => {}, callTimeoutMs: 200 }),
  // Bot API errors as https://core.telegram.org/bots/api#making-requests words them.
  provider: {
    failures: [
      { kind: 'rate_limited', answer: '429 retry_after 30', arrange: () => void bot.failNext.push(TG.tooMany(30)), providerWaitSeconds: 30 },
      { kind: 'outage', answer: '502 Bad Gateway', arrange: () => void bot.failNext.push(TG.down) },
      { kind: 'outage', answer: 'connection lost', arrange: () => void bot.failNext.push('network') },
      { kind: 'undeliverable', answer: '403 bot was blocked by the user', arrange: () => void bot.failNext.push(TG.blocked) },
      { kind: 'undeliverable', answer: '400 chat not found', arrange: () => void bot.failNext.push(TG.badRequest('chat not found')) },
      { kind: 'rejected', answer: '400 message is too long', arrange: () => void bot.failNext.push(TG.badRequest('message is too long')) },
      { kind: 'timeout', answer: 'no answer', arrange: () => void bot.failNext.push('hang') },
    ],
  },
  media: {
    source: telegramMedia,
    async offer(bytes) {
      const fileId = `BQAC-kit-${++n}`;
      bot.addFile(fileId, bytes, { path: `documents/kit_${n}.pdf` });
      return fileId;
    },
    missingRef: () => 'BQAC-kit-expired',
  },
});
