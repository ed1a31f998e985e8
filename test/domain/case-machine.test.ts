import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/domain/calendar';
import {
  ACTORS,
  applyEvent,
  availableEvents,
  isTerminal,
  stageDay,
  type Actor,
  type CaseEvent,
  type CaseFacts,
  type CaseKind,
  type CaseState,
  type RefusalReason,
} from '../../src/domain/case-machine';

/**
 * Cases walked through their lives by the people in them, as the procedure tells it (Tabel 5
 * and 6), through the machine's public functions only: each step either moves the case where the
 * story says, or is refused for the reason that matters to the person who tried.
 */
const MON = Date.parse('2026-11-30T10:00:00+07:00');

function openCase(kind: CaseKind = 'service', start: Partial<CaseFacts> = {}) {
  let facts: CaseFacts = {
    kind,
    state: kind === 'service' ? 'draft' : 'open',
    documentsComplete: false,
    pengantarApproved: false,
    ...start,
  };
  return {
    get state(): CaseState {
      return facts.state;
    },
    /** Something that happened outside the machine (a scan arrived, the chair's letter was recorded). */
    know(more: Partial<CaseFacts>) {
      facts = { ...facts, ...more };
    },
    /** `actor` does `event`; the story expects it to work. */
    by(actor: Actor, event: CaseEvent): CaseState {
      const r = applyEvent(facts, event, actor);
      if (!r.ok) throw new Error(`${actor} could not ${event} in ${facts.state}: ${r.reason}`);
      expect(r).toEqual({ ok: true, from: facts.state, to: r.to, event });
      facts = { ...facts, state: r.to };
      return r.to;
    },
    /** `actor` tries `event`; the story expects a refusal, and the case stays where it was. */
    refused(actor: Actor, event: CaseEvent): RefusalReason {
      const r = applyEvent(facts, event, actor);
      if (r.ok) throw new Error(`${actor} was allowed to ${event} in ${facts.state} (-> ${r.to})`);
      return r.reason;
    },
    /** Everything anyone could still do to the case. */
    anythingPossible(): CaseEvent[] {
      return ACTORS.flatMap((a) => availableEvents(facts, a));
    },
  };
}

describe('an application, from the first message to the counter', () => {
  it('the chair approves while scans still come in; the three days then run to the hand-over', () => {
    const c = openCase();
    expect(c.by('rt_chair', 'approve_pengantar')).toBe('draft');
    c.know({ pengantarApproved: true });
    expect(c.refused('resident', 'submit')).toBe('documents_incomplete');

    c.know({ documentsComplete: true });
    expect(c.by('resident', 'submit')).toBe('submitted');
    expect(stageDay(c.state)).toBe(1);
    expect(c.by('system', 'archive')).toBe('verifying');
    expect(stageDay(c.state)).toBe(2);
    expect(c.by('rt_chair', 'verify_valid')).toBe('processing');
    expect(stageDay(c.state)).toBe(3);
    expect(c.by('staff', 'produce')).toBe('ready');
    expect(stageDay(c.state)).toBeNull();
    expect(c.by('staff', 'hand_over')).toBe('completed');
    expect(isTerminal(c.state)).toBe(true);
    expect(c.anythingPossible()).toEqual([]);
  });

  it('a helper sends everything first; the case waits for the pengantar, and its approval starts day 1', () => {
    const c = openCase('service', { documentsComplete: true });
    expect(c.by('helper', 'submit')).toBe('awaiting_pengantar');
    expect(stageDay(c.state)).toBeNull();
    expect(c.by('rt_chair', 'approve_pengantar')).toBe('submitted');
    expect(stageDay(c.state)).toBe(1);
  });

  it('the office may also close day 1 by hand', () => {
    const c = openCase('service', { documentsComplete: true, pengantarApproved: true });
    c.by('resident', 'submit');
    expect(c.by('staff', 'archive')).toBe('verifying');
  });
});

describe('a revision round', () => {
  function onDay2() {
    const c = openCase('service', { documentsComplete: true, pengantarApproved: true });
    c.by('resident', 'submit');
    c.by('system', 'archive');
    return c;
  }

  it('"Tidak sah" sends the case back to the resident, whose complete resend puts it before the chair again', () => {
    const c = onDay2();
    expect(c.by('rt_chair', 'verify_invalid')).toBe('needs_revision');
    expect(stageDay(c.state)).toBe(2);
    c.know({ documentsComplete: false });
    expect(c.refused('resident', 'resubmit')).toBe('documents_incomplete');
    c.know({ documentsComplete: true });
    expect(c.by('resident', 'resubmit')).toBe('verifying');
    expect(c.by('rt_chair', 'verify_valid')).toBe('processing');
  });

  it('a resent scan that cannot be fetched asks the resident for it again', () => {
    const c = onDay2();
    c.by('rt_chair', 'verify_invalid');
    c.by('helper', 'resubmit');
    expect(c.by('system', 'resubmit_failed')).toBe('needs_revision');
    expect(c.by('resident', 'resubmit')).toBe('verifying');
  });
});

