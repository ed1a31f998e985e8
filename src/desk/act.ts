/**
 * POST /status/cases/:code/act: one action of the case page. The form names the action and the
 * case version it was shown; the decision is the domain's (src/domain/desk/actions.ts); the
 * write is one batch that aborts when the case changed since that version; the people of the
 * case are told only once it committed, each in their own language.
 */
import { deskActionStatements, deskRecordStatements } from '../db/desk-writes';
import { runBatch, type Db } from '../db/client';
import { decideDeskAction, type DeskAction, type DeskDecision, type DeskInput } from '../domain/desk/actions';
import { renderDeskMessage } from '../domain/desk/messages';
import { isLocale, type Locale } from '../domain/messages';
import type { QueueMessage } from '../jobs/queue-messages';
import { enqueue } from '../framework/inbound';
import { cryptoIds, cryptoRandom } from '../platform';
import { deskFacts, type LoadedCase } from './case-data';
import type { SignedInStaff } from './context';
import { madeOutputLetter } from './issue-letter';
import type { Office } from './office';

type Form = Record<string, string | File | (string | File)[]>;

const str = (form: Form, key: string): string => {
  const v = form[key];
  return typeof v === 'string' ? v : '';
};

/** The action the form asks for, or null when the form is not one of the desk's. */
export function actionOf(form: Form): DeskInput | null {
  const version = Number(str(form, 'version'));
  if (!Number.isInteger(version) || version < 1) return null;
  const f = (k: string) => str(form, k);
  let a: DeskAction;
  switch (f('action')) {
    case 'archive': a = { action: 'archive' }; break;
    case 'request_resend': a = { action: 'request_resend', requirement: f('requirement'), note: f('note') }; break;
    case 'approve_pengantar': a = { action: 'approve_pengantar', reason: f('reason') }; break;
    case 'refuse_pengantar': a = { action: 'refuse_pengantar', reason: f('reason') }; break;
    case 'verify_valid': a = { action: 'verify_valid', reason: f('reason') }; break;
    case 'verify_invalid': a = { action: 'verify_invalid', requirement: f('requirement') || null, reason: f('reason') }; break;
    case 'hand_off': a = { action: 'hand_off', reference: f('reference'), expectedDate: f('expectedDate') }; break;
    case 'produce': {
      const kind = f('output');
      const output = kind === 'card' ? { kind } as const : kind === 'letter' ? { kind } as const : { kind: 'upload' as const, documentId: kind.replace(/^upload:/, '') };
      a = { action: 'produce', output, courierName: f('courierName') };
      break;
    }
    case 'new_pickup_code': a = { action: 'new_pickup_code' }; break;
    case 'hand_over': a = { action: 'hand_over', pickupCode: f('pickupCode'), receiverName: f('receiverName'), proofDocumentId: f('proofDocumentId') }; break;
    case 'reject': a = { action: 'reject', reason: f('reason') }; break;
    case 'cancel': a = { action: 'cancel', reason: f('reason') }; break;
    case 'revoke_letter': a = { action: 'revoke_letter', letterId: f('letterId'), reason: f('reason') }; break;
    case 'reply': a = { action: 'reply', text: f('text') }; break;
    case 'answer': a = { action: 'answer', answer: f('answer') }; break;
    case 'close': a = { action: 'close' }; break;
    default: return null;
  }
  return { ...a, version };
}

export type ActResult = { ok: true; event: string } | { ok: false; decision: Extract<DeskDecision, { ok: false }> | null; stale: boolean };

