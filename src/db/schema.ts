/**
 * The D1 data model. Migrations in migrations/ are generated from this file by drizzle-kit
 * (`npm run db:generate`); a test fails when the two disagree.
 *
 * Conventions: ids are opaque text; times are integer milliseconds since the epoch (UTC), the
 * same `Instant` the domain uses; every row that belongs to a kelurahan carries `kelurahan_id`,
 * so one Worker can serve a whole city and every query can be scoped.
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { Actor, CaseKind, CaseState } from '../domain/case-machine';
import type { Locale } from '../domain/messages';
import type { RequirementId, ServiceId } from '../domain/services';

export type Channel = 'whatsapp' | 'telegram' | 'simulator';

export const kelurahan = sqliteTable('kelurahan', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  kecamatan: text('kecamatan').notNull(),
  city: text('city').notNull(),
  lurahName: text('lurah_name').notNull(),
  address: text('address').notNull(),
  utcOffsetMinutes: integer('utc_offset_minutes').notNull().default(420),
  opensAtMinute: integer('opens_at_minute').notNull().default(480),
  closesAtMinute: integer('closes_at_minute').notNull().default(960),
  /** The office's phone, given wherever a resident is told to call the office (local form, e.g. 021-555-0101). */
  phone: text('phone'),
  /** The WhatsApp Business phone number id whose webhooks belong to this kelurahan. */
  whatsappPhoneNumberId: text('whatsapp_phone_number_id').unique(),
  /**
   * The Telegram bot whose updates belong to this kelurahan: the numeric id before the ":" of its
   * token (also what getMe answers as `id`), never the token itself.
   */
  telegramBotId: text('telegram_bot_id').unique(),
  /** /transparansi hides any group (a service, an RT) with fewer cases than this. */
  transparencyMinCases: integer('transparency_min_cases').notNull().default(5),
  /**
   * Days the files of a case (scans, letters' PDFs, output files) are kept after it ended; then
   * the daily cron deletes them (UU 27/2022: no longer than needed). The case row stays.
   */
  retentionDays: integer('retention_days').notNull().default(90),
  createdAt: integer('created_at').notNull(),
});

export const rw = sqliteTable(
  'rw',
  {
    id: text('id').primaryKey(),
    kelurahanId: text('kelurahan_id').notNull().references(() => kelurahan.id),
    number: integer('number').notNull(),
    chairPersonId: text('chair_person_id'),
  },
  (t) => [uniqueIndex('rw_kelurahan_number').on(t.kelurahanId, t.number)],
);

export const rt = sqliteTable(
  'rt',
  {
    id: text('id').primaryKey(),
    kelurahanId: text('kelurahan_id').notNull().references(() => kelurahan.id),
    rwId: text('rw_id').notNull().references(() => rw.id),
    number: integer('number').notNull(),
    chairPersonId: text('chair_person_id'),
  },
  (t) => [uniqueIndex('rt_rw_number').on(t.rwId, t.number), index('rt_chair').on(t.chairPersonId)],
);

export const people = sqliteTable(
  'people',
  {
    id: text('id').primaryKey(),
    kelurahanId: text('kelurahan_id').notNull().references(() => kelurahan.id),
    fullName: text('full_name').notNull(),
    /** Personal data (UU 27/2022): shown masked, never logged. */
    nik: text('nik'),
    /** E.164 digits without "+", as WhatsApp reports wa_id. */
    phone: text('phone'),
    rtId: text('rt_id').references(() => rt.id),
    locale: text('locale').$type<Locale>().notNull().default('id'),
    createdAt: integer('created_at').notNull(),
  },
  // By number: RT chairs, neighbours and helpers name people by phone, and a number shared on
  // Telegram is looked up on every message that types one.
  (t) => [index('people_kelurahan_nik').on(t.kelurahanId, t.nik), index('people_rt').on(t.rtId), index('people_kelurahan_phone').on(t.kelurahanId, t.phone)],
);

