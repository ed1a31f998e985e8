/**
 * The simulator's message API for a framework bot: a simulated person writes (POST /messages)
 * and reads what the bot sent them (GET /inbox). Local only: 404 unless LOCAL_TOOLS is "true".
 * No time travel: the turn and the delivery read the same clock, so a reply written "in the
 * future" would wait for real time to catch up before it is sent.
 */
import { Hono } from 'hono';
import type { InboundEvent, OutboundMessage } from '../../../adapters/channel';
import { runTurn } from '../inbound';
import type { AnyHosted } from './hosted';

export interface SimulatorInbox {
  /** Rows the simulated provider has delivered, in the order they went. */
  sent: { id: string; payload: string; at: number }[];
  /** Rows still to go (a message for later). */
  waiting: number;
}

export function simulatorApi(h: AnyHosted, inbox: (env: Env, externalId: string) => Promise<SimulatorInbox>) {
  return new Hono<{ Bindings: Env }>()
    .use(async (c, next) => {
      if (c.env.LOCAL_TOOLS !== 'true') return c.json({ error: 'not_found' }, 404);
      await next();
    })
    .post('/messages', async (c) => {
      const body = await c.req.json<Record<string, unknown>>().catch(() => null);
      const from = body && typeof body.from === 'object' && body.from ? (body.from as Record<string, unknown>) : {};
      if (!body || typeof from.id !== 'string' || !/^[0-9]{6,15}$/.test(from.id)) {
        return c.json({ error: 'bad_request', detail: 'from.id must be a phone number of 6 to 15 digits' }, 400);
      }
      const at = h.clock.now();
      const sender = { channel: 'simulator' as const, externalId: from.id, phone: from.id, ...(typeof from.name === 'string' ? { displayName: from.name.slice(0, 80) } : {}) };
      const base = { messageId: typeof body.messageId === 'string' ? body.messageId : crypto.randomUUID(), sender, at };
      let event: InboundEvent;
      if (typeof body.choiceId === 'string') event = { ...base, kind: 'choice', choiceId: body.choiceId };
      else if (typeof body.text === 'string' && body.text.trim()) event = { ...base, kind: 'text', text: body.text.slice(0, 4096) };
      else return c.json({ error: 'bad_request', detail: 'send text or choiceId' }, 400);
      const { outcome } = await runTurn(h.bot, h.store(c.env), { queue: h.queue(c.env), clock: h.clock }, event);
      return c.json({ ok: true, outcome, messageId: base.messageId });
    })
    .get('/inbox', async (c) => {
      const { sent, waiting } = await inbox(c.env, c.req.query('id') ?? '');
      return c.json({ waiting, messages: sent.map((r) => ({ id: r.id, at: r.at, message: JSON.parse(r.payload) as OutboundMessage })) });
    });
}