describe('a neighbour check', () => {
  function askingNeighbours() {
    const c = openCase('service', { documentsComplete: true, pengantarApproved: true });
    c.by('resident', 'submit');
    c.by('system', 'archive');
    expect(c.by('rt_chair', 'ask_neighbours')).toBe('neighbour_check');
    return c;
  }

  it('neighbours answer, the last answer hands the case back to the chair, who decides', () => {
    const c = askingNeighbours();
    expect(c.by('neighbour', 'neighbour_answer')).toBe('neighbour_check');
    expect(c.by('neighbour', 'neighbour_answer')).toBe('neighbour_check');
    expect(c.by('system', 'neighbours_done')).toBe('verifying');
    expect(c.by('rt_chair', 'verify_valid')).toBe('processing');
  });

  it('the chair need not wait for every answer', () => {
    const c = askingNeighbours();
    expect(c.by('rt_chair', 'verify_invalid')).toBe('needs_revision');
  });

  it('a neighbour only answers: the verdict is not theirs', () => {
    const c = askingNeighbours();
    expect(c.refused('neighbour', 'verify_valid')).toBe('actor_not_allowed');
    expect(c.refused('neighbour', 'verify_invalid')).toBe('actor_not_allowed');
    expect(c.state).toBe('neighbour_check');
  });
});

describe('refusal', () => {
  it('the chair refuses the pengantar: the case ends and nothing moves it again', () => {
    const c = openCase('service', { documentsComplete: true });
    c.by('resident', 'submit');
    expect(c.by('rt_chair', 'refuse_pengantar')).toBe('rejected');
    expect(isTerminal(c.state)).toBe(true);
    expect(c.anythingPossible()).toEqual([]);
    expect(c.refused('resident', 'submit')).toBe('not_allowed_in_state');
  });

  it('the office rejects a case on day 2', () => {
    const c = openCase('service', { documentsComplete: true, pengantarApproved: true });
    c.by('resident', 'submit');
    c.by('system', 'archive');
    expect(c.by('staff', 'reject')).toBe('rejected');
    expect(c.anythingPossible()).toEqual([]);
  });
});

describe('cancellation', () => {
  it('the resident may withdraw while the case waits on day 2, and a cancelled case stays cancelled', () => {
    const c = openCase('service', { documentsComplete: true, pengantarApproved: true });
    c.by('resident', 'submit');
    c.by('system', 'archive');
    expect(c.by('resident', 'cancel')).toBe('cancelled');
    expect(isTerminal(c.state)).toBe(true);
    expect(c.anythingPossible()).toEqual([]);
    expect(c.refused('rt_chair', 'verify_valid')).toBe('not_allowed_in_state');
    expect(c.refused('staff', 'reject')).toBe('not_allowed_in_state');
  });

  it('once day 3 work began, the resident no longer cancels: the office finishes, rejects, or cancels for them', () => {
    const c = openCase('service', { documentsComplete: true, pengantarApproved: true });
    c.by('resident', 'submit');
    c.by('system', 'archive');
    c.by('rt_chair', 'verify_valid');
    expect(c.refused('resident', 'cancel')).toBe('not_allowed_in_state');
    expect(c.refused('helper', 'cancel')).toBe('not_allowed_in_state');
    expect(c.by('staff', 'reject')).toBe('rejected');
  });

  it('the office may cancel a finished document nobody collects', () => {
    const c = openCase('service', { documentsComplete: true, pengantarApproved: true });
    c.by('resident', 'submit');
    c.by('system', 'archive');
    c.by('rt_chair', 'verify_valid');
    c.by('staff', 'produce');
    expect(c.refused('resident', 'cancel')).toBe('not_allowed_in_state');
    expect(c.by('staff', 'cancel')).toBe('cancelled');
  });

  it('a draft left alone is closed by the cron; a helper may withdraw one too', () => {
    expect(openCase().by('system', 'abandon')).toBe('cancelled');
    expect(openCase().by('helper', 'cancel')).toBe('cancelled');
  });
});

