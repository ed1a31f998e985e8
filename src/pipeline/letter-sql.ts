/**
 * Letters follow their case: when the case ends without its service (refused, cancelled,
 * rejected, abandoned), every letter issued for it is revoked in the same write as the
 * transition, so /verify never calls a letter of a dead case genuine.
 */
import type { Db } from '../db/client';
import { revokeCaseLetters, revokeCaseLettersStatement } from '../db/letters';
import type { CaseEvent, CaseState } from '../domain/case-machine';
import { t } from '../domain/messages';
import type { Instant } from '../framework/ports';

const ENDS_WITHOUT_SERVICE: readonly CaseState[] = ['rejected', 'cancelled'];

type Ending = { caseId: string; kelurahanId: string; event: CaseEvent; to: CaseState; now: Instant };

/** Shown on the public /verify page: the cause in general words, never what someone typed. Null when `to` does not end the case. */
function revocationReason(c: Ending): string | null {
  if (!ENDS_WITHOUT_SERVICE.includes(c.to)) return null;
  return c.event === 'abandon' ? t('id', 'letter.revoked_abandoned') : c.to === 'rejected' ? t('id', 'letter.revoked_rejected') : t('id', 'letter.revoked_cancelled');
}

/** The D1 statement revoking the case's letters when `to` ends it, or null (for the inbound write batch). */
export function revokeLettersOnEnd(d1: D1Database, c: Ending): D1PreparedStatement | null {
  const reason = revocationReason(c);
  return reason === null ? null : revokeCaseLettersStatement(d1, { caseId: c.caseId, kelurahanId: c.kelurahanId, reason, now: c.now });
}

/** The same as a drizzle query, for the jobs' batches. */
export function revokeLettersOnEndQuery(db: Db, c: Ending) {
  const reason = revocationReason(c);
  return reason === null ? null : revokeCaseLetters(db, { caseId: c.caseId, kelurahanId: c.kelurahanId, reason, now: c.now });
}
