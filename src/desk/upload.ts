/**
 * POST /status/cases/:code/upload: a file the office adds to a case. The output of day 3 (a
 * scanned letter or a photo of the document) before "Hasil siap", or a courier's photo of the
 * hand-over before "Serahkan". Checked by its first bytes like residents' scans, stored in the
 * private bucket, and only then recorded on the case; nothing is said to the resident, who hears
 * of it with the action that uses it.
 */
import { insertOfficeDocument } from '../db/desk-writes';
import { runBatch, type Db } from '../db/client';
import { recordCaseEvent } from '../db/cases';
import { storeScan } from '../framework/store-media';
import { scanKey } from '../pipeline/write-effects';
import { cryptoIds } from '../platform';
import type { LoadedCase } from './case-data';
import type { SignedInStaff } from './context';

export type UploadRefusal = 'no_file' | 'bad_kind' | 'not_now' | 'bad_type' | 'too_large' | 'empty';

/** Which file fits which stage: the output while it is being made, the proof while it is out for delivery. */
const WHEN: Record<'output' | 'handover_proof', readonly string[]> = {
  output: ['processing', 'at_disdukcapil'],
  handover_proof: ['ready'],
};

export async function uploadOfficeFile(
  env: Env, db: Db, staff: SignedInStaff, loaded: LoadedCase, form: Record<string, unknown>, now: number,
): Promise<{ ok: true } | { ok: false; reason: UploadRefusal }> {
  const kind = form.kind;
  if (kind !== 'output' && kind !== 'handover_proof') return { ok: false, reason: 'bad_kind' };
  const c = loaded.row.case;
  if (!WHEN[kind].includes(c.state)) return { ok: false, reason: 'not_now' };
  const file = form.file;
  if (!(file instanceof File) || file.size === 0) return { ok: false, reason: 'no_file' };
  const id = cryptoIds.newId();
  const key = scanKey(staff.kelurahanId, c.id, id);
  const stored = await storeScan(env.SCANS, key, file.stream(), { length: file.size, maxBytes: Number(env.MAX_UPLOAD_BYTES) || 10 * 1024 * 1024 });
  if (!stored.ok) return { ok: false, reason: stored.reason === 'too_large' || stored.reason === 'empty' ? stored.reason : 'bad_type' };
  try {
    await runBatch(db, [
      insertOfficeDocument(db, {
        id, kelurahanId: staff.kelurahanId, caseId: c.id, requirement: kind, r2Key: key, contentType: stored.contentType,
        filename: file.name.slice(0, 120) || null, sizeBytes: stored.sizeBytes, sha256: stored.sha256, now,
      }),
      recordCaseEvent(db, {
        id: cryptoIds.newId(), kelurahanId: staff.kelurahanId, caseId: c.id, at: now, actorKind: 'staff', actorStaffId: staff.id,
        kind: `${kind}_uploaded`, detail: JSON.stringify({ document_id: id }),
      }),
    ]);
  } catch (err) {
    // Not recorded: the file must not stay in the bucket unnamed by any case.
    await env.SCANS.delete(key);
    throw err;
  }
  return { ok: true };
}
