/** Cases as the dialogue reads them: the sender's own, their RT's, and those they made for others. */
import { type CaseState, isTerminal, TERMINAL_STATES } from '../domain/case-machine';
import { type Db, named, oncePerDb, reusable, value } from './client';
import { mostRecentFirst, personByPhone, senderPersonId } from './people';
import { caseCodeCounters, caseEvents, cases, channelIdentities, conversations, people, rt, rw } from './schema';
import { and, asc, desc, eq, getTableColumns, gte, inArray, isNotNull, isNull, lte, ne, notInArray, or, type Placeholder, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
/** The states in which an RT chair has something to do; the pressed case is loaded whatever its state. */
const CHAIR_STATES: CaseState[] = ['draft', 'awaiting_pengantar', 'verifying', 'neighbour_check', 'needs_revision'];

const applicant = alias(people, 'a');
const submitter = alias(people, 'sp');

/** Whether the case's NIK was found on another open case under another name when it was made (steps/apply.ts). */
const nikConflict = (db: Db) =>
  sql<boolean>`EXISTS ${db
    .select({ one: sql`1` })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, cases.id), eq(caseEvents.kind, 'nik_conflict')))}`.mapWith(Boolean);

/** What a case view shows; the name given when applying wins over the person's record. */
const caseView = {
  id: cases.id,
  code: cases.code,
  kind: cases.kind,
  service: cases.service,
  state: cases.state,
  applicantPersonId: cases.applicantPersonId,
  submitterPersonId: cases.submitterPersonId,
  rtId: cases.rtId,
  pengantarApproved: cases.pengantarApproved,
  applicantConfirmedAt: cases.applicantConfirmedAt,
  applicantDeniedAt: cases.applicantDeniedAt,
  revisionRequirement: cases.revisionRequirement,
  delivery: cases.delivery,
  submittedAt: cases.submittedAt,
  day1DueAt: cases.day1DueAt,
  day2DueAt: cases.day2DueAt,
  day3DueAt: cases.day3DueAt,
  dueAt: cases.dueAt,
  answeredAt: cases.answeredAt,
  version: cases.version,
  createdAt: cases.createdAt,
  applicantName: sql<string>`coalesce(${cases.givenName}, ${applicant.fullName})`.as('applicant_name'),
  submitterPhone: named(submitter.phone, 'submitter_phone'),
};

/** Cases the sender applied for or submitted, newest first (placeholders k, channel, externalId, ownNumber). */
export function casesOfSender(db: Db) {
  const me = senderPersonId(db);
  return db
    .select(caseView)
    .from(cases)
    .innerJoin(applicant, eq(applicant.id, cases.applicantPersonId))
    .leftJoin(submitter, eq(submitter.id, cases.submitterPersonId))
    .where(and(eq(cases.kelurahanId, sql.placeholder('k')), or(eq(cases.applicantPersonId, me), eq(cases.submitterPersonId, me))))
    .orderBy(desc(cases.createdAt))
    .limit(20);
}

/**
 * Open cases of the RTs the sender chairs, and the case a pressed button names first, whatever
 * its state (placeholders k, channel, externalId, ownNumber, pressedCaseId).
 */
export function rtCasesOfSender(db: Db) {
  const pressed = sql`${cases.id} = ${sql.placeholder('pressedCaseId')}`;
  return db
    .select({
      ...caseView,
      applicantNik: sql<string | null>`coalesce(${cases.givenNik}, ${applicant.nik})`.as('applicant_nik'),
      applicantPhone: named(applicant.phone, 'applicant_phone'),
      applicantLocale: named(applicant.locale, 'applicant_locale'),
      submitterLocale: named(submitter.locale, 'submitter_locale'),
      rtNumber: named(rt.number, 'rt_number'),
      rwNumber: named(rw.number, 'rw_number'),
      chairPersonId: named(rt.chairPersonId, 'chair_person_id'),
      businessName: cases.businessName,
      businessKind: cases.businessKind,
      businessAddress: cases.businessAddress,
      nikConflict: nikConflict(db).as('nik_conflict'),
      // Who gave the pengantar (the chair, or the office in their stead): the chair's refusal says so.
      pengantarApprovedBy: sql<'rt_chair' | 'staff' | null>`CASE WHEN ${cases.pengantarApproved} THEN (${db
        .select({ actor: caseEvents.actorKind })
        .from(caseEvents)
        .where(and(eq(caseEvents.caseId, cases.id), eq(caseEvents.kind, 'approve_pengantar')))
        .orderBy(desc(caseEvents.at))
        .limit(1)}) END`.as('pengantar_approved_by'),
    })
    .from(cases)
    .innerJoin(applicant, eq(applicant.id, cases.applicantPersonId))
    .leftJoin(submitter, eq(submitter.id, cases.submitterPersonId))
    .leftJoin(rt, eq(rt.id, cases.rtId))
    .leftJoin(rw, eq(rw.id, rt.rwId))
    .where(
      and(
        eq(cases.kelurahanId, sql.placeholder('k')),
        or(and(eq(rt.chairPersonId, senderPersonId(db)), inArray(cases.state, CHAIR_STATES)), pressed),
      ),
    )
    .orderBy(desc(pressed), asc(cases.createdAt))
    .limit(30);
}

/**
 * Open service cases of the kelurahan whose NIK (as given, else the applicant's record) is the
 * one the message carries, to find a second application of the same person and a NIK used under
 * two names (placeholders k, nik). Part of every message's read: a null nik (the message is not
 * a NIK) finds nothing without scanning the kelurahan's open cases.
 */
export function openCasesWithNik(db: Db) {
  return db
    .select({
      id: cases.id,
      code: cases.code,
      service: cases.service,
      state: cases.state,
      applicantName: sql<string>`coalesce(${cases.givenName}, ${applicant.fullName}, '')`.as('applicant_name'),
      applicantPersonId: cases.applicantPersonId,
      submitterPersonId: cases.submitterPersonId,
    })
    .from(cases)
    .innerJoin(applicant, eq(applicant.id, cases.applicantPersonId))
    .where(
      and(
        // First, and on no column: SQLite tests it once before the scan, so the read every
        // message makes costs nothing when the message is not a NIK.
        sql`${sql.placeholder('nik')} IS NOT NULL`,
        eq(cases.kelurahanId, sql.placeholder('k')),
        eq(cases.kind, 'service'),
        notInArray(cases.state, [...TERMINAL_STATES]),
        eq(sql`coalesce(${cases.givenNik}, ${applicant.nik})`, sql.placeholder('nik')),
      ),
    )
    .orderBy(asc(cases.createdAt))
    .limit(20);
}

/** Two cases named in a NIK flag to staff: their codes and the names and NIKs as given. */
export function casesForNikFlag(db: Db, caseIds: string[]) {
  return db
    .select({
      id: cases.id,
      kelurahanId: cases.kelurahanId,
      code: cases.code,
      applicantName: sql<string>`coalesce(${cases.givenName}, ${applicant.fullName}, '')`,
      nik: sql<string | null>`coalesce(${cases.givenNik}, ${applicant.nik})`,
    })
    .from(cases)
    .innerJoin(applicant, eq(applicant.id, cases.applicantPersonId))
    .where(inArray(cases.id, caseIds));
}

/**
 * For the helper limits: applications the sender made for others since `since` (the local day is
 * cut by the dialogue, which knows the kelurahan's offset), those still waiting for the owner,
 * and those the owner denied since `deniedSince` (placeholders k, channel, externalId, ownNumber, since, deniedSince).
 */
export function requestsForOthersOfSender(db: Db) {
  return db
    .select({
      code: cases.code,
      state: cases.state,
      createdAt: cases.createdAt,
      applicantConfirmedAt: cases.applicantConfirmedAt,
      applicantDeniedAt: cases.applicantDeniedAt,
      phone: applicant.phone,
    })
    .from(cases)
    .innerJoin(applicant, eq(applicant.id, cases.applicantPersonId))
    .where(
      and(
        eq(cases.kelurahanId, sql.placeholder('k')),
        eq(cases.submitterPersonId, senderPersonId(db)),
        ne(cases.applicantPersonId, cases.submitterPersonId),
        or(
          gte(cases.createdAt, sql.placeholder('since')),
          gte(cases.applicantDeniedAt, sql.placeholder('deniedSince')),
          and(
            isNotNull(applicant.phone),
            isNull(cases.applicantConfirmedAt),
            isNull(cases.applicantDeniedAt),
            notInArray(cases.state, [...TERMINAL_STATES]),
          ),
        ),
      ),
    )
    .orderBy(desc(cases.createdAt))
    .limit(200);
}

const ph = sql.placeholder;

/** The case code: the period and the counter's value just drawn in the same batch (placeholders k, period). */
const drawnCode = sql<string>`${ph('period')} || '-' || printf('%04d', (SELECT ${caseCodeCounters.lastSequence} FROM ${caseCodeCounters} WHERE ${caseCodeCounters.kelurahanId} = ${ph('k')} AND ${caseCodeCounters.period} = ${ph('period')}))`;

function newCase(db: Db, applicantPersonId: SQL | Placeholder) {
  return db.insert(cases).values({
    id: ph('id'),
    kelurahanId: ph('k'),
    code: drawnCode,
    kind: ph('kind'),
    service: ph('service'),
    state: ph('state'),
    applicantPersonId,
    submitterPersonId: ph('submitterPersonId'),
    rtId: ph('rtId'),
    complaintText: ph('complaintText'),
    relatedCaseId: ph('relatedCaseId'),
    dueAt: ph('dueAt'),
    nextActionAt: ph('nextActionAt'),
    createdAt: ph('now'),
    updatedAt: ph('now'),
    givenName: ph('givenName'),
    givenNik: ph('givenNik'),
    businessName: ph('businessName'),
    businessKind: ph('businessKind'),
    businessAddress: ph('businessAddress'),
  });
}

/**
 * A case whose code takes the sequence drawn just before in the batch (placeholders id, k,
 * period, kind, service, state, applicantPersonId, submitterPersonId, rtId, complaintText,
 * relatedCaseId, dueAt, nextActionAt, now, givenName, givenNik, businessName, businessKind, businessAddress).
 */
export const insertCase = reusable((db) => newCase(db, ph('applicantPersonId')));

/**
 * The same, for an applicant known by the phone number just made reachable, on whichever channel
 * they reach Loket (placeholders as insertCase, with applicantChannel and applicantPhone instead
 * of applicantPersonId).
 */
export const insertCaseForPhone = reusable((db) => newCase(db, personByPhone(ph('applicantChannel'), ph('applicantPhone'))));

export type CaseChanges = Partial<Pick<typeof cases.$inferInsert,
  'submittedAt' | 'day1DueAt' | 'day2DueAt' | 'day3DueAt' | 'dueAt' | 'nextActionAt' | 'delivery' | 'deliveryAddress'
  | 'pengantarApproved' | 'revisionRequirement' | 'revisionReason' | 'remindersSent' | 'pickupCode' | 'pickupCodeAttempts'
  | 'courierName' | 'receivedBy' | 'disdukcapilReference' | 'disdukcapilExpectedDate' | 'answeredAt' | 'givenName' | 'givenNik'>>;

/**
 * Every write of a case's state also writes ended_at: the retention of its files counts from the
 * moment it ended, and a reopened complaint is no longer ended.
 */
function endedAtOf(to: CaseState, now: number): number | null {
  return isTerminal(to) ? now : null;
}

const transitions = new Map<string, ReturnType<typeof transitionWith>>();

function transitionWith(columns: (keyof CaseChanges)[], byVersion: boolean) {
  return reusable((db) =>
    db
      .update(cases)
      .set({
        ...Object.fromEntries(columns.map((c) => [c, value(c)])),
        state: value('to'),
        endedAt: value('endedAt'),
        version: sql`${cases.version} + 1`,
        updatedAt: value('now'),
      })
      .where(
        and(
          eq(cases.id, ph('caseId')),
          eq(cases.kelurahanId, ph('k')),
          eq(cases.state, ph('from')),
          byVersion ? eq(cases.version, ph('version')) : undefined,
        ),
      ),
  );
}

/**
 * Moves a case only from the state it was read in (and, given `version`, only at the version read:
 * a decision that depends on more than the state, such as the time of the office's answer); the
 * event written after it checks changes(). One statement per set of columns a transition sets,
 * built once per isolate.
 */
export function transitionCase(
  db: Db, t: { caseId: string; kelurahanId: string; from: CaseState; to: CaseState; now: number; set: CaseChanges; version?: number },
) {
  const columns = (Object.keys(t.set) as (keyof CaseChanges)[]).sort();
  const byVersion = t.version !== undefined;
  const signature = `${columns.join(',')}${byVersion ? '@version' : ''}`;
  let statement = transitions.get(signature);
  if (!statement) {
    statement = transitionWith(columns, byVersion);
    transitions.set(signature, statement);
  }
  const values: Record<string, unknown> = { caseId: t.caseId, k: t.kelurahanId, from: t.from, to: t.to, now: t.now, endedAt: endedAtOf(t.to, t.now) };
  if (byVersion) values.version = t.version;
  // Values go to D1 unencoded: a boolean column (pengantar_approved) is stored as 0/1.
  for (const c of columns) values[c] = typeof t.set[c] === 'boolean' ? Number(t.set[c]) : t.set[c];
  return statement(db, values);
}

/** Placeholders at, caseId, k. */
export const setApplicantConfirmed = reusable((db) =>
  db
    .update(cases)
    .set({ applicantConfirmedAt: value('at'), updatedAt: value('at') })
    .where(and(eq(cases.id, ph('caseId')), eq(cases.kelurahanId, ph('k')))),
);

/** Placeholders at, caseId, k. */
export const setApplicantDenied = reusable((db) =>
  db
    .update(cases)
    .set({ applicantDeniedAt: value('at'), updatedAt: value('at') })
    .where(and(eq(cases.id, ph('caseId')), eq(cases.kelurahanId, ph('k')))),
);

/** A draft someone is still working on is not abandoned (placeholders now, caseId). */
export const touchCase = reusable((db) => db.update(cases).set({ updatedAt: value('now') }).where(eq(cases.id, ph('caseId'))));

/** Locks the case at the version read; the event after it checks changes() (placeholders now, caseId, version). */
export const bumpCaseVersion = reusable((db) =>
  db
    .update(cases)
    .set({ version: sql`${cases.version} + 1`, updatedAt: value('now') })
    .where(and(eq(cases.id, ph('caseId')), eq(cases.version, ph('version')))),
);

function caseEvent(db: Db, at: SQL | Placeholder) {
  return db.insert(caseEvents).values({
    id: ph('id'),
    kelurahanId: ph('k'),
    caseId: ph('caseId'),
    at,
    actorKind: ph('actorKind'),
    actorPersonId: ph('actorPersonId'),
    kind: ph('kind'),
    fromState: ph('from'),
    toState: ph('to'),
    detail: ph('detail'),
  });
}

/** Placeholders id, k, caseId, now, actorKind, actorPersonId, kind, from, to, detail. */
export const insertCaseEvent = reusable((db) => caseEvent(db, ph('now')));

/**
 * The event of a guarded update (transition, version lock): when that update changed nothing,
 * someone else moved the case since it was read; the time becomes NULL and NOT NULL aborts the
 * whole batch, so nothing of the stale decision is written. Placeholders as insertCaseEvent.
 */
export const insertGuardedCaseEvent = reusable((db) => caseEvent(db, sql`CASE WHEN changes() = 1 THEN ${ph('now')} END`));

type CaseEvent = typeof caseEvents.$inferInsert;

/**
 * One line of a case's timeline. `afterGuardedUpdate`: when the statement just before it in the
 * batch (a guarded update) changed no row, the event's time is NULL and NOT NULL aborts the whole
 * batch, so nothing is written or said on a stale read.
 */
export function recordCaseEvent(db: Db, e: CaseEvent, afterGuardedUpdate = false) {
  return db.insert(caseEvents).values(afterGuardedUpdate ? { ...e, at: sql`CASE WHEN changes() = 1 THEN ${e.at} END` } : e);
}

/** Cases waiting for their RT chair (a verification, neighbours asked, or a pengantar not approved yet), grouped by chair. */
export function casesWaitingForChairs(db: Db) {
  return db
    .select({
      kelurahanId: cases.kelurahanId, personId: sql<string>`${rt.chairPersonId}`, fullName: people.fullName, nik: people.nik, code: cases.code,
      what: sql<'verify' | 'neighbours' | 'pengantar'>`CASE ${cases.state} WHEN 'verifying' THEN 'verify' WHEN 'neighbour_check' THEN 'neighbours' ELSE 'pengantar' END`,
    })
    .from(cases)
    .innerJoin(rt, eq(rt.id, cases.rtId))
    .innerJoin(people, eq(people.id, rt.chairPersonId))
    .where(
      or(inArray(cases.state, ['verifying', 'neighbour_check']), and(inArray(cases.state, ['draft', 'awaiting_pengantar']), eq(cases.pengantarApproved, false))),
    )
    .orderBy(asc(rt.chairPersonId), asc(cases.createdAt));
}

const OPEN_FOR_OFFICE: CaseState[] = ['submitted', 'verifying', 'neighbour_check', 'needs_revision', 'processing', 'at_disdukcapil', 'open'];

/** Per kelurahan: open cases due in [dayStart, dayEnd), and those late at `now` with their codes. */
export function officeDueCounts(db: Db, v: { dayStart: number; dayEnd: number; now: number }) {
  return db
    .select({
      kelurahanId: cases.kelurahanId,
      due: sql<number>`sum(CASE WHEN ${cases.dueAt} >= ${v.dayStart} AND ${cases.dueAt} < ${v.dayEnd} THEN 1 ELSE 0 END)`,
      late: sql<number>`sum(CASE WHEN ${cases.dueAt} < ${v.now} THEN 1 ELSE 0 END)`,
      lateCodes: sql<string | null>`group_concat(CASE WHEN ${cases.dueAt} < ${v.now} THEN ${cases.code} END, ', ')`,
    })
    .from(cases)
    .where(and(inArray(cases.state, OPEN_FOR_OFFICE), isNotNull(cases.dueAt)))
    .groupBy(cases.kelurahanId);
}

/**
 * A case as the documents-ready job needs it: the applicant's name, the person sending the
 * documents (the helper, or the applicant) with their most recent chat, and that chat's
 * conversation.
 */
export function caseForDocumentsReady(db: Db, caseId: string) {
  const applicant = alias(people, 'a');
  const sender = alias(people, 'p');
  const recentChat = db
    .select({ id: channelIdentities.id })
    .from(channelIdentities)
    .where(eq(channelIdentities.personId, sender.id))
    .orderBy(...mostRecentFirst)
    .limit(1);
  return db
    .select({
      id: cases.id, kelurahanId: cases.kelurahanId, kind: cases.kind, service: cases.service, state: cases.state, rtId: sql<string>`${cases.rtId}`,
      submitterPersonId: cases.submitterPersonId, applicantName: sql<string>`coalesce(${cases.givenName}, ${applicant.fullName})`,
      // Read in a batch, whose rows come keyed by column name: names that repeat get their own.
      rtNumber: sql<number>`${rt.number}`.as('rt_number'), rwNumber: sql<number>`${rw.number}`.as('rw_number'), locale: sender.locale,
      identityId: sql<string>`${channelIdentities.id}`.as('identity_id'),
      conversation: conversations.data, version: conversations.version, expiresAt: conversations.expiresAt,
    })
    .from(cases)
    .innerJoin(applicant, eq(applicant.id, cases.applicantPersonId))
    .innerJoin(sender, eq(sender.id, sql`coalesce(${cases.submitterPersonId}, ${cases.applicantPersonId})`))
    .innerJoin(rt, eq(rt.id, cases.rtId))
    .innerJoin(rw, eq(rw.id, rt.rwId))
    .innerJoin(channelIdentities, eq(channelIdentities.id, sql`${recentChat}`))
    .leftJoin(conversations, eq(conversations.identityId, channelIdentities.id))
    .where(eq(cases.id, caseId));
}

/**
 * Sends a case back for revision of one requirement, if it is still in `from`; the reminders
 * start again. Changes no row when someone moved the case meanwhile.
 */
export function sendBackForRevision(
  db: Db,
  v: { caseId: string; from: CaseState; to: CaseState; requirement: NonNullable<typeof cases.$inferInsert.revisionRequirement>; reason: string; nextActionAt: number; now: number },
) {
  return db
    .update(cases)
    .set({
      state: v.to, endedAt: endedAtOf(v.to, v.now), version: sql`${cases.version} + 1`, updatedAt: v.now, revisionRequirement: v.requirement, revisionReason: v.reason,
      remindersSent: 0, nextActionAt: v.nextActionAt,
    })
    .where(and(eq(cases.id, v.caseId), eq(cases.state, v.from)));
}

/** Only due cases, through the partial index cases_next_action: the cost follows the work due, not all cases. */
export function dueCases(db: Db, v: { now: number | Placeholder; limit: number | Placeholder }) {
  const applicant = alias(people, 'a');
  const chair = alias(people, 'ch');
  const helper = alias(people, 'hp');
  return db
    .select({
      ...getTableColumns(cases),
      submitterLocale: helper.locale,
      applicantName: sql<string>`coalesce(${cases.givenName}, ${applicant.fullName})`,
      applicantNik: sql<string | null>`coalesce(${cases.givenNik}, ${applicant.nik})`,
      applicantLocale: applicant.locale, rtNumber: rt.number, rwNumber: rw.number, chairPersonId: rt.chairPersonId,
      chairName: chair.fullName, chairNik: chair.nik, nikConflict: nikConflict(db),
    })
    .from(cases)
    .innerJoin(applicant, eq(applicant.id, cases.applicantPersonId))
    .leftJoin(helper, eq(helper.id, cases.submitterPersonId))
    .leftJoin(rt, eq(rt.id, cases.rtId))
    .leftJoin(rw, eq(rw.id, rt.rwId))
    .leftJoin(chair, eq(chair.id, rt.chairPersonId))
    .where(and(isNotNull(cases.nextActionAt), lte(cases.nextActionAt, v.now)))
    .orderBy(asc(cases.nextActionAt))
    .limit(v.limit);
}

const due = oncePerDb((db) => dueCases(db, { now: sql.placeholder('now'), limit: sql.placeholder('limit') }).prepare());

/** dueCases, prepared once per isolate for the cron. */
export function dueCasesNow(db: Db, v: { now: number; limit: number }) {
  return due(db).all(v);
}

export type DueCase = Awaited<ReturnType<typeof dueCasesNow>>[number];

/** Moves a due case's next action, if no other tick moved it since it was read (`readAt`). */
export function rescheduleDueCase(db: Db, v: { caseId: string; readAt: number; nextActionAt: number | null; remindersSent?: number }) {
  return db
    .update(cases)
    .set({ nextActionAt: v.nextActionAt, remindersSent: v.remindersSent })
    .where(and(eq(cases.id, v.caseId), eq(cases.nextActionAt, v.readAt)));
}

/** The schedule's transition of a due case, guarded by the state it leaves and the next action read. */
export function moveDueCase(
  db: Db, v: { caseId: string; from: CaseState; to: CaseState; readAt: number; nextActionAt: number | null; remindersSent: number; now: number },
) {
  return db
    .update(cases)
    .set({ state: v.to, endedAt: endedAtOf(v.to, v.now), version: sql`${cases.version} + 1`, updatedAt: v.now, nextActionAt: v.nextActionAt, remindersSent: v.remindersSent })
    .where(and(eq(cases.id, v.caseId), eq(cases.state, v.from), eq(cases.nextActionAt, v.readAt)));
}

