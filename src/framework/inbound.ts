/**
 * The hot path of every bot on every channel, after the route has verified the request and its
 * adapter parsed it: load, run the bot once, write once, nudge the queue. Two store round trips
 * when nothing races. A message already processed has no second effect; a race with the same
 * person's other message (or anything else the store detects as stale) runs the turn again from
 * the top, on what the other write left.
 *
 * What a store guarantees (src/db/framework/chat-store.ts is the plain one; the kelurahan bot has
 * its own over its cases): `load` is one read; `write` is one all-or-nothing batch that records
 * the message id, the state, the replies and the effects, and refuses a message id it has seen
 * and a conversation changed since it was loaded.
 */
import type { InboundEvent } from '../../adapters/channel';
import type { Bot, Turn } from './bot';
import { log } from './log';
import type { Clock } from './ports';

export interface Loaded<State, Context> {
  /** The message id was processed before: nothing more is done. */
  seen: boolean;
  previous: State | null;
  context: Context;
}

/** What a write came to: written (with the queue nudges to send now), or why it was not. */
export type Written<Nudge> = { kind: 'written'; nudges: Nudge[] } | { kind: 'duplicate' } | { kind: 'stale' };

export interface TurnStore<State, Context, Effect, Nudge> {
  load(event: InboundEvent, now: number): Promise<Loaded<State, Context>>;
  write(event: InboundEvent, loaded: Loaded<State, Context>, turn: Turn<State, Effect>, now: number): Promise<Written<Nudge>>;
}

/** 'refused': processed, but the button pressed meant nothing any more. */
export type TurnOutcome = 'processed' | 'refused' | 'duplicate';

export interface TurnResult {
  outcome: TurnOutcome;
  /** With 'refused': the bot's note for the button, in the person's language. */
  refusedNote?: string;
}

/** Enough for a person's two messages racing each other; a third try finds the state settled. */
const MAX_ATTEMPTS = 4;

export async function runTurn<State, Context, Effect, Nudge>(
  bot: Bot<State, Context, Effect>,
  store: TurnStore<State, Context, Effect, Nudge>,
  deps: { queue: Queue; clock: Clock },
  event: InboundEvent,
): Promise<TurnResult> {
  for (let attempt = 1; ; attempt++) {
    const now = deps.clock.now();
    const loaded = await store.load(event, now);
    if (loaded.seen) return { outcome: 'duplicate' };
    const turn = bot.turn(loaded.previous, event, loaded.context);
    const written = await store.write(event, loaded, turn, now);
    if (written.kind === 'duplicate') return { outcome: 'duplicate' };
    if (written.kind === 'stale') {
      if (attempt < MAX_ATTEMPTS) continue;
      throw new StaleTurnError(bot.name, attempt);
    }
    await enqueue(deps.queue, written.nudges);
    if (!turn.refused) return { outcome: 'processed' };
    return typeof turn.refused === 'string' ? { outcome: 'refused', refusedNote: turn.refused } : { outcome: 'refused' };
  }
}

/** The conversation kept changing under the turn: the provider's retry of the webhook tries again. */
export class StaleTurnError extends Error {
  constructor(bot: string, attempts: number) {
    super(`${bot}: conversation changed under ${attempts} tries`);
    this.name = 'StaleTurnError';
  }
}

/**
 * After the batch has committed. If the send fails the rows wait in D1, and the store's sweep
 * (the cron) nudges them again: a lost nudge delays a message, it never loses it.
 */
export async function enqueue<Nudge>(queue: Queue, nudges: Nudge[]): Promise<void> {
  if (nudges.length === 0) return;
  try {
    await queue.sendBatch(nudges.map((body) => ({ body })));
  } catch (err) {
    log.warn('queue.send_failed', { count: nudges.length, error: err });
  }
}
