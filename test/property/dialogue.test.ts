/**
 * The dialogue (src/bot/dialogue.ts) is a pure function of where the person was, what they sent
 * and what Loket knows. Fed random sequences of what people send (words that work anywhere,
 * numbers, NIKs, names, the ids of the very buttons it just offered, stale and foreign button
 * ids, photos, files, shared numbers, voice notes, edits), it never throws, and the state it
 * leaves is one the next message can start from: it survives the JSON of conversations.data, its
 * step and history are steps the dialogue knows, and the choices it remembers are ones a
 * provider can carry. state.ts has no validator of its own, so these checks are that validator.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Choice } from '../../adapters/channel';
import type { BotContext, CaseView, RtCaseView } from '../../src/bot/context';
import { runDialogue, type DialogueInput } from '../../src/bot/dialogue';
import type { ConversationState, StepId } from '../../src/bot/state';
import { workingCalendar } from '../../src/domain/calendar';
import { SERVICE_STATES, type ServiceState } from '../../src/domain/case-machine';
import { SequentialIds } from '../../src/framework/ports';
import { SERVICE_IDS, SERVICES } from '../../src/domain/services';
import { SEED } from './arbitraries';

/** Every step there is: the compiler insists each StepId is listed, so a new step joins here. */
const STEPS: Record<StepId, true> = {
  idle: true, menu: true, 'info.service': true, 'apply.service': true, 'apply.for_whom': true, 'apply.share_phone': true, 'apply.name': true,
  'apply.nik': true, 'apply.phone': true, 'apply.business_name': true, 'apply.business_kind': true, 'apply.business_address': true,
  'apply.rw': true, 'apply.rt': true, 'apply.documents': true, 'apply.delivery': true, 'apply.address': true, 'apply.summary': true,
  'apply.change': true, 'apply.resend': true, 'cancel.pick': true, 'cancel.confirm': true, 'complaint.text': true, 'complaint.photo': true,
  'complaint.about': true, 'confirm.applicant': true, 'rt.pending': true, 'rt.refuse_reason': true, 'rt.invalid_which': true,
  'rt.invalid_reason': true, 'rt.neighbours': true, 'neighbour.pending': true, 'revision.data': true, 'revision.data_confirm': true,
  'resume.offer': true, 'skm.question': true, 'skm.suggestion': true, language: true,
};
const isStep = (s: unknown): s is StepId => typeof s === 'string' && Object.hasOwn(STEPS, s);

const NOW = Date.parse('2026-11-30T10:00:00+07:00');
const PERSON = 'p-siti';

/** Who is writing: a resident with or without a case, or an RT chair with one waiting. */
interface World {
  channel: 'whatsapp' | 'telegram';
  locale: 'id' | 'en';
  known: boolean;
  caseState: ServiceState | null;
  chair: boolean;
}

function caseView(state: ServiceState): CaseView {
  return {
    id: 'c1', code: 'KTP-2611-0001', kind: 'service', service: 'ktp', state, applicantPersonId: PERSON, applicantName: 'Siti Aminah',
    submitterPersonId: PERSON, submitterPhone: null, rtId: 'rt7', pengantarApproved: state !== 'draft' && state !== 'awaiting_pengantar',
    applicantConfirmedAt: null, applicantDeniedAt: null, revisionRequirement: state === 'needs_revision' ? 'kk_copy' : null,
    delivery: 'pickup', submittedAt: state === 'draft' ? null : NOW - 3600_000, day1DueAt: null, day2DueAt: null, day3DueAt: null, dueAt: null,
    answeredAt: null, version: 3, createdAt: NOW - 7200_000,
  };
}

function rtCaseView(): RtCaseView {
  return {
    ...caseView('awaiting_pengantar'), id: 'c9', code: 'KK-2611-0002', service: 'kk', applicantPersonId: 'p-ani', applicantName: 'Ani Lestari',
    submitterPersonId: 'p-ani', applicantNik: '1671025506900002', applicantPhone: '6281234500003', applicantLocale: 'id', submitterLocale: 'id',
    rtNumber: 3, rwNumber: 2, chairPersonId: PERSON, pengantarApprovedBy: null, businessName: null, businessKind: null, businessAddress: null, nikConflict: false,
  };
}

