/**
 * The satisfaction survey's rows (skm_responses, one per case) and what the chat reads of them.
 * A row is made by the first "Ya" and filled one answer at a time, each in the write batch of the
 * message that gave it, so stopping halfway keeps what was answered.
 */
import { and, desc, eq, exists, gte, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { SKM_ELEMENTS, type SkmElement } from '../domain/skm';
import { named, reusable, value, type Db } from './client';
import { senderPersonId } from './people';
import { caseEvents, cases, skmResponses } from './schema';

const ph = sql.placeholder;

/** How many of the sender's finished cases the chat looks at: the newest few are the ones a survey is about. */
const SURVEYED_CASES = 5;

/**
 * The sender's newest finished service cases (they were the applicant) with when each was handed
 * over, whether the survey was declined, and its answers so far (placeholders k, channel,
 * externalId, ownNumber). Part of every message's read: a sender with no finished case reads nothing.
 */
export function skmOfSender(db: Db) {
  return db
    .select({
      // Named: rows of the read batch are keyed by column name, and both tables have an id.
      caseId: named(cases.id, 'surveyed_case_id'),
      code: cases.code,
      service: cases.service,
      handedOverAt: sql<number | null>`(${db
        .select({ at: sql`max(${caseEvents.at})` })
        .from(caseEvents)
        .where(and(eq(caseEvents.caseId, cases.id), eq(caseEvents.kind, 'hand_over')))})`.as('handed_over_at'),
      declined: sql<number>`${exists(
        db.select({ one: sql`1` }).from(caseEvents).where(and(eq(caseEvents.caseId, cases.id), eq(caseEvents.kind, 'skm_declined'))),
      )}`.as('declined'),
      responseId: named(skmResponses.id, 'response_id'),
      u1: skmResponses.u1,
      u2: skmResponses.u2,
      u3: skmResponses.u3,
      u4: skmResponses.u4,
      u5: skmResponses.u5,
      u6: skmResponses.u6,
      u7: skmResponses.u7,
      u8: skmResponses.u8,
      u9: skmResponses.u9,
      completedAt: skmResponses.completedAt,
    })
    .from(cases)
    .leftJoin(skmResponses, eq(skmResponses.caseId, cases.id))
    .where(
      and(
        eq(cases.kelurahanId, ph('k')),
        eq(cases.applicantPersonId, senderPersonId(db)),
        eq(cases.kind, 'service'),
        eq(cases.state, 'completed'),
      ),
    )
    .orderBy(desc(cases.updatedAt))
    .limit(SURVEYED_CASES);
}

/** The first "Ya": the row, empty, once per case (placeholders id, k, caseId, personId, service, now). */
export const startSkm = reusable((db) =>
  db
    .insert(skmResponses)
    .values({
      id: ph('id'), kelurahanId: ph('k'), caseId: ph('caseId'), personId: ph('personId'), service: ph('service'),
      startedAt: ph('now'), updatedAt: ph('now'),
    })
    .onConflictDoNothing({ target: skmResponses.caseId }),
);

/** The update of one element's column, built once per isolate. */
function answerStatement(e: SkmElement) {
  return reusable((db) =>
    db
      .update(skmResponses)
      .set({ [e]: sql`${ph('value')}`, updatedAt: value('now') })
      .where(and(eq(skmResponses.caseId, ph('caseId')), eq(skmResponses.kelurahanId, ph('k')), isNull(skmResponses.completedAt))),
  );
}

const answerOf = Object.fromEntries(SKM_ELEMENTS.map((e) => [e, answerStatement(e)])) as Record<SkmElement, ReturnType<typeof answerStatement>>;

/** One element answered (1-4), while the survey is not finished (placeholders value, now, caseId, k). */
export function answerSkm(db: Db, element: SkmElement, values: { value: number; now: number; caseId: string; k: string }) {
  return answerOf[element](db, values);
}

/** The last step: the suggestion (or none), and the survey is finished (placeholders suggestion, now, caseId, k). */
export const finishSkm = reusable((db) =>
  db
    .update(skmResponses)
    .set({ suggestion: sql`${ph('suggestion')}`, completedAt: value('now'), updatedAt: value('now') })
    .where(and(eq(skmResponses.caseId, ph('caseId')), eq(skmResponses.kelurahanId, ph('k')), isNull(skmResponses.completedAt))),
);

/**
 * The survey rows of a kelurahan begun in [from, to), for the IKM per service and quarter: only
 * the answers, the service and when it began; nothing that names the resident.
 */
export function skmRowsOf(db: Db, kelurahanId: string, range: { from: number; to: number }) {
  return db
    .select({
      service: skmResponses.service, startedAt: skmResponses.startedAt,
      u1: skmResponses.u1, u2: skmResponses.u2, u3: skmResponses.u3, u4: skmResponses.u4, u5: skmResponses.u5,
      u6: skmResponses.u6, u7: skmResponses.u7, u8: skmResponses.u8, u9: skmResponses.u9,
    })
    .from(skmResponses)
    .where(and(eq(skmResponses.kelurahanId, kelurahanId), gte(skmResponses.startedAt, range.from), lt(skmResponses.startedAt, range.to)));
}

/** How many suggestions the statistics page lists: the newest, for staff to read and act on. */
export const SUGGESTIONS_SHOWN = 30;

/**
 * The residents' suggestions of surveys begun in [from, to), newest first: the text, its service
 * and date only. Residents are told only the office reads them, so only the desk shows them.
 */
export function skmSuggestionsOf(db: Db, kelurahanId: string, range: { from: number; to: number }) {
  return db
    .select({ service: skmResponses.service, at: skmResponses.updatedAt, suggestion: skmResponses.suggestion })
    .from(skmResponses)
    .where(
      and(
        eq(skmResponses.kelurahanId, kelurahanId), isNotNull(skmResponses.suggestion),
        gte(skmResponses.startedAt, range.from), lt(skmResponses.startedAt, range.to),
      ),
    )
    .orderBy(desc(skmResponses.updatedAt))
    .limit(SUGGESTIONS_SHOWN);
}
