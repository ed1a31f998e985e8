/**
 * The plain TurnStore (src/framework/inbound.ts) for bots of src/framework/plain-bot.ts: one
 * read batch (seen? and the chat's state), one write batch, all or nothing, that records the
 * message id, saves the state at the version read, and queues the replies and the later
 * messages in the bot's outbox. A repeated message id aborts the batch on the primary key; a
 * chat changed since it was read aborts it on NOT NULL (the message id's time is null unless
 * the version is still the one read), so nothing of a refused turn is kept.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { InboundEvent } from '../../../adapters/channel';
import type { Loaded, TurnStore, Written } from '../../framework/inbound';
import type { PlainBot, PlainContext, PlainEffect, PlainNudge } from '../../framework/plain-bot';
import type { IdSource } from '../../framework/ports';
import { batch, botDbOf, type BotDb, type Item } from './db';
import { botChats, botOutbox, botProcessedMessages } from './schema';

export interface ChatStoreOptions {
  /** The tenant whose account sends the bot's messages (one WhatsApp number or Telegram bot). */
  tenantId: string;
  ids: IdSource;
}

type PlainLoaded<State> = Loaded<State, PlainContext> & { version: number | null };

const chatOf = (bot: string, e: InboundEvent) =>
  and(eq(botChats.bot, bot), eq(botChats.channel, e.sender.channel), eq(botChats.externalId, e.sender.externalId));

const waitingOf = (bot: string, e: InboundEvent) =>
  and(eq(botOutbox.bot, bot), eq(botOutbox.channel, e.sender.channel), eq(botOutbox.externalId, e.sender.externalId));

export function chatStore<State>(d1: D1Database, bot: PlainBot<State>, o: ChatStoreOptions): TurnStore<State, PlainContext, PlainEffect, PlainNudge> {
  const db = botDbOf(d1);
  return {
    async load(event, now): Promise<PlainLoaded<State>> {
      const [seen, chat] = await db.batch([
        db
          .select({ one: sql<number>`1` })
          .from(botProcessedMessages)
          .where(
            and(
              eq(botProcessedMessages.bot, bot.name),
              eq(botProcessedMessages.channel, event.sender.channel),
              eq(botProcessedMessages.messageId, event.messageId),
            ),
          ),
        db.select({ state: botChats.state, version: botChats.version }).from(botChats).where(chatOf(bot.name, event)),
      ]);
      const row = chat[0];
      return {
        seen: seen.length > 0,
        previous: row ? (JSON.parse(row.state) as State) : null,
        version: row?.version ?? null,
        context: { now, channel: event.sender.channel, externalId: event.sender.externalId, firstTime: !row },
      };
    },

    async write(event, loaded, turn, now): Promise<Written<PlainNudge>> {
      const { version } = loaded as PlainLoaded<State>;
      const items: Item[] = [recordMessage(db, bot.name, event, version, now), saveState(db, bot.name, event, turn.state, now)];
      // The person wrote: what waited for their next message (WhatsApp's window) may go now.
      items.push(
        db
          .update(botOutbox)
          .set({ status: 'pending', updatedAt: now })
          .where(and(waitingOf(bot.name, event), eq(botOutbox.status, 'deferred')))
          .returning({ id: botOutbox.id }),
      );
      const due: string[] = [];
      const row = (payload: unknown, notBefore: number, laterKey: string | null) => {
        const id = o.ids.newId();
        if (notBefore <= now) due.push(id);
        return db.insert(botOutbox).values({
          id, bot: bot.name, tenantId: o.tenantId, channel: event.sender.channel, externalId: event.sender.externalId,
          payload: JSON.stringify(payload), status: 'pending', laterKey, notBefore, createdAt: now, updatedAt: now,
        });
      };
      for (const reply of turn.replies) items.push(row(reply, now, null));
      for (const e of turn.effects) {
        if (e.type === 'cancel' || e.key !== undefined) items.push(dropWaiting(db, bot.name, event, e.key!));
        if (e.type === 'later') items.push(row(e.message, Math.max(e.at, now), e.key ?? null));
      }
      let results: unknown[];
      try {
        results = await batch(db, items);
      } catch (err) {
        const kind = classify(err);
        if (kind === 'other') throw err;
        return { kind };
      }
      const released = (results[2] as { id: string }[]).map((r) => r.id);
      return { kind: 'written', nudges: [...released, ...due].map((outboxId) => ({ type: 'deliver', outboxId })) };
    },
  };
}

/** The message id, timed only if the chat is still at the version read (else NOT NULL fails). */
function recordMessage(db: BotDb, bot: string, e: InboundEvent, version: number | null, now: number) {
  const current = db.select({ v: botChats.version }).from(botChats).where(chatOf(bot, e));
  return db.insert(botProcessedMessages).values({
    bot,
    channel: e.sender.channel,
    messageId: e.messageId,
    receivedAt: sql`CASE WHEN (${current}) IS ${version} THEN ${now} ELSE NULL END`,
  });
}

function saveState(db: BotDb, bot: string, e: InboundEvent, state: unknown, now: number) {
  return db
    .insert(botChats)
    .values({ bot, channel: e.sender.channel, externalId: e.sender.externalId, state: JSON.stringify(state), version: 1, lastInboundAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [botChats.bot, botChats.channel, botChats.externalId],
      set: { state: sql`excluded.state`, version: sql`${botChats.version} + 1`, lastInboundAt: sql`excluded.last_inbound_at`, updatedAt: sql`excluded.updated_at` },
    });
}

/** A waiting message of this key that has not started to go. */
function dropWaiting(db: BotDb, bot: string, e: InboundEvent, key: string) {
  // Only a message not yet tried: one that failed halfway through its parts is left to finish.
  return db
    .delete(botOutbox)
    .where(and(waitingOf(bot, e), eq(botOutbox.laterKey, key), eq(botOutbox.status, 'pending'), eq(botOutbox.attempts, 0), eq(botOutbox.partsSent, 0)));
}

function classify(err: unknown): 'duplicate' | 'stale' | 'other' {
  const message = err instanceof Error ? `${err.message} ${String((err as { cause?: unknown }).cause ?? '')}` : String(err);
  if (message.includes('UNIQUE constraint failed: bot_processed_messages')) return 'duplicate';
  if (message.includes('NOT NULL constraint failed: bot_processed_messages.received_at')) return 'stale';
  return 'other';
}