function contextOf(w: World): BotContext {
  return {
    now: NOW,
    today: '2026-11-30',
    calendar: workingCalendar(['2026-12-24', '2026-12-25']),
    ids: new SequentialIds(),
    random: { bytes: (n) => new Uint8Array(n).fill(7) },
    maxUploadBytes: 10 * 1024 * 1024,
    kelurahan: { id: 'k', name: 'Bukit Sangkal', phone: '0711-555-0123', address: 'Jl. Residen H. Najamudin, Bukit Sangkal, Palembang' },
    channel: w.channel,
    identity: { id: 'i-siti', displayName: 'Siti', isNew: !w.known },
    person: { id: PERSON, fullName: w.known ? 'Siti Aminah' : null, nik: w.known ? '1671024508790003' : null, phone: w.channel === 'whatsapp' ? '6281234500001' : null, rtId: w.known ? 'rt7' : null, locale: w.locale },
    registry: Array.from({ length: 12 }, (_, i) => ({
      rtId: `rt${i}`, rwNumber: 1 + Math.floor(i / 5), rtNumber: 1 + (i % 5), chairPersonId: w.chair && i === 7 ? PERSON : `c${i}`,
      chairName: `Ketua ${i}`, chairNik: null, chairIdentityId: `ci${i}`,
    })),
    cases: w.caseState ? [caseView(w.caseState)] : [],
    // A case being drafted has its papers in, so the dialogue may go on to delivery and summary.
    documents: w.caseState === 'draft' || w.caseState === 'needs_revision'
      ? SERVICES.ktp.requirements.filter((r) => !r.issuedByRt).map((r, i) => ({ id: `d${i}`, caseId: 'c1', requirement: r.id, status: 'stored' as const }))
      : [],
    rtCases: w.chair ? [rtCaseView()] : [],
    rtDocuments: [],
    questions: [],
    rtQuestions: [],
    phonesThatWrote: [],
    invite: null,
    requestsForOthers: [],
    inviteAttempts: null,
    nikCases: [],
    skm: w.caseState === 'completed' ? [{ caseId: 'c1', code: 'KTP-2611-0001', service: 'ktp', handedOverAt: NOW - 3600_000, declined: false, started: false, completed: false, answers: {} }] : [],
  };
}

const world: fc.Arbitrary<World> = fc.record({
  channel: fc.constantFrom('whatsapp', 'telegram'),
  locale: fc.constantFrom('id', 'en'),
  known: fc.boolean(),
  caseState: fc.option(fc.constantFrom(...SERVICE_STATES), { nil: null }),
  chair: fc.boolean(),
});

/** One thing a person sends; `pick` answers with one of the choices the dialogue last offered. */
type Move =
  | { do: 'text'; text: string }
  | { do: 'pick'; n: number; how: 'press' | 'number' | 'label' }
  | { do: 'press'; id: string }
  | { do: 'media'; mimeType: string; sizeBytes: number }
  | { do: 'phone'; phone: string }
  | { do: 'unsupported'; what: 'voice' | 'audio' | 'sticker' | 'location' | 'reaction' | 'contact' | 'video' | 'other' }
  | { do: 'edit'; back: number; text: string }
  | { do: 'answer'; n: number };

/** What a person who goes along types at a step that asks for text. */
const ANSWERS: Partial<Record<StepId, string>> = {
  'apply.name': 'Siti Aminah',
  'apply.nik': '1671024508790003',
  'apply.phone': '081234500002',
  'apply.business_name': 'Warung Makan Bu Siti',
  'apply.business_kind': 'warung makan',
  'apply.business_address': 'Jl. Mayor Zen No. 12, RT 03/RW 02',
  'apply.address': 'Jl. Mayor Zen No. 12, RT 03/RW 02, Bukit Sangkal',
  'complaint.text': 'Lampu jalan di depan rumah mati sejak minggu lalu.',
  'rt.refuse_reason': 'Bukan warga RT kami.',
  'rt.invalid_reason': 'Foto KK tidak terbaca.',
  'rt.neighbours': '081234500002 081234500003',
  'skm.suggestion': 'Pelayanan cepat, terima kasih.',
  'revision.data': 'Siti Aminah',
};

