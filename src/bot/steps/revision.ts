/**
 * A revision round (Tabel 6 a): the RT chair declared a document not valid; the resident sends it
 * again simply by sending a photo, and the case goes back to the chair for day-2 verification.
 */
import type { InboundMedia } from '../../../adapters/channel';
import { applyEvent } from '../../domain/case-machine';
import type { CaseView } from '../context';
import type { Session } from '../session';
import { mediaProblem, refuseMedia } from './documents';

export function revisionsWaiting(s: Session): CaseView[] {
  return s.ctx.cases.filter((c) => c.state === 'needs_revision');
}

export function resubmitRevision(s: Session, media: InboundMedia): void {
  const c = revisionsWaiting(s)[0]!;
  const problem = mediaProblem(media, s.ctx.maxUploadBytes);
  if (problem) {
    refuseMedia(s, problem);
    return;
  }
  const requirement = c.revisionRequirement;
  const actor = c.applicantPersonId === s.ctx.person.id ? 'resident' : 'helper';
  const result = applyEvent({ kind: 'service', state: c.state, documentsComplete: true, pengantarApproved: c.pengantarApproved }, 'resubmit', actor);
  if (!result.ok) return;
  if (requirement) {
    s.effect({ type: 'add_document', documentId: s.ctx.ids.newId(), caseId: c.id, requirement, media, supersedes: true });
  }
  s.effect({
    type: 'transition', caseId: c.id, event: 'resubmit', from: result.from, to: result.to, actor,
    set: { revisionRequirement: null, revisionReason: null, remindersSent: 0, nextActionAt: s.ctx.now },
  });
  const document = requirement ? s.t(`requirement.${requirement}`) : s.t('rt.invalid_data');
  s.say(s.t('resident.revision_received', { code: c.code, document }));
  s.finish();
}
