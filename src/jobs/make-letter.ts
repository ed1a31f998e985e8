/**
 * Draws a letter's PDF in the queue consumer (never on the webhook path), files it in the private
 * bucket, and only then marks it made and tells people: the applicant (and the helper who applied
 * for them) get the approval and the PDF, the RT chair that it was sent. Until then /verify says
 * the letter is being made. A letter that cannot be made is marked failed, recorded on the case,
 * and the chair, the kelurahan's staff and the applicant are told; it never ends silently in the
 * dead-letter queue nor stays "being made" (failOpenLetter, for the DLQ and the cron).
 * Idempotent: a letter made, failed or revoked is left alone, and every message has a dedupe key.
 */
import { dbOf, runBatch, type Db, type Statement } from '../db/client';
import { recordCaseEvent } from '../db/cases';
import { letterEnding, letterToMake, markLetterFailed, markLetterMade, type LetterToMake } from '../db/letters';
import { outboxToPerson, outboxToIdentity } from '../db/outbox';
import { linkedStaffChats } from '../db/staff';
import { localMoment } from '../domain/calendar';
import { isTerminal } from '../domain/case-machine';
import { isLocale, t, type Locale } from '../domain/messages';
import { formatLongDate } from '../domain/messages/dates';
import { maskNik } from '../domain/nik';
import type { IdSource, Instant } from '../framework/ports';
import type { ServiceId } from '../domain/services';
import { log } from '../framework/log';
import type { QueueMessage } from './queue-messages';

/**
 * Tries before a storage or database failure counts as for good: about ten minutes of backoff
 * (framework/backoff.ts), and below the queue's max_retries (wrangler.toml) so that the job, not the
 * dead-letter queue, has the last word.
 */
export const LETTER_MAX_ATTEMPTS = 8;

const PURPOSE: Record<ServiceId, string> = {
  ktp: 'Pembuatan KTP',
  kk: 'Pembuatan Kartu Keluarga',
  nikah: 'Surat pengantar nikah',
  situ: 'Surat Izin Tempat Usaha (SITU)',
};

const localeOf = (value: string | null): Locale => (value && isLocale(value) ? value : 'id');
const pad2 = (n: unknown) => String(n ?? 0).padStart(2, '0');

/** Why a letter failed for good: drawing it, filing it, its job dead-lettered, or never done in time. */
type FailStage = 'render' | 'storage' | 'dead_letter' | 'stuck';

function loadLetter(env: Env, letterId: string) {
  return letterToMake(dbOf(env.DB), letterId);
}

export async function makeLetter(env: Env, letterId: string, now: Instant, ids: IdSource, attempts = 1): Promise<QueueMessage[]> {
  const l = await loadLetter(env, letterId);
  // Made, failed or revoked (the case ended first): a repeated nudge has nothing left to do.
  if (!l || l.madeAt !== null || l.failedAt !== null || l.revokedAt !== null) return [];

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
    await env.SCANS.put(l.r2Key, bytes, { httpMetadata: { contentType: 'application/pdf' } });
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
  if (!l || l.madeAt !== null || l.failedAt !== null || l.revokedAt !== null) return [];
  return failLetter(env, l, stage, null, now, ids);
}

function letterContent(env: Env, l: LetterToMake) {
  const base = (env.PUBLIC_BASE_URL || 'http://localhost:8787').replace(/\/+$/, '');
  return {
    number: l.number,
    kelurahan: l.kelurahan,
    kecamatan: l.kecamatan,
    city: l.city,
    rt: pad2(l.rtNumber),
    rw: pad2(l.rwNumber),
    chairName: l.issuerName,
    applicantName: l.applicantName,
    applicantNikMasked: maskNik(l.nik ?? ''),
    purpose: (l.service && PURPOSE[l.service]) ?? '-',
    caseCode: l.caseCode,
    issuedOn: formatLongDate('id', localMoment(l.issuedAt, l.utcOffsetMinutes).date).replace(/^[^,]+, /, ''),
    verificationCode: l.verificationCode,
    verifyUrl: `${base}/verify/${l.verificationCode}`,
    issuer: l.kind === 'output' ? ('kelurahan' as const) : ('rt' as const),
    business: l.service === 'situ' && l.businessName ? { name: l.businessName, kind: l.businessKind, address: l.businessAddress } : null,
  };
}

/** The PDF is in R2: mark the letter made and send it, all in one write. */
async function announce(env: Env, l: LetterToMake, now: Instant, ids: IdSource): Promise<QueueMessage[]> {
  const db = dbOf(env.DB);
  const queued: QueueMessage[] = [];
  const st: Statement[] = [
    markLetterMade(db, l.id, now),
    // Revoked while it was drawn (the case was cancelled): the NULL time aborts the whole write.
    caseEvent(db, ids, l, now, 'letter_made', { letter_id: l.id }, true),
  ];
  const send = (personId: string, key: string, message: unknown) => {
    const id = ids.newId();
    st.push(outboxToPerson(db, personId, { id, kelurahanId: l.kelurahanId, caseId: l.caseId, payload: JSON.stringify(message), dedupeKey: key, now }));
    queued.push({ type: 'deliver', outboxId: id });
  };
  // The kelurahan's own letter is the output of day 3: the resident receives it with "Hasil siap"
  // from the desk, once staff have seen it made.
  if (l.kind === 'output') {
    await runBatch(db, st);
    return queued;
  }
  for (const [personId, locale] of applicants(l)) {
    if (l.kind === 'pengantar_rt') send(personId, `letter:${l.id}:${personId}:text`, { kind: 'text', text: approvalLines(l, locale).join('\n') });
    send(personId, `letter:${l.id}:${personId}`, {
      kind: 'document',
      r2Key: l.r2Key,
      filename: `surat-pengantar-${l.caseCode}.pdf`,
      mimeType: 'application/pdf',
      caption: t(locale, 'letter.caption', { code: l.caseCode }),
    });
  }
  if (l.chairPersonId) {
    send(l.chairPersonId, `letter:${l.id}:chair`, {
      kind: 'text', text: t(localeOf(l.chairLocale), 'rt.approved_chair', { name: l.applicantName, code: l.caseCode }),
    });
  }
  await runBatch(db, st);
  return queued;
}

