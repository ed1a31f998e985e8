/**
 * After a document is stored: when it completes a draft application (every document the service
 * needs is stored, none still checked), the person sending the documents hears it. What is said
 * and where their conversation goes is decided by documentsReadyTurn (bot/steps/resume.ts); this
 * writes both in one batch, guarded by the conversation version it read, so a message the person
 * sends at the same moment is never overwritten: the batch then aborts and the queue runs it again.
 */
import { documentsReadyTurn } from '../bot/steps/resume';
import { dbOf, runBatch, type Statement } from '../db/client';
import { caseForDocumentsReady, recordCaseEvent } from '../db/cases';
import { saveConversationAt } from '../db/conversations';
import { currentDocuments } from '../db/documents';
import { outboxByDedupeKey, outboxToIdentity } from '../db/outbox';
import type { ConversationState } from '../bot/state';
import { isLocale, type Locale } from '../domain/messages';
import { uploadRequirements } from '../domain/services';
import { conversationExpiry } from '../pipeline/load-context';
import type { QueueMessage } from './queue-messages';

export async function documentsReady(env: Env, caseId: string, now: number, newId: () => string): Promise<QueueMessage[]> {
  const db = dbOf(env.DB);
  const [cases, docs] = await db.batch([caseForDocumentsReady(db, caseId), currentDocuments(db, caseId)]);
  const c = cases[0];
  if (!c || c.kind !== 'service' || c.state !== 'draft' || !c.service) return [];
  const current = docs.filter((d) => d.requirement !== 'complaint_photo');
  const stored = new Set(current.filter((d) => d.status === 'stored').map((d) => d.requirement));
  if (current.some((d) => d.status !== 'stored') || !uploadRequirements(c.service).every((r) => stored.has(r))) return [];

  // One message per set of documents: a repeated run, or two last documents stored at once, say it once.
  const dedupeKey = `docs_ready:${c.id}:${current.map((d) => d.id).join(',')}`;
  const told = await outboxByDedupeKey(db, c.kelurahanId, dedupeKey).get();
  if (told) return [];

  const previous =
    c.conversation !== null && Number(c.expiresAt) > now ? (JSON.parse(c.conversation) as ConversationState) : null;
  const locale: Locale = isLocale(c.locale) ? c.locale : 'id';
  const turn = documentsReadyTurn(previous, locale, {
    id: c.id, service: c.service, rtId: c.rtId, applicantName: c.applicantName, forOther: c.submitterPersonId !== null,
    rtNumber: c.rtNumber, rwNumber: c.rwNumber,
  });
  if (!turn.message) return [];

  const st: Statement[] = [];
  if (turn.state) {
    st.push(
      saveConversationAt(
        db,
        {
          identityId: c.identityId, kelurahanId: c.kelurahanId, flow: 'apply', step: turn.state.step, data: JSON.stringify(turn.state),
          updatedAt: now, expiresAt: conversationExpiry(now),
        },
        c.version,
      ),
    );
  }
  // After a conversation write that changed no row (the person wrote meanwhile), the event's time
  // is NULL and NOT NULL aborts the batch: nothing is said that the conversation would not expect.
  st.push(
    recordCaseEvent(
      db, { id: newId(), kelurahanId: c.kelurahanId, caseId: c.id, at: now, actorKind: 'system', kind: 'documents_checked', detail: null }, Boolean(turn.state),
    ),
  );
  const outboxId = newId();
  st.push(outboxToIdentity(db, c.identityId, { id: outboxId, kelurahanId: c.kelurahanId, caseId: c.id, payload: JSON.stringify(turn.message), dedupeKey, now }));
  await runBatch(db, st);
  return [{ type: 'deliver', outboxId }];
}
