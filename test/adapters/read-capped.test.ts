/**
 * readCapped: a body of unknown length read up to a cap, within a budget shared by the isolate's
 * reads, every byte counted against it given back once handed on, cancelled or given up.
 */
import { describe, expect, it } from 'vitest';
import { MediaTooLargeError } from '../../adapters/ports';
import { MediaBusyError, readCapped, type MemoryBudget } from '../../adapters/read-capped';

function chunked(sizes: number[], opts: { breakAfter?: number } = {}): { stream: ReadableStream<Uint8Array>; cancelled: () => boolean } {
  let i = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (opts.breakAfter !== undefined && i === opts.breakAfter) return controller.error(new Error('connection reset by https://secret.example/bot123:TOKEN/file'));
      if (i === sizes.length) return controller.close();
      controller.enqueue(new Uint8Array(sizes[i]!).fill(i + 1));
      i++;
    },
    cancel() {
      cancelled = true;
    },
  });
  return { stream, cancelled: () => cancelled };
}
const broken = () => new Error('download broke off');
const budget = (limit: number): MemoryBudget => ({ limit, held: 0 });
const bytesOf = async (body: ReadableStream<Uint8Array>) => new Uint8Array(await new Response(body).arrayBuffer());

describe('readCapped', () => {
  it('gives the whole body in order with its length, and gives the budget back as it is read', async () => {
    const b = budget(1000);
    const { stream } = chunked([100, 50, 200]);
    const read = await readCapped(stream, 500, { broken, budget: b });
    expect(read.length).toBe(350);
    expect(b.held).toBe(350);
    const bytes = await bytesOf(read.body);
    expect(bytes.length).toBe(350);
    expect([bytes[0], bytes[100], bytes[150], bytes[349]]).toEqual([1, 2, 3, 3]);
    expect(b.held).toBe(0);
  });

  it('stops one byte past the cap, cancels the download and holds nothing', async () => {
    const b = budget(10_000);
    const { stream, cancelled } = chunked([400, 400, 400]);
    await expect(readCapped(stream, 1000, { broken, budget: b })).rejects.toBeInstanceOf(MediaTooLargeError);
    expect(cancelled()).toBe(true);
    expect(b.held).toBe(0);
  });

  it('takes exactly the cap', async () => {
    const read = await readCapped(chunked([600, 400]).stream, 1000, { broken, budget: budget(10_000) });
    expect(read.length).toBe(1000);
  });

  it('gives up as busy when the isolate already holds its budget, and a later read goes through once that is handed on', async () => {
    const b = budget(1000);
    const first = await readCapped(chunked([700]).stream, 1000, { broken, budget: b });
    const second = chunked([200, 200, 200]);
    await expect(readCapped(second.stream, 1000, { broken, budget: b })).rejects.toBeInstanceOf(MediaBusyError);
    expect(second.cancelled()).toBe(true);
    expect(b.held).toBe(700);
    await bytesOf(first.body);
    expect((await readCapped(chunked([200, 200]).stream, 1000, { broken, budget: b })).length).toBe(400);
  });

  it('gives the budget back when the body it handed on is cancelled unread', async () => {
    const b = budget(1000);
    const read = await readCapped(chunked([300, 300]).stream, 1000, { broken, budget: b });
    await read.body.cancel();
    expect(b.held).toBe(0);
  });

  it('throws its own error for a connection broken mid-file, quoting nothing of the stream\'s', async () => {
    const b = budget(1000);
    const err = await readCapped(chunked([100, 100], { breakAfter: 1 }).stream, 1000, { broken, budget: b }).catch((e: unknown) => e);
    expect(err).toEqual(new Error('download broke off'));
    expect(String((err as Error).stack)).not.toContain('TOKEN');
    expect(b.held).toBe(0);
  });
});
