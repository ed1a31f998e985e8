/**
 * The Worker: HTTP (webhooks, simulator, staff web, verification, health), the OUTBOX queue
 * consumer and the cron triggers of the three-day schedule.
 */
import { createApp } from './app';
import { mediaSources, senders } from './channels';
import { createConsumer } from './jobs/consumer';
import { createDeadLetterConsumer, deadLetterOutbox } from './jobs/dead-letters';
import { deliverOutbox, deliverOutboxes, type DeliverDeps } from './jobs/deliver';
import { fetchMedia } from './jobs/fetch-media';
import { failOpenLetter, makeLetter } from './jobs/make-letter';
import { flagNikConflict } from './jobs/nik-conflict';
import { runScheduled } from './jobs/scheduled';
import { countingEnv } from './db/round-trips';
import { enqueue } from './framework/inbound';
import { cryptoIds, systemClock } from './platform';

const app = createApp();
// Math.random is looked up at each call, so a test that mocks it reaches the backoff's jitter.
const deliverDeps: DeliverDeps = { senders, clock: systemClock, ids: cryptoIds, random: () => Math.random() };


const consume = createConsumer({
  async deliver(msg, env) {
    const outcome = await deliverOutbox(env, msg.outboxId, deliverDeps);
    await enqueue(env.OUTBOX, outcome.queued);
    return outcome;
  },
  async fetch_media(msg, env) {
    const followUps = await fetchMedia(env, msg.documentId, mediaSources, systemClock.now(), cryptoIds.newId);
    await enqueue(env.OUTBOX, followUps);
  },
  async make_letter(msg, env, { attempts }) {
    await enqueue(env.OUTBOX, await makeLetter(env, msg.letterId, systemClock.now(), cryptoIds, attempts));
  },
  async flag_nik_conflict(msg, env) {
    await enqueue(env.OUTBOX, await flagNikConflict(env, msg.caseId, msg.otherCaseId, systemClock.now(), cryptoIds));
  },
}, () => Math.random(), {
  async deliver(msgs, env) {
    const outcomes = await deliverOutboxes(env, msgs.map((m) => m.outboxId), deliverDeps);
    await enqueue(env.OUTBOX, [...outcomes.values()].flatMap((o) => (o instanceof Error ? [] : o.queued)));
    return msgs.map((m) => outcomes.get(m.outboxId));
  },
});

// A dead media fetch is only logged (queue.dead_letter): the cron starts it again within its
// bounded tries. An outbox row goes back to the cron's retry, or to a person once its time has
// run out. A dead letter job is failed now, so the chair, staff and applicant are told.
const consumeDeadLetters = createDeadLetterConsumer({
  async deliver(msg, env) {
    await enqueue(env.OUTBOX, await deadLetterOutbox(env, msg.outboxId, systemClock.now(), cryptoIds));
  },
  async fetch_media() {},
  async make_letter(msg, env) {
    await enqueue(env.OUTBOX, await failOpenLetter(env, msg.letterId, 'dead_letter', systemClock.now(), cryptoIds));
  },
  // The flag stays on the case's timeline (the dialogue wrote it); only the chat message is lost.
  async flag_nik_conflict() {},
});

export default {
  fetch: (request, env, ctx) => app.fetch(request, countingEnv(env, 'fetch'), ctx),
  async queue(batch, env) {
    env = countingEnv(env, 'queue');
    // loket-outbox-dlq in production, loket-outbox-local-dlq locally (wrangler.toml).
    if (batch.queue.endsWith('-dlq')) await consumeDeadLetters(batch, env);
    else await consume(batch, env);
  },
  async scheduled(controller, env) {
    await runScheduled(controller, countingEnv(env, 'scheduled'));
  },
} satisfies ExportedHandler<Env>;
