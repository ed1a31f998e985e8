/**
 * What the staff desk does with one action, for tests of what residents and chairs receive
 * afterwards: the case read, the pure decision (decideDeskAction), and its writes in one batch:
 * the guarded transition, the case event with actor 'staff', and the messages as outbox rows,
 * each rendered in its reader's language. Run drainQueue() to deliver them.
 */
import { env } from 'cloudflare:test';
import { workingCalendar } from '../../src/domain/calendar';
import { decideDeskAction, type DeskAction, type DeskDone } from '../../src/domain/desk/actions';
import { renderDeskMessage } from '../../src/domain/desk/messages';
import type { CaseState } from '../../src/domain/case-machine';
import { isLocale } from '../../src/domain/messages';
import { recordCaseEvent, transitionCase } from '../../src/db/cases';
import { batchOf, dbOf } from '../../src/db/client';
import { outboxToPerson } from '../../src/db/outbox';
import { recorded } from './simulator';

interface CaseRow {
  id: string;
  kelurahan_id: string;
  code: string;
  kind: 'service' | 'complaint';
  service: null;
  state: CaseState;
  version: number;
  pengantar_approved: number;
  delivery: 'pickup' | 'courier' | null;
  applicant_person_id: string;
  submitter_person_id: string | null;
  chair_person_id: string | null;
  day3_due_at: number | null;
  due_at: number | null;
  answered_at: number | null;
}

let sequence = 0;

/** Staff take `action` on the case with this code at `now`; throws when the desk would refuse. */
export async function deskDoes(code: string, action: DeskAction, now: number): Promise<DeskDone> {
  const c = (await env.DB.prepare(
    'SELECT c.*, rt.chair_person_id FROM cases c LEFT JOIN rt ON rt.id = c.rt_id WHERE c.code = ?',
  ).bind(code).first<CaseRow>())!;
  const kel = (await env.DB.prepare('SELECT * FROM kelurahan WHERE id = ?').bind(c.kelurahan_id).first<{ name: string; address: string }>())!;
  const holidays = await env.DB.prepare('SELECT date FROM holidays WHERE kelurahan_id = ?').bind(c.kelurahan_id).all<{ date: string }>();
  const d = decideDeskAction(
    {
      id: c.id, code: c.code, kind: c.kind, service: c.service, state: c.state, version: c.version,
      pengantarApproved: c.pengantar_approved === 1, documentsComplete: true, delivery: c.delivery,
      hasHelper: c.submitter_person_id !== null && c.submitter_person_id !== c.applicant_person_id,
      chairLinked: c.chair_person_id !== null, day3DueAt: c.day3_due_at, dueAt: c.due_at, pickupCode: null, pickupCodeAttempts: 0,
      answeredAt: c.answered_at, letters: [],
    },
    { ...action, version: c.version },
    { now, calendar: workingCalendar(holidays.results.map((h) => h.date)), random: { bytes: (n) => new Uint8Array(n).fill(3) }, kelurahan: kel },
  );
  if (!d.ok) throw new Error(`the desk refused ${action.action}: ${JSON.stringify(d.refusal)}`);

  const db = dbOf(env.DB);
  const id = (what: string) => `${what}-${++sequence}`;
  const st: unknown[] = [
    transitionCase(db, { caseId: c.id, kelurahanId: c.kelurahan_id, from: d.from, to: d.to, now, set: d.set, version: c.version }),
    recordCaseEvent(
      db,
      { id: id('event'), kelurahanId: c.kelurahan_id, caseId: c.id, at: now, actorKind: 'staff', kind: d.event, fromState: d.from, toState: d.to, detail: JSON.stringify(d.detail) },
      true,
    ),
  ];
  for (const m of d.messages) {
    const personId = m.to === 'applicant' ? c.applicant_person_id : m.to === 'helper' ? c.submitter_person_id : c.chair_person_id;
    const person = await env.DB.prepare('SELECT locale FROM people WHERE id = ?').bind(personId).first<{ locale: string }>();
    const locale = person && isLocale(person.locale) ? person.locale : 'id';
    const outboxId = id('outbox');
    st.push(outboxToPerson(db, personId!, { id: outboxId, kelurahanId: c.kelurahan_id, caseId: c.id, payload: JSON.stringify(renderDeskMessage(m, locale)), dedupeKey: null, now }));
    recorded.push({ body: { type: 'deliver', outboxId } });
  }
  await batchOf(db, st);
  return d;
}
