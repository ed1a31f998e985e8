/** Invitation codes that link an RT chair or a neighbour to their chat. */
import type { Db } from './client';
import { invites } from './schema';

export function insertInvite(db: Db, row: typeof invites.$inferInsert) {
  return db.insert(invites).values(row);
}
