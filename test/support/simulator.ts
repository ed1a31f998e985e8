/**
 * Drives Loket through the simulator webhook, as the simulator page does, with a queue that
 * records what the Worker enqueues so tests can run the consumer when they choose.
 */
import { createMessageBatch, env } from 'cloudflare:test';
import { vi } from 'vitest';
import type { Choice, OutboundMessage } from '../../adapters/channel';
import { botIdOf } from '../../adapters/telegram/bot-id';
import { createApp } from '../../src/app';
import worker from '../../src/index';
import { seedDemo } from '../../src/seed/demo-seed';
// The Worker loads the letter renderer (pdf-lib, fontkit, fonts) on first use; loading it with
// the test file keeps that one-off cost out of the first test that issues a letter.
import '../../src/letters/pengantar-pdf';

export const recorded: { body: unknown }[] = [];
const recordingQueue = {
  async send(body: unknown) {
    recorded.push({ body });
  },
  async sendBatch(messages: { body: unknown }[]) {
    recorded.push(...messages);
  },
} as unknown as Queue;

export const testEnv = (): Env => ({ ...env, OUTBOX: recordingQueue });
const app = createApp();

/** Monday 30 November 2026, 10:00 WIB. */
export const MONDAY_10_WIB = Date.parse('2026-11-30T10:00:00+07:00');

/** One simulated clock for everyone in a test, a second per message. */
let clock = MONDAY_10_WIB;
export function setClock(at: number): void {
  clock = at;
}

export async function seed(): Promise<void> {
  recorded.length = 0;
  clock = MONDAY_10_WIB;
  await seedDemo(env.DB, {
    now: MONDAY_10_WIB,
    password: 'test-password',
    random: { bytes: (n) => new Uint8Array(n).fill(7) },
    whatsappPhoneNumberId: env.WHATSAPP_PHONE_NUMBER_ID,
    telegramBotId: botIdOf(env.TELEGRAM_BOT_TOKEN),
  });
}

/**
 * Runs the queue consumer until nothing is left, as the Queue would, at the simulated clock (the
 * consumer reads Date.now(); the wall clock would be days away from the messages' time). A test
 * that moves Date.now itself (QueueClock) keeps its own.
 */
export async function drainQueue(): Promise<number> {
  const spy = vi.isMockFunction(Date.now) ? null : vi.spyOn(Date, 'now').mockImplementation(() => clock);
  try {
    return await drain();
  } finally {
    spy?.mockRestore();
  }
}

async function drain(): Promise<number> {
  let handled = 0;
  while (recorded.length) {
    const messages = recorded.splice(0).map((m, i) => ({ id: `q${handled + i}`, timestamp: new Date(0), attempts: 1, body: m.body }));
    handled += messages.length;
    const batch = createMessageBatch('loket-outbox-local', messages);
    await worker.queue(batch as MessageBatch<unknown>, testEnv());
  }
  return handled;
}

export interface Received {
  id: string;
  status: string;
  message: OutboundMessage;
}

export class SimPerson {
  private read = new Set<string>();
  constructor(
    readonly id: string,
    readonly name: string,
  ) {}

  async post(body: Record<string, unknown>): Promise<{ status: number; json: Record<string, unknown> }> {
    clock += 1000;
    const res = await app.request(
      '/simulator/api/messages',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: { id: this.id, name: this.name }, at: clock, ...body }) },
      testEnv(),
    );
    return { status: res.status, json: await res.json() };
  }

  /** Types `text` and returns the replies it caused. */
  async say(text: string, messageId?: string): Promise<Received[]> {
    const r = await this.post({ text, ...(messageId ? { messageId } : {}) });
    if (r.status !== 200) throw new Error(`say ${text}: ${r.status} ${JSON.stringify(r.json)}`);
    return this.replies();
  }

  async press(choice: Choice | string): Promise<Received[]> {
    const r = await this.post({ choiceId: typeof choice === 'string' ? choice : choice.id });
    if (r.status !== 200) throw new Error(`press: ${r.status}`);
    return this.replies();
  }

  async sendUnsupported(what: string): Promise<Received[]> {
    await this.post({ unsupported: what });
    return this.replies();
  }

  async upload(bytes: Uint8Array, type: string, name: string, messageId?: string): Promise<Received[]> {
    clock += 1000;
    const form = new FormData();
    form.append('from_id', this.id);
    form.append('from_name', this.name);
    form.append('at', String(clock));
    if (messageId) form.append('messageId', messageId);
    form.append('file', new File([bytes], name, { type }));
    const res = await app.request('/simulator/api/media', { method: 'POST', body: form }, testEnv());
    if (res.status !== 200) throw new Error(`upload: ${res.status} ${await res.text()}`);
    return this.replies();
  }

  /** Messages to this person not read yet (one held for later shows once sent, maybe among older ones). */
  async replies(): Promise<Received[]> {
    const fresh = (await this.inbox()).filter((m) => !this.read.has(m.id));
    for (const m of fresh) this.read.add(m.id);
    return fresh;
  }

  async inbox(): Promise<Received[]> {
    const res = await app.request(`/simulator/api/inbox?id=${this.id}`, {}, testEnv());
    return ((await res.json()) as { messages: Received[] }).messages;
  }
}

export function text(replies: Received[]): string {
  return replies.map((r) => (r.message.kind === 'text' ? r.message.text : `[${r.message.kind === 'document' ? r.message.filename : 'image'}]`)).join('\n---\n');
}

export function choicesOf(replies: Received[]): Choice[] {
  const last = [...replies].reverse().find((r) => r.message.kind === 'text' && r.message.choices?.length);
  return last && last.message.kind === 'text' ? (last.message.choices ?? []) : [];
}

export function choice(replies: Received[], label: string | RegExp): Choice {
  const found = choicesOf(replies).find((c) => (typeof label === 'string' ? c.label === label : label.test(c.label)));
  if (!found) throw new Error(`no choice ${label} in ${JSON.stringify(choicesOf(replies))}`);
  return found;
}

/** How to answer choices, as a resident reads it (Indonesian), in both forms a renderer may pick. */
export const ANSWER_HINT = { tap: 'Ketuk salah satu pilihan, atau ketik "bantuan".', type: 'Balas angkanya, atau ketik "bantuan".' };

/** The last message of `replies` that offered choices. */
export function lastAsked(replies: Received[]): Received['message'] {
  const found = [...replies].reverse().find((r) => r.message.kind === 'text' && r.message.choices?.length);
  if (!found) throw new Error('no message with choices');
  return found.message;
}

/** Smallest files whose first bytes say what they are. */
export const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 2, 3, 4, 5]);
export const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
export const PDF = new TextEncoder().encode('%PDF-1.4\n%\u00e2\u00e3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
