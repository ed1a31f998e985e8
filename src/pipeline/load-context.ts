/**
 * The first of the two D1 round trips of an inbound message: one read batch that tells whether
 * the message was seen before, who sent it and where their conversation stands, and everything
 * the dialogue may need (registry, their cases and documents, holidays).
 */
import type { ChannelName } from '../../adapters/channel';
import type { BotContext, CaseView, DocumentView, InviteView, QuestionView, RegistryRt, RtCaseView } from '../bot/context';
import { CONVERSATION_TTL_MS, type ConversationState } from '../bot/state';
import { addDays, DAY_MS, localMoment, workingCalendar } from '../domain/calendar';
import { TERMINAL_STATES } from '../domain/case-machine';
import { DENIAL_BLOCK_DAYS } from '../domain/helper-limits';
import { isLocale, type Locale } from '../domain/messages';
import { usablePersonName } from '../domain/person-name';
import type { IdSource, Instant, RandomSource } from '../domain/ports';

export interface LoadedContext {
  seen: boolean;
  ctx: BotContext;
  previous: ConversationState | null;
  /** Conversation version read, for the optimistic write; null when there is none yet. */
  version: number | null;
}

export class UnknownKelurahanError extends Error {}

const ME = '(SELECT person_id FROM channel_identities WHERE kelurahan_id = ?1 AND channel = ?2 AND external_id = ?3)';
const TERMINAL = TERMINAL_STATES.map((s) => `'${s}'`).join(', ');
/** The states in which an RT chair has something to do; the pressed case is loaded whatever its state. */
const CHAIR_STATES = "'draft', 'awaiting_pengantar', 'verifying', 'neighbour_check', 'needs_revision'";

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
  const [seen, identity, kelurahan, registry, cases, documents, holidays, rtCases, rtDocuments, questions, invite, requests, inviteAttempts] = await d1.batch([
    d1.prepare('SELECT 1 AS seen FROM processed_messages WHERE channel = ?1 AND message_id = ?2').bind(channel, args.messageId),
    d1
      .prepare(
        `SELECT i.id AS identity_id, i.display_name, p.id AS person_id, p.full_name, p.nik, p.phone, p.rt_id, p.locale,
                c.data AS conversation, c.version, c.expires_at
         FROM channel_identities i JOIN people p ON p.id = i.person_id
         LEFT JOIN conversations c ON c.identity_id = i.id
         WHERE i.kelurahan_id = ?1 AND i.channel = ?2 AND i.external_id = ?3`,
      )
      .bind(k, channel, externalId),
    d1.prepare('SELECT id, name, utc_offset_minutes, opens_at_minute, closes_at_minute FROM kelurahan WHERE id = ?1').bind(k),
    d1
      .prepare(
        `SELECT rt.id AS rt_id, rw.number AS rw_number, rt.number AS rt_number, rt.chair_person_id, p.full_name AS chair_name,
                (SELECT ci.id FROM channel_identities ci WHERE ci.person_id = rt.chair_person_id
                 ORDER BY ci.last_inbound_at DESC NULLS LAST, ci.created_at LIMIT 1) AS chair_identity_id
         FROM rt JOIN rw ON rw.id = rt.rw_id LEFT JOIN people p ON p.id = rt.chair_person_id
         WHERE rt.kelurahan_id = ?1 ORDER BY rw.number, rt.number`,
      )
      .bind(k),
    d1
      .prepare(
        `SELECT c.*, coalesce(c.given_name, a.full_name) AS applicant_name, sp.phone AS submitter_phone
         FROM cases c JOIN people a ON a.id = c.applicant_person_id LEFT JOIN people sp ON sp.id = c.submitter_person_id
         WHERE c.kelurahan_id = ?1 AND (c.applicant_person_id = ${ME} OR c.submitter_person_id = ${ME})
         ORDER BY c.created_at DESC LIMIT 20`,
      )
      .bind(k, channel, externalId),
    d1
      .prepare(
        `SELECT d.id, d.case_id, d.requirement, d.status FROM case_documents d
         WHERE d.superseded_at IS NULL AND d.case_id IN (
           SELECT id FROM cases WHERE kelurahan_id = ?1 AND state NOT IN (${TERMINAL})
             AND (applicant_person_id = ${ME} OR submitter_person_id = ${ME}))`,
      )
      .bind(k, channel, externalId),
    d1
      .prepare('SELECT date FROM holidays WHERE kelurahan_id = ?1 AND date >= ?2 AND date <= ?3')
      .bind(k, addDays(today, -7), addDays(today, 120)),
    d1
      .prepare(
        `SELECT c.*, coalesce(c.given_name, a.full_name) AS applicant_name, coalesce(c.given_nik, a.nik) AS applicant_nik, a.locale AS applicant_locale,
                sp.phone AS submitter_phone, sp.locale AS submitter_locale,
                rt.number AS rt_number, rw.number AS rw_number, rt.chair_person_id
         FROM cases c JOIN people a ON a.id = c.applicant_person_id LEFT JOIN people sp ON sp.id = c.submitter_person_id
         LEFT JOIN rt ON rt.id = c.rt_id LEFT JOIN rw ON rw.id = rt.rw_id
         WHERE c.kelurahan_id = ?1 AND ((rt.chair_person_id = ${ME} AND c.state IN (${CHAIR_STATES})) OR c.id = ?4)
         ORDER BY (c.id = ?4) DESC, c.created_at LIMIT 30`,
      )
      .bind(k, channel, externalId, args.pressedCaseId ?? null),
    d1
      .prepare(
        `SELECT d.id, d.case_id, d.requirement, d.status, d.r2_key, d.content_type
         FROM case_documents d JOIN cases c ON c.id = d.case_id JOIN rt ON rt.id = c.rt_id
         WHERE d.superseded_at IS NULL AND c.kelurahan_id = ?1 AND rt.chair_person_id = ${ME}
           AND c.state IN ('verifying', 'neighbour_check', 'needs_revision')`,
      )
      .bind(k, channel, externalId),
    d1
      .prepare(
        `SELECT q.id, q.case_id, q.identity_id, q.answer, c.code, c.state, c.version, coalesce(c.given_name, a.full_name) AS applicant_name,
                rt.number AS rt_number, rw.number AS rw_number,
                (SELECT json_group_array(json_object('id', o.id, 'answer', o.answer)) FROM neighbour_questions o WHERE o.case_id = q.case_id) AS all_answers
         FROM neighbour_questions q JOIN cases c ON c.id = q.case_id JOIN people a ON a.id = c.applicant_person_id
         JOIN rt ON rt.id = c.rt_id JOIN rw ON rw.id = rt.rw_id
         WHERE q.kelurahan_id = ?1 AND (q.id = ?4 OR (q.answer IS NULL AND c.state = 'neighbour_check' AND q.identity_id =
           (SELECT id FROM channel_identities WHERE kelurahan_id = ?1 AND channel = ?2 AND external_id = ?3)))
         ORDER BY q.asked_at LIMIT 10`,
      )
      .bind(k, channel, externalId, args.pressedQuestionId ?? null),
    d1
      .prepare(
        `SELECT i.code, i.person_id, i.role, i.used_at, i.expires_at, p.full_name, rt.number AS rt_number, rw.number AS rw_number
         FROM invites i JOIN people p ON p.id = i.person_id LEFT JOIN rt ON rt.chair_person_id = i.person_id
         LEFT JOIN rw ON rw.id = rt.rw_id WHERE i.kelurahan_id = ?1 AND i.code = ?2 LIMIT 1`,
      )
      .bind(k, args.inviteCode ?? null),
    // The helper limits: applications for others of the last two days (the local day is cut by
    // the dialogue, which knows the kelurahan's offset), those still waiting for the owner, and
    // those the owner denied within the block.
    d1
      .prepare(
        `SELECT c.code, c.state, c.created_at, c.applicant_confirmed_at, c.applicant_denied_at, a.phone
         FROM cases c JOIN people a ON a.id = c.applicant_person_id
         WHERE c.kelurahan_id = ?1 AND c.submitter_person_id = ${ME} AND c.applicant_person_id <> c.submitter_person_id
           AND (c.created_at >= ?4 OR c.applicant_denied_at >= ?5
             OR (a.phone IS NOT NULL AND c.applicant_confirmed_at IS NULL AND c.applicant_denied_at IS NULL AND c.state NOT IN (${TERMINAL})))
         ORDER BY c.created_at DESC LIMIT 200`,
      )
      .bind(k, channel, externalId, args.now - 2 * DAY_MS, args.now - DENIAL_BLOCK_DAYS * DAY_MS),
    d1.prepare('SELECT window_start, count FROM throttles WHERE key = ?1').bind(throttleKey),
  ]);

  const kel = kelurahan!.results[0] as
    | { id: string; name: string; utc_offset_minutes: number; opens_at_minute: number; closes_at_minute: number }
    | undefined;
  if (!kel) throw new UnknownKelurahanError(`no kelurahan ${k}`);
  const calendar = workingCalendar(
    (holidays!.results as { date: string }[]).map((h) => h.date),
    { utcOffsetMinutes: kel.utc_offset_minutes, opensAtMinute: kel.opens_at_minute, closesAtMinute: kel.closes_at_minute },
  );

  const row = identity!.results[0] as Record<string, unknown> | undefined;
  const isNew = !row;
  const locale = row && typeof row.locale === 'string' && isLocale(row.locale) ? row.locale : args.defaultLocale;
  let previous: ConversationState | null = null;
  let version: number | null = null;
  if (row && row.conversation !== null && row.conversation !== undefined) {
    version = Number(row.version);
    if (Number(row.expires_at) > args.now) previous = JSON.parse(String(row.conversation)) as ConversationState;
  }

  const ctx: BotContext = {
    now: args.now,
    today: localMoment(args.now, kel.utc_offset_minutes).date,
    calendar,
    ids: args.ids,
    random: args.random,
    maxUploadBytes: args.maxUploadBytes,
    kelurahan: { id: kel.id, name: kel.name },
    channel,
    identity: {
      id: row ? String(row.identity_id) : args.ids.newId(),
      // A profile name that fails the name rule (one stored before the rule, too) is not used.
      displayName: usablePersonName(row?.display_name as string | null) ?? args.displayName,
      isNew,
    },
    person: {
      id: row ? String(row.person_id) : args.ids.newId(),
      fullName: (row?.full_name as string | null) ?? null,
      nik: (row?.nik as string | null) ?? null,
      phone: (row?.phone as string | null) ?? null,
      rtId: (row?.rt_id as string | null) ?? null,
      locale,
    },
    registry: (registry!.results as Record<string, unknown>[]).map(
      (r): RegistryRt => ({
        rtId: String(r.rt_id),
        rwNumber: Number(r.rw_number),
        rtNumber: Number(r.rt_number),
        chairPersonId: (r.chair_person_id as string | null) ?? null,
        chairName: (r.chair_name as string | null) ?? null,
        chairIdentityId: (r.chair_identity_id as string | null) ?? null,
      }),
    ),
    cases: (cases!.results as Record<string, unknown>[]).map(toCaseView),
    documents: (documents!.results as Record<string, unknown>[]).map(
      (d): DocumentView => ({
        id: String(d.id),
        caseId: String(d.case_id),
        requirement: d.requirement as DocumentView['requirement'],
        status: d.status as DocumentView['status'],
      }),
    ),
    rtCases: (rtCases!.results as Record<string, unknown>[]).map((r) => ({
      ...toCaseView(r),
      applicantNik: (r.applicant_nik as string | null) ?? null,
      applicantLocale: isLocale(String(r.applicant_locale)) ? (r.applicant_locale as Locale) : args.defaultLocale,
      submitterLocale: r.submitter_locale && isLocale(String(r.submitter_locale)) ? (r.submitter_locale as Locale) : null,
      rtNumber: r.rt_number === null ? null : Number(r.rt_number),
      rwNumber: r.rw_number === null ? null : Number(r.rw_number),
      chairPersonId: (r.chair_person_id as string | null) ?? null,
    })),
    rtDocuments: (rtDocuments!.results as Record<string, unknown>[]).map((d) => ({
      id: String(d.id),
      caseId: String(d.case_id),
      requirement: d.requirement as DocumentView['requirement'],
      status: d.status as DocumentView['status'],
      r2Key: String(d.r2_key),
      contentType: String(d.content_type),
    })),
    questions: (questions!.results as Record<string, unknown>[]).map((q) => ({
      id: String(q.id),
      caseId: String(q.case_id),
      caseCode: String(q.code),
      caseState: q.state as QuestionView['caseState'],
      caseVersion: Number(q.version),
      identityId: String(q.identity_id),
      answer: (q.answer as QuestionView['answer']) ?? null,
      applicantName: String(q.applicant_name),
      rtNumber: Number(q.rt_number),
      rwNumber: Number(q.rw_number),
      all: JSON.parse(String(q.all_answers ?? '[]')) as QuestionView['all'],
    })),
    invite: null,
    requestsForOthers: (requests!.results as Record<string, unknown>[]).map((r) => ({
      caseCode: String(r.code),
      state: r.state as CaseView['state'],
      phone: (r.phone as string | null) ?? null,
      createdAt: Number(r.created_at),
      confirmedAt: r.applicant_confirmed_at === null ? null : Number(r.applicant_confirmed_at),
      deniedAt: r.applicant_denied_at === null ? null : Number(r.applicant_denied_at),
    })),
    inviteAttempts: null,
  };
  if (throttleKey) {
    const t = inviteAttempts!.results[0] as { window_start: number; count: number } | undefined;
    ctx.inviteAttempts = { key: throttleKey, row: t ? { windowStart: Number(t.window_start), count: Number(t.count) } : null };
  }
  const inv = invite!.results[0] as Record<string, unknown> | undefined;
  ctx.invite = inv
    ? {
        code: String(inv.code),
        personId: String(inv.person_id),
        personName: String(inv.full_name),
        role: inv.role as InviteView['role'],
        usable: inv.used_at === null && Number(inv.expires_at) > args.now,
        rtNumber: inv.rt_number === null ? null : Number(inv.rt_number),
        rwNumber: inv.rw_number === null ? null : Number(inv.rw_number),
      }
    : null;
  return { seen: seen!.results.length > 0, ctx, previous, version };
}

