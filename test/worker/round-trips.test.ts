/**
 * The webhook path is hot: one read batch and one write batch per inbound message. D1 calls are
 * counted by wrapping the binding's entry points (batch, and a statement's first/all/run/raw).
 */
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearChannelCaches } from '../../src/channels';
import { deskDoes } from '../support/desk-decision';
import { useFreshDatabase } from '../support/fresh-database';
import { seed } from '../support/simulator';
import { envelope, FakeGraph, post, wa } from '../support/whatsapp';

useFreshDatabase();
const graph = new FakeGraph();
beforeEach(async () => {
  await seed();
  clearChannelCaches();
  graph.install();
});
afterEach(() => vi.restoreAllMocks());

function countRoundTrips(): () => number {
  const statement = Object.getPrototypeOf(env.DB.prepare('SELECT 1')) as Record<string, unknown>;
  const spies = [vi.spyOn(env.DB, 'batch'), ...(['first', 'all', 'run', 'raw'] as const).map((m) => vi.spyOn(statement as never, m as never))];
  const start = spies.map((s) => s.mock.calls.length);
  return () => spies.reduce((n, s, i) => n + s.mock.calls.length - start[i]!, 0);
}

const SITI = '6281234500001';
const say = (message: Record<string, unknown>) => post(envelope({ messages: [message] }, { waId: SITI, name: 'Siti' }));

describe('D1 round trips per inbound message', () => {
  it('are two for a greeting, a typed answer, a pressed button and a voice note (its answer names the office’s phone)', async () => {
    await say(wa.text(SITI, 'halo')); // the first contact also warms the phone-number cache
    for (const message of [wa.text(SITI, 'halo'), wa.text(SITI, '1'), wa.button(SITI, 'svc:ktp'), wa.voice(SITI)]) {
      const trips = countRoundTrips();
      expect((await say(message)).status).toBe(200);
      expect(trips()).toBe(2);
      vi.restoreAllMocks();
      graph.install();
    }
  });

  it('are two for the first WhatsApp message of a number shared on Telegram, which is hers from that message on', async () => {
    await post(envelope({ messages: [wa.text('6281234500002', 'halo')] }, { waId: '6281234500002', name: 'Budi' })); // warms the cache
    await env.DB.batch([
      env.DB.prepare("INSERT INTO people (id, kelurahan_id, full_name, phone, created_at) VALUES ('p-siti', 'kel-bukit-sangkal', 'Siti Aminah', ?, 0)").bind(SITI),
      env.DB.prepare(
        "INSERT INTO channel_identities (id, kelurahan_id, person_id, channel, external_id, created_at) VALUES ('tg-siti', 'kel-bukit-sangkal', 'p-siti', 'telegram', '700000001', 0)",
      ),
    ]);
    const trips = countRoundTrips();
    expect((await say(wa.text(SITI, 'status'))).status).toBe(200);
    expect(trips()).toBe(2);
    expect(await env.DB.prepare("SELECT person_id AS p FROM channel_identities WHERE channel = 'whatsapp' AND external_id = ?").bind(SITI).first()).toEqual({ p: 'p-siti' });
  });

  it('are two for a complaint’s button pressed under the office’s answer', async () => {
    for (const text of ['halo', 'pengaduan', 'Lampu jalan di depan rumah mati sejak minggu lalu.']) await say(wa.text(SITI, text));
    await say(wa.button(SITI, 'complaint:skip'));
    const { id, code } = (await env.DB.prepare("SELECT id, code FROM cases WHERE kind = 'complaint'").first<{ id: string; code: string }>())!;
    await deskDoes(code, { action: 'answer', answer: 'Lampu sudah diganti.' }, Date.now());
    const trips = countRoundTrips();
    expect((await say(wa.button(SITI, `cp:ro:${id}`))).status).toBe(200);
    expect(trips()).toBe(2);
    expect(await env.DB.prepare('SELECT state FROM cases WHERE id = ?').bind(id).first()).toEqual({ state: 'open' });
  });
});
