/**
 * The work list's filters as they come in the query string (?service=ktp&stage=processing&rw=2
 * &rt=3&due=today&late=1&q=...). Anything that is not a known value is ignored, not an error:
 * a filter link kept from an older page still opens the list.
 */
import { COMPLAINT_STATES, SERVICE_STATES, type CaseState } from '../domain/case-machine';
import { isServiceId, type ServiceId } from '../domain/services';

export interface WorkQuery {
  service: ServiceId | 'complaint' | null;
  stage: CaseState | null;
  rw: number | null;
  rt: number | null;
  dueToday: boolean;
  late: boolean;
  q: string;
}

const STATES: readonly string[] = [...SERVICE_STATES, ...COMPLAINT_STATES];
const SEARCH_MAX = 60;

function number(text: string | undefined): number | null {
  if (!text || !/^\d{1,3}$/.test(text)) return null;
  const n = Number(text);
  return n >= 1 && n <= 999 ? n : null;
}

export function parseWorkQuery(q: Record<string, string | undefined>): WorkQuery {
  const service = q.service === 'complaint' ? 'complaint' : q.service && isServiceId(q.service) ? q.service : null;
  const stage = q.stage && STATES.includes(q.stage) ? (q.stage as CaseState) : null;
  return {
    service,
    stage,
    rw: number(q.rw),
    rt: number(q.rt),
    dueToday: q.due === 'today',
    late: q.late === '1',
    // Control characters never reach a query or a page.
    q: (q.q ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, SEARCH_MAX),
  };
}

export function isFiltered(w: WorkQuery): boolean {
  return w.service !== null || w.stage !== null || w.rw !== null || w.rt !== null || w.dueToday || w.late || w.q !== '';
}
