/**
 * What the framework's routes and jobs need to host one bot: the bot, its store, the queue its
 * nudges go to and the clock. Given per request (`env`), since bindings arrive with the request.
 */
import type { Bot } from '../bot';
import type { TurnStore } from '../inbound';
import type { Clock } from '../ports';

export interface Hosted<State, Context, Effect, Nudge> {
  bot: Bot<State, Context, Effect>;
  store(env: Env): TurnStore<State, Context, Effect, Nudge>;
  queue(env: Env): Queue;
  clock: Clock;
}

/** Any hosted bot, whatever its types: the routes only pass them along. */
export type AnyHosted = Hosted<any, any, any, any>;
