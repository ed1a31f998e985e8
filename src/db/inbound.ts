/**
 * The first of the two D1 round trips of an inbound message: one read batch that tells whether
 * the message was seen before, who sent it and where their conversation stands, and everything
 * the dialogue may need. Each query's SQL is built once per isolate; a message only fills values.
 */
import type { Channel } from './schema';
import type { BatchItem, BatchResponse } from 'drizzle-orm/batch';
import { batchOf, reusable, type Db, type RawItem } from './client';
import type { releaseDeferred } from './outbox';
import { casesOfSender, openCasesWithNik, requestsForOthersOfSender, rtCasesOfSender } from './cases';
import { seenMessage, senderWithConversation } from './conversations';
import { openDocumentsOfSender, rtDocumentsOfSender } from './documents';
import { holidaysBetween } from './holidays';
import { inviteByCode } from './invites';
import { kelurahanHours, registryOf } from './kelurahan';
import { phonesThatWrote, questionsOfChairCases, questionsOfSender } from './neighbour-questions';
import { personJoinedByNumber } from './people';
import { skmOfSender } from './skm';
import { throttleByKey } from './throttles';

const seen = reusable(seenMessage);
const sender = reusable(senderWithConversation);
const hours = reusable(kelurahanHours);
const registry = reusable(registryOf);
const ownCases = reusable(casesOfSender);
const ownDocuments = reusable(openDocumentsOfSender);
const holidays = reusable(holidaysBetween);
const rtCases = reusable(rtCasesOfSender);
const rtDocuments = reusable(rtDocumentsOfSender);
const questions = reusable(questionsOfSender);
const chairQuestions = reusable(questionsOfChairCases);
const wrote = reusable(phonesThatWrote);
const invite = reusable(inviteByCode);
const requests = reusable(requestsForOthersOfSender);
const throttle = reusable(throttleByKey);
const nikCases = reusable(openCasesWithNik);
const joined = reusable(personJoinedByNumber);
const skm = reusable(skmOfSender);

export interface InboundRead {
  kelurahanId: string;
  channel: Channel;
  externalId: string;
  messageId: string;
  pressedCaseId: string | null;
  pressedQuestionId: string | null;
  inviteCode: string | null;
  /** Holidays between these local dates. */
  holidaysFrom: string;
  holidaysTo: string;
  /** Applications for others made since, and denied since (helper limits). */
  requestsSince: number;
  deniedSince: number;
  /** The sender's invitation-code throttle, when the message looks like a code. */
  throttleKey: string | null;
  /** Phone numbers the message holds, as a JSON array: an RT chair naming neighbours. */
  phones?: string;
  /** The NIK the message carries, when it looks like one: its open cases are read. */
  nik: string | null;
  /**
   * The sender's number when their channel proves it (a WhatsApp id): a first message from it
   * reads the person who already holds it, and everything of theirs, as the sender's.
   */
  ownNumber?: string | null;
}

export function readInbound(db: Db, r: InboundRead) {
  const v = {
    k: r.kelurahanId,
    channel: r.channel,
    externalId: r.externalId,
    messageId: r.messageId,
    pressedCaseId: r.pressedCaseId,
    pressedQuestionId: r.pressedQuestionId,
    inviteCode: r.inviteCode,
    from: r.holidaysFrom,
    to: r.holidaysTo,
    since: r.requestsSince,
    deniedSince: r.deniedSince,
    throttleKey: r.throttleKey,
    phones: r.phones ?? '[]',
    nik: r.nik,
    ownNumber: r.ownNumber ?? null,
  };
  const items = [
    seen(db, v),
    sender(db, v),
    hours(db, v),
    registry(db, v),
    ownCases(db, v),
    ownDocuments(db, v),
    holidays(db, v),
    rtCases(db, v),
    rtDocuments(db, v),
    questions(db, v),
    invite(db, v),
    requests(db, v),
    throttle(db, v),
    chairQuestions(db, v),
    wrote(db, v),
    nikCases(db, v),
    joined(db, v),
    skm(db, v),
  ] as const;
  return batchOf(db, items) as Promise<BatchResponse<[...typeof items]>>;
}

/** A statement of the write batch. */
export type WriteItem = BatchItem<'sqlite'> | RawItem;

/**
 * The second round trip: the effects of one message as one batch, which D1 runs as a single
 * transaction. Returns the deferred outbox rows released by the statement at `releasedIndex`.
 */
export async function writeInbound(db: Db, items: WriteItem[], releasedIndex: number | null) {
  const results = await batchOf(db, items);
  return releasedIndex === null ? [] : (results[releasedIndex] as BatchResponse<[ReturnType<typeof releaseDeferred>]>[0]);
}
