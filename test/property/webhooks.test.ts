/**
 * The webhook routes fed random and malformed bodies that pass the signature (WhatsApp) or the
 * secret (Telegram), so they reach the parser and, when they still read as a message, the whole
 * pipeline and D1: the answer is always 2xx or 4xx. A 5xx tells the provider to deliver the body
 * again, for days, and a body that is bad now will be bad then too.
 */
import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearChannelCaches } from '../../src/channels';
import { clearTelegramBotCache } from '../../src/telegram-kelurahan';
import { useFreshDatabase } from '../support/fresh-database';
import { recorded, seed } from '../support/simulator';
import { postUpdate, SITI_TG, tg } from '../support/telegram';
import { FakeBotApi } from '../support/telegram-api';
import { envelope, FakeGraph, post, wa } from '../support/whatsapp';
import { bodies, SEED } from './arbitraries';

useFreshDatabase();
beforeEach(async () => {
  await seed();
  clearChannelCaches();
  clearTelegramBotCache();
  for (const level of ['log', 'warn', 'error'] as const) vi.spyOn(console, level).mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

/** A JSON body as text, now and then cut short or not JSON at all. */
const raw = (json: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { arbitrary: json.map((b) => JSON.stringify(b) ?? 'null'), weight: 8 },
    { arbitrary: json.chain((b) => fc.nat().map((n) => (JSON.stringify(b) ?? '').slice(0, n % 200))), weight: 1 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 100 }), weight: 1 },
  );

/** Messages the pipeline ran: the bodies reached it, not only the parser. */
const processed = async () => Number((await env.DB.prepare('SELECT count(*) AS n FROM processed_messages').first<{ n: number }>())!.n);

let run = 0;
const answered = { status: 0 };
const neither5xx = (status: number) => {
  answered.status = status;
  return status >= 200 && status < 500;
};

describe('POST /webhooks/whatsapp, correctly signed', () => {
  const graph = new FakeGraph();
  beforeEach(() => graph.install());
  const SITI = '6281234500001';
  const contact = { waId: SITI, name: 'Siti' };
  const payloads = [
    envelope({ messages: [wa.text(SITI, 'halo')] }, contact),
    envelope({ messages: [wa.list(SITI, 'menu:apply', 'Ajukan layanan'), wa.button(SITI, 'svc:ktp', 'KTP')] }, contact),
    envelope({ messages: [wa.image(SITI, 'm1', 'abc='), wa.document(SITI, 'm2', 'def=', 'kk.pdf'), wa.voice(SITI)] }, contact),
    envelope({ messages: [{ from: SITI, id: 'wamid.q', timestamp: '1', type: 'button', button: { payload: 'rt:ap:c1', text: 'Setujui' } }] }, contact),
    envelope({ statuses: [{ id: 'wamid.o2', status: 'failed', timestamp: '1764475200', recipient_id: SITI, errors: [{ code: 131026, title: 'Undeliverable' }] }] }),
  ];

  it('answers 2xx or 4xx, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(raw(bodies(payloads)), async (body) => {
        recorded.length = 0;
        // A message id of its own for every run, so each readable one runs the pipeline, not the dedupe.
        body = body.replaceAll('wamid.', `wamid.run${++run}.`);
        expect(neither5xx((await post(body)).status), `answered ${answered.status}`).toBe(true);
      }),
      { seed: SEED, numRuns: 150 },
    );
    expect(await processed()).toBeGreaterThan(20);
  });
});

describe('POST /webhooks/telegram, with the secret', () => {
  const bot = new FakeBotApi();
  beforeEach(() => bot.install());
  const payloads = [
    tg.text(SITI_TG, 'halo'),
    tg.press(SITI_TG, 'menu:apply'),
    tg.photo(SITI_TG, 'KK'),
    tg.document(SITI_TG),
    tg.contact(SITI_TG, '6281234500001'),
    tg.edit(SITI_TG, 101, 'Siti Aminah'),
    tg.start(SITI_TG, 'ABCD-EFGH'),
  ];

  it('answers 2xx or 4xx, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(raw(bodies(payloads)), async (body) => {
        recorded.length = 0;
        body = body.replace(/"update_id":\d+/g, `"update_id":${900000000 + ++run}`);
        expect(neither5xx((await postUpdate(body)).status), `answered ${answered.status}`).toBe(true);
      }),
      { seed: SEED, numRuns: 150 },
    );
    expect(await processed()).toBeGreaterThan(20);
  });
});
