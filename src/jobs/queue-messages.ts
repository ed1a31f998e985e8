/**
 * What travels on the OUTBOX queue. Bodies carry ids only, never message text or personal data:
 * the row in D1 is the truth, the queue message is a nudge to act on it.
 */
export type QueueMessage =
  /** Deliver one outbox row to its channel. */
  | { type: 'deliver'; outboxId: string }
  /** Fetch an inbound document from the provider into R2. */
  | { type: 'fetch_media'; documentId: string }
  /** Draw a letter's PDF, file it in R2 and send it to the applicant. */
  | { type: 'make_letter'; letterId: string }
  /** Tell staff that a new case's NIK is on another open case under another name. */
  | { type: 'flag_nik_conflict'; caseId: string; otherCaseId: string };

export function isQueueMessage(body: unknown): body is QueueMessage {
  if (!body || typeof body !== 'object') return false;
  const b = body as Record<string, unknown>;
  if (b.type === 'deliver') return typeof b.outboxId === 'string';
  if (b.type === 'fetch_media') return typeof b.documentId === 'string';
  if (b.type === 'make_letter') return typeof b.letterId === 'string';
  if (b.type === 'flag_nik_conflict') return typeof b.caseId === 'string' && typeof b.otherCaseId === 'string';
  return false;
}
