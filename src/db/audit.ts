/**
 * The record of administration changes: who changed what in a kelurahan, and when. Each row is
 * written in the same batch as the change it records, so there is never a change without its row
 * (or a row without its change).
 */
import { desc, eq } from 'drizzle-orm';
import type { Db } from './client';
import { auditLog, staffUsers } from './schema';

export interface AuditEntry {
  id: string;
  kelurahanId: string;
  staffUserId: string;
  at: number;
  action: string;
  target: string | null;
  /** What changed; the callers never put a password or its hash in it. */
  detail: Record<string, unknown>;
}

export function insertAudit(db: Db, e: AuditEntry) {
  return db.insert(auditLog).values({ ...e, detail: JSON.stringify(e.detail) });
}

/** The latest changes of a kelurahan, newest first, with the name of who made each. */
export function latestAudit(db: Db, kelurahanId: string, limit = 100) {
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      target: auditLog.target,
      detail: auditLog.detail,
      staffName: staffUsers.displayName,
      staffUsername: staffUsers.username,
    })
    .from(auditLog)
    .leftJoin(staffUsers, eq(staffUsers.id, auditLog.staffUserId))
    .where(eq(auditLog.kelurahanId, kelurahanId))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
}
