import { createMessageBatch, createScheduledController, env, getQueueResult, createExecutionContext } from 'cloudflare:test';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import worker from '../../src/index';
import { retryDelaySeconds, BACKOFF_MAX_SECONDS } from '../../src/framework/backoff';
import { createConsumer } from '../../src/jobs/consumer';
import { cronJob } from '../../src/jobs/crons';
import { requeueStuck, runScheduled } from '../../src/jobs/scheduled';
import { dbOf } from '../../src/db/client';
import { openLetters } from '../../src/db/letters';
import { dueCases } from '../../src/db/cases';
import { useFreshDatabase } from '../support/fresh-database';
import { recorded, testEnv } from '../support/simulator';
import { FakeBotApi, TG } from '../support/telegram-api';

useFreshDatabase();

const message = (id: string, body: unknown, attempts = 1) => ({ id, timestamp: new Date(0), attempts, body });

describe('queue consumer', () => {
  it('acks what succeeds and retries only what failed, with a delay', async () => {
    const handled: string[] = [];
    const consume = createConsumer(
      {
        async deliver(m) {
          if (m.outboxId === 'bad') throw new Error('provider said 500');
          handled.push(m.outboxId);
        },
        async fetch_media() {},
        async make_letter() {},
        async flag_nik_conflict() {},
      },
      () => 0.5,
    );
    const batch = createMessageBatch('loket-outbox-local', [
      message('a', { type: 'deliver', outboxId: 'ok-1' }),
      message('b', { type: 'deliver', outboxId: 'bad' }, 3),
      message('c', { type: 'deliver', outboxId: 'ok-2' }),
    ]);
    const ctx = createExecutionContext();
    await consume(batch, env);
    const result = await getQueueResult(batch, ctx);
    expect(handled).toEqual(['ok-1', 'ok-2']);
    expect(result.explicitAcks.sort()).toEqual(['a', 'c']);
    expect(result.retryMessages.map((m: { msgId: string }) => m.msgId)).toEqual(['b']);
  });

  it('asks the queue for a backoff delay that grows with the attempts', async () => {
    const retry = vi.fn();
    const consume = createConsumer({ deliver: () => Promise.reject(new Error('down')), fetch_media: vi.fn(), make_letter: vi.fn(), flag_nik_conflict: vi.fn() }, () => 0.5);
    const msg = { ...message('r', { type: 'deliver', outboxId: 'o' }, 4), ack: vi.fn(), retry };
    await consume({ queue: 'q', messages: [msg], ackAll: vi.fn(), retryAll: vi.fn() } as unknown as MessageBatch, env);
    expect(retry).toHaveBeenCalledWith({ delaySeconds: retryDelaySeconds(4, 0.5) });
    expect(msg.ack).not.toHaveBeenCalled();
  });

  it('acks a malformed body instead of retrying it forever', async () => {
    const consume = createConsumer({ deliver: vi.fn(), fetch_media: vi.fn(), make_letter: vi.fn(), flag_nik_conflict: vi.fn() });
    const batch = createMessageBatch('loket-outbox-local', [message('x', { type: 'deliver' }), message('y', 'hello')]);
    await consume(batch, env);
    const result = await getQueueResult(batch, createExecutionContext());
    expect(result.explicitAcks.sort()).toEqual(['x', 'y']);
    expect(result.retryMessages).toEqual([]);
  });

  it('retries a message the provider could not take, and records the error and the next try on the row', async () => {
    await outboxRowFor('telegram');
    const bot = new FakeBotApi();
    bot.install();
    bot.failNext.push(TG.down);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    onTestFinished(() => void vi.restoreAllMocks());
    const batch = createMessageBatch('loket-outbox-local', [message('m', { type: 'deliver', outboxId: 'o1' }), message('n', { type: 'deliver', outboxId: 'gone' })]);
    const ctx = createExecutionContext();
    const before = Date.now();
    await worker.queue(batch as MessageBatch<unknown>, env);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual(['n']);
    expect(result.retryMessages.map((m: { msgId: string }) => m.msgId)).toEqual(['m']);
    const row = await env.DB.prepare("SELECT status, attempts, last_error, not_before FROM outbox WHERE id = 'o1'").first<{ not_before: number }>();
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: 'Telegram telegram_down: 502 Bad Gateway' });
    expect(row!.not_before).toBeGreaterThan(before);
  });

  it('sends a row once when two nudges for it arrive together', async () => {
    await outboxRowFor('simulator');
    const send = vi.fn(async () => {
      await new Promise((r) => setTimeout(r, 5));
      return { providerMessageId: 'p1' };
    });
    const { deliverOutbox } = await import('../../src/jobs/deliver');
    const { SequentialIds } = await import('../../src/framework/ports');
    const deps = { senders: { simulator: { send } }, clock: { now: () => 1000 }, ids: new SequentialIds(), random: () => 0.5 };
    await Promise.all([1, 2].map(() => deliverOutbox(env, 'o1', deps)));
    expect(send).toHaveBeenCalledTimes(1);
    expect(await env.DB.prepare("SELECT status, provider_message_id FROM outbox WHERE id = 'o1'").first()).toEqual({ status: 'sent', provider_message_id: 'p1' });
  });
});

