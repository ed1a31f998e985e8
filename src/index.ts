/**
 * The Worker: HTTP (webhooks, simulator, staff web, verification, health), the OUTBOX queue
 * consumer and the cron triggers of the three-day schedule.
 */
import { createApp } from './app';
import { mediaSources, senders } from './channels';
import { createConsumer } from './jobs/consumer';
import { deliverOutbox } from './jobs/deliver';
import { fetchMedia } from './jobs/fetch-media';
import { makeLetter } from './jobs/make-letter';
import { runScheduled } from './jobs/scheduled';
import { enqueue } from './pipeline/process-inbound';
import { cryptoIds, systemClock } from './platform';

const app = createApp();


const consume = createConsumer({
  async deliver(msg, env) {
    await enqueue(env.OUTBOX, await deliverOutbox(env, msg.outboxId, senders, systemClock.now(), cryptoIds));
  },
  async fetch_media(msg, env) {
    const followUps = await fetchMedia(env, msg.documentId, mediaSources, systemClock.now(), cryptoIds.newId);
    await enqueue(env.OUTBOX, followUps);
  },
  async make_letter(msg, env, { attempts }) {
    await enqueue(env.OUTBOX, await makeLetter(env, msg.letterId, systemClock.now(), cryptoIds, attempts));
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
