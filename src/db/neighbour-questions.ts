/** Neighbours' yes/no questions about an applicant. */
import { and, asc, eq, exists, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { named, reusable, value, type Db } from './client';
import { chatOfPhone, senderIdentityId, senderPersonId } from './people';
import { cases, channelIdentities, neighbourQuestions, people, rt, rw } from './schema';

const other = alias(neighbourQuestions, 'o');
const asked = alias(channelIdentities, 'asked');

/**
 * The number a question went to, as the chair typed it: a Telegram chat's id is no number, its
 * person's shared one is.
 */
const askedPhone = sql<string>`CASE WHEN ${asked.channel} = 'telegram'
  THEN coalesce((SELECT ap.phone FROM ${people} ap WHERE ap.id = ${asked.personId}), '') ELSE ${asked.externalId} END`;

/**
 * Questions waiting for the sender's answer, and the one a pressed button names, each with every
 * answer of its case (placeholders k, channel, externalId, pressedQuestionId).
 */
export function questionsOfSender(db: Db) {
  return db
    .select({
      id: neighbourQuestions.id,
      caseId: neighbourQuestions.caseId,
      identityId: neighbourQuestions.identityId,
      answer: neighbourQuestions.answer,
      code: cases.code,
      state: cases.state,
      version: cases.version,
      applicantName: sql<string>`coalesce(${cases.givenName}, ${people.fullName})`.as('applicant_name'),
      rtNumber: named(rt.number, 'rt_number'),
      rwNumber: named(rw.number, 'rw_number'),
      allAnswers: sql<string>`(${db
        // json_group_array has no builder form.
        // The number asked, so the chair hears who answered: the number they typed themselves.
        .select({ all: sql`json_group_array(json_object('id', ${other.id}, 'answer', ${other.answer}, 'phone', ${askedPhone}))` })
        .from(other)
        .innerJoin(asked, eq(asked.id, other.identityId))
        .where(eq(other.caseId, neighbourQuestions.caseId))})`.as('all_answers'),
    })
    .from(neighbourQuestions)
    .innerJoin(cases, eq(cases.id, neighbourQuestions.caseId))
    .innerJoin(people, eq(people.id, cases.applicantPersonId))
    .innerJoin(rt, eq(rt.id, cases.rtId))
    .innerJoin(rw, eq(rw.id, rt.rwId))
    .where(
      and(
        eq(neighbourQuestions.kelurahanId, sql.placeholder('k')),
        or(
          eq(neighbourQuestions.id, sql.placeholder('pressedQuestionId')),
          and(isNull(neighbourQuestions.answer), eq(cases.state, 'neighbour_check'), eq(neighbourQuestions.identityId, senderIdentityId(db))),
        ),
      ),
    )
    .orderBy(asc(neighbourQuestions.askedAt))
    .limit(10);
}

const ph = sql.placeholder;

/**
 * The questions of cases waiting on neighbours in the RTs the sender chairs, with the number each
 * went to, oldest first (placeholders k, channel, externalId, ownNumber).
 */
export function questionsOfChairCases(db: Db) {
  return db
    .select({ caseId: neighbourQuestions.caseId, answer: neighbourQuestions.answer, phone: askedPhone.as('phone') })
    .from(neighbourQuestions)
    .innerJoin(cases, eq(cases.id, neighbourQuestions.caseId))
    .innerJoin(rt, eq(rt.id, cases.rtId))
    .innerJoin(asked, eq(asked.id, neighbourQuestions.identityId))
    .where(and(eq(neighbourQuestions.kelurahanId, ph('k')), eq(cases.state, 'neighbour_check'), eq(rt.chairPersonId, senderPersonId(db))))
    .orderBy(asc(neighbourQuestions.askedAt))
    .limit(40);
}

/**
 * Which of the numbers an RT chair typed (placeholder phones, a JSON array) have written to Loket
 * before: the others get the question as an invitation (a WhatsApp template) and the chair is
 * told so (placeholders k, phones).
 */
export function phonesThatWrote(db: Db) {
  const typed = sql`(SELECT value FROM json_each(${ph('phones')}))`;
  const byChat = db
    .select({ phone: channelIdentities.externalId })
    .from(channelIdentities)
    .where(
      and(
        eq(channelIdentities.kelurahanId, ph('k')),
        // The channels that address people by phone number (a Telegram chat id is none, whatever
        // its digits); named, so the lookup runs on the identity_channel_external index.
        inArray(channelIdentities.channel, ['whatsapp', 'simulator']),
        sql`${channelIdentities.externalId} IN ${typed}`,
        isNotNull(channelIdentities.lastInboundAt),
      ),
    );
  // A number shared on Telegram: its person wrote from a chat that has no number.
  const byPerson = db
    .select({ phone: sql<string>`${people.phone}`.as('phone') })
    .from(people)
    .where(
      and(
        eq(people.kelurahanId, ph('k')),
        sql`${people.phone} IN ${typed}`,
        exists(
          db.select({ one: sql`1` }).from(channelIdentities).where(and(eq(channelIdentities.personId, people.id), isNotNull(channelIdentities.lastInboundAt))),
        ),
      ),
    );
  return byChat.union(byPerson).limit(2);
}

/** Every question of one case with the number asked, for the cron's neighbours' deadline. */
export function questionsOfCase(db: Db, caseId: string) {
  return db
    .select({ answer: neighbourQuestions.answer, phone: askedPhone })
    .from(neighbourQuestions)
    .innerJoin(asked, eq(asked.id, neighbourQuestions.identityId))
    .where(eq(neighbourQuestions.caseId, caseId))
    .orderBy(asc(neighbourQuestions.askedAt));
}

/** Asks the neighbour reached by a phone number made reachable just before (placeholders id, k, caseId, channel, phone, now). */
export const insertQuestion = reusable((db) =>
  db.insert(neighbourQuestions).values({
    id: ph('id'),
    kelurahanId: ph('k'),
    caseId: ph('caseId'),
    // Whoever the number reaches, on the chat they use: a neighbour known only on Telegram too.
    identityId: chatOfPhone(),
    askedAt: ph('now'),
  }),
);

/** Only the first answer counts (placeholders answer, now, questionId). */
export const answerQuestion = reusable((db) =>
  db
    .update(neighbourQuestions)
    .set({ answer: sql`${ph('answer')}`, answeredAt: value('now') })
    .where(and(eq(neighbourQuestions.id, ph('questionId')), isNull(neighbourQuestions.answer))),
);
