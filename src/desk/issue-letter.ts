/**
 * The kelurahan's own letter, the output of day 3 for a marriage or a SITU: a verifiable PDF like
 * the surat pengantar, signed by the Lurah. Issuing it writes the letter and its number; the
 * queue draws it and files it in the private bucket; only once it is there does "Hasil siap"
 * offer it, and the resident receives it with the pickup code or the courier's name.
 */
import { recordCaseEvent } from '../db/cases';
import { drawSequence } from '../db/case-codes';
import { runBatch, type Db } from '../db/client';
import { insertLetter } from '../db/letters';
import { localMoment } from '../domain/calendar';
import type { ServiceId } from '../domain/services';
import { newVerificationCode } from '../domain/verification-code';
import { enqueue } from '../framework/inbound';
import { cryptoIds, cryptoRandom } from '../platform';
import type { LoadedCase } from './case-data';
import type { SignedInStaff } from './context';
import type { Office } from './office';

/** The services whose output is a letter of the kelurahan; KTP and KK cards come from Disdukcapil. */
export const LETTER_SERVICES: readonly ServiceId[] = ['nikah', 'situ'];

type Letter = LoadedCase['letters'][number];
const isOutput = (l: Letter) => l.kind === 'output' && l.revokedAt === null && l.failedAt === null;

/** The output letter that is made and valid, if any. */
export function madeOutputLetter(loaded: LoadedCase): Letter | null {
  return loaded.letters.find((l) => isOutput(l) && l.madeAt !== null) ?? null;
}

/** A letter may be issued while the output is being made, once: again only after one was revoked or failed. */
export function canIssueLetter(loaded: LoadedCase): boolean {
  const c = loaded.row.case;
  return c.state === 'processing' && c.service !== null && LETTER_SERVICES.includes(c.service) && !loaded.letters.some(isOutput);
}

export async function issueOutputLetter(env: Env, db: Db, staff: SignedInStaff, office: Office, loaded: LoadedCase, now: number): Promise<boolean> {
  if (!canIssueLetter(loaded)) return false;
  const c = loaded.row.case;
  const id = cryptoIds.newId();
  // Numbers run per kelurahan and year: 0001/KEL-2026.
  const prefix = `KEL-${localMoment(now, office.utcOffsetMinutes).date.slice(0, 4)}`;
  await runBatch(db, [
    drawSequence(db, { k: staff.kelurahanId, period: prefix }),
    insertLetter(db, {
      id, k: staff.kelurahanId, caseId: c.id, kind: 'output', prefix, verificationCode: newVerificationCode(cryptoRandom), now,
      issuerName: office.lurahName, issuerRole: 'Lurah', r2Key: `letters/${staff.kelurahanId}/${c.id}/${id}.pdf`,
    }),
    recordCaseEvent(db, {
      id: cryptoIds.newId(), kelurahanId: staff.kelurahanId, caseId: c.id, at: now, actorKind: 'staff', actorStaffId: staff.id,
      kind: 'letter_issued', detail: JSON.stringify({ letter_id: id, kind: 'output' }),
    }),
  ]);
  await enqueue(env.OUTBOX, [{ type: 'make_letter', letterId: id }]);
  return true;
}
