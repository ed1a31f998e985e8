/**
 * A download whose length neither the provider nor the response gave. R2 needs a stream's length
 * before its first byte, so the file is read into memory first: up to `cap` bytes, held as its
 * chunks (never joined, so never twice in memory), each let go once handed on.
 *
 * All such reads of one isolate share a budget: the consumer fetches a batch's files at once,
 * and ten held whole could pass a Worker's 128 MB. A read that would pass it is given up as
 * busy, and the file is fetched again later.
 */
import { MediaTooLargeError } from './ports';

export interface MemoryBudget {
  readonly limit: number;
  held: number;
}

/** The isolate's budget for files of unknown length held in memory. */
export const UNSIZED_DOWNLOADS: MemoryBudget = { limit: 32 * 1024 * 1024, held: 0 };

/** Too many unsized files held at once in this isolate: fetched again later. */
export class MediaBusyError extends Error {
  constructor() {
    super('too many files of unknown length held at once');
    this.name = 'MediaBusyError';
  }
}

export interface ReadCappedOptions {
  signal?: AbortSignal | undefined;
  /** The error for a connection broken mid-file, made here so that it quotes no URL. */
  broken: () => Error;
  budget?: MemoryBudget;
}

export async function readCapped(body: ReadableStream<Uint8Array>, cap: number, opts: ReadCappedOptions): Promise<{ body: ReadableStream<Uint8Array>; length: number }> {
  const budget = opts.budget ?? UNSIZED_DOWNLOADS;
  const reader = body.getReader();
  const chunks: (Uint8Array | undefined)[] = [];
  let length = 0;
  const giveUp = async (err: Error): Promise<never> => {
    budget.held -= length;
    await reader.cancel().catch(() => undefined);
    throw err;
  };
  for (;;) {
    let read: ReadableStreamReadResult<Uint8Array>;
    try {
      read = await reader.read();
    } catch {
      budget.held -= length;
      if (opts.signal?.aborted) throw opts.signal.reason;
      throw opts.broken();
    }
    if (read.done) break;
    const n = read.value.byteLength;
    if (length + n > cap) return giveUp(new MediaTooLargeError(null));
    if (budget.held + n > budget.limit) return giveUp(new MediaBusyError());
    budget.held += n;
    length += n;
    chunks.push(read.value);
  }
  let next = 0;
  let unreleased = length;
  const release = (n: number) => {
    budget.held -= n;
    unreleased -= n;
  };
  const replay = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[next];
      if (!chunk) {
        controller.close();
        return;
      }
      chunks[next++] = undefined;
      release(chunk.byteLength);
      controller.enqueue(chunk);
    },
    cancel() {
      chunks.length = 0;
      release(unreleased);
    },
    // Nothing pulled ahead of the reader: a chunk leaves the budget only when it is taken.
  }, { highWaterMark: 0 });
  return { body: replay, length };
}
