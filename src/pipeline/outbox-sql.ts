/**
 * Outbox rows written by the jobs (schedule, digest, letters, media checks). A dedupe key makes
 * a row idempotent: writing it twice leaves one row, so a job that runs twice sends once.
 */
export interface OutboxRow {
  id: string;
  kelurahanId: string;
  caseId: string | null;
  /** JSON of the channel-neutral outbound message. */
  payload: string;
  dedupeKey: string | null;
  now: number;
}

/** To a person, on the chat they used most recently; nothing when they have none. */
export function outboxToPerson(db: D1Database, personId: string, o: OutboxRow): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO outbox (id, kelurahan_id, identity_id, case_id, payload, dedupe_key, status, not_before, created_at, updated_at)
       SELECT ?1, ?2, ci.id, ?3, ?4, ?5, 'pending', ?6, ?6, ?6 FROM channel_identities ci WHERE ci.person_id = ?7
       ORDER BY ci.last_inbound_at DESC NULLS LAST, ci.created_at LIMIT 1
       ON CONFLICT (kelurahan_id, dedupe_key) DO NOTHING`,
    )
    .bind(o.id, o.kelurahanId, o.caseId, o.payload, o.dedupeKey, o.now, personId);
}

/** To one known chat identity. */
export function outboxToIdentity(db: D1Database, identityId: string, o: OutboxRow): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO outbox (id, kelurahan_id, identity_id, case_id, payload, dedupe_key, status, not_before, created_at, updated_at)
       VALUES (?1, ?2, ?7, ?3, ?4, ?5, 'pending', ?6, ?6, ?6) ON CONFLICT (kelurahan_id, dedupe_key) DO NOTHING`,
    )
    .bind(o.id, o.kelurahanId, o.caseId, o.payload, o.dedupeKey, o.now, identityId);
}
