/**
 * The second D1 round trip: the effects of one inbound message, the conversation state and the
 * outbox as one batch, which D1 runs as a single transaction. Its first statement records the
 * provider's message id and, in the same stroke, checks that the conversation was not changed
 * since it was read: a repeat fails on the primary key, a concurrent change on NOT NULL, and
 * either way nothing of the batch is written.
 */
import type { ChannelName } from '../../adapters/channel';
import type { ApplicantRef, Effect, Recipient } from '../bot/effects';
import { CASE_CODE_PLACEHOLDER } from '../bot/effects';
import type { ConversationState } from '../bot/state';
import type { Instant, IdSource } from '../domain/ports';
import type { QueueMessage } from '../jobs/queue-messages';
import { nextSequenceStatement } from '../cases/case-code-store';
import { revokeLettersOnEnd } from './letter-sql';
import { conversationExpiry } from './load-context';

export interface WriteInput {
  kelurahanId: string;
  channel: ChannelName;
  messageId: string;
  now: Instant;
  ids: IdSource;
  identity: { id: string; isNew: boolean; externalId: string; displayName: string | null; phone: string | null };
  personId: string;
  expectedVersion: number | null;
  state: ConversationState;
  effects: Effect[];
}

export interface WritePlan {
  statements: D1PreparedStatement[];
  /** Sent to the queue once the batch has committed. */
  queue: QueueMessage[];
  /** Index of the statement returning deferred outbox rows this message releases, if any. */
  releasedIndex: number | null;
}

