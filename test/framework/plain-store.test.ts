/**
 * The plain store's guarantees (src/db/framework/): a write is all or nothing and refuses a
 * message id it has seen and a chat changed since it was loaded; a message for later leaves no
 * earlier than its time, whoever nudges it; the sweep finds what is due and no nudge took; a
 * row that fails for good is kept as failed.
 */
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import type { InboundEvent, OutboundMessage } from '../../adapters/channel';
import { chatStore } from '../../src/db/framework/chat-store';
import { botOutboxStore, SWEEP_GRACE_MS, sweepDue } from '../../src/db/framework/outbox';
import { CLAIM_TTL_MS } from '../../src/framework/deliver';
import type { PlainBot } from '../../src/framework/plain-bot';
import { SequentialIds } from '../../src/framework/ports';

const T0 = Date.parse('2026-11-30T03:00:00Z');
const HOUR = 3_600_000;
const say = (text: string): OutboundMessage => ({ kind: 'text', text });

/** Counts the messages of a chat, and keeps for later whatever follows "later:". */
const counter: PlainBot<{ n: number }> = {
  name: 'counter',
  turn(previous, event, ctx) {
    const n = (previous?.n ?? 0) + 1;
    const later = event.kind === 'text' && event.text.startsWith('later:') ? event.text.slice(6) : null;
    return {
      state: { n },
      replies: [say(`${n}${ctx.firstTime ? ' (first)' : ''}`)],
      effects: later ? [{ type: 'later', at: ctx.now + HOUR, key: 'k', message: say(later) }] : event.kind === 'text' && event.text === 'cancel' ? [{ type: 'cancel', key: 'k' }] : [],
    };
  },
};

let ids: SequentialIds;
let externalId: string;
let seq = 0;
beforeEach(() => {
  ids = new SequentialIds(`o${++seq}`);
  externalId = `62811100${String(seq).padStart(4, '0')}`;
});
const store = () => chatStore(env.DB, counter, { tenantId: 't1', ids });
const event = (text: string, messageId = `m-${Math.random()}`): InboundEvent => ({ kind: 'text', text, messageId, sender: { channel: 'simulator', externalId }, at: T0 });

async function turn(text: string, now = T0, messageId?: string) {
  const e = event(text, messageId);
  const loaded = await store().load(e, now);
  return { loaded, written: await store().write(e, loaded, counter.turn(loaded.previous, e, loaded.context), now) };
}

const rows = () =>
  env.DB.prepare('SELECT id, payload, status, not_before, last_error FROM bot_outbox WHERE external_id = ? ORDER BY rowid').bind(externalId).all<{ id: string; payload: string; status: string; not_before: number; last_error: string | null }>().then((r) => r.results);

describe('the plain turn store', () => {
  it('loads the state and whether the chat is new, and writes the replies with their nudges', async () => {
    const first = await turn('a');
    expect(first.loaded.context).toEqual({ now: T0, channel: 'simulator', externalId, firstTime: true });
    const second = await turn('b');
    expect(second.loaded).toMatchObject({ seen: false, previous: { n: 1 }, context: { firstTime: false } });
    const outbox = await rows();
    expect(outbox.map((r) => JSON.parse(r.payload).text)).toEqual(['1 (first)', '2']);
    expect(second.written).toEqual({ kind: 'written', nudges: [{ type: 'deliver', outboxId: outbox[1]!.id }] });
  });

  it('refuses a message id it has seen, keeping nothing of the second write', async () => {
    await turn('a', T0, 'same');
    expect((await store().load(event('a', 'same'), T0)).seen).toBe(true);
    // Written anyway over a load that did not see it (a racing copy of the webhook), the chat
    // still at the version loaded: the message id alone refuses it.
    const e = event('a', 'same');
    const loaded = await store().load(event('a'), T0);
    const written = await store().write(e, loaded, counter.turn(loaded.previous, e, loaded.context), T0);
    expect(written).toEqual({ kind: 'duplicate' });
    expect(await rows()).toHaveLength(1);
  });

  it('refuses a write on a chat changed since it was loaded, keeping nothing of it', async () => {
    await turn('a');
    const e1 = event('b');
    const e2 = event('c');
    const l1 = await store().load(e1, T0);
    const l2 = await store().load(e2, T0);
    expect(await store().write(e1, l1, counter.turn(l1.previous, e1, l1.context), T0)).toMatchObject({ kind: 'written' });
    expect(await store().write(e2, l2, counter.turn(l2.previous, e2, l2.context), T0)).toEqual({ kind: 'stale' });
    expect((await rows()).map((r) => JSON.parse(r.payload).text)).toEqual(['1 (first)', '2']);
    // Nor was its message id kept: the retry is not taken for a duplicate.
    expect((await store().load(e2, T0)).seen).toBe(false);
  });

  it('refuses a second first message of a chat that did not exist when both were loaded', async () => {
    const e1 = event('a');
    const e2 = event('b');
    const l1 = await store().load(e1, T0);
    const l2 = await store().load(e2, T0);
    await store().write(e1, l1, counter.turn(null, e1, l1.context), T0);
    expect(await store().write(e2, l2, counter.turn(null, e2, l2.context), T0)).toEqual({ kind: 'stale' });
  });

  it('keeps a message for later without a nudge, replaces it by key, and cancels it', async () => {
    const { written } = await turn('later:one');
    expect(written.kind === 'written' && written.nudges).toHaveLength(1);
    await turn('later:two');
    expect((await rows()).filter((r) => r.not_before === T0 + HOUR).map((r) => JSON.parse(r.payload).text)).toEqual(['two']);
    await turn('cancel');
    expect((await rows()).filter((r) => r.not_before > T0)).toEqual([]);
  });
});

