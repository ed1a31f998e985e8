/**
 * Draws a letter's PDF in the queue consumer (never on the webhook path), files it in the private
 * bucket and sends it to the applicant, and to the helper who applied for them. Idempotent: a
 * letter already filed is only sent once, by the outbox dedupe key.
 */
import { localMoment } from '../domain/calendar';
import { isLocale, t } from '../domain/messages';
import { formatLongDate } from '../domain/messages/dates';
import { maskNik } from '../domain/nik';
import type { IdSource, Instant } from '../domain/ports';
import type { ServiceId } from '../domain/services';
import { outboxToPerson } from '../pipeline/outbox-sql';
import type { QueueMessage } from './queue-messages';

const PURPOSE: Record<ServiceId, string> = {
  ktp: 'Pembuatan KTP',
  kk: 'Pembuatan Kartu Keluarga',
  nikah: 'Surat pengantar nikah',
  situ: 'Surat Izin Tempat Usaha (SITU)',
};

export async function makeLetter(env: Env, letterId: string, now: Instant, ids: IdSource): Promise<QueueMessage[]> {
  const l = await env.DB.prepare(
    `SELECT l.id, l.kelurahan_id, l.case_id, l.number, l.verification_code, l.issued_at, l.issuer_name, l.r2_key,
            c.code AS case_code, c.service, c.applicant_person_id, c.submitter_person_id,
            coalesce(c.given_name, a.full_name) AS applicant_name, coalesce(c.given_nik, a.nik) AS nik, a.locale, rt.number AS rt_number, rw.number AS rw_number,
            k.name AS kelurahan, k.kecamatan, k.city, k.utc_offset_minutes
     FROM letters l JOIN cases c ON c.id = l.case_id JOIN people a ON a.id = c.applicant_person_id
     JOIN kelurahan k ON k.id = l.kelurahan_id LEFT JOIN rt ON rt.id = c.rt_id LEFT JOIN rw ON rw.id = rt.rw_id
     WHERE l.id = ?1`,
  )
    .bind(letterId)
    .first<Record<string, string | number | null>>();
  if (!l) return [];
  const pad2 = (n: unknown) => String(n ?? 0).padStart(2, '0');
  const base = (env.PUBLIC_BASE_URL || 'http://localhost:8787').replace(/\/+$/, '');
  const code = String(l.verification_code);
  // Loaded here, not at startup: pdf-lib, fontkit and the fonts are most of the bundle and only
  // this job needs them.
  const { renderPengantarPdf } = await import('../letters/pengantar-pdf');
  const bytes = await renderPengantarPdf({
    number: String(l.number),
    kelurahan: String(l.kelurahan),
    kecamatan: String(l.kecamatan),
    city: String(l.city),
    rt: pad2(l.rt_number),
    rw: pad2(l.rw_number),
    chairName: String(l.issuer_name),
    applicantName: String(l.applicant_name),
    applicantNikMasked: maskNik(String(l.nik ?? '')),
    purpose: PURPOSE[l.service as ServiceId] ?? '-',
    caseCode: String(l.case_code),
    issuedOn: formatLongDate('id', localMoment(Number(l.issued_at), Number(l.utc_offset_minutes)).date).replace(/^[^,]+, /, ''),
    verificationCode: code,
    verifyUrl: `${base}/verify/${code}`,
  });
  await env.SCANS.put(String(l.r2_key), bytes, { httpMetadata: { contentType: 'application/pdf' } });

  const locale = isLocale(String(l.locale)) ? (l.locale as 'id' | 'en') : 'id';
  const message = (loc: 'id' | 'en') =>
    JSON.stringify({
      kind: 'document',
      r2Key: l.r2_key,
      filename: `surat-pengantar-${l.case_code}.pdf`,
      mimeType: 'application/pdf',
      caption: t(loc, 'letter.caption', { code: String(l.case_code) }),
    });
  const recipients = [[l.applicant_person_id, locale]] as [string, 'id' | 'en'][];
  if (l.submitter_person_id) recipients.push([String(l.submitter_person_id), 'id']);
  const queued: QueueMessage[] = [];
  const statements = recipients.map(([personId, loc]) => {
    const outboxId = ids.newId();
    queued.push({ type: 'deliver', outboxId });
    return outboxToPerson(env.DB, personId, {
      id: outboxId, kelurahanId: String(l.kelurahan_id), caseId: String(l.case_id), payload: message(loc), dedupeKey: `letter:${l.id}:${personId}`, now,
    });
  });
  await env.DB.batch(statements);
  return queued;
}
