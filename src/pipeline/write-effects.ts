/**
 * The second D1 round trip: the effects of one inbound message, the conversation state and the
 * outbox as one batch, which D1 runs as a single transaction. Its first statement records the
 * provider's message id and, in the same stroke, checks that the conversation was not changed
 * since it was read: a repeat fails on the primary key, a concurrent change on NOT NULL, and
 * either way nothing of the batch is written. The statements live in src/db; this file decides
 * which ones a message needs.
 */
import type { ChannelName } from '../../adapters/channel';
import type { ApplicantRef, Effect, Recipient } from '../bot/effects';
import { CASE_CODE_PLACEHOLDER } from '../bot/effects';
import type { ConversationState } from '../bot/state';
import type { Instant, IdSource } from '../framework/ports';
import type { QueueMessage } from '../jobs/queue-messages';
import { drawSequence } from '../db/case-codes';
import {
  bumpCaseVersion, insertCase, insertCaseEvent, insertCaseForPhone, insertGuardedCaseEvent, setApplicantConfirmed,
  setApplicantDenied, touchCase, transitionCase,
} from '../db/cases';
import { d1Item, type Db } from '../db/client';
import { awaitAnswer, recordMessage, saveConversation } from '../db/conversations';
import { insertDocument, supersedeDocuments } from '../db/documents';
import type { WriteItem } from '../db/inbound';
import { spendInvite } from '../db/invites';
import { insertLetter } from '../db/letters';
import { answerQuestion, insertQuestion } from '../db/neighbour-questions';
import { queueToChat, queueToIdentity, queueToPerson, queueToPhone, releaseDeferred } from '../db/outbox';
import {
  clearLeftPerson, fillFromChatPerson, fillPersonFromCase, insertIdentity, insertPerson, joinPersonByPhone, linkInvitedIdentity, moveApplicantCases,
  moveSubmittedCases, reachIdentityByPhone, reachPersonByPhone, setPhoneIfMissing, touchIdentity, updatePerson,
} from '../db/people';
import { linkStaffChat } from '../db/staff';
import { answerSkm, finishSkm, startSkm } from '../db/skm';
import { hitThrottle } from '../db/throttles';
import { revokeLettersOnEnd } from './letter-sql';
import { conversationExpiry } from './load-context';

export interface WriteInput {
  kelurahanId: string;
  channel: ChannelName;
  messageId: string;
  now: Instant;
  ids: IdSource;
  identity: { id: string; isNew: boolean; externalId: string; displayName: string | null; phone: string | null };
  personId: string;
  /** Whether personId is made by this message; a new chat may join a person who exists. */
  newPerson: boolean;
  expectedVersion: number | null;
  state: ConversationState;
  effects: Effect[];
}

export interface WritePlan {
  statements: WriteItem[];
  /** Sent to the queue once the batch has committed. */
  queue: QueueMessage[];
  /** Index of the statement returning deferred outbox rows this message releases, if any. */
  releasedIndex: number | null;
}

