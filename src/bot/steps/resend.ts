/**
 * A document refused after it arrived (not really a JPEG, PNG or PDF, too large, damaged) or one
 * the provider would not give (gone, or no answer on every try): the resident was told which one,
 * and simply sends it again, whatever the conversation is at, until day 2 begins (the RT chair
 * then receives the scans). The same pattern as a revision (revision.ts).
 */
import type { InboundMedia } from '../../../adapters/channel';
import type { CaseState } from '../../domain/case-machine';
import type { RequirementId } from '../../domain/services';
import type { Session } from '../session';
import { mediaProblem, refuseMedia } from './documents';

const BEFORE_DAY_2: readonly CaseState[] = ['draft', 'awaiting_pengantar', 'submitted'];

/** Documents of this person's cases to send again, oldest case first. */
export function documentsToResend(s: Session): { caseId: string; requirement: RequirementId }[] {
  // Whoever sends a case's documents (the helper, when there is one) is the one told to resend.
  const cases = s.ctx.cases
    .filter((c) => c.kind === 'service' && BEFORE_DAY_2.includes(c.state) && (c.submitterPersonId ?? c.applicantPersonId) === s.ctx.person.id)
    .reverse();
  return cases.flatMap((c) =>
    s.ctx.documents
      .filter((d) => d.caseId === c.id && (d.status === 'rejected' || d.status === 'failed') && d.requirement !== 'complaint_photo')
      .map((d) => ({ caseId: c.id, requirement: d.requirement as RequirementId })),
  );
}

export function resendDocument(s: Session, media: InboundMedia): void {
  const problem = mediaProblem(media, s.ctx.maxUploadBytes);
  if (problem) {
    refuseMedia(s, problem);
    return backToWhereTheyWere(s);
  }
  const [first, next] = documentsToResend(s);
  s.effect({ type: 'add_document', documentId: s.ctx.ids.newId(), caseId: first!.caseId, requirement: first!.requirement, media, supersedes: true });
  s.say(s.t('apply.doc_ok', { document: s.t(`requirement.${first!.requirement}`) }));
  if (next) s.say(s.t('apply.doc_next', { document: s.t(`requirement.${next.requirement}`) }));
  backToWhereTheyWere(s);
}

/**
 * The question they were answering is asked again; from the menu (or the offer to carry on with
 * the draft, which the photo answers), Loket writes once it is checked.
 */
function backToWhereTheyWere(s: Session): void {
  if (s.state.step === 'idle' || s.state.step === 'menu' || s.state.step === 'resume.offer') s.finish();
  else s.reask();
}
