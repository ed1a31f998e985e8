/**
 * The first of the two D1 round trips of an inbound message: one read batch that tells whether
 * the message was seen before, who sent it and where their conversation stands, and everything
 * the dialogue may need (registry, their cases and documents, holidays).
 */
import type { ChannelName } from '../../adapters/channel';
import type { BotContext, CaseView, QuestionView } from '../bot/context';
import { CONVERSATION_TTL_MS, type ConversationState } from '../bot/state';
import { addDays, DAY_MS, localMoment, workingCalendar } from '../domain/calendar';
import { DENIAL_BLOCK_DAYS } from '../domain/helper-limits';
import { isLocale, type Locale } from '../domain/messages';
import { usablePersonName } from '../domain/person-name';
import type { IdSource, Instant, RandomSource } from '../framework/ports';
import { dbOf } from '../db/client';
import { readInbound } from '../db/inbound';

export interface LoadedContext {
  seen: boolean;
  ctx: BotContext;
  previous: ConversationState | null;
  /** Conversation version read, for the optimistic write; null when there is none yet. */
  version: number | null;
  /** Whether ctx.person is a person this message makes (a newcomer nobody's number names). */
  newPerson: boolean;
}

/**
 * Whether a channel's chat id is a number its provider proved: WhatsApp's is. The simulator's
 * ids are numbers too, but typed on a local page, and a typed number proves nothing (the share
 * step refuses one on Telegram for that reason): a new simulator phone never becomes someone's
 * record, with their NIK and cases, because its id matches their number.
 */
const provesNumber = (channel: ChannelName): boolean => channel === 'whatsapp';

export class UnknownKelurahanError extends Error {}

