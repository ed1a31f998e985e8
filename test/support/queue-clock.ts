/**
 * Days of queue and cron in milliseconds of test: a clock the test moves (Date.now), a queue that
 * keeps what the Worker enqueues and what the consumer retries with its delay, and the
 * 15-minute cron. runUntil() plays every due message and cron tick in order, as Cloudflare would,
 * and keeps what the queue would have dead-lettered after wrangler.toml's max_retries.
 */
import { createScheduledController } from 'cloudflare:test';
import { vi } from 'vitest';
import worker from '../../src/index';
import { recorded, testEnv } from './simulator';

/** [env.local.queues.consumers] max_retries in wrangler.toml. */
const MAX_RETRIES = 8;
/** The schedule tick of wrangler.toml: every 15 minutes. */
const CRON_MS = 15 * 60_000;

interface Waiting {
  id: string;
  due: number;
  attempts: number;
  body: unknown;
}

export class QueueClock {
  waiting: Waiting[] = [];
  deadLettered: unknown[] = [];
  cronRuns = 0;
  private nextCron: number;
  private seq = 0;

  /** `cronEveryMs`: a multiple of 15 minutes, to play days quickly (the tick is idempotent). */
  constructor(
    public now: number,
    private readonly cronEveryMs = CRON_MS,
  ) {
    this.nextCron = Math.floor(now / CRON_MS) * CRON_MS + CRON_MS;
    vi.spyOn(Date, 'now').mockImplementation(() => this.now);
  }

  async runUntil(until: number): Promise<void> {
    for (let steps = 0; ; steps++) {
      if (steps > 20_000) throw new Error('queue clock: no end in sight');
      this.collect();
      const nextMessage = Math.min(...this.waiting.map((w) => w.due));
      const at = Math.max(this.now, Math.min(nextMessage, this.nextCron));
      if (at > until) break;
      this.now = at;
      if (nextMessage <= at) await this.consume();
      else await this.cron();
    }
    this.now = until;
  }

  private collect(): void {
    for (const m of recorded.splice(0)) this.waiting.push({ id: `m${++this.seq}`, due: this.now, attempts: 1, body: m.body });
  }

  private async cron(): Promise<void> {
    this.nextCron += this.cronEveryMs;
    this.cronRuns++;
    await worker.scheduled(createScheduledController({ cron: '*/15 * * * *', scheduledTime: this.now }), testEnv());
  }

  private async consume(): Promise<void> {
    const due = this.waiting.filter((w) => w.due <= this.now);
    this.waiting = this.waiting.filter((w) => w.due > this.now);
    const messages = due.map((w) => ({
      id: w.id,
      timestamp: new Date(this.now),
      attempts: w.attempts,
      body: w.body,
      ack: () => {},
      retry: (o?: { delaySeconds?: number }) => {
        if (w.attempts > MAX_RETRIES) this.deadLettered.push(w.body);
        else this.waiting.push({ ...w, attempts: w.attempts + 1, due: this.now + (o?.delaySeconds ?? 0) * 1000 });
      },
    }));
    const batch = { queue: 'loket-outbox-local', messages, ackAll: () => {}, retryAll: () => {} };
    await worker.queue(batch as unknown as MessageBatch<unknown>, testEnv());
  }
}
