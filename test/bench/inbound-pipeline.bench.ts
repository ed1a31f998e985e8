/**
 * The JavaScript of one inbound message, without SQLite: processInbound over a D1 stand-in that
 * answers every statement at once (the kelurahan, 40 RTs and 20 holidays for the read batch,
 * nothing else). What it measures is the Worker's own work per message: building and binding
 * both batches, mapping rows, the dialogue and the write plan. `npm run bench` prints it next to
 * the run against wrangler dev, which adds SQLite and the queue.
 */
import { bench, describe } from 'vitest';
import type { InboundEvent } from '../../adapters/channel';
import { SequentialIds } from '../../src/framework/ports';
import { processInbound, type PipelineDeps } from '../../src/pipeline/process-inbound';

const KELURAHAN = { id: 'k', name: 'Bukit Sangkal', utc_offset_minutes: 420, opens_at_minute: 480, closes_at_minute: 960 };
const REGISTRY = Array.from({ length: 40 }, (_, i) => ({
  rtId: `rt${i}`, rwNumber: 1 + Math.floor(i / 5), rtNumber: 1 + (i % 5), chairPersonId: `c${i}`, chairName: `Ketua ${i}`, chairNik: null, chairIdentityId: `ci${i}`,
}));
const HOLIDAYS = Array.from({ length: 20 }, (_, i) => ({ date: `2026-12-${String(i + 1).padStart(2, '0')}` }));

/** D1's shape, as far as the pipeline uses it: prepared statements bound and sent in a batch. */
class Statement {
  constructor(readonly sql: string, readonly params: unknown[] = []) {}
  bind(...params: unknown[]) {
    return new Statement(this.sql, params);
  }
}
const result = (results: unknown[]) => ({ results, success: true, meta: { changes: 1, last_row_id: 0, duration: 0 } });
const d1 = {
  prepare: (sql: string) => new Statement(sql),
  async batch(statements: Statement[]) {
    // The read batch's third statement reads the kelurahan, its fourth the registry, its seventh the holidays.
    const read = statements.length === 13 && /processed_messages/.test(statements[0]!.sql);
    return statements.map((s, i) => result(read && i === 2 ? [KELURAHAN] : read && i === 3 ? REGISTRY : read && i === 6 ? HOLIDAYS : []));
  },
} as unknown as D1Database;

let n = 0;
const deps: PipelineDeps = {
  db: d1,
  queue: { send: async () => {}, sendBatch: async () => {} } as unknown as Queue,
  clock: { now: () => Date.parse('2026-11-30T10:00:00+07:00') },
  ids: new SequentialIds(),
  random: { bytes: (k: number) => new Uint8Array(k).fill(7) },
  maxUploadBytes: 10 * 1024 * 1024,
  defaultLocale: 'id',
};
const halo = (): InboundEvent => ({
  kind: 'text', text: 'halo', messageId: `wamid.${++n}`, at: 0,
  sender: { channel: 'whatsapp', externalId: '628123450001', displayName: 'Siti Aminah', phone: '628123450001' },
} as InboundEvent);

describe('one inbound message (JavaScript only)', () => {
  bench('"halo" from a new number: read batch, dialogue, write batch', async () => {
    await processInbound(deps, 'k', halo());
  }, { time: 4000, warmupTime: 1000 });
});
