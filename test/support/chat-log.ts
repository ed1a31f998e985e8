/**
 * What Loket wrote to one chat, read from the outbox with the time each was written, so a flow
 * test over days can assert who heard what when ("Wed 16:00"), held messages included.
 */
import { env } from 'cloudflare:test';

/** "Sat 09:00"-style WIB times, to read a list of messages at a glance. */
export function when(at: number): string {
  const d = new Date(at + 7 * 3600_000);
  return `${['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()]} ${d.toISOString().slice(11, 16)}`;
}

/** Oldest first, as [time, text] ("[image]" for a scan). */
export async function toChat(externalId: string): Promise<[string, string][]> {
  const { results } = await env.DB.prepare(
    `SELECT o.created_at AS at, o.payload FROM outbox o JOIN channel_identities i ON i.id = o.identity_id
     WHERE i.external_id = ?1 ORDER BY o.created_at, o.rowid`,
  )
    .bind(externalId)
    .all<{ at: number; payload: string }>();
  return results.map((r) => {
    const m = JSON.parse(r.payload) as { kind: string; text?: string };
    return [when(r.at), m.kind === 'text' ? m.text! : `[${m.kind}]`];
  });
}
