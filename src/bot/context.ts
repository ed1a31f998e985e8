/**
 * Everything the dialogue may read about the person and their kelurahan, loaded in one D1 batch
 * before it runs. The dialogue itself does no I/O: it returns effects, written in one batch.
 */
import type { ChannelName } from '../../adapters/channel';
import type { WorkingCalendar, LocalDate } from '../domain/calendar';
import type { CaseKind, CaseState } from '../domain/case-machine';
import type { Locale } from '../domain/messages';
import type { Instant, IdSource } from '../domain/ports';
import type { RequirementId, ServiceId } from '../domain/services';

export interface RegistryRt {
  rtId: string;
  rwNumber: number;
  rtNumber: number;
  chairPersonId: string | null;
  chairName: string | null;
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
  submitterName: string | null;
  rtId: string | null;
  pengantarApproved: boolean;
  applicantConfirmedAt: Instant | null;
  delivery: 'pickup' | 'courier' | null;
  submittedAt: Instant | null;
  day1DueAt: Instant | null;
  day2DueAt: Instant | null;
  day3DueAt: Instant | null;
  dueAt: Instant | null;
  createdAt: Instant;
}

export interface DocumentView {
  id: string;
  caseId: string;
  requirement: RequirementId | 'complaint_photo';
  status: 'pending' | 'stored' | 'rejected';
}

export interface BotContext {
  now: Instant;
  today: LocalDate;
  calendar: WorkingCalendar;
  ids: IdSource;
  maxUploadBytes: number;
  kelurahan: { id: string; name: string };
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
}
