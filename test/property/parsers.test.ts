/**
 * The webhook parsers read whatever a provider sends, the day its JSON changes too: arbitrary
 * JSON and mutations of real payloads (the payloads the parser tests use, and ../shared/fixtures
 * when present) never make them throw. They return events the pipeline can take, or say why
 * not (WhatsApp: a problem; Telegram: ignored, with a reason).
 */
import { env } from 'cloudflare:test';
import fc from 'fast-check';
import type { Update } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { parseUpdate } from '../../adapters/telegram/parse';
import { parseWebhook } from '../../adapters/whatsapp/parse';
import { tg, SITI_TG } from '../support/telegram';
import { envelope, wa } from '../support/whatsapp';
import { bodies, eventProblem, SEED } from './arbitraries';

// Vite's glob, declared here alone: vite/client's global types clash with the Workers types.
declare global {
  interface ImportMeta {
    glob(patterns: string[], options: { query: '?raw'; import: 'default'; eager: true }): Record<string, unknown>;
  }
}
const telegramFixtures = Object.values(import.meta.glob(['../telegram/fixtures/*.json'], { query: '?raw', import: 'default', eager: true })).map((raw) => JSON.parse(raw as string) as unknown);

const SITI = '6281234500001';
const contact = { waId: SITI, name: 'Siti' };
const whatsappPayloads: unknown[] = [
  envelope({ messages: [wa.text(SITI, 'halo')] }, contact),
  envelope({ messages: [wa.button(SITI, 'svc:ktp', 'KTP'), wa.list(SITI, 'menu:apply', 'Ajukan layanan')] }, contact),
  envelope({ messages: [wa.image(SITI, 'm1', 'abc='), wa.document(SITI, 'm2', 'def=', 'kk.pdf')] }, contact),
  envelope({ messages: [wa.voice(SITI), wa.sticker(SITI), wa.location(SITI)] }, contact),
  envelope({ messages: [{ from: SITI, id: 'wamid.q', timestamp: '1', type: 'button', button: { payload: 'rt:ap:c1', text: 'Setujui' } }] }, contact),
  envelope({
    statuses: [
      { id: 'wamid.o1', status: 'delivered', timestamp: '1764475200', recipient_id: SITI },
      { id: 'wamid.o2', status: 'failed', timestamp: '1764475200', recipient_id: SITI, errors: [{ code: 131026, title: 'Message undeliverable' }] },
    ],
    errors: [{ code: 131000, title: 'Something went wrong', error_data: { details: 'Unsupported webhook payload' } }],
  }),
  ...Object.values(JSON.parse(env.SHARED_WHATSAPP_FIXTURES) as Record<string, unknown>),
];
const telegramPayloads: unknown[] = [
  ...telegramFixtures,
  tg.text(SITI_TG, 'halo'),
  tg.press(SITI_TG, 'menu:apply'),
  tg.photo(SITI_TG, 'KK'),
  tg.document(SITI_TG),
  tg.contact(SITI_TG, '6281234500001'),
  tg.edit(SITI_TG, 101, 'Siti Aminah'),
  ...Object.values(JSON.parse(env.SHARED_TELEGRAM_FIXTURES) as Record<string, unknown>),
];

describe('the WhatsApp parser', () => {
  it('never throws on arbitrary or mutated payloads, and every event it returns is one the pipeline can take', () => {
    fc.assert(
      fc.property(bodies(whatsappPayloads), (body) => {
        const parsed = parseWebhook(body);
        expect(Array.isArray(parsed.messages) && Array.isArray(parsed.statuses) && Array.isArray(parsed.problems)).toBe(true);
        for (const { phoneNumberId, event } of parsed.messages) {
          expect(typeof phoneNumberId === 'string' && phoneNumberId.length > 0).toBe(true);
          expect(eventProblem(event)).toBeNull();
          expect(event.sender.channel).toBe('whatsapp');
        }
        for (const s of parsed.statuses) {
          expect(typeof s.providerMessageId === 'string' && s.providerMessageId.length > 0).toBe(true);
          expect(['sent', 'delivered', 'read', 'failed', 'other']).toContain(s.status);
          expect(Array.isArray(s.errors)).toBe(true);
        }
        for (const p of parsed.problems) expect(typeof p.detail).toBe('string');
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('reads an unmutated payload fully (the generator starts from payloads the parser accepts)', () => {
    for (const body of whatsappPayloads) {
      const parsed = parseWebhook(body);
      expect(parsed.messages.length + parsed.statuses.length).toBeGreaterThan(0);
    }
  });
});

describe('the Telegram parser', () => {
  it('never throws on arbitrary or mutated updates: an event the pipeline can take, an edit, or ignored with a reason', () => {
    const reasons = ['not_private', 'from_bot', 'member_update', 'inline_query', 'inline_message', 'service', 'unreadable', 'other_update'];
    fc.assert(
      fc.property(bodies(telegramPayloads), fc.constantFrom(undefined, null, '123456'), (update, botId) => {
        const parsed = parseUpdate(update as Update, Date.parse('2026-11-30T03:00:00Z'), botId);
        if (parsed.kind === 'ignored') {
          expect(reasons).toContain(parsed.reason);
          expect(parsed.messageId === null || parsed.messageId.startsWith('tg:')).toBe(true);
          return;
        }
        expect(['event', 'edited']).toContain(parsed.kind);
        expect(eventProblem(parsed.event)).toBeNull();
        expect(parsed.event.sender.channel).toBe('telegram');
        // A chat id is an integer: the reply goes to it.
        expect(parsed.event.sender.externalId).toMatch(/^-?\d+$/);
        expect(parsed.event.messageId.startsWith('tg:')).toBe(true);
        if (parsed.kind === 'edited') expect(typeof parsed.event.editOf === 'string' && Number.isFinite(parsed.editedAt)).toBe(true);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('reads the unmutated updates as events or a deliberate ignore', () => {
    const kinds = telegramPayloads.map((u) => parseUpdate(u as Update, Date.parse('2026-11-30T03:00:00Z')).kind);
    expect(kinds.filter((k) => k === 'event').length).toBeGreaterThan(5);
  });
});
