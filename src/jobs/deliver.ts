/**
 * Delivers one outbox row through its channel. Idempotent: a row already sent is not sent again
 * when the queue redelivers the nudge or the cron re-queues it.
 */
import type { ChannelName, OutboundMessage } from '../../adapters/channel';
import { UndeliverableError, type ChannelSender } from '../../adapters/ports';
import type { IdSource } from '../domain/ports';
import type { QueueMessage } from './queue-messages';

/** How long a consumer may hold a row it is sending before another may take it over. */
export const CLAIM_TTL_MS = 5 * 60_000;
import { markUndeliverable } from './undeliverable';

export async function deliverOutbox(
  env: Env,
  outboxId: string,
  senders: Partial<Record<ChannelName, ChannelSender>>,
  now: number,
  ids: IdSource,
): Promise<QueueMessage[]> {
  // Claim the row first, so that a nudge delivered twice (a redelivery, or the cron re-queueing
  // a row while its first nudge still waits) sends it once. A claim older than CLAIM_TTL_MS
  // belongs to a consumer that died mid-send, and may be taken over.
  const row = await env.DB.prepare(
    `UPDATE outbox SET status = 'sending', updated_at = ?2
     WHERE id = ?1 AND (status = 'pending' OR (status = 'sending' AND updated_at < ?3))
     RETURNING id, kelurahan_id, payload, status,
       (SELECT channel FROM channel_identities WHERE id = outbox.identity_id) AS channel,
       (SELECT external_id FROM channel_identities WHERE id = outbox.identity_id) AS external_id,
       (SELECT last_inbound_at FROM channel_identities WHERE id = outbox.identity_id) AS last_inbound_at`,
  )
    .bind(outboxId, now, now - CLAIM_TTL_MS)
    .first<{ id: string; kelurahan_id: string; payload: string; status: string; channel: ChannelName; external_id: string; last_inbound_at: number | null }>();
  if (!row) return [];
  const sender = senders[row.channel];
  if (!sender) {
    await release(env, outboxId, now, `no sender for channel ${row.channel}`, false);
    throw new Error(`no sender for channel ${row.channel}`);
  }
  try {
    const { providerMessageId, deferred } = await sender.send(
      {
        outboxId: row.id,
        kelurahanId: row.kelurahan_id,
        externalId: row.external_id,
        message: JSON.parse(row.payload) as OutboundMessage,
        lastInboundAt: row.last_inbound_at,
      },
      env,
    );
    await env.DB.prepare(
      'UPDATE outbox SET status = ?4, provider_message_id = ?1, attempts = attempts + 1, last_error = NULL, updated_at = ?2 WHERE id = ?3',
    )
      .bind(providerMessageId, now, outboxId, deferred ? 'deferred' : 'sent')
      .run();
    return [];
  } catch (err) {
    // Retrying cannot help an unreachable number; a person must be told instead.
    if (err instanceof UndeliverableError) return markUndeliverable(env, outboxId, err.code, now, ids);
    await release(env, outboxId, now, err instanceof Error ? err.message : 'error', true);
    throw err;
  }
}

/** Gives a claimed row back to the queue's retry. */
async function release(env: Env, outboxId: string, now: number, error: string, attempted: boolean): Promise<void> {
  await env.DB.prepare(
    `UPDATE outbox SET status = 'pending', attempts = attempts + ?1, last_error = ?2, updated_at = ?3 WHERE id = ?4 AND status = 'sending'`,
  )
    .bind(attempted ? 1 : 0, error.slice(0, 500), now, outboxId)
    .run();
}
