/**
 * Draws a letter's PDF in the queue consumer (never on the webhook path), files it in the private
 * bucket, and only then marks it made and tells people: the applicant (and the helper who applied
 * for them) get the approval and the PDF, the RT chair that it was sent. Until then /verify says
 * the letter is being made. A letter that cannot be made is marked failed, recorded on the case,
 * and the chair, the kelurahan's staff and the applicant are told; it never ends silently in the
 * dead-letter queue nor stays "being made" (failOpenLetter, for the DLQ and the cron).
 * Idempotent: a letter made, failed or revoked is left alone, and every message has a dedupe key.
 */
import { localMoment } from '../domain/calendar';
import { isTerminal, type CaseState } from '../domain/case-machine';
import { isLocale, t, type Locale } from '../domain/messages';
import { formatLongDate } from '../domain/messages/dates';
import { maskNik } from '../domain/nik';
import type { IdSource, Instant } from '../domain/ports';
import type { ServiceId } from '../domain/services';
import { log } from '../log';
import { outboxToIdentity, outboxToPerson } from '../pipeline/outbox-sql';
import type { QueueMessage } from './queue-messages';

/**
 * Tries before a storage or database failure counts as for good: about ten minutes of backoff
 * (jobs/backoff.ts), and below the queue's max_retries (wrangler.toml) so that the job, not the
 * dead-letter queue, has the last word.
 */
export const LETTER_MAX_ATTEMPTS = 8;

const PURPOSE: Record<ServiceId, string> = {
  ktp: 'Pembuatan KTP',
  kk: 'Pembuatan Kartu Keluarga',
  nikah: 'Surat pengantar nikah',
  situ: 'Surat Izin Tempat Usaha (SITU)',
};

interface LetterRow {
  id: string; kelurahan_id: string; case_id: string; kind: string; number: string; verification_code: string; issued_at: number;
  issuer_name: string; r2_key: string; made_at: number | null; failed_at: number | null; revoked_at: number | null;
  case_code: string; service: ServiceId | null; state: CaseState; day3_due_at: number | null;
  applicant_person_id: string; submitter_person_id: string | null; applicant_name: string; nik: string | null;
  locale: string; submitter_locale: string | null; chair_person_id: string | null; chair_locale: string | null;
  rt_number: number | null; rw_number: number | null; kelurahan: string; kecamatan: string; city: string; utc_offset_minutes: number;
}

const localeOf = (value: string | null): Locale => (value && isLocale(value) ? value : 'id');
const pad2 = (n: unknown) => String(n ?? 0).padStart(2, '0');

/** Why a letter failed for good: drawing it, filing it, its job dead-lettered, or never done in time. */
type FailStage = 'render' | 'storage' | 'dead_letter' | 'stuck';

function loadLetter(env: Env, letterId: string): Promise<LetterRow | null> {
  return env.DB.prepare(
    `SELECT l.id, l.kelurahan_id, l.case_id, l.kind, l.number, l.verification_code, l.issued_at, l.issuer_name, l.r2_key,
            l.made_at, l.failed_at, l.revoked_at, c.code AS case_code, c.service, c.state, c.day3_due_at,
            c.applicant_person_id, c.submitter_person_id, coalesce(c.given_name, a.full_name) AS applicant_name,
            coalesce(c.given_nik, a.nik) AS nik, a.locale, s.locale AS submitter_locale, rt.chair_person_id, ch.locale AS chair_locale,
            rt.number AS rt_number, rw.number AS rw_number, k.name AS kelurahan, k.kecamatan, k.city, k.utc_offset_minutes
     FROM letters l JOIN cases c ON c.id = l.case_id JOIN people a ON a.id = c.applicant_person_id
     JOIN kelurahan k ON k.id = l.kelurahan_id LEFT JOIN people s ON s.id = c.submitter_person_id
     LEFT JOIN rt ON rt.id = c.rt_id LEFT JOIN rw ON rw.id = rt.rw_id LEFT JOIN people ch ON ch.id = rt.chair_person_id
     WHERE l.id = ?1`,
  )
    .bind(letterId)
    .first<LetterRow>();
}

