/** Where each chat is in the dialogue. */
import { eq, isNull, sql } from 'drizzle-orm';
import type { Db } from './client';
import { conversations } from './schema';

/**
 * Writes a chat's conversation only if it is still at `readVersion` (null: there was none). A
 * message the person sent meanwhile moved it on: then no row changes, and a guarded statement
 * after it in the batch aborts the write.
 */
export function saveConversationAt(
  db: Db, row: Omit<typeof conversations.$inferInsert, 'version'>, readVersion: number | null,
) {
  return db
    .insert(conversations)
    .values({ ...row, version: 1 })
    .onConflictDoUpdate({
      target: conversations.identityId,
      set: {
        flow: sql`excluded.flow`, step: sql`excluded.step`, data: sql`excluded.data`, version: sql`${conversations.version} + 1`,
        updatedAt: sql`excluded.updated_at`, expiresAt: sql`excluded.expires_at`,
      },
      setWhere: readVersion === null ? isNull(conversations.version) : eq(conversations.version, readVersion),
    });
}
