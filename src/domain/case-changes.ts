/**
 * The columns of a case that a decision may set besides its state, as the dialogue, the desk and
 * the cron decide them (src/db/cases.ts CaseChanges is the same set, typed from the schema).
 */
import type { LocalDate } from './calendar';
import type { Instant } from '../framework/ports';
import type { RequirementId } from './services';

export interface CaseChanges {
  submittedAt?: Instant;
  day1DueAt?: Instant;
  day2DueAt?: Instant;
  day3DueAt?: Instant;
  dueAt?: Instant;
  nextActionAt?: Instant | null;
  remindersSent?: number;
  delivery?: 'pickup' | 'courier';
  deliveryAddress?: string | null;
  pengantarApproved?: boolean;
  revisionRequirement?: RequirementId | null;
  revisionReason?: string | null;
  /** The applicant's name and NIK on the case, as corrected after the RT chair found them wrong. */
  givenName?: string;
  givenNik?: string;
  pickupCode?: string | null;
  pickupCodeAttempts?: number;
  courierName?: string | null;
  receivedBy?: string | null;
  disdukcapilReference?: string | null;
  disdukcapilExpectedDate?: LocalDate | null;
  answeredAt?: Instant | null;
}
