/**
 * Delivery statuses WhatsApp reports for messages Loket sent, recorded on their outbox rows in
 * one batch. A status only moves forward (sent, delivered, read); "failed" always wins and keeps
 * the error codes; a status Loket does not know (e.g. "played") is kept as it came.
 */
import type { StatusUpdate } from '../../adapters/whatsapp/parse';

const RANK = "CASE status WHEN 'pending' THEN 0 WHEN 'sending' THEN 0 WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 WHEN 'read' THEN 3 WHEN 'failed' THEN 9 ELSE 0 END";
const NEW_RANK: Record<StatusUpdate['status'], number> = { other: 0, sent: 1, delivered: 2, read: 3, failed: 8 };

export async function recordStatuses(d1: D1Database, statuses: StatusUpdate[], now: number): Promise<void> {
  const known = statuses.filter((s) => s.status !== 'other');
  if (known.length === 0) return;
  await d1.batch(
    known.map((s) =>
      d1
        .prepare(
          `UPDATE outbox SET status = ?1, last_error = coalesce(?2, last_error), updated_at = ?3
           WHERE provider_message_id = ?4 AND (${RANK}) < ?5`,
        )
        .bind(
          s.status,
          s.errors.length ? s.errors.map((e) => `${e.code} ${e.title}`.trim()).join('; ').slice(0, 500) : null,
          now,
          s.providerMessageId,
          NEW_RANK[s.status],
        ),
    ),
  );
}
