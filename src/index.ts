/**
 * The Worker: HTTP (webhooks, staff web, verification, health), the OUTBOX queue consumer and
 * the cron triggers of the three-day schedule.
 */
import { createApp } from './app';
import { createConsumer } from './jobs/consumer';
import { runScheduled } from './jobs/scheduled';

const app = createApp();

const consume = createConsumer({
  // Channel delivery and media download arrive with the channel adapters; until a sender is
  // registered a message waits in the queue (and, after its retries, in the dead-letter queue)
  // rather than being dropped.
  async deliver(msg) {
    throw new Error(`no channel sender registered for outbox ${msg.outboxId}`);
  },
  async fetch_media(msg) {
    throw new Error(`no media fetcher registered for ${msg.mediaRef}`);
  },
});

export default {
  fetch: app.fetch,
  async queue(batch, env) {
    await consume(batch, env);
  },
  async scheduled(controller, env) {
    await runScheduled(controller, env);
  },
} satisfies ExportedHandler<Env>;
