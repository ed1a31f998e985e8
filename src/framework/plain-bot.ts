/**
 * A bot that needs no store of its own: its state is one JSON value per chat, its context is
 * what every turn knows without asking, and its effects are the few the plain store
 * (src/db/framework/chat-store.ts) can write. Enough for a small civic bot; a bot with its own
 * tables (the kelurahan's cases) writes its own TurnStore instead.
 */
import type { ChannelName, OutboundMessage } from '../../adapters/channel';
import type { Bot } from './bot';

export interface PlainContext {
  /** The moment of this turn (ms since epoch): the only clock the bot reads. */
  now: number;
  channel: ChannelName;
  externalId: string;
  /** No state was kept for this chat before (its first message). */
  firstTime: boolean;
}

export type PlainEffect =
  /**
   * A message to the same person at `at` (a reminder). `key` names it within the chat: a later
   * message with the same key replaces one still waiting, and `cancel` takes it back.
   */
  | { type: 'later'; at: number; message: OutboundMessage; key?: string }
  /** Takes back the chat's waiting message of this key, if it has not gone yet. */
  | { type: 'cancel'; key: string };

/** State must survive JSON (no Date, Map or undefined that matters). */
export type PlainBot<State> = Bot<State, PlainContext, PlainEffect>;

/** What the plain store puts on the queue: one outbox row to deliver. */
export interface PlainNudge {
  type: 'deliver';
  outboxId: string;
}