const words = fc.constantFrom(
  'halo', 'menu', 'batal', 'kembali', 'bantuan', 'status', 'lanjut', 'bahasa', 'rt', '/start', '/start ABCD-EFGH', 'ya', 'tidak', 'kirim',
  '1', '2', '3', '4', '7', '10', '13', '0', '-1', '1671024508790003', '1671 0245 0879 0003', '16710245087', '081234500002', '628123450001',
  'Siti Aminah', 'Warung Makan Bu Siti', 'warung makan', 'Jl. Mayor Zen No. 12, RT 03/RW 02', 'RW 02', 'RT 03', '', ' ', '💥', 'x'.repeat(5000),
);
const move: fc.Arbitrary<Move> = fc.oneof(
  { arbitrary: words.map((text) => ({ do: 'text' as const, text })), weight: 5 },
  { arbitrary: fc.string({ maxLength: 60 }).map((text) => ({ do: 'text' as const, text })), weight: 1 },
  { arbitrary: fc.record({ do: fc.constant('pick' as const), n: fc.nat(), how: fc.constantFrom('press', 'press', 'number', 'label') }), weight: 8 },
  {
    arbitrary: fc
      .oneof(
        fc.constantFrom('menu:apply', 'menu:status', 'menu:resume', 'svc:ktp', 'svc:situ', 'rtsel:rt7', 'rtsel:rt99', 'rt:ap:c9', 'rt:rf:c9', 'rt:ap:nope', 'nb:y:q1', 'cp:ro:c1', 'skm:y:c1', 'skm:n:c1'),
        fc.string({ maxLength: 70 }),
      )
      .map((id) => ({ do: 'press' as const, id })),
    weight: 2,
  },
  {
    arbitrary: fc.record({ do: fc.constant('media' as const), mimeType: fc.constantFrom('image/jpeg', 'application/pdf', 'text/plain', ''), sizeBytes: fc.constantFrom(10, 1e6, 11 * 1024 * 1024, 0) }),
    weight: 2,
  },
  { arbitrary: fc.constantFrom('6281234500001', '6281234500009').map((phone) => ({ do: 'phone' as const, phone })), weight: 1 },
  { arbitrary: fc.constantFrom('voice', 'audio', 'sticker', 'location', 'reaction', 'contact', 'video', 'other').map((what) => ({ do: 'unsupported' as const, what })), weight: 1 },
  { arbitrary: fc.record({ do: fc.constant('edit' as const), back: fc.nat(5), text: words }), weight: 1 },
  { arbitrary: fc.record({ do: fc.constant('answer' as const), n: fc.nat() }), weight: 8 },
);

function inputOf(m: Move, state: ConversationState, step: number, refs: string[]): DialogueInput {
  const ref = `700000001:${step}`;
  const offered: Choice[] = state.choices;
  switch (m.do) {
    case 'text':
      return { kind: 'text', text: m.text, ref };
    case 'pick': {
      const c = offered[m.n % Math.max(1, offered.length)];
      if (!c) return { kind: 'text', text: String(1 + (m.n % 5)), ref };
      if (m.how === 'press') return { kind: 'choice', choiceId: c.id, label: c.label, ref };
      return { kind: 'text', text: m.how === 'number' ? String(offered.indexOf(c) + 1) : c.label, ref };
    }
    case 'press':
      return { kind: 'choice', choiceId: m.id, ref };
    case 'answer': {
      const typed = ANSWERS[state.step];
      if (typed !== undefined && (offered.length === 0 || m.n % 3 === 0)) return { kind: 'text', text: typed, ref };
      const c = offered[m.n % Math.max(1, offered.length)];
      return c ? { kind: 'choice', choiceId: c.id, label: c.label, ref } : { kind: 'text', text: typed ?? 'halo', ref };
    }
    case 'media':
      return { kind: 'media', media: { ref: `file-${step}`, mimeType: m.mimeType, sizeBytes: m.sizeBytes }, ref };
    case 'phone':
      return { kind: 'phone', phone: m.phone, ref };
    case 'unsupported':
      return { kind: 'unsupported', what: m.what, ref };
    case 'edit': {
      const earlier = refs[refs.length - 1 - (m.back % Math.max(1, refs.length))];
      return earlier ? { kind: 'text', text: m.text, editOf: earlier } : { kind: 'text', text: m.text, ref };
    }
  }
}

