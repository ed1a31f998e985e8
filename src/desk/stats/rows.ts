/** The statistics' rows as the domain takes them (src/domain/stats.ts). */
import type { StatsCaseRow } from '../../db/stats';
import type { StatsCase } from '../../domain/stats';

export function statsCase(r: Omit<StatsCaseRow, 'service'> & { service: NonNullable<StatsCaseRow['service']> }): StatsCase {
  return {
    service: r.service,
    rt: r.rtNumber !== null && r.rwNumber !== null ? { rt: r.rtNumber, rw: r.rwNumber } : null,
    state: r.state,
    receivedAt: r.receivedAt,
    // submitted_at is rewritten when the pengantar is approved; before that it is only the submit.
    startedAt: r.pengantarApproved ? r.submittedAt : null,
    day3DueAt: r.day3DueAt,
    dueAt: r.dueAt,
    finishedAt: r.finishedAt,
    handedOverAt: r.handedOverAt,
  };
}

/** Service cases always name their service; a row without one is not a service case. */
export function statsCases(rows: readonly StatsCaseRow[]): StatsCase[] {
  return rows.flatMap((r) => (r.service === null ? [] : [statsCase({ ...r, service: r.service })]));
}
