/**
 * Where the conformance kit runs a channel's route: the framework's route for the channel,
 * mounted on a small Hono app as examples/posyandu/worker.ts mounts its own, hosting the kit's
 * bot (echo-bot.ts) on the plain store. The queue only records; `deliver` runs the framework's
 * consumer until nothing is left, with the channel's sender. Nothing of the kelurahan app.
 */
import { recordingQueue } from '../support/recording-queue';
import { createMessageBatch, env } from 'cloudflare:test';
import { Hono } from 'hono';
import type { ChannelName } from '../../adapters/channel';
import type { ChannelSender } from '../../adapters/ports';
import { chatStore } from '../../src/db/framework/chat-store';
import { botOutboxStore } from '../../src/db/framework/outbox';
import type { PlainBot } from '../../src/framework/plain-bot';
import type { Clock } from '../../src/framework/ports';
import type { AnyHosted } from '../../src/framework/routes/hosted';
import { consumeDeliveries } from '../../src/framework/routes/jobs';
import type { KitState } from './echo-bot';

export const KIT_TENANT = 'kit';

/** What the routes and the store put on the queue, oldest first. */
const recording = recordingQueue();
export const queued = recording.queued;
const queue = recording.queue;

export const kitEnv = (over: Partial<Env> = {}): Env => ({ ...env, OUTBOX: queue, ...over });

const clock: Clock = { now: () => Date.now() };
const ids = { newId: () => crypto.randomUUID() };

export function hosted(bot: PlainBot<KitState>): AnyHosted {
  return { bot, store: (e) => chatStore(e.DB, bot, { tenantId: KIT_TENANT, ids }), queue: () => queue, clock };
}

/** A request to the channel's route, as the provider (or a stranger) makes it. */
export interface RouteRequest {
  /** Under the route: the route itself unless given ("/messages" for the simulator's API). */
  path?: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Sends a request to the route mounted in the kit's app, with the kit's env changed by `over`. */
export type ToRoute = (request: RouteRequest, over?: Partial<Env>) => Promise<Response>;

export function mount(route: Hono<{ Bindings: Env }>): ToRoute {
  const app = new Hono<{ Bindings: Env }>().route('/channel', route);
  return async (r, over) =>
    app.request(`/channel${r.path ?? ''}`, { method: r.method ?? 'POST', headers: r.headers ?? {}, ...(r.body !== undefined ? { body: r.body } : {}) }, kitEnv(over));
}

/** Runs the framework's queue consumer until nothing is left, as the Queue would. */
export async function deliver(channel: ChannelName, sender: ChannelSender): Promise<void> {
  const senders: Partial<Record<ChannelName, ChannelSender>> = { [channel]: sender };
  for (let round = 0; queued.length; round++) {
    if (round > 20) throw new Error('the queue does not empty');
    const batch = createMessageBatch('kit-outbox', queued.splice(0).map((body, i) => ({ id: `q${round}-${i}`, timestamp: new Date(), attempts: 1, body })));
    await consumeDeliveries(batch as MessageBatch<unknown>, kitEnv(), { store: botOutboxStore(env.DB), queue, senders, clock, random: Math.random });
  }
}