export async function loadContext(
  d1: D1Database,
  args: {
    kelurahanId: string;
    channel: ChannelName;
    externalId: string;
    displayName: string | null;
    messageId: string;
    /** A case or neighbour question named by the pressed button, loaded to check the press. */
    pressedCaseId?: string | null;
    pressedQuestionId?: string | null;
    inviteCode?: string | null;
    /** Phone numbers typed in the message (an RT chair naming neighbours). */
    phones?: string[];
    /** The NIK the message carries, if it looks like one. */
    typedNik?: string | null;
    now: Instant;
    ids: IdSource;
    random: RandomSource;
    maxUploadBytes: number;
    defaultLocale: Locale;
  },
): Promise<LoadedContext> {
  const { kelurahanId: k, channel, externalId } = args;
  const today = localMoment(args.now).date;
  const throttleKey = args.inviteCode ? inviteThrottleKey(k, channel, externalId) : null;
  const [seen, identity, kelurahan, registry, cases, documents, holidays, rtCases, rtDocuments, questions, invite, requests, inviteAttempts, chairQuestions, wrote, nikCases, joined, skm] = await readInbound(
    dbOf(d1),
    {
      kelurahanId: k,
      channel,
      externalId,
      messageId: args.messageId,
      pressedCaseId: args.pressedCaseId ?? null,
      pressedQuestionId: args.pressedQuestionId ?? null,
      inviteCode: args.inviteCode ?? null,
      holidaysFrom: addDays(today, -7),
      holidaysTo: addDays(today, 120),
      // The helper limits: applications for others of the last two days (the local day is cut by
      // the dialogue, which knows the kelurahan's offset), those still waiting for the owner, and
      // those the owner denied within the block.
      requestsSince: args.now - 2 * DAY_MS,
      deniedSince: args.now - DENIAL_BLOCK_DAYS * DAY_MS,
      throttleKey,
      phones: JSON.stringify(args.phones ?? []),
      nik: args.typedNik ?? null,
      ownNumber: provesNumber(channel) ? externalId : null,
    },
  );

  const kel = kelurahan[0];
  if (!kel) throw new UnknownKelurahanError(`no kelurahan ${k}`);
  const calendar = workingCalendar(
    holidays.map((h) => h.date),
    { utcOffsetMinutes: kel.utcOffsetMinutes, opensAtMinute: kel.opensAtMinute, closesAtMinute: kel.closesAtMinute },
  );

  const row = identity[0];
  const isNew = !row;
  // A first message from a number someone already holds (shared on Telegram) is theirs.
  const person = row ? { ...row, id: row.personId } : joined[0];
  const locale = person && isLocale(person.locale) ? person.locale : args.defaultLocale;
  let previous: ConversationState | null = null;
  let version: number | null = null;
  if (row && row.conversation !== null && row.version !== null) {
    version = row.version;
    if (Number(row.expiresAt) > args.now) previous = JSON.parse(row.conversation) as ConversationState;
  }

  const ctx: BotContext = {
    now: args.now,
    today: localMoment(args.now, kel.utcOffsetMinutes).date,
    calendar,
    ids: args.ids,
    random: args.random,
    maxUploadBytes: args.maxUploadBytes,
    kelurahan: { id: kel.id, name: kel.name, phone: kel.phone, address: kel.address },
    channel,
    identity: {
      id: row ? row.identityId : args.ids.newId(),
      // A profile name that fails the name rule (one stored before the rule, too) is not used.
      displayName: usablePersonName(row?.displayName ?? null) ?? args.displayName,
      isNew,
    },
    person: {
      id: person ? person.id : args.ids.newId(),
      fullName: person?.fullName ?? null,
      nik: person?.nik ?? null,
      phone: person?.phone ?? null,
      rtId: person?.rtId ?? null,
      locale,
    },
    registry,
    cases: cases.map(toCaseView),
    documents,
    rtCases: rtCases.map((r) => ({
      ...toCaseView(r),
      applicantNik: r.applicantNik ?? null,
      applicantPhone: r.applicantPhone ?? null,
      applicantLocale: isLocale(String(r.applicantLocale)) ? r.applicantLocale : args.defaultLocale,
      submitterLocale: r.submitterLocale && isLocale(r.submitterLocale) ? r.submitterLocale : null,
      rtNumber: r.rtNumber,
      rwNumber: r.rwNumber,
      chairPersonId: r.chairPersonId,
      pengantarApprovedBy: r.pengantarApprovedBy,
      businessName: r.businessName,
      businessKind: r.businessKind,
      businessAddress: r.businessAddress,
      nikConflict: Boolean(r.nikConflict),
    })),
    rtDocuments,
    questions: questions.map((q) => ({
      id: q.id,
      caseId: q.caseId,
      caseCode: q.code,
      caseState: q.state,
      caseVersion: q.version,
      identityId: q.identityId,
      answer: q.answer,
      applicantName: String(q.applicantName),
      rtNumber: q.rtNumber,
      rwNumber: q.rwNumber,
      all: JSON.parse(q.allAnswers ?? '[]') as QuestionView['all'],
    })),
    phonesThatWrote: wrote.map((w) => w.phone),
    rtQuestions: chairQuestions.map((q) => ({ caseId: q.caseId, answer: q.answer, phone: q.phone })),
    invite: null,
    requestsForOthers: requests.map((r) => ({
      caseCode: r.code,
      state: r.state,
      phone: r.phone,
      createdAt: r.createdAt,
      confirmedAt: r.applicantConfirmedAt,
      deniedAt: r.applicantDeniedAt,
    })),
    inviteAttempts: null,
    nikCases,
    skm: skm.flatMap((r) =>
      r.service === null
        ? []
        : [{
            caseId: r.caseId, code: r.code, service: r.service, handedOverAt: r.handedOverAt === null ? null : Number(r.handedOverAt),
            declined: Boolean(r.declined), started: r.responseId !== null, completed: r.completedAt !== null,
            answers: { u1: r.u1, u2: r.u2, u3: r.u3, u4: r.u4, u5: r.u5, u6: r.u6, u7: r.u7, u8: r.u8, u9: r.u9 },
          }],
    ),
  };
  if (throttleKey) {
    const t = inviteAttempts[0];
    ctx.inviteAttempts = { key: throttleKey, row: t ? { windowStart: t.windowStart, count: t.count } : null };
  }
  const inv = invite[0];
  ctx.invite = inv
    ? {
        code: inv.code,
        personId: inv.personId,
        personName: inv.fullName,
        personLocale: isLocale(inv.locale) ? inv.locale : args.defaultLocale,
        role: inv.role,
        usable: inv.usedAt === null && inv.expiresAt > args.now,
        rtNumber: inv.rtNumber,
        rwNumber: inv.rwNumber,
      }
    : null;
  return { seen: seen.length > 0, ctx, previous, version, newPerson: !person };
}

type CaseRow = Omit<CaseView, 'applicantName'> & { applicantName: string | null };

function toCaseView(r: CaseRow): CaseView {
  return {
    id: r.id,
    code: r.code,
    kind: r.kind,
    service: r.service,
    state: r.state,
    applicantPersonId: r.applicantPersonId,
    applicantName: r.applicantName ?? '',
    submitterPersonId: r.submitterPersonId,
    submitterPhone: r.submitterPhone,
    rtId: r.rtId,
    pengantarApproved: r.pengantarApproved,
    applicantConfirmedAt: r.applicantConfirmedAt,
    applicantDeniedAt: r.applicantDeniedAt,
    revisionRequirement: r.revisionRequirement,
    delivery: r.delivery,
    submittedAt: r.submittedAt,
    day1DueAt: r.day1DueAt,
    day2DueAt: r.day2DueAt,
    day3DueAt: r.day3DueAt,
    dueAt: r.dueAt,
    answeredAt: r.answeredAt,
    version: r.version,
    createdAt: r.createdAt,
  };
}

/** Throttle key of one sender's invitation-code attempts (a sender, not a person: newcomers have none yet). */
export function inviteThrottleKey(kelurahanId: string, channel: ChannelName, externalId: string): string {
  return `invite:${kelurahanId}:${channel}:${externalId}`;
}

export const conversationExpiry = (now: Instant) => now + CONVERSATION_TTL_MS;