export function planWrite(d1: D1Database, w: WriteInput): WritePlan {
  const k = w.kelurahanId;
  const now = w.now;
  const st: D1PreparedStatement[] = [];
  const queue: QueueMessage[] = [];
  const q = (sql: string, ...values: unknown[]) => st.push(d1.prepare(sql).bind(...values));
  let releasedIndex: number | null = null;

  q(
    `INSERT INTO processed_messages (channel, message_id, kelurahan_id, received_at)
     VALUES (?1, ?2, ?3, CASE WHEN (SELECT version FROM conversations WHERE identity_id = ?4) IS ?5 THEN ?6 ELSE NULL END)`,
    w.channel, w.messageId, k, w.identity.id, w.expectedVersion, now,
  );

  // A newcomer who opens with an invite code is the invited person from the first message on.
  const invite = w.effects.find((e) => e.type === 'use_invite');
  if (w.identity.isNew) {
    if (!invite) {
      q(
        'INSERT INTO people (id, kelurahan_id, full_name, phone, created_at) VALUES (?1, ?2, ?3, ?4, ?5)',
        w.personId, k, w.identity.displayName ?? '', w.identity.phone, now,
      );
    }
    q(
      `INSERT INTO channel_identities (id, kelurahan_id, person_id, channel, external_id, display_name, last_inbound_at, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)`,
      w.identity.id, k, invite ? invite.personId : w.personId, w.channel, w.identity.externalId, w.identity.displayName, now,
    );
  } else {
    // Opens WhatsApp's 24-hour customer service window, and with it the documents that waited.
    q('UPDATE channel_identities SET last_inbound_at = ?1, display_name = coalesce(?2, display_name) WHERE id = ?3', now, w.identity.displayName, w.identity.id);
    q("UPDATE outbox SET status = 'pending', updated_at = ?1 WHERE identity_id = ?2 AND status = 'deferred' RETURNING id", now, w.identity.id);
    releasedIndex = st.length - 1;
  }

  for (const e of w.effects) {
    switch (e.type) {
      case 'update_person':
        q(
          `UPDATE people SET full_name = coalesce(?1, full_name), nik = coalesce(?2, nik), rt_id = coalesce(?3, rt_id),
             locale = coalesce(?4, locale) WHERE id = ?5 AND kelurahan_id = ?6`,
          e.fullName ?? null, e.nik ?? null, e.rtId ?? null, e.locale ?? null, e.personId, k,
        );
        break;
      case 'create_case': {
        const applicant = applicantSql(e.applicant, k, now, q);
        st.push(nextSequenceStatement(d1, k, e.codePeriod));
        q(
          `INSERT INTO cases (id, kelurahan_id, code, kind, service, state, applicant_person_id, submitter_person_id, rt_id,
             complaint_text, related_case_id, due_at, next_action_at, created_at, updated_at, given_name, given_nik)
           VALUES (?1, ?2, ?3 || '-' || printf('%04d', (SELECT last_sequence FROM case_code_counters WHERE kelurahan_id = ?2 AND period = ?3)),
             ?4, ?5, ?6, ${applicant.sql}, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, ?16, ?17)`,
          e.caseId, k, e.codePeriod, e.kind, e.service, e.state, e.submitterPersonId, e.rtId, e.complaintText ?? null,
          e.relatedCaseId ?? null, e.dueAt ?? null, e.nextActionAt ?? null, now, ...applicant.params,
          ...Array(2 - applicant.params.length).fill(null), e.givenName ?? null, e.givenNik ?? null,
        );
        event(q, w, e.caseId, 'created', e.actor, null, e.state, e.submitterPersonId ? { for_other: true } : undefined);
        break;
      }
      case 'transition': {
        const sets = ['state = ?1', 'version = version + 1', 'updated_at = ?2'];
        const values: unknown[] = [e.to, now];
        for (const [key, value] of Object.entries(e.set ?? {})) {
          values.push(typeof value === 'boolean' ? Number(value) : value);
          sets.push(`${COLUMN[key as keyof typeof COLUMN]} = ?${values.length}`);
        }
        values.push(e.caseId, k, e.from);
        const n = values.length;
        q(`UPDATE cases SET ${sets.join(', ')} WHERE id = ?${n - 2} AND kelurahan_id = ?${n - 1} AND state = ?${n}`, ...values);
        // Someone else moved the case since it was read (the chair approving while the resident
        // cancels): the event's time becomes NULL, NOT NULL aborts the whole batch, and the
        // message is run again on the fresh state. Nothing of the stale decision is written.
        event(q, w, e.caseId, e.event, e.actor, e.from, e.to, e.detail, true);
        const revoke = revokeLettersOnEnd(d1, { caseId: e.caseId, kelurahanId: k, event: e.event, to: e.to, now });
        if (revoke) st.push(revoke);
        break;
      }
      case 'case_event':
        if (e.setApplicantConfirmedAt !== undefined) {
          q('UPDATE cases SET applicant_confirmed_at = ?1, updated_at = ?1 WHERE id = ?2 AND kelurahan_id = ?3', e.setApplicantConfirmedAt, e.caseId, k);
          // Confirmed by the applicant: what the helper typed may now fill the person's gaps.
          q(
            `UPDATE people SET full_name = CASE WHEN full_name = '' THEN coalesce(c.given_name, full_name) ELSE full_name END,
               nik = coalesce(nik, c.given_nik), rt_id = coalesce(people.rt_id, c.rt_id)
             FROM (SELECT applicant_person_id, given_name, given_nik, rt_id FROM cases WHERE id = ?1) AS c
             WHERE people.id = c.applicant_person_id`,
            e.caseId,
          );
        }
        if (e.setApplicantDeniedAt !== undefined) {
          q('UPDATE cases SET applicant_denied_at = ?1, updated_at = ?1 WHERE id = ?2 AND kelurahan_id = ?3', e.setApplicantDeniedAt, e.caseId, k);
        }
        event(q, w, e.caseId, e.kind, e.actor, null, null, e.detail);
        break;
      case 'add_document': {
        if (e.supersedes) {
          q(
            'UPDATE case_documents SET superseded_at = ?1 WHERE case_id = ?2 AND requirement = ?3 AND superseded_at IS NULL',
            now, e.caseId, e.requirement,
          );
        }
        q(
          `INSERT INTO case_documents (id, kelurahan_id, case_id, requirement, status, source_channel, source_ref, r2_key,
             content_type, filename, size_bytes, sha256, created_at)
           VALUES (?1, ?2, ?3, ?4, 'pending', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)`,
          e.documentId, k, e.caseId, e.requirement, w.channel, e.media.ref, scanKey(k, e.caseId, e.documentId),
          e.media.mimeType, e.media.filename ?? null, e.media.sizeBytes ?? null, e.media.sha256 ?? null, now,
        );
        // A draft someone is still working on is not abandoned.
        q('UPDATE cases SET updated_at = ?1 WHERE id = ?2', now, e.caseId);
        event(q, w, e.caseId, 'document_received', 'resident', null, null, { requirement: e.requirement, document_id: e.documentId });
        queue.push({ type: 'fetch_media', documentId: e.documentId });
        break;
      }
      case 'issue_letter': {
        // Letter numbers run per issuer and year, e.g. PGT-RT03RW02-2026 -> 0001/PGT-RT03RW02-2026.
        st.push(nextSequenceStatement(d1, k, e.numberPrefix));
        q(
          `INSERT INTO letters (id, kelurahan_id, case_id, kind, number, verification_code, issued_at, issuer_name, issuer_role, r2_key)
           VALUES (?1, ?2, ?3, ?4, printf('%04d', (SELECT last_sequence FROM case_code_counters WHERE kelurahan_id = ?2 AND period = ?5)) || '/' || ?5,
             ?6, ?7, ?8, ?9, ?10)`,
          e.letterId, k, e.caseId, e.kind, e.numberPrefix, e.verificationCode, now, e.issuerName, e.issuerRole,
          `letters/${k}/${e.caseId}/${e.letterId}.pdf`,
        );
        event(q, w, e.caseId, 'letter_issued', 'rt_chair', null, null, { letter_id: e.letterId, kind: e.kind });
        queue.push({ type: 'make_letter', letterId: e.letterId });
        break;
      }
      case 'ask_neighbour':
        reachByPhone(q, k, now, { personId: e.newPersonId, identityId: e.newIdentityId, channel: e.channel, phone: e.phone });
        q(
          `INSERT INTO neighbour_questions (id, kelurahan_id, case_id, identity_id, asked_at)
           VALUES (?1, ?2, ?3, (SELECT id FROM channel_identities WHERE kelurahan_id = ?2 AND channel = ?4 AND external_id = ?5), ?6)`,
          e.questionId, k, e.caseId, e.channel, e.phone, now,
        );
        break;
      case 'await_answer': {
        const state: ConversationState = { step: e.step, data: {}, history: [], choices: e.choices };
        q(
          `INSERT INTO conversations (identity_id, kelurahan_id, flow, step, data, version, updated_at, expires_at)
           SELECT ci.id, ?1, 'confirm', ?2, ?3, 1, ?4, ?5 FROM channel_identities ci
           WHERE ci.kelurahan_id = ?1 AND ci.channel = ?6 AND ci.external_id = ?7
           ON CONFLICT (identity_id) DO UPDATE SET flow = excluded.flow, step = excluded.step, data = excluded.data,
             version = conversations.version + 1, updated_at = excluded.updated_at, expires_at = excluded.expires_at
           WHERE conversations.step IN ('idle', 'menu') OR conversations.expires_at < excluded.updated_at`,
          k, e.step, JSON.stringify(state), now, conversationExpiry(now), e.to.channel, e.to.externalId,
        );
        break;
      }
      case 'use_invite':
        q('UPDATE invites SET used_at = ?1, used_by_identity_id = ?2 WHERE code = ?3 AND kelurahan_id = ?4 AND used_at IS NULL', now, w.identity.id, e.code, k);
        // Twenty chats sending one code at once all read it unused; only the first to write it
        // changes a row. For the others person_id becomes NULL, NOT NULL aborts their batch, and
        // their message is run again, now seeing the code spent.
        q('UPDATE channel_identities SET person_id = CASE WHEN changes() = 1 THEN ?1 END WHERE id = ?2', e.personId, w.identity.id);
        q("UPDATE people SET phone = coalesce(phone, ?1) WHERE id = ?2", w.identity.phone, e.personId);
        break;
      case 'throttle_hit':
        q(
          `INSERT INTO throttles (key, window_start, count) VALUES (?1, ?2, 1)
           ON CONFLICT (key) DO UPDATE SET
             count = CASE WHEN ?2 - throttles.window_start >= ?3 THEN 1 ELSE throttles.count + 1 END,
             window_start = CASE WHEN ?2 - throttles.window_start >= ?3 THEN ?2 ELSE throttles.window_start END`,
          e.key, now, e.windowMs,
        );
        break;
      case 'answer_question':
        q('UPDATE neighbour_questions SET answer = ?1, answered_at = ?2 WHERE id = ?3 AND answer IS NULL', e.answer, now, e.questionId);
        // Locks the case at the version read: a neighbour answering at the same moment is run
        // again and then sees this answer, so the last one hands the case back to the chair.
        q('UPDATE cases SET version = version + 1, updated_at = ?1 WHERE id = ?2 AND version = ?3', now, e.caseId, e.caseVersion);
        event(q, w, e.caseId, 'neighbour_answer', 'neighbour', null, null, { question_id: e.questionId, answer: e.answer }, true);
        break;
      case 'send': {
        const outboxId = w.ids.newId();
        const target = recipientSql(e.to);
        q(
          `INSERT INTO outbox (id, kelurahan_id, identity_id, case_id, payload, status, not_before, created_at, updated_at)
           SELECT ?1, ?2, ci.id, ?3, replace(?4, '${CASE_CODE_PLACEHOLDER}', coalesce((SELECT code FROM cases WHERE id = ?3), '')),
             'pending', ?5, ?5, ?5
           FROM channel_identities ci WHERE ci.kelurahan_id = ?2 AND ${target.where} LIMIT 1`,
          outboxId, k, e.caseId ?? null, JSON.stringify(e.message), now, ...target.params,
        );
        queue.push({ type: 'deliver', outboxId });
        break;
      }
    }
  }

  const flow = w.state.step.split('.')[0]!;
  q(
    `INSERT INTO conversations (identity_id, kelurahan_id, flow, step, data, version, updated_at, expires_at)
     VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?7)
     ON CONFLICT (identity_id) DO UPDATE SET flow = excluded.flow, step = excluded.step, data = excluded.data,
       version = conversations.version + 1, updated_at = excluded.updated_at, expires_at = excluded.expires_at`,
    w.identity.id, k, flow, w.state.step, JSON.stringify(w.state), now, conversationExpiry(now),
  );
  return { statements: st, queue, releasedIndex };
}