export async function makeLetter(env: Env, letterId: string, now: Instant, ids: IdSource, attempts = 1): Promise<QueueMessage[]> {
  const l = await loadLetter(env, letterId);
  // Made, failed or revoked (the case ended first): a repeated nudge has nothing left to do.
  if (!l || l.made_at !== null || l.failed_at !== null || l.revoked_at !== null) return [];

  let bytes: Uint8Array;
  try {
    // Loaded here, not at startup: pdf-lib, fontkit and the fonts are most of the bundle and only
    // this job needs them.
    const { renderPengantarPdf } = await import('../letters/pengantar-pdf');
    bytes = await renderPengantarPdf(letterContent(env, l));
  } catch (err) {
    // The same letter draws the same way every time: retrying cannot help.
    return failLetter(env, l, 'render', err, now, ids);
  }
  try {
    await env.SCANS.put(l.r2_key, bytes, { httpMetadata: { contentType: 'application/pdf' } });
    return await announce(env, l, now, ids);
  } catch (err) {
    if (attempts < LETTER_MAX_ATTEMPTS) throw err;
    return failLetter(env, l, 'storage', err, now, ids);
  }
}

/**
 * A letter whose job will not run again (dead-lettered) or still open long after it was issued:
 * failed as a drawing error would be, so nobody waits for a letter that is not coming.
 */
export async function failOpenLetter(env: Env, letterId: string, stage: 'dead_letter' | 'stuck', now: Instant, ids: IdSource): Promise<QueueMessage[]> {
  const l = await loadLetter(env, letterId);
  if (!l || l.made_at !== null || l.failed_at !== null || l.revoked_at !== null) return [];
  return failLetter(env, l, stage, null, now, ids);
}

function letterContent(env: Env, l: LetterRow) {
  const base = (env.PUBLIC_BASE_URL || 'http://localhost:8787').replace(/\/+$/, '');
  return {
    number: l.number,
    kelurahan: l.kelurahan,
    kecamatan: l.kecamatan,
    city: l.city,
    rt: pad2(l.rt_number),
    rw: pad2(l.rw_number),
    chairName: l.issuer_name,
    applicantName: l.applicant_name,
    applicantNikMasked: maskNik(l.nik ?? ''),
    purpose: (l.service && PURPOSE[l.service]) ?? '-',
    caseCode: l.case_code,
    issuedOn: formatLongDate('id', localMoment(l.issued_at, l.utc_offset_minutes).date).replace(/^[^,]+, /, ''),
    verificationCode: l.verification_code,
    verifyUrl: `${base}/verify/${l.verification_code}`,
  };
}

/** The PDF is in R2: mark the letter made and send it, all in one write. */
async function announce(env: Env, l: LetterRow, now: Instant, ids: IdSource): Promise<QueueMessage[]> {
  const db = env.DB;
  const queued: QueueMessage[] = [];
  const st: D1PreparedStatement[] = [
    db.prepare('UPDATE letters SET made_at = ?1 WHERE id = ?2 AND made_at IS NULL AND failed_at IS NULL AND revoked_at IS NULL').bind(now, l.id),
    // Revoked while it was drawn (the case was cancelled): the NULL time aborts the whole write.
    caseEvent(db, ids, l, now, 'letter_made', { letter_id: l.id }, true),
  ];
  const send = (personId: string, key: string, message: unknown) => {
    const id = ids.newId();
    st.push(outboxToPerson(db, personId, { id, kelurahanId: l.kelurahan_id, caseId: l.case_id, payload: JSON.stringify(message), dedupeKey: key, now }));
    queued.push({ type: 'deliver', outboxId: id });
  };
  for (const [personId, locale] of applicants(l)) {
    if (l.kind === 'pengantar_rt') send(personId, `letter:${l.id}:${personId}:text`, { kind: 'text', text: approvalLines(l, locale).join('\n') });
    send(personId, `letter:${l.id}:${personId}`, {
      kind: 'document',
      r2Key: l.r2_key,
      filename: `surat-pengantar-${l.case_code}.pdf`,
      mimeType: 'application/pdf',
      caption: t(locale, 'letter.caption', { code: l.case_code }),
    });
  }
  if (l.chair_person_id) {
    send(l.chair_person_id, `letter:${l.id}:chair`, {
      kind: 'text', text: t(localeOf(l.chair_locale), 'rt.approved_chair', { name: l.applicant_name, code: l.case_code }),
    });
  }
  await db.batch(st);
  return queued;
}

/** The applicant, and the helper who applied for them: both hear what became of the letter. */
function applicants(l: LetterRow): [string, Locale][] {
  const recipients: [string, Locale][] = [[l.applicant_person_id, localeOf(l.locale)]];
  if (l.submitter_person_id && l.submitter_person_id !== l.applicant_person_id) recipients.push([l.submitter_person_id, localeOf(l.submitter_locale)]);
  return recipients;
}

