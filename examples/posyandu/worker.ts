/**
 * The posyandu bot as its own Worker, built of the framework alone: webhooks for WhatsApp and
 * Telegram, the simulator's API, the queue that delivers, and the cron that sends reminders
 * when their time comes. Its chats and outbox live in the framework's plain store.
 */
import { Hono } from 'hono';
import type { ChannelName } from '../../adapters/channel';
import type { ChannelSender } from '../../adapters/ports';
import { simulatorSender } from '../../adapters/simulator/simulator';
import { telegramSender } from '../../adapters/telegram/sender';
import { whatsappSender, type TemplateSpec } from '../../adapters/whatsapp/sender';
import { chatStore } from '../../src/db/framework/chat-store';
import { botOutboxStore, simulatorInbox, sweepDue } from '../../src/db/framework/outbox';
import { log } from '../../src/framework/log';
import type { PlainContext, PlainEffect, PlainNudge } from '../../src/framework/plain-bot';
import type { Clock } from '../../src/framework/ports';
import type { Hosted } from '../../src/framework/routes/hosted';
import { consumeDeliveries, sweepToQueue } from '../../src/framework/routes/jobs';
import { simulatorApi } from '../../src/framework/routes/simulator';
import { telegramWebhook } from '../../src/framework/routes/telegram';
import { whatsappWebhook } from '../../src/framework/routes/whatsapp';
import { posyanduBot, type PosyanduState } from './bot';

const clock: Clock = { now: () => Date.now() };
const ids = { newId: () => crypto.randomUUID() };
const logTo = (level: 'warn' | 'error', msg: string, fields: Record<string, unknown>) => log[level](msg, fields);

/** Outside WhatsApp's 24-hour window a reminder travels in this template (register it as is). */
const REMINDER_TEMPLATE: TemplateSpec = { name: 'posyandu_pengingat', language: 'id', body: 'Pengingat dari {{1}}: {{2}} Balas pesan ini untuk melihat jadwal.', parameters: ['nama layanan', 'isi pengingat (tanpa baris baru)'] };

const hosted: Hosted<PosyanduState, PlainContext, PlainEffect, PlainNudge> = {
  bot: posyanduBot,
  store: (env) => chatStore(env.DB, posyanduBot, { tenantId: 'posyandu', ids }),
  queue: (env) => env.OUTBOX,
  clock,
};

export const senders: Partial<Record<ChannelName, ChannelSender>> = {
  simulator: simulatorSender,
  whatsapp: whatsappSender({
    now: () => clock.now(),
    account: async (_tenant, env) => ({ phoneNumberId: env.WHATSAPP_PHONE_NUMBER_ID, name: 'Jadwal Posyandu' }),
    template: () => REMINDER_TEMPLATE,
    log: logTo,
  }),
  telegram: telegramSender({ log: logTo }),
};

export const app = new Hono<{ Bindings: Env }>()
  .get('/', (c) => c.text('Bot jadwal posyandu. Coba: POST /simulator/api/messages, lalu GET /simulator/api/inbox?id=...'))
  .route('/webhooks/whatsapp', whatsappWebhook(hosted))
  .route('/webhooks/telegram', telegramWebhook(hosted, { refused: 'Tombol ini sudah tidak berlaku.' }))
  .route('/simulator/api', simulatorApi(hosted, (env, id) => simulatorInbox(env.DB, posyanduBot.name, id)));

export default {
  fetch: app.fetch,
  queue: (batch, env) => consumeDeliveries(batch, env, { store: botOutboxStore(env.DB), queue: env.OUTBOX, senders, clock, random: Math.random }),
  scheduled: async (_controller, env) => {
    await sweepToQueue(() => sweepDue(env.DB, clock.now()), env.OUTBOX);
  },
} satisfies ExportedHandler<Env>;
