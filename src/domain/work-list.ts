/**
 * The staff desk's work list: which heading a case goes under, which day of the promise it is
 * on and how late it is. The list opens on what needs a person today, so the headings are the
 * office's jobs, not the case states.
 */
import { type CaseKind, type CaseState, isTerminal } from './case-machine';
import type { Instant } from '../framework/ports';

export const SECTIONS = ['late', 'receive', 'produce', 'hand_over', 'complaints', 'waiting_rt', 'other'] as const;
export type Section = (typeof SECTIONS)[number];

export interface WorkItem {
  kind: CaseKind;
  state: CaseState;
  day1DueAt: number | null;
  day2DueAt: number | null;
  day3DueAt: number | null;
  dueAt: number | null;
}

export function isLate(item: Pick<WorkItem, 'state' | 'dueAt'>, now: Instant): boolean {
  return item.dueAt !== null && now > item.dueAt && !isTerminal(item.state) && item.state !== 'ready';
}

/** The heading a case is listed under: lateness first, then the office's job for its state. */
export function sectionOf(item: WorkItem, now: Instant): Section {
  if (isLate(item, now)) return 'late';
  if (item.kind === 'complaint') return item.state === 'open' ? 'complaints' : 'other';
  switch (item.state) {
    case 'submitted':
      return 'receive';
    case 'processing':
      return 'produce';
    case 'ready':
      return 'hand_over';
    case 'awaiting_pengantar':
    case 'verifying':
    case 'neighbour_check':
      return 'waiting_rt';
    default:
      return 'other';
  }
}

/** "hari ke-X dari 3" by the clock: null before day 1 begins and for complaints. */
export function dayOfPromise(item: WorkItem, now: Instant): 1 | 2 | 3 | null {
  if (item.kind !== 'service' || item.day1DueAt === null || item.day2DueAt === null) return null;
  if (now <= item.day1DueAt) return 1;
  if (now <= item.day2DueAt) return 2;
  return 3;
}

/** How late, in whole days when a day or more, else in whole hours (at least one). */
export function lateBy(dueAt: number, now: Instant): { days: number } | { hours: number } {
  const hours = Math.max(1, Math.floor((now - dueAt) / 3_600_000));
  return hours >= 24 ? { days: Math.floor(hours / 24) } : { hours };
}
