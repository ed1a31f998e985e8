/**
 * Every call to a provider ends: `work` gets a signal that aborts after `ms`, and the caller
 * stops waiting at that moment even if the provider (or a fake) ignores the signal. A hung call
 * must end well before another consumer may take its work over.
 */
export async function withTimeout<T>(ms: number, work: (signal: AbortSignal) => Promise<T>, timedOut: () => Error): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = timedOut();
      controller.abort(err);
      reject(err);
    }, ms);
  });
  const running = work(controller.signal);
  // A call that ignores the signal may still fail later; nobody waits for it any more.
  running.catch(() => {});
  try {
    return await Promise.race([running, expired]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}
