import { describe, expect, it } from 'vitest';
import {
  ACTORS,
  COMPLAINT_STATES,
  SERVICE_STATES,
  applyEvent,
  availableEvents,
  stageDay,
  type Actor,
  type CaseEvent,
  type CaseFacts,
  type CaseKind,
  type CaseState,
} from '../../src/domain/case-machine';

/**
 * The procedure written out again, independently of the machine's table: for each event, the
 * states it leaves, where it leads, and who may make it. The machine must agree with this spec
 * on every combination of kind, state, event and actor, and refuse everything else.
 */
type Row = [CaseEvent, CaseKind, CaseState[], CaseState, Actor[], Partial<CaseFacts>?];
const applicant: Actor[] = ['resident', 'helper'];
const complete = { documentsComplete: true };
const SPEC: Row[] = [
  ['submit', 'service', ['draft'], 'awaiting_pengantar', applicant, { ...complete, pengantarApproved: false }],
  ['submit', 'service', ['draft'], 'submitted', applicant, { ...complete, pengantarApproved: true }],
  ['approve_pengantar', 'service', ['draft'], 'draft', ['rt_chair'], { pengantarApproved: false }],
  ['approve_pengantar', 'service', ['awaiting_pengantar'], 'submitted', ['rt_chair']],
  ['refuse_pengantar', 'service', ['draft', 'awaiting_pengantar'], 'rejected', ['rt_chair'], { pengantarApproved: false }],
  ['archive', 'service', ['submitted'], 'verifying', ['system', 'staff']],
  ['ask_neighbours', 'service', ['verifying'], 'neighbour_check', ['rt_chair']],
  ['neighbour_answer', 'service', ['neighbour_check'], 'neighbour_check', ['neighbour']],
  ['neighbours_done', 'service', ['neighbour_check'], 'verifying', ['system']],
  ['verify_valid', 'service', ['verifying', 'neighbour_check'], 'processing', ['rt_chair']],
  ['verify_invalid', 'service', ['verifying', 'neighbour_check'], 'needs_revision', ['rt_chair']],
  ['resubmit', 'service', ['needs_revision'], 'verifying', applicant, complete],
  ['resubmit_failed', 'service', ['verifying'], 'needs_revision', ['system']],
  ['produce', 'service', ['processing'], 'ready', ['staff']],
  ['hand_over', 'service', ['ready'], 'completed', ['staff']],
  ['reject', 'service', ['submitted', 'verifying', 'neighbour_check', 'needs_revision', 'processing'], 'rejected', ['staff']],
  ['cancel', 'service', ['draft', 'awaiting_pengantar', 'submitted', 'verifying', 'neighbour_check', 'needs_revision'], 'cancelled', [...applicant, 'staff']],
  ['abandon', 'service', ['draft'], 'cancelled', ['system']],
  ['answer', 'complaint', ['open'], 'answered', ['staff']],
  ['reopen', 'complaint', ['answered'], 'open', applicant],
  ['close', 'complaint', ['answered'], 'closed', [...applicant, 'staff', 'system']],
];
const EVENTS = [...new Set(SPEC.map((r) => r[0]))];
const statesOf = (kind: CaseKind): readonly CaseState[] => (kind === 'service' ? SERVICE_STATES : COMPLAINT_STATES);
const facts = (kind: CaseKind, state: CaseState, extra: Partial<CaseFacts> = {}): CaseFacts => ({
  kind, state, documentsComplete: true, pengantarApproved: false, ...extra,
});