export function planWrite(db: Db, w: WriteInput): WritePlan {
  const k = w.kelurahanId;
  const now = w.now;
  const st: WriteItem[] = [];
  const queue: QueueMessage[] = [];
  let releasedIndex: number | null = null;

  st.push(
    recordMessage(db, { channel: w.channel, messageId: w.messageId, k, identityId: w.identity.id, expectedVersion: w.expectedVersion, now }),
  );

  // A newcomer who opens with an invite code is the invited person from the first message on.
  const invite = w.effects.find((e) => e.type === 'use_invite');
  if (w.identity.isNew) {
    if (!invite && w.newPerson) {
      st.push(insertPerson(db, { id: w.personId, k, fullName: w.identity.displayName ?? '', phone: w.identity.phone, now }));
    }
    st.push(
      insertIdentity(db, {
        id: w.identity.id, k, personId: invite ? invite.personId : w.personId, channel: w.channel,
        externalId: w.identity.externalId, displayName: w.identity.displayName, now,
      }),
    );
  } else {
    // Opens WhatsApp's 24-hour customer service window, and with it the documents that waited.
    st.push(touchIdentity(db, { now, displayName: w.identity.displayName, identityId: w.identity.id }));
    st.push(releaseDeferred(db, { now, identityId: w.identity.id }));
    releasedIndex = st.length - 1;
  }

  const event = (caseId: string, kind: string, actor: string, from: string | null, to: string | null, detail?: Record<string, unknown>, afterGuardedUpdate = false) =>
    st.push(
      (afterGuardedUpdate ? insertGuardedCaseEvent : insertCaseEvent)(db, {
        id: w.ids.newId(), k, caseId, now, actorKind: actor, actorPersonId: w.personId, kind, from, to,
        detail: detail ? JSON.stringify(detail) : null,
      }),
    );

  for (const e of w.effects) {
    switch (e.type) {
      case 'update_person':
        st.push(
          updatePerson(db, {
            fullName: e.fullName ?? null, nik: e.nik ?? null, rtId: e.rtId ?? null, locale: e.locale ?? null, personId: e.personId, k,
          }),
        );
        break;
      case 'create_case': {
        const applicant = applicantOf(db, e.applicant, k, now, st);
        st.push(drawSequence(db, { k, period: e.codePeriod }));
        const values = {
          id: e.caseId, k, period: e.codePeriod, kind: e.kind, service: e.service, state: e.state,
          submitterPersonId: e.submitterPersonId, rtId: e.rtId, complaintText: e.complaintText ?? null,
          relatedCaseId: e.relatedCaseId ?? null, dueAt: e.dueAt ?? null, nextActionAt: e.nextActionAt ?? null, now,
          givenName: e.givenName ?? null, givenNik: e.givenNik ?? null,
          businessName: e.businessName ?? null, businessKind: e.businessKind ?? null, businessAddress: e.businessAddress ?? null,
        };
        st.push(
          'personId' in applicant
            ? insertCase(db, { ...values, applicantPersonId: applicant.personId })
            : insertCaseForPhone(db, { ...values, applicantChannel: applicant.channel, applicantPhone: applicant.phone }),
        );
        event(e.caseId, 'created', e.actor, null, e.state, e.submitterPersonId ? { for_other: true } : undefined);
        break;
      }
      case 'transition': {
        st.push(transitionCase(db, { caseId: e.caseId, kelurahanId: k, from: e.from, to: e.to, now, set: e.set ?? {}, version: e.version }));
        // Someone else moved the case since it was read (the chair approving while the resident
        // cancels): the event's time becomes NULL, NOT NULL aborts the whole batch, and the
        // message is run again on the fresh state. Nothing of the stale decision is written.
        event(e.caseId, e.event, e.actor, e.from, e.to, e.detail, true);
        const revoke = revokeLettersOnEnd(db.$client, { caseId: e.caseId, kelurahanId: k, event: e.event, to: e.to, now });
        if (revoke) st.push(d1Item(revoke));
        break;
      }
      case 'case_event':
        if (e.setApplicantConfirmedAt !== undefined) {
          st.push(setApplicantConfirmed(db, { at: e.setApplicantConfirmedAt, caseId: e.caseId, k }));
          // Confirmed by the applicant: what the helper typed may now fill the person's gaps.
          st.push(fillPersonFromCase(db, { caseId: e.caseId }));
        }
        if (e.setApplicantDeniedAt !== undefined) {
          st.push(setApplicantDenied(db, { at: e.setApplicantDeniedAt, caseId: e.caseId, k }));
        }
        event(e.caseId, e.kind, e.actor, null, null, e.detail);
        break;
      case 'add_document': {
        if (e.supersedes) st.push(supersedeDocuments(db, { now, caseId: e.caseId, requirement: e.requirement }));
        st.push(
          insertDocument(db, {
            id: e.documentId, k, caseId: e.caseId, requirement: e.requirement, channel: w.channel, ref: e.media.ref,
            r2Key: scanKey(k, e.caseId, e.documentId), contentType: e.media.mimeType, filename: e.media.filename ?? null,
            sizeBytes: e.media.sizeBytes ?? null, sha256: e.media.sha256 ?? null, now,
          }),
        );
        // A draft someone is still working on is not abandoned.
        st.push(touchCase(db, { now, caseId: e.caseId }));
        event(e.caseId, 'document_received', 'resident', null, null, { requirement: e.requirement, document_id: e.documentId });
        queue.push({ type: 'fetch_media', documentId: e.documentId });
        break;
      }
      case 'issue_letter': {
        // Letter numbers run per issuer and year, e.g. PGT-RT03RW02-2026 -> 0001/PGT-RT03RW02-2026.
        st.push(drawSequence(db, { k, period: e.numberPrefix }));
        st.push(
          insertLetter(db, {
            id: e.letterId, k, caseId: e.caseId, kind: e.kind, prefix: e.numberPrefix, verificationCode: e.verificationCode, now,
            issuerName: e.issuerName, issuerRole: e.issuerRole, r2Key: `letters/${k}/${e.caseId}/${e.letterId}.pdf`,
          }),
        );
        event(e.caseId, 'letter_issued', 'rt_chair', null, null, { letter_id: e.letterId, kind: e.kind });
        queue.push({ type: 'make_letter', letterId: e.letterId });
        break;
      }
      case 'ask_neighbour':
        reachByPhone(db, st, k, now, { personId: e.newPersonId, identityId: e.newIdentityId, channel: e.channel, phone: e.phone });
        st.push(insertQuestion(db, { id: e.questionId, k, caseId: e.caseId, channel: e.channel, phone: e.phone, now }));
        break;
      case 'await_answer': {
        const state: ConversationState = { step: e.step, data: {}, history: [], choices: e.choices };
        st.push(
          awaitAnswer(db, {
            k, step: e.step, data: JSON.stringify(state), now, expiresAt: conversationExpiry(now), channel: e.to.channel, phone: e.to.phone,
          }),
        );
        break;
      }
      case 'use_invite': {
        st.push(spendInvite(db, { now, identityId: w.identity.id, code: e.code, k }));
        // Twenty chats sending one code at once all read it unused; only the first to write it
        // changes a row. For the others person_id becomes NULL, NOT NULL aborts their batch, and
        // their message is run again, now seeing the code spent. A staff code leaves the chat
        // with its person (a new chat was made the staff member's above) and links the account.
        const staff = e.role === 'staff';
        st.push(linkInvitedIdentity(db, { personId: staff ? w.personId : e.personId, identityId: w.identity.id }));
        if (staff) st.push(linkStaffChat(db, { identityId: w.identity.id, code: e.code, k }));
        if (!staff || w.identity.isNew) st.push(setPhoneIfMissing(db, { phone: w.identity.phone, personId: e.personId }));
        break;
      }
      case 'share_phone': {
        // In this order: the chat first joins whoever the number reaches, then what the person
        // it left had (cases, name, NIK, RT) follows it and is cleared there. Nobody found: the chat keeps its person,
        // the moves change nothing, and the number is written on it.
        const who = { k, identityId: w.identity.id, fromPersonId: w.personId };
        st.push(joinPersonByPhone(db, { k, channel: e.channel, phone: e.phone, identityId: w.identity.id }));
        st.push(moveApplicantCases(db, who));
        st.push(moveSubmittedCases(db, who));
        st.push(fillFromChatPerson(db, { ...who, phone: e.phone }));
        st.push(clearLeftPerson(db, who));
        break;
      }
      case 'flag_nik_conflict':
        // Staff chats are read by the job, after this batch made the case and its code.
        queue.push({ type: 'flag_nik_conflict', caseId: e.caseId, otherCaseId: e.otherCaseId });
        break;
      case 'throttle_hit':
        st.push(hitThrottle(db, { key: e.key, now, windowMs: e.windowMs }));
        break;
      case 'answer_question':
        st.push(answerQuestion(db, { answer: e.answer, now, questionId: e.questionId }));
        // Locks the case at the version read: a neighbour answering at the same moment is run
        // again and then sees this answer, so the last one hands the case back to the chair.
        st.push(bumpCaseVersion(db, { now, caseId: e.caseId, version: e.caseVersion }));
        event(e.caseId, 'neighbour_answer', 'neighbour', null, null, { question_id: e.questionId, answer: e.answer }, true);
        break;
      case 'skm':
        if (e.op === 'start') {
          st.push(startSkm(db, { id: e.responseId, k, caseId: e.caseId, personId: w.personId, service: e.service, now }));
        } else if (e.op === 'answer') {
          st.push(answerSkm(db, e.element, { value: e.value, now, caseId: e.caseId, k }));
        } else {
          st.push(finishSkm(db, { suggestion: e.suggestion, now, caseId: e.caseId, k }));
        }
        break;
      case 'send': {
        const outboxId = w.ids.newId();
        const later = e.notBefore !== undefined && e.notBefore > now ? e.notBefore : null;
        st.push(
          queueFor(db, e.to, {
            id: outboxId, k, caseId: e.caseId ?? null, payload: JSON.stringify(e.message), codeMark: CASE_CODE_PLACEHOLDER, now, notBefore: later,
          }),
        );
        // A message for later is nudged by the cron once its time has come (outboxToRequeue).
        if (later === null) queue.push({ type: 'deliver', outboxId });
        break;
      }
    }
  }

  st.push(
    saveConversation(db, {
      identityId: w.identity.id, k, flow: w.state.step.split('.')[0]!, step: w.state.step, data: JSON.stringify(w.state), now,
      expiresAt: conversationExpiry(now),
    }),
  );
  return { statements: st, queue, releasedIndex };
}

