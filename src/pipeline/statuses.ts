/**
 * Delivery statuses WhatsApp reports for messages Loket sent, recorded on their outbox rows in
 * one batch. A status only moves forward (sent, delivered, read); "failed" always wins and keeps
 * the error codes; a status Loket does not know (e.g. "played") is kept as it came.
 */
import type { StatusUpdate } from '../../adapters/whatsapp/parse';
import type { Db } from '../db/client';
import { recordStatus } from '../db/outbox';

/** "failed" outranks every live status; a row already failed (9) is never changed again. */
const NEW_RANK: Record<Exclude<StatusUpdate['status'], 'other'>, number> = { sent: 1, delivered: 2, read: 3, failed: 8 };

export async function recordStatuses(db: Db, statuses: StatusUpdate[], now: number): Promise<void> {
  const updates = statuses.flatMap((s) =>
    s.status === 'other'
      ? []
      : [
          recordStatus(
            db,
            {
              providerMessageId: s.providerMessageId,
              status: s.status,
              rank: NEW_RANK[s.status],
              error: s.errors.length ? s.errors.map((e) => `${e.code} ${e.title}`.trim()).join('; ').slice(0, 500) : null,
            },
            now,
          ),
        ],
  );
  const [first, ...rest] = updates;
  if (first) await db.batch([first, ...rest]);
}
