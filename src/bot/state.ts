/**
 * Where a person is in the dialogue. Stored as JSON in conversations.data; survives restarts and
 * is forgotten after a day of silence, so a resident returning next week starts at the menu.
 */
import type { Choice } from '../../adapters/channel';
import type { ServiceId, RequirementId } from '../domain/services';
import type { SkmElement } from '../domain/skm';

export const CONVERSATION_TTL_MS = 24 * 60 * 60 * 1000;

export type StepId =
  | 'idle'
  | 'menu'
  | 'info.service'
  | 'apply.service'
  | 'apply.for_whom'
  | 'apply.share_phone'
  | 'apply.name'
  | 'apply.nik'
  | 'apply.phone'
  | 'apply.business_name'
  | 'apply.business_kind'
  | 'apply.business_address'
  | 'apply.rw'
  | 'apply.rt'
  | 'apply.documents'
  | 'apply.delivery'
  | 'apply.address'
  | 'apply.summary'
  | 'apply.change'
  | 'apply.resend'
  | 'cancel.pick'
  | 'cancel.confirm'
  | 'complaint.text'
  | 'complaint.photo'
  | 'complaint.about'
  | 'confirm.applicant'
  | 'rt.pending'
  | 'rt.refuse_reason'
  | 'rt.invalid_which'
  | 'rt.invalid_reason'
  | 'rt.neighbours'
  | 'neighbour.pending'
  | 'revision.data'
  | 'revision.data_confirm'
  | 'resume.offer'
  | 'skm.question'
  | 'skm.suggestion'
  | 'language';

export interface FlowData {
  service?: ServiceId;
  forOther?: boolean;
  applicantName?: string;
  applicantNik?: string;
  /** null: the applicant has no phone. */
  applicantPhone?: string | null;
  /** SITU: the business the permit is for, each checked by domain/business.ts as typed. */
  businessName?: string;
  businessKind?: string;
  businessAddress?: string;
  /** An open case of another name that carries the NIK given: told to the chair and staff. */
  nikConflictCaseId?: string;
  rwNumber?: number;
  rtId?: string;
  caseId?: string;
  delivery?: 'pickup' | 'courier';
  address?: string;
  resend?: RequirementId;
  /** A correction of the applicant's data, checked, not yet sent to the RT chair. */
  correctedName?: string;
  correctedNik?: string;
  complaintText?: string;
  complaintPhoto?: { ref: string; mimeType: string; sha256?: string; filename?: string };
  /** The complaint picker's lines as first shown: asked again, it keeps every number. */
  aboutChoices?: Choice[];
  /** The satisfaction survey: the case it is about, and the element asked now. */
  skmCaseId?: string;
  skmElement?: SkmElement;
}

export interface ConversationState {
  step: StepId;
  data: FlowData;
  /** Steps to return to with "kembali", most recent last. */
  history: StepId[];
  /** The choices last offered, in order, so that "2" or a label can answer them. */
  choices: Choice[];
  /**
   * The person's latest message, where the channel names messages (Telegram), and whether the
   * question it answered still stands (it changed nothing): an edit of it is then a new answer.
   */
  last?: { ref: string; stood: boolean };
}

export function idleState(): ConversationState {
  return { step: 'idle', data: {}, history: [], choices: [] };
}
