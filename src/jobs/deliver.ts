/**
 * Delivers one outbox row through its channel. Idempotent: a row already sent is not sent again
 * when the queue redelivers the nudge or the cron re-queues it.
 */
import type { ChannelName, OutboundMessage } from '../../adapters/channel';
import { UndeliverableError, type ChannelSender } from '../../adapters/ports';
import type { IdSource } from '../domain/ports';
import type { QueueMessage } from './queue-messages';
import { markUndeliverable } from './undeliverable';

export async function deliverOutbox(
  env: Env,
  outboxId: string,
  senders: Partial<Record<ChannelName, ChannelSender>>,
  now: number,
  ids: IdSource,
): Promise<QueueMessage[]> {
  const row = await env.DB.prepare(
    `SELECT o.id, o.kelurahan_id, o.payload, o.status, ci.channel, ci.external_id, ci.last_inbound_at
     FROM outbox o JOIN channel_identities ci ON ci.id = o.identity_id WHERE o.id = ?1`,
  )
    .bind(outboxId)
    .first<{ id: string; kelurahan_id: string; payload: string; status: string; channel: ChannelName; external_id: string; last_inbound_at: number | null }>();
  if (!row || row.status !== 'pending') return [];
  const sender = senders[row.channel];
  if (!sender) throw new Error(`no sender for channel ${row.channel}`);
  try {
    const { providerMessageId } = await sender.send(
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
      "UPDATE outbox SET status = 'sent', provider_message_id = ?1, attempts = attempts + 1, last_error = NULL, updated_at = ?2 WHERE id = ?3",
    )
      .bind(providerMessageId, now, outboxId)
      .run();
    return [];
  } catch (err) {
    // Retrying cannot help an unreachable number; a person must be told instead.
    if (err instanceof UndeliverableError) return markUndeliverable(env, outboxId, err.code, now, ids);
    await env.DB.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ?1, updated_at = ?2 WHERE id = ?3')
      .bind(err instanceof Error ? err.message.slice(0, 500) : 'error', now, outboxId)
      .run();
    throw err;
  }
}
