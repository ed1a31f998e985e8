import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { parseWebhook } from '../../adapters/whatsapp/parse';
import { envelope, PHONE_NUMBER_ID, wa } from '../support/whatsapp';

const one = (m: Record<string, unknown>) => parseWebhook(envelope({ messages: [m] }, { waId: '6281234500001', name: 'Siti' })).messages[0]?.event;

describe('WhatsApp webhook parsing (payloads as in Meta\'s docs)', () => {
  it('reads text with the sender wa_id, profile name and time', () => {
    const e = one({ ...wa.text('6281234500001', 'halo'), timestamp: '1764475200' });
    expect(e).toEqual({
      kind: 'text', text: 'halo', messageId: expect.stringMatching(/^wamid\./), at: 1764475200000,
      sender: { channel: 'whatsapp', externalId: '6281234500001', displayName: 'Siti', phone: '6281234500001' },
    });
  });

  it('reads button and list replies, and template quick replies, as choices', () => {
    expect(one(wa.button('628', 'svc:ktp', 'KTP'))).toMatchObject({ kind: 'choice', choiceId: 'svc:ktp', label: 'KTP' });
    expect(one(wa.list('628', 'menu:apply', 'Ajukan layanan'))).toMatchObject({ kind: 'choice', choiceId: 'menu:apply' });
    expect(one({ from: '628', id: 'wamid.q', timestamp: '1', type: 'button', button: { payload: 'rt:ap:c1', text: 'Setujui' } })).toMatchObject({
      kind: 'choice', choiceId: 'rt:ap:c1', label: 'Setujui',
    });
  });

  it('reads images and documents with media id, type, sha256, caption and filename', () => {
    expect(one(wa.image('628', 'm1', 'abc=', 'image/png'))).toMatchObject({ kind: 'media', media: { ref: 'm1', mimeType: 'image/png', sha256: 'abc=' } });
    expect(one({ ...wa.document('628', 'm2', 'def=', 'kk.pdf'), document: { id: 'm2', mime_type: 'application/pdf', sha256: 'def=', filename: 'kk.pdf', caption: 'KK' } })).toMatchObject({
      kind: 'media', media: { ref: 'm2', mimeType: 'application/pdf', filename: 'kk.pdf', caption: 'KK' },
    });
  });

  it.each([
    [wa.voice('628'), 'voice'],
    [{ ...wa.voice('628'), audio: { id: 'a', mime_type: 'audio/mpeg' } }, 'audio'],
    [wa.sticker('628'), 'sticker'],
    [wa.location('628'), 'location'],
    [{ from: '628', id: 'w.r', timestamp: '1', type: 'reaction', reaction: { message_id: 'w.x', emoji: '👍' } }, 'reaction'],
    [{ from: '628', id: 'w.c', timestamp: '1', type: 'contacts', contacts: [] }, 'contact'],
    [{ from: '628', id: 'w.u', timestamp: '1', type: 'unsupported', errors: [{ code: 131051, title: 'Message type unknown' }] }, 'other'],
    [{ from: '628', id: 'w.n', timestamp: '1', type: 'hologram' }, 'other'],
    [{ from: '628', id: 'w.i', timestamp: '1', type: 'interactive' }, 'other'],
  ])('answers %j politely as unsupported (%s), never a crash', (m, what) => {
    expect(one(m as Record<string, unknown>)).toMatchObject({ kind: 'unsupported', what });
  });

  it('identifies a sender without `from` by the business-scoped user id', () => {
    const body = envelope({ messages: [{ id: 'wamid.b', timestamp: '1', type: 'text', text: { body: 'hi' } }] });
    (body.entry[0]!.changes[0]!.value as Record<string, unknown>).contacts = [{ profile: { name: 'X' }, user_id: 'ID.123456789' }];
    expect(parseWebhook(body).messages[0]?.event.sender.externalId).toBe('ID.123456789');
  });

  it('reads statuses with their error codes, and keeps unknown ones apart', () => {
    const parsed = parseWebhook(envelope({
      statuses: [
        { id: 'wamid.o1', status: 'delivered', timestamp: '2', recipient_id: '628' },
        { id: 'wamid.o2', status: 'failed', timestamp: '3', recipient_id: '628', errors: [{ code: 131026, title: 'Message undeliverable' }] },
        { id: 'wamid.o3', status: 'played', timestamp: '4', recipient_id: '628' },
      ],
    }));
    expect(parsed.statuses.map((s) => [s.providerMessageId, s.status, s.errors.map((e) => e.code)])).toEqual([
      ['wamid.o1', 'delivered', []], ['wamid.o2', 'failed', [131026]], ['wamid.o3', 'other', []],
    ]);
    expect(parsed.statuses[0]!.phoneNumberId).toBe(PHONE_NUMBER_ID);
  });

  it('reports value-level errors and unreadable items, and reads the rest of the batch', () => {
    const body = envelope({ messages: [{ type: 'text', text: { body: 'no id' } }, wa.text('628', 'ok')], errors: [{ code: 131000, title: 'Something went wrong', error_data: { details: 'Unsupported webhook payload' } }] });
    const parsed = parseWebhook(body);
    expect(parsed.messages).toHaveLength(1);
    expect(parsed.problems.map((p) => p.code ?? p.detail)).toEqual([131000, 'message without sender or id']);
    expect(parseWebhook({ object: 'page' }).problems[0]!.detail).toContain('not a whatsapp_business_account');
  });
});

describe('replaying real payloads from ../shared/fixtures when present', () => {
  const fixtures = JSON.parse(env.SHARED_WHATSAPP_FIXTURES) as Record<string, unknown>;
  const names = Object.keys(fixtures);
  it.runIf(names.length > 0)('reads every one without throwing, each message or status accounted for', () => {
    for (const name of names) {
      const parsed = parseWebhook(fixtures[name]);
      const value = (fixtures[name] as { entry: { changes: { value: Record<string, unknown[]> }[] }[] }).entry[0]!.changes[0]!.value;
      expect(parsed.messages.length + parsed.problems.filter((p) => p.detail.includes('message')).length, name).toBe((value.messages ?? []).length);
      expect(parsed.statuses.length, name).toBe((value.statuses ?? []).length);
    }
  });
  it.runIf(names.includes('wa_voice_pywa.json'))('sees the voice note as voice', () => {
    expect(parseWebhook(fixtures['wa_voice_pywa.json']).messages[0]!.event).toMatchObject({ kind: 'unsupported', what: 'voice' });
  });
  it.runIf(names.includes('wa_interactive_button_reply_bsuid_pywa.json'))('reads the button reply id', () => {
    expect(parseWebhook(fixtures['wa_interactive_button_reply_bsuid_pywa.json']).messages[0]!.event).toMatchObject({ kind: 'choice', choiceId: 'callback_data' });
  });
  it.runIf(names.includes('wa_status_failed_130472_pywa.json'))('reads the failed status code', () => {
    expect(parseWebhook(fixtures['wa_status_failed_130472_pywa.json']).statuses[0]!.errors[0]!.code).toBe(130472);
  });
});
