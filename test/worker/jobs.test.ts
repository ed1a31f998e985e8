import { createMessageBatch, createScheduledController, env, getQueueResult, createExecutionContext } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import worker from '../../src/index';
import { retryDelaySeconds, BACKOFF_MAX_SECONDS } from '../../src/jobs/backoff';
import { createConsumer } from '../../src/jobs/consumer';
import { cronJob } from '../../src/jobs/crons';
import { runScheduled } from '../../src/jobs/scheduled';
import { DUE_CASES_SQL } from '../../src/jobs/schedule-tick';
import { useFreshDatabase } from '../support/fresh-database';

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
    const consume = createConsumer({ deliver: () => Promise.reject(new Error('down')), fetch_media: vi.fn(), make_letter: vi.fn() }, () => 0.5);
    const msg = { ...message('r', { type: 'deliver', outboxId: 'o' }, 4), ack: vi.fn(), retry };
    await consume({ queue: 'q', messages: [msg], ackAll: vi.fn(), retryAll: vi.fn() } as unknown as MessageBatch, env);
    expect(retry).toHaveBeenCalledWith({ delaySeconds: retryDelaySeconds(4, 0.5) });
    expect(msg.ack).not.toHaveBeenCalled();
  });

  it('acks a malformed body instead of retrying it forever', async () => {
    const consume = createConsumer({ deliver: vi.fn(), fetch_media: vi.fn(), make_letter: vi.fn() });
    const batch = createMessageBatch('loket-outbox-local', [message('x', { type: 'deliver' }), message('y', 'hello')]);
    await consume(batch, env);
    const result = await getQueueResult(batch, createExecutionContext());
    expect(result.explicitAcks.sort()).toEqual(['x', 'y']);
    expect(result.retryMessages).toEqual([]);
  });

  it('retries a message for a channel it cannot send on yet, and records the error on the row', async () => {
    await outboxRowFor('telegram');
    const batch = createMessageBatch('loket-outbox-local', [message('m', { type: 'deliver', outboxId: 'o1' }), message('n', { type: 'deliver', outboxId: 'gone' })]);
    const ctx = createExecutionContext();
    await worker.queue(batch as MessageBatch<unknown>, env);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual(['n']);
    expect(result.retryMessages.map((m: { msgId: string }) => m.msgId)).toEqual(['m']);
    const row = await env.DB.prepare("SELECT status, attempts, last_error FROM outbox WHERE id = 'o1'").first();
    expect(row).toEqual({ status: 'pending', attempts: 0, last_error: 'no sender for channel telegram' });
  });

  it('sends a row once when two nudges for it arrive together', async () => {
    await outboxRowFor('simulator');
    const send = vi.fn(async () => {
      await new Promise((r) => setTimeout(r, 5));
      return { providerMessageId: 'p1' };
    });
    const { deliverOutbox } = await import('../../src/jobs/deliver');
    const { SequentialIds } = await import('../../src/domain/ports');
    await Promise.all([1, 2].map(() => deliverOutbox(env, 'o1', { simulator: { send } }, 1000, new SequentialIds())));
    expect(send).toHaveBeenCalledTimes(1);
    expect(await env.DB.prepare("SELECT status, provider_message_id FROM outbox WHERE id = 'o1'").first()).toEqual({ status: 'sent', provider_message_id: 'p1' });
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
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${DUE_CASES_SQL}`)
      .bind(0, 10)
      .all<{ detail: string }>();
    expect(plan.results.map((r) => r.detail).join(' ')).toContain('cases_next_action');
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
async function outboxRowFor(channel: string): Promise<void> {
  await env.DB.batch([
    env.DB.prepare("INSERT INTO kelurahan (id, name, kecamatan, city, lurah_name, address, created_at) VALUES ('k', 'A', 'B', 'C', 'D', 'E', 0)"),
    env.DB.prepare("INSERT INTO people (id, kelurahan_id, full_name, created_at) VALUES ('p', 'k', 'X', 0)"),
    env.DB.prepare("INSERT INTO channel_identities (id, kelurahan_id, person_id, channel, external_id, created_at) VALUES ('i', 'k', 'p', ?1, '628', 0)").bind(channel),
    env.DB.prepare(`INSERT INTO outbox (id, kelurahan_id, identity_id, payload, not_before, created_at, updated_at) VALUES ('o1', 'k', 'i', '{"kind":"text","text":"hi"}', 0, 0, 0)`),
  ]);
}