/** Scans live under the kelurahan and case, in the private bucket. */
export function scanKey(kelurahanId: string, caseId: string, documentId: string): string {
  return `scans/${kelurahanId}/${caseId}/${documentId}`;
}

/** The applicant's person: known, new and empty, or whoever the phone number reaches. */
function applicantOf(
  db: Db, a: ApplicantRef, k: string, now: Instant, st: WriteItem[],
): { personId: string } | { channel: ChannelName; phone: string } {
  switch (a.kind) {
    case 'person':
      return { personId: a.personId };
    case 'new':
      // Without a phone nobody can ever confirm, so the helper's words never become a record:
      // the row stays empty and only anchors the case, which holds the name, NIK and RT given.
      // Everything that shows the applicant reads the case first (coalesce(given_name, ...)).
      st.push(insertPerson(db, { id: a.personId, k, fullName: '', phone: null, now }));
      return { personId: a.personId };
    case 'phone':
      // A phone that already reaches Loket belongs to a person we know: link to them. A new one
      // gets an empty record with only its number until its owner confirms (or writes to us).
      reachByPhone(db, st, k, now, { personId: a.newPersonId, identityId: a.newIdentityId, channel: a.channel, phone: a.phone });
      return { channel: a.channel, phone: a.phone };
  }
}

/**
 * Makes a phone number Loket was given (an applicant's, a neighbour's) reachable: a number that
 * already reaches Loket keeps its person; a new one gets an empty person with only the number,
 * so nothing typed by someone else lands on the owner's record.
 */
function reachByPhone(db: Db, st: WriteItem[], k: string, now: Instant, p: { personId: string; identityId: string; channel: ChannelName; phone: string }): void {
  st.push(reachPersonByPhone(db, { id: p.personId, k, phone: p.phone, now, channel: p.channel }));
  st.push(reachIdentityByPhone(db, { id: p.identityId, k, personId: p.personId, channel: p.channel, phone: p.phone, now }));
}

function queueFor(db: Db, to: Recipient, values: Record<string, unknown>): WriteItem {
  if ('identityId' in to) return queueToIdentity(db, { ...values, identityId: to.identityId });
  if ('personId' in to) return queueToPerson(db, { ...values, personId: to.personId });
  if ('phone' in to) return queueToPhone(db, { ...values, channel: to.channel, phone: to.phone });
  return queueToChat(db, { ...values, channel: to.channel, externalId: to.externalId });
}