export function toCaseView(r: Record<string, unknown>): CaseView {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    id: String(r.id),
    code: String(r.code),
    kind: r.kind as CaseView['kind'],
    service: (r.service as CaseView['service']) ?? null,
    state: r.state as CaseView['state'],
    applicantPersonId: String(r.applicant_person_id),
    applicantName: String(r.applicant_name ?? ''),
    submitterPersonId: (r.submitter_person_id as string | null) ?? null,
    submitterPhone: (r.submitter_phone as string | null) ?? null,
    rtId: (r.rt_id as string | null) ?? null,
    pengantarApproved: Boolean(r.pengantar_approved),
    applicantConfirmedAt: num(r.applicant_confirmed_at),
    applicantDeniedAt: num(r.applicant_denied_at),
    revisionRequirement: (r.revision_requirement as CaseView['revisionRequirement']) ?? null,
    delivery: (r.delivery as CaseView['delivery']) ?? null,
    submittedAt: num(r.submitted_at),
    day1DueAt: num(r.day1_due_at),
    day2DueAt: num(r.day2_due_at),
    day3DueAt: num(r.day3_due_at),
    dueAt: num(r.due_at),
    createdAt: Number(r.created_at),
  };
}

/** Throttle key of one sender's invitation-code attempts (a sender, not a person: newcomers have none yet). */
export function inviteThrottleKey(kelurahanId: string, channel: ChannelName, externalId: string): string {
  return `invite:${kelurahanId}:${channel}:${externalId}`;
}

export const conversationExpiry = (now: Instant) => now + CONVERSATION_TTL_MS;