describe('a complaint', () => {
  it('is answered by the office, reopened by the resident, answered again and closed', () => {
    const c = openCase('complaint');
    expect(c.refused('resident', 'answer')).toBe('actor_not_allowed');
    expect(c.by('staff', 'answer')).toBe('answered');
    c.know({ answeredAt: MON, now: MON + 2 * DAY_MS });
    expect(c.by('resident', 'reopen')).toBe('open');
    expect(c.by('staff', 'answer')).toBe('answered');
    c.know({ answeredAt: MON + 3 * DAY_MS, now: MON + 3 * DAY_MS });
    expect(c.by('resident', 'close')).toBe('closed');
    expect(isTerminal(c.state)).toBe(true);
    // Closing does not cut the resident short: reopening stays possible for 7 days after the answer.
    expect(new Set(c.anythingPossible())).toEqual(new Set(['reopen']));
    c.know({ now: MON + 10 * DAY_MS + 1 });
    expect(c.anythingPossible()).toEqual([]);
  });

  it('reopens within 7 days of the answer, not after, and not without knowing when it was answered', () => {
    const c = openCase('complaint');
    c.by('staff', 'answer');
    expect(c.refused('resident', 'reopen')).toBe('reopen_window_closed');
    c.know({ answeredAt: MON, now: MON + 7 * DAY_MS + 1 });
    expect(c.refused('resident', 'reopen')).toBe('reopen_window_closed');
    expect(c.refused('helper', 'reopen')).toBe('reopen_window_closed');
    c.know({ now: MON + 7 * DAY_MS });
    expect(c.refused('staff', 'reopen')).toBe('actor_not_allowed');
    expect(c.by('helper', 'reopen')).toBe('open');
  });

  it('left answered, the cron closes it; service steps do not apply to it', () => {
    const c = openCase('complaint');
    expect(c.refused('rt_chair', 'approve_pengantar')).toBe('wrong_kind');
    c.by('staff', 'answer');
    expect(c.by('system', 'close')).toBe('closed');
  });
});

describe('who may not do what', () => {
  it('a resident, or the helper who applied for them, cannot approve their own pengantar', () => {
    const c = openCase('service', { documentsComplete: true });
    c.by('resident', 'submit');
    expect(c.refused('resident', 'approve_pengantar')).toBe('actor_not_allowed');
    expect(c.refused('helper', 'approve_pengantar')).toBe('actor_not_allowed');
    expect(c.refused('neighbour', 'approve_pengantar')).toBe('actor_not_allowed');
    expect(c.state).toBe('awaiting_pengantar');
  });

  it("the chair's approval is final: not refused afterwards, not given twice; only the office may still reject", () => {
    const c = openCase();
    c.by('rt_chair', 'approve_pengantar');
    c.know({ pengantarApproved: true });
    expect(c.refused('rt_chair', 'refuse_pengantar')).toBe('pengantar_already_approved');
    expect(c.refused('rt_chair', 'approve_pengantar')).toBe('pengantar_already_approved');
    c.know({ documentsComplete: true });
    c.by('resident', 'submit');
    expect(c.refused('rt_chair', 'refuse_pengantar')).toBe('not_allowed_in_state');
    expect(c.by('staff', 'reject')).toBe('rejected');
  });

  it('nobody but the chair (or the office in their stead) gives the day-2 verdict, and the chair does not make or hand over documents', () => {
    const c = openCase('service', { documentsComplete: true, pengantarApproved: true });
    c.by('resident', 'submit');
    c.by('system', 'archive');
    for (const actor of ['resident', 'helper', 'neighbour', 'system'] as const) {
      expect(c.refused(actor, 'verify_valid')).toBe('actor_not_allowed');
    }
    c.by('rt_chair', 'verify_valid');
    expect(c.refused('rt_chair', 'produce')).toBe('actor_not_allowed');
    expect(c.refused('resident', 'produce')).toBe('actor_not_allowed');
  });

  it('a stranger is told only that it is not theirs, nothing about the documents', () => {
    expect(openCase().refused('neighbour', 'submit')).toBe('actor_not_allowed');
  });

  it('an event the machine does not know is refused', () => {
    expect(openCase().refused('staff', 'teleport' as CaseEvent)).toBe('unknown_event');
  });

  it('offers an RT chair only the buttons that will work', () => {
    const c = openCase('service', { documentsComplete: true, pengantarApproved: true });
    c.by('resident', 'submit');
    c.by('system', 'archive');
    expect(availableEvents({ kind: 'service', state: c.state, documentsComplete: true, pengantarApproved: true }, 'rt_chair').sort()).toEqual([
      'ask_neighbours',
      'verify_invalid',
      'verify_valid',
    ]);
    c.by('rt_chair', 'verify_valid');
    expect(availableEvents({ kind: 'service', state: c.state, documentsComplete: true, pengantarApproved: true }, 'rt_chair')).toEqual([]);
  });
});

