/**
 * The plain store of framework bots (src/db/framework/chat-store.ts): where each chat stands,
 * the provider message ids already handled, and the messages waiting to go. Its own tables, so
 * a bot built on the framework needs nothing of the kelurahan's schema; `bot` names the bot, so
 * one database may keep several bots' chats.
 */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export type BotChannel = 'whatsapp' | 'telegram' | 'simulator';

/** deferred: waits for the person's next message (media outside WhatsApp's 24-hour window). */
export type BotOutboxStatus = 'pending' | 'sending' | 'sent' | 'deferred' | 'failed';

export const botChats = sqliteTable(
  'bot_chats',
  {
    bot: text('bot').notNull(),
    channel: text('channel').$type<BotChannel>().notNull(),
    externalId: text('external_id').notNull(),
    /** The bot's state as JSON. */
    state: text('state').notNull(),
    /** Moves by one on every write: a write at another version than the one read is stale. */
    version: integer('version').notNull(),
    lastInboundAt: integer('last_inbound_at'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.bot, t.channel, t.externalId] })],
);

/** Provider message ids already handled: a webhook retried by the provider has no second effect. */
export const botProcessedMessages = sqliteTable(
  'bot_processed_messages',
  {
    bot: text('bot').notNull(),
    channel: text('channel').$type<BotChannel>().notNull(),
    messageId: text('message_id').notNull(),
    receivedAt: integer('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.bot, t.channel, t.messageId] }), index('bot_processed_received').on(t.receivedAt)],
);

export const botOutbox = sqliteTable(
  'bot_outbox',
  {
    id: text('id').primaryKey(),
    bot: text('bot').notNull(),
    tenantId: text('tenant_id').notNull(),
    channel: text('channel').$type<BotChannel>().notNull(),
    externalId: text('external_id').notNull(),
    /** The OutboundMessage as JSON. */
    payload: text('payload').notNull(),
    status: text('status').$type<BotOutboxStatus>().notNull(),
    /** Names a message for later, so the bot can cancel or replace it. */
    laterKey: text('later_key'),
    attempts: integer('attempts').notNull().default(0),
    partsSent: integer('parts_sent').notNull().default(0),
    providerMessageId: text('provider_message_id'),
    notBefore: integer('not_before').notNull(),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('bot_outbox_due').on(t.status, t.notBefore),
    index('bot_outbox_chat').on(t.bot, t.channel, t.externalId, t.status),
  ],
);