/** How a person reaches Loket: one person may have a WhatsApp and a Telegram identity. */
export const channelIdentities = sqliteTable(
  'channel_identities',
  {
    id: text('id').primaryKey(),
    kelurahanId: text('kelurahan_id').notNull().references(() => kelurahan.id),
    personId: text('person_id').notNull().references(() => people.id),
    channel: text('channel').$type<Channel>().notNull(),
    /** wa_id (or the business-scoped user id), Telegram chat id, or a simulator handle. */
    externalId: text('external_id').notNull(),
    displayName: text('display_name'),
    /** Opens WhatsApp's 24-hour customer service window. */
    lastInboundAt: integer('last_inbound_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('identity_channel_external').on(t.kelurahanId, t.channel, t.externalId),
    index('identity_person').on(t.personId),
  ],
);

export const cases = sqliteTable(
  'cases',
  {
    id: text('id').primaryKey(),
    kelurahanId: text('kelurahan_id').notNull().references(() => kelurahan.id),
    /** Human code, e.g. KTP-2611-0042. */
    code: text('code').notNull(),
    kind: text('kind').$type<CaseKind>().notNull(),
    /** Null for complaints. */
    service: text('service').$type<ServiceId>(),
    state: text('state').$type<CaseState>().notNull(),
    applicantPersonId: text('applicant_person_id').notNull().references(() => people.id),
    /**
     * The applicant's name and NIK as given when applying. They reach the person's own record
     * only once the applicant confirms (a helper must not rewrite someone else's data).
     */
    givenName: text('given_name'),
    givenNik: text('given_nik'),
    /** Set when a helper (neighbour or RT chair) submitted for the applicant. */
    submitterPersonId: text('submitter_person_id').references(() => people.id),
    rtId: text('rt_id').references(() => rt.id),
    pengantarApproved: integer('pengantar_approved', { mode: 'boolean' }).notNull().default(false),
    /** When a helper applied: the applicant confirmed from their own chat (null: not yet or not asked). */
    applicantConfirmedAt: integer('applicant_confirmed_at'),
    /**
     * When a helper applied: the applicant answered "Bukan saya". The helper may not ask this
     * number again for 30 days.
     */
    applicantDeniedAt: integer('applicant_denied_at'),
    delivery: text('delivery').$type<'pickup' | 'courier'>(),
    deliveryAddress: text('delivery_address'),
    /** SITU: the business the permit is for, as the resident gave it; printed on the pengantar. */
    businessName: text('business_name'),
    businessKind: text('business_kind'),
    businessAddress: text('business_address'),
    /** Complaints: the text, and the case it is about. */
    complaintText: text('complaint_text'),
    relatedCaseId: text('related_case_id'),
    submittedAt: integer('submitted_at'),
    day1DueAt: integer('day1_due_at'),
    day2DueAt: integer('day2_due_at'),
    day3DueAt: integer('day3_due_at'),
    /** What was promised to the resident: end of day 3, or the answer to a complaint. */
    dueAt: integer('due_at'),
    /** Set by the RT chair's "not valid": which document to send again, and why. */
    revisionRequirement: text('revision_requirement').$type<RequirementId>(),
    revisionReason: text('revision_reason'),
    /** Day 3 and after (the staff desk): the six-digit code the resident shows at pickup, and wrong tries. */
    pickupCode: text('pickup_code'),
    pickupCodeAttempts: integer('pickup_code_attempts').notNull().default(0),
    /** Courier delivery: who carries it, and who received it (a name, or a photo as proof). */
    courierName: text('courier_name'),
    receivedBy: text('received_by'),
    /** KTP and KK: Disdukcapil prints the card; its reference and the date it promised. */
    disdukcapilReference: text('disdukcapil_reference'),
    disdukcapilExpectedDate: text('disdukcapil_expected_date'),
    /** Complaints: when staff answered; the resident may reopen for 7 days after. */
    answeredAt: integer('answered_at'),
    /** Reminders sent for the current stage; the third one escalates to staff. */
    remindersSent: integer('reminders_sent').notNull().default(0),
    /** When the cron must look at this case next; null when nothing is scheduled. */
    nextActionAt: integer('next_action_at'),
    /** When it reached a terminal state (completed, rejected, cancelled, closed); null while open or reopened. */
    endedAt: integer('ended_at'),
    /** When its files were deleted from R2 after the kelurahan's retention_days; the row and letters stay. */
    purgedAt: integer('purged_at'),
    /** Optimistic concurrency: every write checks and bumps it. */
    version: integer('version').notNull().default(1),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('cases_kelurahan_code').on(t.kelurahanId, t.code),
    // Partial: the cron's cost grows with the work that is due, not with every case ever filed.
    index('cases_next_action').on(t.nextActionAt).where(sql`${t.nextActionAt} IS NOT NULL`),
    index('cases_kelurahan_state').on(t.kelurahanId, t.state),
    index('cases_applicant').on(t.applicantPersonId),
    index('cases_submitter').on(t.submitterPersonId),
    index('cases_rt_state').on(t.rtId, t.state),
    // Partial: the daily purge reads only ended cases whose files are still kept, never the purged past.
    index('cases_to_purge').on(t.kelurahanId, t.endedAt).where(sql`${t.endedAt} IS NOT NULL AND ${t.purgedAt} IS NULL`),
  ],
);

/** Per-kelurahan counters behind case codes: one row per prefix and month (e.g. KTP-2611). */
export const caseCodeCounters = sqliteTable(
  'case_code_counters',
  {
    kelurahanId: text('kelurahan_id').notNull().references(() => kelurahan.id),
    period: text('period').notNull(),
    lastSequence: integer('last_sequence').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kelurahanId, t.period] })],
);

