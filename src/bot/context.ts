/**
 * Everything the dialogue may read about the person and their kelurahan, loaded in one D1 batch
 * before it runs. The dialogue itself does no I/O: it returns effects, written in one batch.
 */
import type { ThrottleRow } from '../domain/throttle';
import type { ChannelName } from '../../adapters/channel';
import type { WorkingCalendar, LocalDate } from '../domain/calendar';
import type { CaseKind, CaseState } from '../domain/case-machine';
import type { Locale } from '../domain/messages';
import type { HelperRequest } from '../domain/helper-limits';
import type { Instant, IdSource, RandomSource } from '../framework/ports';
import type { RequirementId, ServiceId } from '../domain/services';
import type { SkmAnswers } from '../domain/skm';

export interface RegistryRt {
  rtId: string;
  rwNumber: number;
  rtNumber: number;
  chairPersonId: string | null;
  chairName: string | null;
  /** Only for how Loket addresses the chair ("Bapak"): never shown. */
  chairNik: string | null;
  chairIdentityId: string | null;
}

export interface CaseView {
  id: string;
  code: string;
  kind: CaseKind;
  service: ServiceId | null;
  state: CaseState;
  applicantPersonId: string;
  applicantName: string;
  submitterPersonId: string | null;
  /** How the applicant is told who applied for them: never the helper's own words (a name), only their number. */
  submitterPhone: string | null;
  rtId: string | null;
  pengantarApproved: boolean;
  applicantConfirmedAt: Instant | null;
  applicantDeniedAt: Instant | null;
  revisionRequirement: RequirementId | null;
  delivery: 'pickup' | 'courier' | null;
  submittedAt: Instant | null;
  day1DueAt: Instant | null;
  day2DueAt: Instant | null;
  day3DueAt: Instant | null;
  dueAt: Instant | null;
  /** Complaints: when the office last answered (the resident may reopen for a while after). */
  answeredAt: Instant | null;
  /** cases.version as read: a decision that depends on more than the state writes only at it. */
  version: number;
  createdAt: Instant;
}

export interface DocumentView {
  id: string;
  caseId: string;
  requirement: RequirementId | 'complaint_photo';
  status: 'pending' | 'stored' | 'rejected' | 'failed';
}

/** A case seen from its RT chair's side (or named by a pressed button, whoever pressed it). */
export interface RtCaseView extends CaseView {
  applicantNik: string | null;
  /** The applicant's own number: they cannot vouch for themselves as a neighbour. */
  applicantPhone: string | null;
  applicantLocale: Locale;
  submitterLocale: Locale | null;
  rtNumber: number | null;
  rwNumber: number | null;
  /** The chair of the case's RT: the only person who may act on its buttons. */
  chairPersonId: string | null;
  /** Who approved the pengantar: the chair, or the office in their stead; null while not approved. */
  pengantarApprovedBy: 'rt_chair' | 'staff' | null;
  /** What the pengantar card shows besides (rt-cards.ts PengantarCardCase). */
  businessName: string | null;
  businessKind: string | null;
  businessAddress: string | null;
  nikConflict: boolean;
}

export interface RtDocumentView {
  id: string;
  caseId: string;
  requirement: RequirementId | 'complaint_photo';
  status: 'pending' | 'stored' | 'rejected' | 'failed';
  r2Key: string;
  contentType: string;
}

/** A neighbour's yes/no question about an applicant (Tabel 6 a). */
export interface QuestionView {
  id: string;
  caseId: string;
  caseCode: string;
  caseState: CaseState;
  /** For the optimistic lock: two neighbours answering at once must see each other's answer. */
  caseVersion: number;
  identityId: string;
  answer: 'yes' | 'no' | null;
  applicantName: string;
  rtNumber: number;
  rwNumber: number;
  /** Every question of the same case, this one included, with the number it went to. */
  all: { id: string; answer: 'yes' | 'no' | null; phone: string }[];
}

/** An open case of the kelurahan carrying the NIK the message carries (see openCasesWithNik). */
export interface NikCaseView {
  id: string;
  code: string;
  service: ServiceId | null;
  state: CaseState;
  applicantName: string;
  applicantPersonId: string;
  submitterPersonId: string | null;
}

export interface BotContext {
  now: Instant;
  today: LocalDate;
  calendar: WorkingCalendar;
  ids: IdSource;
  /** For codes that must not be guessed (a letter's verification code). */
  random: RandomSource;
  maxUploadBytes: number;
  /** phone: the office's number residents may call (null when not set); address: where to come instead. */
  kelurahan: { id: string; name: string; phone: string | null; address: string };
  channel: ChannelName;
  identity: { id: string; displayName: string | null; isNew: boolean };
  person: {
    id: string;
    fullName: string | null;
    nik: string | null;
    phone: string | null;
    rtId: string | null;
    locale: Locale;
  };
  registry: RegistryRt[];
  /** Cases where the person is applicant or submitter, newest first. */
  cases: CaseView[];
  /** Current (not superseded) documents of those cases. */
  documents: DocumentView[];
  /** Open cases of the RTs this person chairs, and the case a pressed button names. */
  rtCases: RtCaseView[];
  /** Documents of the RT cases waiting for verification. */
  rtDocuments: RtDocumentView[];
  /** Questions asked to this person as a neighbour, and the one a pressed button names. */
  questions: QuestionView[];
  /** Of the phone numbers in the message, those that have written to Loket before. */
  phonesThatWrote: string[];
  /** Questions about the cases of the person's RTs that wait on neighbours, with the numbers asked. */
  rtQuestions: { caseId: string; answer: 'yes' | 'no' | null; phone: string }[];
  /** The invitation named by the message, when it looks like an invite code. */
  invite: InviteView | null;
  /**
   * Applications this person made for others that the helper limits look at: those of the last
   * two days, those still waiting for the owner's answer, and those denied within the block.
   */
  requestsForOthers: HelperRequest[];
  /** Wrong invitation codes this sender tried recently; loaded only when the message looks like one. */
  inviteAttempts: { key: string; row: ThrottleRow | null } | null;
  /** Open cases with the NIK the message carries; empty when it carries none. */
  nikCases: NikCaseView[];
  /** The newest cases handed over to this person, with where their satisfaction survey stands. */
  skm: SkmCaseView[];
}

/** A finished case as the satisfaction survey sees it. */
export interface SkmCaseView {
  caseId: string;
  code: string;
  service: ServiceId;
  /** When staff handed it over: the invitation's buttons are good for a while after. */
  handedOverAt: Instant | null;
  /** "Tidak" was answered: nothing more is asked about it. */
  declined: boolean;
  /** A row exists ("Ya" was answered once). */
  started: boolean;
  completed: boolean;
  answers: SkmAnswers;
}

export interface InviteView {
  code: string;
  personId: string;
  personName: string;
  /** The invited person's language: a chat that opens with the code speaks it from then on. */
  personLocale: Locale;
  role: 'rt_chair' | 'neighbour' | 'staff';
  usable: boolean;
  rtNumber: number | null;
  rwNumber: number | null;
}
