/**
 * The dialogue runs on every inbound message inside the Workers CPU budget (10 ms on the free
 * plan). `npm run bench` measures a few typical steps, pure, without D1.
 */
import { bench, describe } from 'vitest';
import type { BotContext } from '../../src/bot/context';
import { runDialogue } from '../../src/bot/dialogue';
import type { ConversationState } from '../../src/bot/state';
import { workingCalendar } from '../../src/domain/calendar';
import { SequentialIds } from '../../src/framework/ports';

const now = Date.parse('2026-11-30T10:00:00+07:00');
const ctx = (): BotContext => ({
  now,
  today: '2026-11-30',
  calendar: workingCalendar(['2026-12-24', '2026-12-25']),
  ids: new SequentialIds(),
  random: { bytes: (n) => new Uint8Array(n).fill(7) },
  maxUploadBytes: 10 * 1024 * 1024,
  kelurahan: { id: 'k', name: 'Bukit Sangkal', phone: '0711-555-0123', address: 'Jl. Residen H. Najamudin, Bukit Sangkal, Palembang' },
  channel: 'whatsapp',
  identity: { id: 'i', displayName: 'Siti', isNew: false },
  person: { id: 'p', fullName: null, nik: null, phone: '628123450001', rtId: null, locale: 'id' },
  registry: Array.from({ length: 40 }, (_, i) => ({
    rtId: `rt${i}`, rwNumber: 1 + Math.floor(i / 5), rtNumber: 1 + (i % 5), chairPersonId: `c${i}`, chairName: `Ketua ${i}`, chairNik: null, chairIdentityId: `ci${i}`,
  })),
  cases: [],
  documents: [],
  rtCases: [],
  rtDocuments: [],
  questions: [],
  rtQuestions: [],
  phonesThatWrote: [],
  invite: null,
  requestsForOthers: [],
  inviteAttempts: null,
  nikCases: [],
  skm: [],
});
const at = (step: ConversationState['step'], data: ConversationState['data'] = {}): ConversationState => ({ step, data, history: [], choices: [] });

describe('dialogue steps', () => {
  bench('first "halo" (menu)', () => {
    runDialogue(null, { kind: 'text', text: 'halo' }, ctx());
  });
  bench('NIK answer (validated)', () => {
    runDialogue(at('apply.nik', { service: 'ktp', applicantName: 'Siti Aminah' }), { kind: 'text', text: '1671 0245 0879 0003' }, ctx());
  });
  bench('RT chosen (case created, RT card)', () => {
    runDialogue(at('apply.rt', { service: 'ktp', applicantName: 'Siti Aminah', applicantNik: '1671024508790003', rwNumber: 2 }), { kind: 'choice', choiceId: 'rtsel:rt7' }, {
      ...ctx(),
    });
  });
});
