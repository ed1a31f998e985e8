import { describe, expect, it } from 'vitest';
import { editIsAnswer, questionStood } from '../../src/bot/edits';
import type { Effect } from '../../src/bot/effects';
import type { ConversationState } from '../../src/bot/state';

const atNik: ConversationState = { step: 'apply.nik', data: { service: 'ktp', applicantName: 'Siti Aminah' }, history: ['apply.name'], choices: [] };
const toSiti: Effect = { type: 'send', to: { identityId: 'i-siti' }, message: { kind: 'text', text: 'NIK harus 16 angka.' } };

describe('which edits are answers', () => {
  it('reads an edit only of the latest message, and only while its question stands', () => {
    expect(editIsAnswer({ ...atNik, last: { ref: '7:12', stood: true } }, '7:12')).toBe(true);
    expect(editIsAnswer({ ...atNik, last: { ref: '7:12', stood: false } }, '7:12')).toBe(false);
    expect(editIsAnswer({ ...atNik, last: { ref: '7:13', stood: true } }, '7:12')).toBe(false);
    expect(editIsAnswer(atNik, '7:12')).toBe(false);
  });

  it('says a question stands after a refusal: the same step, the same data, only words back to the sender', () => {
    expect(questionStood(atNik, structuredClone(atNik), [toSiti], 'i-siti')).toBe(true);
    expect(questionStood(atNik, structuredClone(atNik), [toSiti, { type: 'throttle_hit', key: 'k', windowMs: 1 }], 'i-siti')).toBe(true);
  });

  it('says it moved on when the step, the data or anything beyond a reply to the sender changed', () => {
    expect(questionStood(atNik, { ...atNik, step: 'apply.rw' }, [toSiti], 'i-siti')).toBe(false);
    expect(questionStood(atNik, { ...atNik, data: { ...atNik.data, applicantNik: '1671024508790003' } }, [toSiti], 'i-siti')).toBe(false);
    expect(questionStood(atNik, structuredClone(atNik), [{ ...toSiti, to: { identityId: 'i-chair' } }], 'i-siti')).toBe(false);
    expect(questionStood(atNik, structuredClone(atNik), [toSiti, { type: 'update_person', personId: 'p', locale: 'en' }], 'i-siti')).toBe(false);
    const idle: ConversationState = { step: 'idle', data: {}, history: [], choices: [] };
    expect(questionStood(idle, structuredClone(idle), [toSiti], 'i-siti')).toBe(false);
  });
});