describe('a row that keeps its own schedule', () => {
  const rescheduled = (retryAfterSeconds: number, attempts: number) => {
    const msg = { ...message('r', { type: 'deliver', outboxId: 'o' }, attempts), ack: vi.fn(), retry: vi.fn() };
    const consume = createConsumer({ deliver: async () => ({ retryAfterSeconds }), fetch_media: vi.fn(), make_letter: vi.fn(), flag_nik_conflict: vi.fn() });
    return consume({ queue: 'q', messages: [msg], ackAll: vi.fn(), retryAll: vi.fn() } as unknown as MessageBatch, env).then(() => msg);
  };

  it('comes back through the queue after a short wait, with exactly that delay', async () => {
    const msg = await rescheduled(40, 1);
    expect(msg.retry).toHaveBeenCalledWith({ delaySeconds: 40 });
    expect(msg.ack).not.toHaveBeenCalled();
  });

  it('is acked and left to the cron after a long wait, or before the queue would dead-letter it', async () => {
    for (const msg of [await rescheduled(3600, 1), await rescheduled(40, 8)]) {
      expect(msg.ack).toHaveBeenCalled();
      expect(msg.retry).not.toHaveBeenCalled();
    }
  });
});

describe('the cron and outbox rows', () => {
  it('re-queues a row whose next try has come, however many tries failed and however old it is', async () => {
    const now = Date.UTC(2026, 10, 30, 3);
    await outboxRowFor('simulator', now - 5 * 24 * 3600_000);
    await env.DB.prepare("UPDATE outbox SET attempts = 40, not_before = ?1, updated_at = ?2 WHERE id = 'o1'").bind(now - 60_000, now - 3600_000).run();
    recorded.length = 0;
    expect(await requeueStuck(testEnv(), now)).toBe(1);
    expect(recorded).toEqual([{ body: { type: 'deliver', outboxId: 'o1' } }]);
  });

  it('leaves a row whose next try is still to come', async () => {
    const now = Date.UTC(2026, 10, 30, 3);
    await outboxRowFor('simulator', now - 3600_000);
    await env.DB.prepare("UPDATE outbox SET attempts = 12, not_before = ?1, updated_at = ?2 WHERE id = 'o1'").bind(now + 60_000, now - 3600_000).run();
    expect(await requeueStuck(testEnv(), now)).toBe(0);
  });
});

describe('the dead-letter queue', () => {
  const deadLetter = async (outboxId: string) => {
    const batch = createMessageBatch('loket-outbox-local-dlq', [message('d', { type: 'deliver', outboxId }, 9), message('x', 'garbage')]);
    const ctx = createExecutionContext();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    await worker.queue(batch as MessageBatch<unknown>, testEnv());
    const logged = errors.mock.calls.flat().join('\n');
    errors.mockRestore();
    return { result: await getQueueResult(batch, ctx), logged };
  };

  it('records a dead delivery on its row and hands it back to the cron, loudly', async () => {
    await outboxRowFor('simulator');
    await env.DB.prepare("UPDATE outbox SET status = 'sending', updated_at = ?1 WHERE id = 'o1'").bind(Date.now() - 3600_000).run();
    const { result, logged } = await deadLetter('o1');
    expect(result.explicitAcks.sort()).toEqual(['d', 'x']);
    expect(logged).toContain('"queue.dead_letter"');
    expect(await env.DB.prepare("SELECT status, last_error FROM outbox WHERE id = 'o1'").first()).toEqual({
      status: 'pending', last_error: 'dead-lettered; the cron tries it again',
    });
    expect(await requeueStuck(testEnv(), Date.now() + 3600_000)).toBe(1);
  });

  it('says loudly when a failed delivery has nobody to tell', async () => {
    await outboxRowFor('simulator', Date.now() - 8 * 24 * 3600_000);
    const { logged } = await deadLetter('o1');
    expect(await env.DB.prepare("SELECT status FROM outbox WHERE id = 'o1'").first()).toEqual({ status: 'failed' });
    expect(logged).toContain('"outbox.failed_untold"');
  });

  it('fails a dead delivery past its 7 days and tells staff, with the number masked', async () => {
    await outboxRowFor('simulator', Date.now() - 8 * 24 * 3600_000);
    await env.DB.batch([
      env.DB.prepare("INSERT INTO people (id, kelurahan_id, full_name, created_at) VALUES ('s', 'k', 'Staf', 0)"),
      env.DB.prepare("INSERT INTO channel_identities (id, kelurahan_id, person_id, channel, external_id, created_at) VALUES ('si', 'k', 's', 'simulator', '6281100000777', 0)"),
      env.DB.prepare("INSERT INTO staff_users (id, kelurahan_id, username, display_name, role, password_hash, identity_id, created_at) VALUES ('st', 'k', 'staf', 'Staf', 'staff', 'x', 'si', 0)"),
    ]);
    await deadLetter('o1');
    expect(await env.DB.prepare("SELECT status FROM outbox WHERE id = 'o1'").first()).toEqual({ status: 'failed' });
    const notice = await env.DB.prepare("SELECT payload FROM outbox WHERE identity_id = 'si'").first<{ payload: string }>();
    expect(JSON.parse(notice!.payload).text).toMatch(/^Pesan dari Loket untuk nomor 0812\*\*\*\*001 tidak terkirim, walaupun Loket sudah mencoba selama 7 hari sejak .+\./);
  });
});