const utf8Bytes = (s: string) => new TextEncoder().encode(s).length;

/** What is wrong with a state the next message would start from, or null. */
function stateProblem(state: ConversationState): string | null {
  if (!isStep(state.step)) return `unknown step ${String(state.step)}`;
  if (!state.data || typeof state.data !== 'object' || Array.isArray(state.data)) return 'data';
  if (!Array.isArray(state.history)) return 'history';
  const strayStep = state.history.find((h) => !isStep(h) || h === 'idle');
  if (strayStep !== undefined) return `history holds ${String(strayStep)}`;
  if (!Array.isArray(state.choices)) return 'choices';
  for (const c of state.choices) {
    if (typeof c.id !== 'string' || c.id.length === 0 || utf8Bytes(c.id) > 64) return `choice id ${JSON.stringify(c.id)}`;
    if (typeof c.label !== 'string' || c.label.trim().length === 0) return `choice label ${JSON.stringify(c.label)}`;
  }
  if (new Set(state.choices.map((c) => c.id)).size !== state.choices.length) return 'two choices with one id';
  if (state.data.service !== undefined && !(SERVICE_IDS as readonly string[]).includes(state.data.service)) return `service ${state.data.service}`;
  if (state.data.rwNumber !== undefined && !Number.isInteger(state.data.rwNumber)) return 'rwNumber';
  if (state.data.delivery !== undefined && !['pickup', 'courier'].includes(state.data.delivery)) return 'delivery';
  // Past the service question, an application knows which service it is for.
  if (state.step.startsWith('apply.') && !['apply.service', 'apply.resend'].includes(state.step) && state.data.service === undefined) return `${state.step} without a service`;
  return null;
}

describe('the dialogue, fed random sequences of what people send', () => {
  // Stale and foreign buttons are logged as they should be; only the states matter here.
  beforeEach(() => vi.spyOn(console, 'warn').mockImplementation(() => {}));
  afterEach(() => vi.restoreAllMocks());

  it('never throws, and leaves a valid state that survives the JSON of conversations.data after every message', () => {
    const visited = new Set<StepId>();
    fc.assert(
      fc.property(world, fc.array(move, { minLength: 1, maxLength: 40, size: 'max' }), (w, moves) => {
        const ctx = contextOf(w);
        let state: ConversationState | null = null;
        const refs: string[] = [];
        moves.forEach((m, step) => {
          const input = inputOf(m, state ?? { step: 'idle', data: {}, history: [], choices: [] }, step, refs);
          if (input.ref) refs.push(input.ref);
          const result = runDialogue(state, input, ctx);
          expect(stateProblem(result.state), `after ${JSON.stringify(input).slice(0, 200)}`).toBeNull();
          const stored = JSON.parse(JSON.stringify(result.state)) as ConversationState;
          expect(stored).toEqual(result.state);
          for (const e of result.effects) {
            if (e.type !== 'send' || e.message.kind !== 'text') continue;
            expect(e.message.text.trim().length, 'an empty message').toBeGreaterThan(0);
            for (const c of e.message.choices ?? []) expect(utf8Bytes(c.id)).toBeLessThanOrEqual(64);
          }
          state = stored;
          visited.add(stored.step);
        });
      }),
      { seed: SEED, numRuns: 200 },
    );
    // The sequences went deep: most of the dialogue's steps were reached, not only the menu.
    expect(visited.size).toBeGreaterThanOrEqual(25);
  });
});