describe('the office acting for an RT chair who is absent or not linked', () => {
  it('approves the pengantar, which starts day 1, and judges the documents valid', () => {
    const c = openCase('service', { documentsComplete: true });
    c.by('resident', 'submit');
    expect(c.by('staff', 'approve_pengantar')).toBe('submitted');
    c.know({ pengantarApproved: true });
    c.by('system', 'archive');
    expect(c.by('staff', 'verify_valid')).toBe('processing');
  });

  it('refuses the pengantar, or finds the documents not valid, by the same rules as the chair', () => {
    const refused = openCase('service', { documentsComplete: true });
    refused.by('helper', 'submit');
    expect(refused.by('staff', 'refuse_pengantar')).toBe('rejected');

    const invalid = openCase('service', { documentsComplete: true, pengantarApproved: true });
    invalid.by('resident', 'submit');
    invalid.by('system', 'archive');
    invalid.by('rt_chair', 'ask_neighbours');
    expect(invalid.by('staff', 'verify_invalid')).toBe('needs_revision');
  });

  it("cannot overturn the chair's approval: the office rejects instead", () => {
    const c = openCase();
    c.by('rt_chair', 'approve_pengantar');
    c.know({ pengantarApproved: true });
    expect(c.refused('staff', 'approve_pengantar')).toBe('pengantar_already_approved');
    expect(c.refused('staff', 'refuse_pengantar')).toBe('pengantar_already_approved');
  });
});

describe('the office on day 1 and day 3', () => {
  function onDay(day: 1 | 2 | 3) {
    const c = openCase('service', { documentsComplete: true, pengantarApproved: true });
    c.by('resident', 'submit');
    if (day >= 2) c.by('staff', 'archive');
    if (day >= 3) c.by('rt_chair', 'verify_valid');
    return c;
  }

  it('asks for a named document again while receiving or checking it, not once day 3 began', () => {
    for (const day of [1, 2] as const) {
      const c = onDay(day);
      expect(c.by('staff', 'request_resend')).toBe('needs_revision');
      expect(c.by('resident', 'resubmit')).toBe('verifying');
    }
    expect(onDay(3).refused('staff', 'request_resend')).toBe('not_allowed_in_state');
    expect(onDay(1).refused('rt_chair', 'request_resend')).toBe('actor_not_allowed');
  });

  it('a KTP goes to Disdukcapil, its date may move, and the card coming back makes it ready', () => {
    const c = onDay(3);
    expect(c.by('staff', 'hand_off')).toBe('at_disdukcapil');
    expect(stageDay(c.state)).toBeNull();
    expect(isTerminal(c.state)).toBe(false);
    expect(c.by('staff', 'hand_off')).toBe('at_disdukcapil');
    expect(c.refused('resident', 'cancel')).toBe('not_allowed_in_state');
    expect(c.refused('staff', 'hand_over')).toBe('not_allowed_in_state');
    expect(c.by('staff', 'produce')).toBe('ready');
    expect(c.refused('staff', 'hand_off')).toBe('not_allowed_in_state');
    expect(c.by('staff', 'hand_over')).toBe('completed');
    expect(c.anythingPossible()).toEqual([]);
  });

  it('nothing is picked up before it is ready', () => {
    for (const day of [1, 2, 3] as const) expect(onDay(day).refused('staff', 'hand_over')).toBe('not_allowed_in_state');
  });

  it('the office may reject a case waiting on Disdukcapil, or one already made', () => {
    const atDisdukcapil = onDay(3);
    atDisdukcapil.by('staff', 'hand_off');
    expect(atDisdukcapil.by('staff', 'reject')).toBe('rejected');
    const ready = onDay(3);
    ready.by('staff', 'produce');
    expect(ready.by('staff', 'reject')).toBe('rejected');
  });

  it('only the office does the desk work: residents, helpers, chairs, neighbours and the cron are refused', () => {
    const day3 = onDay(3);
    const atDisdukcapil = onDay(3);
    atDisdukcapil.by('staff', 'hand_off');
    const ready = onDay(3);
    ready.by('staff', 'produce');
    for (const actor of ['resident', 'helper', 'rt_chair', 'neighbour', 'system'] as const) {
      expect(onDay(1).refused(actor, 'request_resend'), actor).toBe('actor_not_allowed');
      expect(day3.refused(actor, 'hand_off'), actor).toBe('actor_not_allowed');
      expect(day3.refused(actor, 'produce'), actor).toBe('actor_not_allowed');
      expect(atDisdukcapil.refused(actor, 'produce'), actor).toBe('actor_not_allowed');
      expect(ready.refused(actor, 'hand_over'), actor).toBe('actor_not_allowed');
      expect(ready.refused(actor, 'reject'), actor).toBe('actor_not_allowed');
    }
    expect(ready.refused('resident', 'cancel')).toBe('not_allowed_in_state');
    expect(ready.state).toBe('ready');
  });
});