describe('retry backoff', () => {
  it('grows exponentially, is jittered and capped', () => {
    expect(retryDelaySeconds(1, 0.999)).toBe(5);
    expect(retryDelaySeconds(4, 0.999)).toBe(40);
    expect(retryDelaySeconds(30, 0.9999)).toBe(BACKOFF_MAX_SECONDS);
    expect(retryDelaySeconds(4, 0)).toBe(1);
  });
});

describe('cron triggers', () => {
  it('maps the expressions of wrangler.toml to their jobs', () => {
    expect(cronJob('*/15 * * * *')).toBe('schedule_tick');
    expect(cronJob('0 0 * * *')).toBe('daily_digest');
    expect(cronJob('* * * * *')).toBeNull();
  });

  it('reads only the cases whose next action is due, through the partial index', async () => {
    const query = dueCases(dbOf(env.DB), { now: 0, limit: 10 }).toSQL();
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
      .bind(...query.params)
      .all<{ detail: string }>();
    expect(plan.results.map((r) => r.detail).join(' ')).toContain('cases_next_action');
  });

  it('reads only the letters still open, through the partial index', async () => {
    const query = openLetters(dbOf(env.DB), 0).toSQL();
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
      .bind(...query.params)
      .all<{ detail: string }>();
    expect(plan.results.map((r) => r.detail).join(' ')).toContain('letters_open');
  });

  it('runs the schedule tick and logs an unknown expression instead of failing', async () => {
    const logs = vi.spyOn(console, 'log').mockImplementation(() => {});
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    await runScheduled(createScheduledController({ cron: '*/15 * * * *', scheduledTime: Date.UTC(2026, 10, 30) }), env);
    await runScheduled(createScheduledController({ cron: '5 4 * * *', scheduledTime: 0 }), env);
    expect(logs.mock.calls.flat().join('\n')).toContain('"cron.schedule_tick"');
    expect(errors.mock.calls.flat().join('\n')).toContain('"cron.unknown"');
    logs.mockRestore();
    errors.mockRestore();
  });
});

/** One pending outbox row 'o1' to a person reachable on `channel`. */
async function outboxRowFor(channel: string, createdAt = Date.now()): Promise<void> {
  await env.DB.batch([
    env.DB.prepare("INSERT INTO kelurahan (id, name, kecamatan, city, lurah_name, address, created_at) VALUES ('k', 'A', 'B', 'C', 'D', 'E', 0)"),
    env.DB.prepare("INSERT INTO people (id, kelurahan_id, full_name, created_at) VALUES ('p', 'k', 'X', 0)"),
    env.DB.prepare("INSERT INTO channel_identities (id, kelurahan_id, person_id, channel, external_id, created_at) VALUES ('i', 'k', 'p', ?1, '6281234500001', 0)").bind(channel),
    env.DB.prepare(`INSERT INTO outbox (id, kelurahan_id, identity_id, payload, not_before, created_at, updated_at) VALUES ('o1', 'k', 'i', '{"kind":"text","text":"hi"}', ?1, ?1, ?1)`).bind(createdAt),
  ]);
}
