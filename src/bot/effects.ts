/**
 * What the dialogue asks the store to do, as plain data. The store writes all effects of one
 * inbound message, the conversation state and the outbox in one D1 batch: all or nothing.
 */
import type { CaseChanges } from '../domain/case-changes';
import type { ChannelName, Choice, InboundMedia, OutboundMessage } from '../../adapters/channel';
import type { Actor, CaseEvent, CaseKind, CaseState } from '../domain/case-machine';
import type { Locale } from '../domain/messages';
import type { Instant } from '../framework/ports';
import type { RequirementId, ServiceId } from '../domain/services';
import type { SkmElement, SkmValue } from '../domain/skm';

/** Someone Loket writes to: a known identity, or one found by channel and external id. */
export type Recipient =
  | { identityId: string }
  | { channel: ChannelName; externalId: string }
  /** Whoever the person is reachable as: their most recently used identity. */
  | { personId: string }
  /**
   * Whoever a phone number reaches (its chat on `channel`, or the person who shared it on
   * Telegram), on the chat they used most recently.
   */
  | { channel: ChannelName; phone: string };

/** Text of an outbound message may contain this; the store puts the case's code in its place. */
export const CASE_CODE_PLACEHOLDER = '{{CASE_CODE}}';

/**
 * Whom a case is for. Someone applied for by a helper gets no name, NIK or RT from the helper on
 * their own record: what was typed stays on the case (given_name, given_nik, rt_id) until they
 * confirm it themselves.
 */
export type ApplicantRef =
  | { kind: 'person'; personId: string }
  /** Found by a phone-addressed identity, or created with it when the phone is new to Loket. */
  | { kind: 'phone'; channel: ChannelName; phone: string; newPersonId: string; newIdentityId: string }
  /** Someone without a phone: an empty record that only anchors the case. */
  | { kind: 'new'; personId: string };

export type Effect =
  | { type: 'update_person'; personId: string; fullName?: string; nik?: string; rtId?: string; locale?: Locale }
  | {
      type: 'create_case';
      caseId: string;
      kind: CaseKind;
      service: ServiceId | null;
      state: CaseState;
      codePeriod: string;
      applicant: ApplicantRef;
      /** As typed when applying; null for complaints. */
      givenName?: string | null;
      givenNik?: string | null;
      /** SITU: the business, as checked when typed. */
      businessName?: string | null;
      businessKind?: string | null;
      businessAddress?: string | null;
      submitterPersonId: string | null;
      rtId: string | null;
      complaintText?: string;
      relatedCaseId?: string | null;
      dueAt?: Instant | null;
      nextActionAt?: Instant | null;
      actor: Actor;
    }
  | {
      type: 'transition';
      caseId: string;
      event: CaseEvent;
      from: CaseState;
      to: CaseState;
      actor: Actor;
      set?: CaseChanges;
      /** Also guard on the case version read, for a decision that depends on more than the state. */
      version?: number;
      detail?: Record<string, unknown>;
    }
  | {
      type: 'case_event';
      caseId: string;
      kind: string;
      actor: Actor;
      detail?: Record<string, unknown>;
      setApplicantConfirmedAt?: Instant;
      /** The applicant said the application was not theirs: the helper may not ask them again for a while. */
      setApplicantDeniedAt?: Instant;
    }
  | {
      type: 'add_document';
      documentId: string;
      caseId: string;
      requirement: RequirementId | 'complaint_photo';
      media: InboundMedia;
      /** A resent document replaces the earlier one of the same requirement. */
      supersedes: boolean;
    }
  /**
   * `notBefore`: not before then (an RT chair is not written to at night). The row waits in the
   * outbox and the cron sends it once the time has come.
   */
  | { type: 'send'; to: Recipient; message: OutboundMessage; caseId?: string; notBefore?: number }
  /** Tells the kelurahan's linked staff chats that the case's NIK is on another open case under another name. */
  | { type: 'flag_nik_conflict'; caseId: string; otherCaseId: string }
  /**
   * Puts a question Loket sent to someone else into their conversation, so that typing "1" or
   * "ya" answers it; only when they are not in the middle of something else.
   */
  | { type: 'await_answer'; to: { channel: ChannelName; phone: string }; step: 'confirm.applicant'; choices: Choice[] }
  /**
   * The sender proved their own number (Telegram's share button): their chat joins the person
   * the number already reaches on `channel` (or by a number shared before), taking along its
   * cases; otherwise the number is written on their own person.
   */
  | { type: 'share_phone'; phone: string; channel: ChannelName }
  /**
   * A letter Loket issues (the RT pengantar): the row is written now, with its number and
   * verification code; the queue consumer draws the PDF, files it in R2 and sends it.
   */
  | {
      type: 'issue_letter';
      letterId: string;
      caseId: string;
      kind: 'pengantar_rt';
      numberPrefix: string;
      verificationCode: string;
      issuerName: string;
      issuerRole: string;
    }
  | { type: 'ask_neighbour'; questionId: string; caseId: string; channel: ChannelName; phone: string; newPersonId: string; newIdentityId: string }
  | { type: 'answer_question'; questionId: string; caseId: string; caseVersion: number; answer: 'yes' | 'no' }
  /**
   * Spends the code and links this chat: to the invited person (an RT chair or a neighbour), or,
   * for a staff code, to the staff account, so that escalations reach it; a chat that already
   * was someone's keeps its person (their own cases, their language), a new one becomes the
   * staff member's person. If someone else spent the code since it was read, the whole write is
   * undone and run again.
   */
  | { type: 'use_invite'; code: string; personId: string; role: 'rt_chair' | 'neighbour' | 'staff' }
  /** Counts one attempt against a fixed-window throttle (see domain/throttle.ts). */
  | { type: 'throttle_hit'; key: string; windowMs: number }
  /**
   * The satisfaction survey of a case handed over to this person: its row made at the first
   * "Ya" (once per case), then one element's answer at a time, then the suggestion (or none)
   * that finishes it.
   */
  | { type: 'skm'; op: 'start'; caseId: string; responseId: string; service: ServiceId }
  | { type: 'skm'; op: 'answer'; caseId: string; element: SkmElement; value: SkmValue }
  | { type: 'skm'; op: 'finish'; caseId: string; suggestion: string | null };