/** Scans live under the kelurahan and case, in the private bucket. */
export function scanKey(kelurahanId: string, caseId: string, documentId: string): string {
  return `scans/${kelurahanId}/${caseId}/${documentId}`;
}

const COLUMN = {
  submittedAt: 'submitted_at',
  day1DueAt: 'day1_due_at',
  day2DueAt: 'day2_due_at',
  day3DueAt: 'day3_due_at',
  dueAt: 'due_at',
  nextActionAt: 'next_action_at',
  delivery: 'delivery',
  deliveryAddress: 'delivery_address',
  pengantarApproved: 'pengantar_approved',
  revisionRequirement: 'revision_requirement',
  revisionReason: 'revision_reason',
  remindersSent: 'reminders_sent',
} as const;

type Push = (sql: string, ...values: unknown[]) => void;

function event(
  q: Push, w: WriteInput, caseId: string, kind: string, actor: string, from: string | null, to: string | null, detail?: Record<string, unknown>,
  afterGuardedUpdate = false,
): void {
  q(
    `INSERT INTO case_events (id, kelurahan_id, case_id, at, actor_kind, actor_person_id, kind, from_state, to_state, detail)
     VALUES (?1, ?2, ?3, ${afterGuardedUpdate ? 'CASE WHEN changes() = 1 THEN ?4 END' : '?4'}, ?5, ?6, ?7, ?8, ?9, ?10)`,
    w.ids.newId(), w.kelurahanId, caseId, w.now, actor, w.personId, kind, from, to, detail ? JSON.stringify(detail) : null,
  );
}

