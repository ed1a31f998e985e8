/**
 * Letters follow their case: when the case ends without its service (refused, cancelled,
 * rejected, abandoned), every letter issued for it is revoked in the same write as the
 * transition, so /verify never calls a letter of a dead case genuine.
 */
import type { CaseEvent, CaseState } from '../domain/case-machine';
import { t } from '../domain/messages';
import type { Instant } from '../domain/ports';

const ENDS_WITHOUT_SERVICE: readonly CaseState[] = ['rejected', 'cancelled'];

/** The statement revoking the case's letters when `to` ends it, or null. */
export function revokeLettersOnEnd(
  db: D1Database, c: { caseId: string; kelurahanId: string; event: CaseEvent; to: CaseState; now: Instant },
): D1PreparedStatement | null {
  if (!ENDS_WITHOUT_SERVICE.includes(c.to)) return null;
  // Shown on the public /verify page: the cause in general words, never what someone typed.
  const reason = c.event === 'abandon' ? t('id', 'letter.revoked_abandoned') : c.to === 'rejected' ? t('id', 'letter.revoked_rejected') : t('id', 'letter.revoked_cancelled');
  return db
    .prepare('UPDATE letters SET revoked_at = ?1, revoked_reason = ?2 WHERE case_id = ?3 AND kelurahan_id = ?4 AND revoked_at IS NULL')
    .bind(c.now, reason, c.caseId, c.kelurahanId);
}
