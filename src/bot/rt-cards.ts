/**
 * What an RT chair is shown about a case: the pengantar request card, the day-2 verification card
 * and their buttons. The dialogue (applying, the chair's own steps, neighbours' answers) and the
 * cron (reminders, the day-2 card) show the same cards, so they are built here, apart from the
 * chair's decisions in steps/rt.ts. Buttons carry `rt:<action>:<case>`, which steps/rt.ts reads.
 */
import type { Choice } from '../../adapters/channel';
import type { Locale } from '../domain/messages';
import { maskNik } from '../domain/nik';
import type { ServiceId } from '../domain/services';
import type { Session } from './session';

/** The catalogue in any language: a Session, or the cron's own lookup. */
export type Words = Pick<Session, 'ctxText'>;

/** What a card says about the case; the cron's row and the dialogue's views both provide it. */
export interface CardCase {
  code: string;
  service: ServiceId | null;
  applicantName: string;
  applicantNik: string | null;
  rtNumber: number | null;
  rwNumber: number | null;
}

/**
 * What the pengantar card says besides: the business a SITU is for, as the letter prints it, and
 * whether the NIK is also on another open case under another name. Every card shows both, the
 * first one as the cron's reminder and the "rt" list, since the chair may answer any of them.
 */
export interface PengantarCardCase extends CardCase {
  businessName: string | null;
  businessKind: string | null;
  businessAddress: string | null;
  nikConflict: boolean;
}

const pad2 = (n: number | null) => String(n ?? 0).padStart(2, '0');

/** Buttons of the pengantar request card. */
export function pengantarChoices(locale: Locale, w: Words, caseId: string): Choice[] {
  return [
    { id: `rt:ap:${caseId}`, label: w.ctxText(locale, 'rt.approve'), aliases: ['setuju', 'ya'] },
    { id: `rt:rf:${caseId}`, label: w.ctxText(locale, 'rt.refuse'), aliases: ['tidak'] },
  ];
}

/** Buttons of the day-2 verification card; after neighbours answered, only the verdict. */
export function verifyChoices(locale: Locale, w: Words, caseId: string, withNeighbours = true): Choice[] {
  return [
    { id: `rt:ok:${caseId}`, label: w.ctxText(locale, 'rt.valid'), aliases: ['benar'] },
    { id: `rt:no:${caseId}`, label: w.ctxText(locale, 'rt.invalid'), aliases: ['salah'] },
    ...(withNeighbours ? [{ id: `rt:nb:${caseId}`, label: w.ctxText(locale, 'rt.ask_neighbours'), aliases: ['tetangga'] }] : []),
  ];
}

function serviceName(w: Words, locale: Locale, c: CardCase): string {
  return c.service ? w.ctxText(locale, `service.${c.service}`) : '-';
}

export function pengantarCardText(w: Words, c: PengantarCardCase, locale: Locale): string {
  const nik = maskNik(c.applicantNik ?? '');
  const card = w.ctxText(locale, 'rt.pengantar_card', {
    name: c.applicantName,
    nik,
    rt: pad2(c.rtNumber),
    rw: pad2(c.rwNumber),
    service: serviceName(w, locale, c),
    code: c.code,
    business: c.businessName ? { name: c.businessName, kind: c.businessKind ?? '-', address: c.businessAddress ?? '-' } : null,
  });
  return c.nikConflict ? `${card}\n\n${w.ctxText(locale, 'rt.nik_conflict', { nik })}` : card;
}

/** `storedScans`: only scans the chair can open, not one still being fetched, refused or failed. */
export function verifyCardText(w: Words, c: CardCase, locale: Locale, storedScans: number): string {
  return w.ctxText(locale, 'rt.verify_card', {
    code: c.code,
    service: serviceName(w, locale, c),
    name: c.applicantName,
    nik: maskNik(c.applicantNik ?? ''),
    count: storedScans,
  });
}
