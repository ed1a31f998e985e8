/** A Queue binding that only records what is put on it (bodies, oldest first), for tests that deliver by hand. */
export function recordingQueue(): { queue: Queue; queued: unknown[] } {
  const queued: unknown[] = [];
  const queue = {
    async send(body: unknown) {
      queued.push(body);
    },
    async sendBatch(messages: { body: unknown }[]) {
      queued.push(...messages.map((m) => m.body));
    },
  } as unknown as Queue;
  return { queue, queued };
}