describe('case state machine against the procedure', () => {
  for (const [event, kind, from, to, actors, when] of SPEC) {
    for (const state of from) {
      for (const actor of actors) {
        it(`${actor} may ${event} a ${kind} case in ${state} -> ${to}`, () => {
          expect(applyEvent(facts(kind, state, when), event, actor)).toEqual({ ok: true, from: state, to, event });
        });
      }
      for (const actor of ACTORS.filter((a) => !actors.includes(a))) {
        it(`${actor} may not ${event} a ${kind} case in ${state}`, () => {
          expect(applyEvent(facts(kind, state, when), event, actor)).toEqual({ ok: false, reason: 'actor_not_allowed' });
        });
      }
    }
  }

  it('refuses every event from every state the procedure does not name', () => {
    let checked = 0;
    for (const kind of ['service', 'complaint'] as const) {
      for (const event of EVENTS) {
        const rows = SPEC.filter((r) => r[0] === event && r[1] === kind);
        for (const state of statesOf(kind)) {
          if (rows.some((r) => r[2].includes(state))) continue;
          for (const actor of ACTORS) {
            const result = applyEvent(facts(kind, state), event, actor);
            expect(result.ok, `${kind} ${state} ${event} ${actor}`).toBe(false);
            expect(result).toEqual({ ok: false, reason: rows.length ? 'not_allowed_in_state' : 'wrong_kind' });
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('refuses an event it does not know', () => {
    expect(applyEvent(facts('service', 'draft'), 'teleport' as CaseEvent, 'staff')).toEqual({ ok: false, reason: 'unknown_event' });
  });
});

describe('guards', () => {
  it('will not submit before every document has arrived', () => {
    expect(applyEvent(facts('service', 'draft', { documentsComplete: false }), 'submit', 'resident')).toEqual({
      ok: false,
      reason: 'documents_incomplete',
    });
    expect(applyEvent(facts('service', 'needs_revision', { documentsComplete: false }), 'resubmit', 'helper')).toEqual({
      ok: false,
      reason: 'documents_incomplete',
    });
  });

  it('records the pengantar approval only once', () => {
    expect(applyEvent(facts('service', 'draft', { pengantarApproved: true }), 'approve_pengantar', 'rt_chair')).toEqual({
      ok: false,
      reason: 'pengantar_already_approved',
    });
  });

  it('keeps the chair\'s approval final: a refusal after it is refused, while staff may still reject', () => {
    expect(applyEvent(facts('service', 'draft', { pengantarApproved: true }), 'refuse_pengantar', 'rt_chair')).toEqual({
      ok: false,
      reason: 'pengantar_already_approved',
    });
    expect(applyEvent(facts('service', 'submitted', { pengantarApproved: true }), 'reject', 'staff')).toMatchObject({ ok: true, to: 'rejected' });
  });

  it('checks who acts before revealing anything about the documents', () => {
    expect(applyEvent(facts('service', 'draft', { documentsComplete: false }), 'submit', 'neighbour')).toEqual({
      ok: false,
      reason: 'actor_not_allowed',
    });
  });
});

describe('a whole case', () => {
  it('walks the procedure with a revision round', () => {
    let f = facts('service', 'draft', { documentsComplete: false });
    const step = (event: CaseEvent, actor: Actor, extra: Partial<CaseFacts> = {}) => {
      f = { ...f, ...extra };
      const r = applyEvent(f, event, actor);
      if (!r.ok) throw new Error(`${event} by ${actor} refused: ${r.reason}`);
      f = { ...f, state: r.to };
      return r.to;
    };
    expect(step('approve_pengantar', 'rt_chair')).toBe('draft');
    expect(step('submit', 'resident', { documentsComplete: true, pengantarApproved: true })).toBe('submitted');
    expect(step('archive', 'system')).toBe('verifying');
    expect(step('ask_neighbours', 'rt_chair')).toBe('neighbour_check');
    expect(step('neighbour_answer', 'neighbour')).toBe('neighbour_check');
    expect(step('neighbours_done', 'system')).toBe('verifying');
    expect(step('verify_invalid', 'rt_chair')).toBe('needs_revision');
    expect(step('resubmit', 'resident')).toBe('verifying');
    expect(step('verify_valid', 'rt_chair')).toBe('processing');
    expect(applyEvent(f, 'cancel', 'resident')).toEqual({ ok: false, reason: 'not_allowed_in_state' });
    expect(step('produce', 'staff')).toBe('ready');
    expect(step('hand_over', 'staff')).toBe('completed');
  });

  it('offers an RT chair only the buttons that will work', () => {
    expect(availableEvents(facts('service', 'verifying'), 'rt_chair').sort()).toEqual(['ask_neighbours', 'verify_invalid', 'verify_valid']);
    expect(availableEvents(facts('service', 'processing'), 'rt_chair')).toEqual([]);
  });

  it('places states on the three days', () => {
    expect(['submitted', 'verifying', 'neighbour_check', 'needs_revision', 'processing', 'ready'].map((s) => stageDay(s as CaseState)))
      .toEqual([1, 2, 2, 2, 3, null]);
  });
});