/** SQL for the applicant's person id (parameters numbered after the case insert's 13). */
function applicantSql(a: ApplicantRef, k: string, now: Instant, q: Push): { sql: string; params: unknown[] } {
  switch (a.kind) {
    case 'person':
      return { sql: '?14', params: [a.personId] };
    case 'new':
      // Without a phone nobody can ever confirm, so the helper's words never become a record:
      // the row stays empty and only anchors the case, which holds the name, NIK and RT given.
      // Everything that shows the applicant reads the case first (coalesce(given_name, ...)).
      q("INSERT INTO people (id, kelurahan_id, full_name, created_at) VALUES (?1, ?2, '', ?3)", a.personId, k, now);
      return { sql: '?14', params: [a.personId] };
    case 'phone': {
      // A phone that already reaches Loket belongs to a person we know: link to them. A new one
      // gets an empty record with only its number until its owner confirms (or writes to us).
      reachByPhone(q, k, now, { personId: a.newPersonId, identityId: a.newIdentityId, channel: a.channel, phone: a.phone });
      return {
        sql: '(SELECT person_id FROM channel_identities WHERE kelurahan_id = ?2 AND channel = ?15 AND external_id = ?14)',
        params: [a.phone, a.channel],
      };
    }
  }
}

/**
 * Makes a phone number Loket was given (an applicant's, a neighbour's) reachable: a number that
 * already reaches Loket keeps its person; a new one gets an empty person with only the number,
 * so nothing typed by someone else lands on the owner's record.
 */
function reachByPhone(q: Push, k: string, now: Instant, p: { personId: string; identityId: string; channel: ChannelName; phone: string }): void {
  q(
    `INSERT INTO people (id, kelurahan_id, full_name, phone, created_at)
     SELECT ?1, ?2, '', ?3, ?4 WHERE NOT EXISTS (
       SELECT 1 FROM channel_identities WHERE kelurahan_id = ?2 AND channel = ?5 AND external_id = ?3)`,
    p.personId, k, p.phone, now, p.channel,
  );
  q(
    `INSERT INTO channel_identities (id, kelurahan_id, person_id, channel, external_id, created_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (kelurahan_id, channel, external_id) DO NOTHING`,
    p.identityId, k, p.personId, p.channel, p.phone, now,
  );
}

/** A WHERE clause over `ci` (channel_identities) choosing the recipient; parameters from ?6. */
function recipientSql(to: Recipient): { where: string; params: unknown[] } {
  if ('identityId' in to) return { where: 'ci.id = ?6', params: [to.identityId] };
  if ('personId' in to) {
    return { where: 'ci.person_id = ?6 ORDER BY ci.last_inbound_at DESC NULLS LAST, ci.created_at', params: [to.personId] };
  }
  return { where: 'ci.channel = ?6 AND ci.external_id = ?7', params: [to.channel, to.externalId] };
}