export async function act(
  env: Env, db: Db, staff: SignedInStaff, office: Office, loaded: LoadedCase, input: DeskInput, now: number,
): Promise<ActResult> {
  const facts = deskFacts(loaded);
  const decision = decideDeskAction(facts, input, { now, calendar: office.calendar, random: cryptoRandom, kelurahan: { name: office.name, address: office.address } });
  const c = loaded.row.case;
  if (!decision.ok) {
    if (decision.record) {
      try {
        await runBatch(db, deskRecordStatements(db, {
          kelurahanId: staff.kelurahanId, caseId: c.id, staffId: staff.id, version: c.version, event: decision.record.event, from: c.state,
          set: decision.record.set, eventId: cryptoIds.newId(), now,
        }));
      } catch (err) {
        // From a stale page the try is not counted, as the action would not have been done.
        if (!guardAborted(err)) throw err;
      }
    }
    return { ok: false, decision, stale: decision.refusal.reason === 'stale' };
  }
  // The kelurahan's letter as the output: the one already made and filed (issue-letter.ts), sent
  // to the resident with the news; the decision's own issue_output_letter effect is not used.
  const letter = input.action === 'produce' && input.output.kind === 'letter' ? madeOutputLetter(loaded) : null;
  if (input.action === 'produce' && input.output.kind === 'letter' && !letter) {
    return { ok: false, decision: { ok: false, refusal: { reason: 'output_not_for_service' } }, stale: false };
  }
  // A file the output or proof names must be one the office put on this case.
  const named = [input.action === 'produce' && input.output.kind === 'upload' ? input.output.documentId : null, input.action === 'hand_over' ? input.proofDocumentId || null : null];
  for (const id of named) {
    if (id && !loaded.scans.some((s) => s.id === id && (s.requirement === 'output' || s.requirement === 'handover_proof') && s.status === 'stored')) {
      return { ok: false, decision: { ok: false, refusal: { reason: 'proof_required' } }, stale: false };
    }
  }
  const people = { applicant: { id: c.applicantPersonId, locale: loaded.row.applicantLocale }, helper: c.submitterPersonId ? { id: c.submitterPersonId, locale: loaded.row.submitterLocale } : null, rt_chair: loaded.row.chairPersonId ? { id: loaded.row.chairPersonId, locale: loaded.row.chairLocale } : null };
  const messages = decision.messages.flatMap((m) => {
    const to = people[m.to];
    if (!to) return [];
    const locale: Locale = to.locale && isLocale(to.locale) ? to.locale : 'id';
    const text = { id: cryptoIds.newId(), personId: to.id, payload: JSON.stringify(renderDeskMessage(m, locale)) };
    if (!letter || m.to === 'rt_chair') return [text];
    const pdf = { kind: 'document', r2Key: letter.r2Key, filename: `surat-keterangan-${c.code}.pdf`, mimeType: 'application/pdf', caption: `${letter.number} (${c.code})` };
    return [text, { id: cryptoIds.newId(), personId: to.id, payload: JSON.stringify(pdf) }];
  });
  const ended = decision.to === 'rejected' || decision.to === 'cancelled';
  try {
    await runBatch(db, deskActionStatements(db, {
      kelurahanId: staff.kelurahanId, caseId: c.id, staffId: staff.id, version: c.version, event: decision.event, from: decision.from, to: decision.to,
      set: decision.set, detail: decision.detail, eventId: cryptoIds.newId(), now, messages,
      revokeLetterIds: decision.effects.flatMap((e) => (e.type === 'revoke_letter' ? [{ id: e.letterId, reason: e.publicReason }] : [])),
      revokeAll: ended ? `case_${decision.to}` : null,
    }));
  } catch (err) {
    // Someone else changed the case between the read and this write.
    if (guardAborted(err)) return { ok: false, decision: null, stale: true };
    throw err;
  }
  await enqueue(env.OUTBOX, messages.map((m): QueueMessage => ({ type: 'deliver', outboxId: m.id })));
  return { ok: true, event: decision.event };
}

/** The version guard aborted the batch: its case event's time became NULL (db/cases recordCaseEvent). */
function guardAborted(err: unknown): boolean {
  return /NOT NULL constraint failed: case_events\.at/.test(err instanceof Error ? err.message : String(err));
}
