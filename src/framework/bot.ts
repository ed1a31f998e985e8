/**
 * The bot contract. A bot is a pure function: from where a conversation stands, one inbound
 * event and the context it asked to load, to its next state, the replies to the person who
 * wrote, and the effects it wants written, as typed data. It does no I/O and reads no clock:
 * time, ids and randomness reach it in its context, so one turn always gives the same result.
 *
 * The framework runs it (src/framework/inbound.ts): it loads, calls the bot once, and writes the
 * state, the replies and the effects in one batch, all or nothing.
 */
import type { InboundEvent, OutboundMessage } from '../../adapters/channel';

export interface Turn<State, Effect> {
  state: State;
  /** Messages to the person who wrote, in this order. */
  replies: OutboundMessage[];
  /** What else the bot asks for, in its own typed vocabulary; written with the state. */
  effects: Effect[];
  /**
   * A button was pressed that means nothing any more (Telegram says so on the button): true, or
   * the short note to show there, in the person's language (the route's default otherwise).
   */
  refused?: boolean | string;
}

export interface Bot<State, Context, Effect> {
  /** Names the bot in logs and in the store (one store may keep several bots' chats). */
  readonly name: string;
  /** `previous` is null for a person writing for the first time, or after their chat expired. */
  turn(previous: State | null, event: InboundEvent, context: Context): Turn<State, Effect>;
}
