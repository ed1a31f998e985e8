import { describe, expect, it } from 'vitest';
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

  it('once day 3 work began, nobody cancels: the office finishes or rejects', () => {
    const c = openCase('service', { documentsComplete: true, pengantarApproved: true });
    c.by('resident', 'submit');
    c.by('system', 'archive');
    c.by('rt_chair', 'verify_valid');
    expect(c.refused('resident', 'cancel')).toBe('not_allowed_in_state');
    expect(c.refused('staff', 'cancel')).toBe('not_allowed_in_state');
    expect(c.by('staff', 'reject')).toBe('rejected');
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
    expect(c.by('resident', 'reopen')).toBe('open');
    expect(c.by('staff', 'answer')).toBe('answered');
    expect(c.by('resident', 'close')).toBe('closed');
    expect(isTerminal(c.state)).toBe(true);
    expect(c.anythingPossible()).toEqual([]);
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
    expect(c.refused('staff', 'approve_pengantar')).toBe('actor_not_allowed');
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

  it('nobody but the chair gives the day-2 verdict, and the chair does not make or hand over documents', () => {
    const c = openCase('service', { documentsComplete: true, pengantarApproved: true });
    c.by('resident', 'submit');
    c.by('system', 'archive');
    for (const actor of ['resident', 'helper', 'staff', 'system'] as const) {
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