describe('the plain outbox', () => {
  const outbox = () => botOutboxStore(env.DB);

  it('does not hand out a message for later before its time, whoever nudges it', async () => {
    await turn('later:reminder');
    const later = (await rows()).find((r) => r.not_before > T0)!;
    expect(await outbox().claim([later.id], T0 + HOUR - 1, T0 - CLAIM_TTL_MS)).toEqual([]);
    expect((await outbox().claim([later.id], T0 + HOUR, T0 - CLAIM_TTL_MS)).map((r) => r.id)).toEqual([later.id]);
  });

  it('sweeps what is due and no nudge took, once per grace period', async () => {
    await turn('later:reminder');
    const [reply, later] = await rows();
    // The reply was nudged at T0: left to that nudge for a minute, then swept.
    expect(await sweepDue(env.DB, T0 + 1000)).not.toContain(reply!.id);
    const due = await sweepDue(env.DB, T0 + HOUR);
    expect(due).toEqual(expect.arrayContaining([reply!.id, later!.id]));
    expect(await sweepDue(env.DB, T0 + HOUR + SWEEP_GRACE_MS - 1)).not.toContain(later!.id);
    expect(await sweepDue(env.DB, T0 + HOUR + SWEEP_GRACE_MS)).toContain(later!.id);
  });

  it('takes back a waiting message on cancel, but not one already tried', async () => {
    await turn('later:satu');
    await turn('cancel');
    expect((await rows()).map((r) => JSON.parse(r.payload).text)).not.toContain('satu');
    await turn('later:dua');
    const [tried] = (await rows()).filter((r) => JSON.parse(r.payload).text === 'dua');
    await env.DB.prepare('UPDATE bot_outbox SET attempts = 1, parts_sent = 1 WHERE id = ?').bind(tried!.id).run();
    await turn('cancel');
    expect((await rows()).map((r) => JSON.parse(r.payload).text)).toContain('dua');
  });

  it('sweeps a row whose sender died mid-send, once its claim has run out', async () => {
    await turn('a');
    const [row] = await rows();
    await outbox().claim([row!.id], T0, T0 - CLAIM_TTL_MS);
    expect(await sweepDue(env.DB, T0 + CLAIM_TTL_MS)).not.toContain(row!.id);
    expect(await sweepDue(env.DB, T0 + CLAIM_TTL_MS + 1)).toContain(row!.id);
    // The sweep left the old claim as it was, so the delivery may take it over.
    expect((await outbox().claim([row!.id], T0 + CLAIM_TTL_MS + 1, T0 + 1)).map((r) => r.id)).toEqual([row!.id]);
  });

  it('keeps a row that failed for good as failed, and asks nothing more', async () => {
    await turn('a');
    const [row] = await rows();
    await outbox().claim([row!.id], T0, T0 - CLAIM_TTL_MS);
    expect(await outbox().fail(row!.id, { kind: 'undeliverable', code: 131026 }, T0)).toEqual([]);
    expect(await rows()).toMatchObject([{ status: 'failed', last_error: 'undeliverable 131026' }]);
    expect(await sweepDue(env.DB, T0 + HOUR)).not.toContain(row!.id);
  });

  it('sends a deferred row when the person writes again', async () => {
    await turn('a');
    const [row] = await rows();
    await outbox().claim([row!.id], T0, T0 - CLAIM_TTL_MS);
    await outbox().markSent({ id: row!.id, status: 'deferred', providerMessageId: 'wamid.x', partsSent: null, now: T0 });
    const { written } = await turn('b', T0 + HOUR);
    expect(written.kind === 'written' && written.nudges.map((n) => n.outboxId)).toContain(row!.id);
    expect((await rows())[0]!.status).toBe('pending');
  });
});