export const caseDocuments = sqliteTable(
  'case_documents',
  {
    id: text('id').primaryKey(),
    kelurahanId: text('kelurahan_id').notNull().references(() => kelurahan.id),
    caseId: text('case_id').notNull().references(() => cases.id),
    /** What the resident uploaded for the service, a complaint's photo, or staff's output and courier proof. */
    requirement: text('requirement').$type<RequirementId | 'complaint_photo' | 'output' | 'handover_proof'>().notNull(),
    /**
     * pending: announced by the provider, the queue consumer has not stored it yet;
     * stored: in R2, type checked by its first bytes; rejected: not a JPEG, PNG or PDF, too
     * large, or damaged on the way (the resident is asked to send it again); failed: the
     * provider would not give it (gone, or timed out on every try): also asked again.
     */
    status: text('status').$type<'pending' | 'stored' | 'rejected' | 'failed'>().notNull().default('pending'),
    /** Fetch attempts so far (queue and cron together), bounded like outbox sends. */
    attempts: integer('attempts').notNull().default(0),
    /** The last fetch attempt started: a fetch still running is not started again. */
    lastAttemptAt: integer('last_attempt_at'),
    sourceChannel: text('source_channel').$type<Channel>().notNull(),
    /** The provider's media reference the consumer fetches from. */
    sourceRef: text('source_ref').notNull(),
    rejectReason: text('reject_reason'),
    /** Key in the private SCANS bucket; scans are never served publicly. */
    r2Key: text('r2_key').notNull(),
    /** As declared on arrival, then as found in the first bytes. */
    contentType: text('content_type').notNull(),
    filename: text('filename'),
    sizeBytes: integer('size_bytes'),
    /** Hex SHA-256 of the stored bytes (the provider's, when it gives one, is checked against it). */
    sha256: text('sha256'),
    /** Set when a revision replaced this document. */
    supersededAt: integer('superseded_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('documents_case').on(t.caseId), index('documents_status').on(t.status, t.createdAt)],
);

/** The timeline and audit trail: every change to a case, by whom and when. */
export const caseEvents = sqliteTable(
  'case_events',
  {
    id: text('id').primaryKey(),
    kelurahanId: text('kelurahan_id').notNull().references(() => kelurahan.id),
    caseId: text('case_id').notNull().references(() => cases.id),
    at: integer('at').notNull(),
    actorKind: text('actor_kind').$type<Actor>().notNull(),
    actorPersonId: text('actor_person_id'),
    actorStaffId: text('actor_staff_id'),
    kind: text('kind').notNull(),
    fromState: text('from_state').$type<CaseState>(),
    toState: text('to_state').$type<CaseState>(),
    /** JSON; never holds a full NIK, phone number or token. */
    detail: text('detail'),
  },
  (t) => [index('events_case_at').on(t.caseId, t.at), index('events_kelurahan_at').on(t.kelurahanId, t.at)],
);

/** Where each person is in the dialogue. Survives restarts; expires after a day of silence. */
export const conversations = sqliteTable(
  'conversations',
  {
    identityId: text('identity_id').primaryKey().references(() => channelIdentities.id),
    kelurahanId: text('kelurahan_id').notNull().references(() => kelurahan.id),
    flow: text('flow').notNull(),
    step: text('step').notNull(),
    data: text('data').notNull().default('{}'),
    version: integer('version').notNull().default(1),
    updatedAt: integer('updated_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('conversations_expires').on(t.expiresAt)],
);

/** Provider message ids already handled: a webhook retried by the provider has no second effect. */
export const processedMessages = sqliteTable(
  'processed_messages',
  {
    channel: text('channel').$type<Channel>().notNull(),
    messageId: text('message_id').notNull(),
    kelurahanId: text('kelurahan_id').notNull().references(() => kelurahan.id),
    receivedAt: integer('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.channel, t.messageId] }), index('processed_received').on(t.receivedAt)],
);

/** deferred: waits for the person's next message (a document outside WhatsApp's 24-hour window). */
export type OutboxStatus = 'pending' | 'sending' | 'deferred' | 'sent' | 'delivered' | 'read' | 'failed';

/** Outbound messages: written with the change that caused them, delivered by the queue consumer. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    kelurahanId: text('kelurahan_id').notNull().references(() => kelurahan.id),
    identityId: text('identity_id').notNull().references(() => channelIdentities.id),
    caseId: text('case_id'),
    /** JSON of the channel-neutral outbound message. */
    payload: text('payload').notNull(),
    /** Makes "send this reminder" idempotent when the cron runs twice. */
    dedupeKey: text('dedupe_key'),
    status: text('status').$type<OutboxStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    providerMessageId: text('provider_message_id'),
    lastError: text('last_error'),
    /** A long text goes out in parts: how many were sent, so a retry sends only the rest. */
    partsSent: integer('parts_sent').notNull().default(0),
    notBefore: integer('not_before').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('outbox_dedupe').on(t.kelurahanId, t.dedupeKey),
    index('outbox_status_due').on(t.status, t.notBefore),
    index('outbox_provider_message').on(t.providerMessageId),
  ],
);

export const staffUsers = sqliteTable(
  'staff_users',
  {
    id: text('id').primaryKey(),
    kelurahanId: text('kelurahan_id').notNull().references(() => kelurahan.id),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role').$type<'staff' | 'lurah' | 'admin'>().notNull(),
    /** pbkdf2-sha256$iterations$salt$hash, see src/staff/password.ts. */
    passwordHash: text('password_hash').notNull(),
    /** Notified on escalations (a channel identity of the staff member), optional. */
    identityId: text('identity_id'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('staff_username').on(t.username)],
);

/**
 * Signed-in staff. The cookie holds a random session id; only its SHA-256 is stored, so a copy
 * of the database (a backup, a leaked export) signs nobody in. kelurahan_id is the staff
 * member's at sign-in: a session whose staff member has since moved to another kelurahan ends.
 */
export const staffSessions = sqliteTable(
  'staff_sessions',
  {
    /** Hex SHA-256 of the session id in the cookie. */
    idHash: text('id_hash').primaryKey(),
    staffId: text('staff_id').notNull().references(() => staffUsers.id),
    kelurahanId: text('kelurahan_id').notNull().references(() => kelurahan.id),
    /** Random per session; every POST form of the desk carries it back as `_csrf`. */
    csrfToken: text('csrf_token').notNull(),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    /** The sooner of the idle and the absolute limit (src/desk/session.ts). */
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('staff_sessions_expires').on(t.expiresAt), index('staff_sessions_staff').on(t.staffId)],
);

/** Letters Loket issues (RT pengantar, output letters), checkable at /verify/{code}. */
export const letters = sqliteTable(
  'letters',
  {
    id: text('id').primaryKey(),
    kelurahanId: text('kelurahan_id').notNull().references(() => kelurahan.id),
    caseId: text('case_id').notNull().references(() => cases.id),
    kind: text('kind').$type<'pengantar_rt' | 'output'>().notNull(),
    number: text('number').notNull(),
    verificationCode: text('verification_code').notNull().unique(),
    issuedAt: integer('issued_at').notNull(),
    issuerName: text('issuer_name').notNull(),
    issuerRole: text('issuer_role').notNull(),
    r2Key: text('r2_key').notNull(),
    revokedAt: integer('revoked_at'),
    revokedReason: text('revoked_reason'),
    /** The PDF exists in R2 from this moment; before it, nobody is told the letter was made. */
    madeAt: integer('made_at'),
    /** Drawing or filing it failed for good; the chair and staff were told. */
    failedAt: integer('failed_at'),
  },
  (t) => [
    index('letters_case').on(t.caseId),
    // The cron's look for letters still open (nudge again, or fail when too old): few rows, however many letters were made.
    index('letters_open').on(t.issuedAt).where(sql`${t.madeAt} IS NULL AND ${t.failedAt} IS NULL AND ${t.revokedAt} IS NULL`),
  ],
);

export const holidays = sqliteTable(
  'holidays',
  {
    kelurahanId: text('kelurahan_id').notNull().references(() => kelurahan.id),
    /** Local date YYYY-MM-DD. */
    date: text('date').notNull(),
    name: text('name').notNull(),
    kind: text('kind').$type<'national' | 'cuti_bersama' | 'local'>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.kelurahanId, t.date] })],
);

/** Day 2 (Tabel 6 a): neighbours the RT chair asked to confirm they know the applicant. */
export const neighbourQuestions = sqliteTable(
  'neighbour_questions',
  {
    id: text('id').primaryKey(),
    kelurahanId: text('kelurahan_id').notNull().references(() => kelurahan.id),
    caseId: text('case_id').notNull().references(() => cases.id),
    identityId: text('identity_id').notNull().references(() => channelIdentities.id),
    answer: text('answer').$type<'yes' | 'no'>(),
    askedAt: integer('asked_at').notNull(),
    answeredAt: integer('answered_at'),
  },
  (t) => [index('neighbour_case').on(t.caseId), index('neighbour_identity').on(t.identityId)],
);

/** Codes staff make to link an RT chair (or a neighbour) to their chat: "/start CODE" or the code itself. */
export const invites = sqliteTable(
  'invites',
  {
    code: text('code').primaryKey(),
    kelurahanId: text('kelurahan_id').notNull().references(() => kelurahan.id),
    personId: text('person_id').notNull().references(() => people.id),
    role: text('role').$type<'rt_chair' | 'neighbour' | 'staff'>().notNull(),
    /** role 'staff': the staff account whose escalations reach the chat that uses the code. */
    staffUserId: text('staff_user_id'),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
    usedByIdentityId: text('used_by_identity_id'),
    /** Revoked on the admin page before it was used: it links nobody any more. */
    revokedAt: integer('revoked_at'),
  },
  (t) => [index('invites_person').on(t.personId)],
);

/**
 * Fixed-window counters for throttling (wrong invitation codes per sender, sign-ins): one row
 * per key, the window's start and the count within it.
 */
export const throttles = sqliteTable('throttles', {
  key: text('key').primaryKey(),
  windowStart: integer('window_start').notNull(),
  count: integer('count').notNull(),
});

/**
 * Every change made on the administration pages, with who made it: settings, RW and RT, chairs,
 * invitation codes, staff accounts, holidays. `detail` is JSON of what changed (never a password).
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    kelurahanId: text('kelurahan_id').notNull().references(() => kelurahan.id),
    staffUserId: text('staff_user_id').notNull(),
    at: integer('at').notNull(),
    /** What was done, e.g. 'kelurahan.update', 'rt.chair', 'invite.revoke', 'staff.reset', 'holiday.add'. */
    action: text('action').notNull(),
    /** What it was done to (an RT id, a staff id, a date...). */
    target: text('target'),
    detail: text('detail').notNull().default('{}'),
  },
  (t) => [index('audit_kelurahan_at').on(t.kelurahanId, t.at)],
);

/**
 * The satisfaction survey (SKM, Permenpan RB No. 14 Tahun 2017) a resident answers in the chat
 * after the hand-over: one row per case, the nine elements on the 1-4 scale as they are answered
 * (null until then: stopping halfway keeps what was given), and a free suggestion at the end.
 */
export const skmResponses = sqliteTable(
  'skm_responses',
  {
    id: text('id').primaryKey(),
    kelurahanId: text('kelurahan_id').notNull().references(() => kelurahan.id),
    caseId: text('case_id').notNull().unique(),
    personId: text('person_id').notNull(),
    service: text('service').notNull(),
    startedAt: integer('started_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    completedAt: integer('completed_at'),
    u1: integer('u1'),
    u2: integer('u2'),
    u3: integer('u3'),
    u4: integer('u4'),
    u5: integer('u5'),
    u6: integer('u6'),
    u7: integer('u7'),
    u8: integer('u8'),
    u9: integer('u9'),
    suggestion: text('suggestion'),
  },
  (t) => [index('skm_kelurahan_started').on(t.kelurahanId, t.startedAt)],
);