/** The applicant, and the helper who applied for them: both hear what became of the letter. */
function applicants(l: LetterToMake): [string, Locale][] {
  const recipients: [string, Locale][] = [[l.applicantPersonId, localeOf(l.locale)]];
  if (l.submitterPersonId && l.submitterPersonId !== l.applicantPersonId) recipients.push([l.submitterPersonId, localeOf(l.submitterLocale)]);
  return recipients;
}

/** The chair's approval, and the promised date once the three days have started. */
function approvalLines(l: LetterToMake, locale: Locale): string[] {
  const started = l.day3DueAt !== null && !isTerminal(l.state);
  const lines = [t(locale, 'resident.pengantar_approved', { code: l.caseCode })];
  if (started) lines.push(t(locale, 'resident.processing_starts', { date: formatLongDate(locale, localMoment(l.day3DueAt!, l.utcOffsetMinutes).date) }));
  return lines;
}

/**
 * For good: the letter is marked failed (so /verify says it is not valid), the failure is
 * recorded on the case, and the RT chair and the staff of the case's kelurahan are told what
 * happened and what happens next. The applicant (and their helper) hear what the letter would
 * have told them, the approval and the date, and that the letter comes from the office instead.
 */
async function failLetter(env: Env, l: LetterToMake, stage: FailStage, err: unknown, now: Instant, ids: IdSource): Promise<QueueMessage[]> {
  // The error's class only: a message may quote the name drawn on the letter.
  log.error('letter.failed', { letter: l.id, case: l.caseId, stage, error: err === null ? 'none' : err instanceof Error ? err.name : typeof err });
  const db = dbOf(env.DB);
  const staff = await linkedStaffChats(db, l.kelurahanId);
  const queued: QueueMessage[] = [];
  const key = `letter_failed:${l.id}`;
  const st: Statement[] = [
    markLetterFailed(db, l.id, now),
    caseEvent(db, ids, l, now, 'letter_failed', { letter_id: l.id, stage }, true),
    caseEvent(db, ids, l, now, 'escalated', { key }),
  ];
  if (l.chairPersonId && l.kind === 'pengantar_rt') {
    const id = ids.newId();
    const text = t(localeOf(l.chairLocale), 'rt.letter_failed', { name: l.applicantName, code: l.caseCode });
    st.push(outboxToPerson(db, l.chairPersonId, { id, kelurahanId: l.kelurahanId, caseId: l.caseId, payload: JSON.stringify({ kind: 'text', text }), dedupeKey: `${key}:chair`, now }));
    queued.push({ type: 'deliver', outboxId: id });
  }
  if (l.kind === 'pengantar_rt') {
    for (const [personId, locale] of applicants(l)) {
      const id = ids.newId();
      const text = [...approvalLines(l, locale), t(locale, 'resident.letter_from_office')].join('\n');
      st.push(outboxToPerson(db, personId, { id, kelurahanId: l.kelurahanId, caseId: l.caseId, payload: JSON.stringify({ kind: 'text', text }), dedupeKey: `${key}:${personId}`, now }));
      queued.push({ type: 'deliver', outboxId: id });
    }
  }
  for (const member of staff) {
    const locale = localeOf(member.locale);
    const what =
      l.kind === 'output'
        ? t(locale, 'notice.output_letter_failed', { number: l.number })
        : t(locale, 'notice.letter_failed', { number: l.number, rt: pad2(l.rtNumber), rw: pad2(l.rwNumber) });
    const payload = JSON.stringify({ kind: 'text', text: t(locale, 'notice.escalate', { code: l.caseCode, what }) });
    const id = ids.newId();
    st.push(outboxToIdentity(db, member.identityId, { id, kelurahanId: l.kelurahanId, caseId: l.caseId, payload, dedupeKey: `${key}:${member.staffId}`, now }));
    queued.push({ type: 'deliver', outboxId: id });
  }
  try {
    await runBatch(db, st);
  } catch (writeErr) {
    // Made, failed or revoked meanwhile (the guarded event aborted the write): nothing to tell.
    const fresh = await letterEnding(db, l.id).get();
    if (fresh && (fresh.madeAt !== null || fresh.failedAt !== null || fresh.revokedAt !== null)) return [];
    throw writeErr;
  }
  return queued;
}

/** With `afterGuardedUpdate`, an update of the letter that changed nothing aborts the write. */
function caseEvent(db: Db, ids: IdSource, l: LetterToMake, now: Instant, kind: string, detail: unknown, afterGuardedUpdate = false) {
  return recordCaseEvent(
    db, { id: ids.newId(), kelurahanId: l.kelurahanId, caseId: l.caseId, at: now, actorKind: 'system', kind, detail: JSON.stringify(detail) }, afterGuardedUpdate,
  );
}