/** The chair's approval, and the promised date once the three days have started. */
function approvalLines(l: LetterRow, locale: Locale): string[] {
  const started = l.day3_due_at !== null && !isTerminal(l.state);
  const lines = [t(locale, 'resident.pengantar_approved', { code: l.case_code })];
  if (started) lines.push(t(locale, 'resident.processing_starts', { date: formatLongDate(locale, localMoment(l.day3_due_at!, l.utc_offset_minutes).date) }));
  return lines;
}

/**
 * For good: the letter is marked failed (so /verify says it is not valid), the failure is
 * recorded on the case, and the RT chair and the staff of the case's kelurahan are told what
 * happened and what happens next. The applicant (and their helper) hear what the letter would
 * have told them, the approval and the date, and that the letter comes from the office instead.
 */
async function failLetter(env: Env, l: LetterRow, stage: FailStage, err: unknown, now: Instant, ids: IdSource): Promise<QueueMessage[]> {
  // The error's class only: a message may quote the name drawn on the letter.
  log.error('letter.failed', { letter: l.id, case: l.case_id, stage, error: err === null ? 'none' : err instanceof Error ? err.name : typeof err });
  const db = env.DB;
  const staff = await db
    .prepare('SELECT id, identity_id FROM staff_users WHERE kelurahan_id = ?1 AND identity_id IS NOT NULL')
    .bind(l.kelurahan_id)
    .all<{ id: string; identity_id: string }>();
  const queued: QueueMessage[] = [];
  const key = `letter_failed:${l.id}`;
  const st: D1PreparedStatement[] = [
    db.prepare('UPDATE letters SET failed_at = ?1 WHERE id = ?2 AND made_at IS NULL AND failed_at IS NULL AND revoked_at IS NULL').bind(now, l.id),
    caseEvent(db, ids, l, now, 'letter_failed', { letter_id: l.id, stage }, true),
    caseEvent(db, ids, l, now, 'escalated', { key }),
  ];
  if (l.chair_person_id) {
    const id = ids.newId();
    const text = t(localeOf(l.chair_locale), 'rt.letter_failed', { name: l.applicant_name, code: l.case_code });
    st.push(outboxToPerson(db, l.chair_person_id, { id, kelurahanId: l.kelurahan_id, caseId: l.case_id, payload: JSON.stringify({ kind: 'text', text }), dedupeKey: `${key}:chair`, now }));
    queued.push({ type: 'deliver', outboxId: id });
  }
  if (l.kind === 'pengantar_rt') {
    for (const [personId, locale] of applicants(l)) {
      const id = ids.newId();
      const text = [...approvalLines(l, locale), t(locale, 'resident.letter_from_office')].join('\n');
      st.push(outboxToPerson(db, personId, { id, kelurahanId: l.kelurahan_id, caseId: l.case_id, payload: JSON.stringify({ kind: 'text', text }), dedupeKey: `${key}:${personId}`, now }));
      queued.push({ type: 'deliver', outboxId: id });
    }
  }
  const what = t('id', 'notice.letter_failed', { number: l.number, rt: pad2(l.rt_number), rw: pad2(l.rw_number) });
  const payload = JSON.stringify({ kind: 'text', text: t('id', 'notice.escalate', { code: l.case_code, what }) });
  for (const member of staff.results) {
    const id = ids.newId();
    st.push(outboxToIdentity(db, member.identity_id, { id, kelurahanId: l.kelurahan_id, caseId: l.case_id, payload, dedupeKey: `${key}:${member.id}`, now }));
    queued.push({ type: 'deliver', outboxId: id });
  }
  try {
    await db.batch(st);
  } catch (writeErr) {
    // Made, failed or revoked meanwhile (the guarded event aborted the write): nothing to tell.
    const fresh = await db.prepare('SELECT made_at, failed_at, revoked_at FROM letters WHERE id = ?1').bind(l.id).first<Record<string, number | null>>();
    if (fresh && (fresh.made_at !== null || fresh.failed_at !== null || fresh.revoked_at !== null)) return [];
    throw writeErr;
  }
  return queued;
}

/** With `afterGuardedUpdate`, an update of the letter that changed nothing aborts the write. */
function caseEvent(db: D1Database, ids: IdSource, l: LetterRow, now: Instant, kind: string, detail: unknown, afterGuardedUpdate = false) {
  return db
    .prepare(
      `INSERT INTO case_events (id, kelurahan_id, case_id, at, actor_kind, kind, detail)
       VALUES (?1, ?2, ?3, ${afterGuardedUpdate ? 'CASE WHEN changes() = 1 THEN ?4 END' : '?4'}, 'system', ?5, ?6)`,
    )
    .bind(ids.newId(), l.kelurahan_id, l.case_id, now, kind, JSON.stringify(detail));
}
