/**
 * GET /status: the work list. It opens on what needs someone today, under the office's jobs
 * (late, receive on day 1, make the output on day 3, hand over, complaints), then what waits for
 * others; filters and search narrow it. Cards rather than a table, so it reads at 360px.
 */
import type { Child } from 'hono/jsx';
import type { failedDeliveries, WorkListRow } from '../../db/desk';
import { t as message } from '../../domain/messages';
import { maskPhone } from '../../domain/phone';
import { SERVICE_IDS } from '../../domain/services';
import { dayOfPromise, isLate, lateBy, SECTIONS, sectionOf, type Section } from '../../domain/work-list';
import type { SignedInStaff } from '../context';
import { dateTime } from '../format';
import { Layout, type PageFrame } from '../layout';
import type { Office } from '../office';
import { isFiltered, type WorkQuery } from '../work-filter';
import { workText } from '../work-text';

export type FailedDelivery = Awaited<ReturnType<typeof failedDeliveries>>[number];

/** The jobs of the office: shown even when empty, so "nothing to receive today" is visible. */
const ALWAYS: readonly Section[] = ['late', 'receive', 'produce', 'hand_over', 'complaints'];

export function HomePage(props: {
  frame: PageFrame;
  staff: SignedInStaff;
  office: Office;
  now: number;
  query: WorkQuery;
  rows: WorkListRow[];
  failed: FailedDelivery[];
  banner?: Child;
}) {
  const { t, locale } = props.frame;
  const w = workText(locale);
  const bySection = new Map<Section, WorkListRow[]>();
  for (const r of props.rows) {
    const s = sectionOf(r, props.now);
    bySection.set(s, [...(bySection.get(s) ?? []), r]);
  }
  return (
    <Layout frame={props.frame} staff={props.staff} title={t('desk.title')}>
      <h1>{t('desk.title')}</h1>
      <p>{t('desk.greeting', { name: props.staff.displayName, role: t(`role.${props.staff.role}`) })}</p>
      {props.banner ?? null}
      <Filters query={props.query} frame={props.frame} />
      <section id="work-list" aria-labelledby="work-list-title">
        <h2 id="work-list-title" class="visually-hidden">{t('desk.list_title')}</h2>
        <p class="count">{w.results({ count: props.rows.length })}</p>
        {SECTIONS.filter((s) => ALWAYS.includes(s) || bySection.has(s)).map((s) => (
          <section class="work" data-section={s}>
            <h3>
              {w.section[s]} <span class="badge">{bySection.get(s)?.length ?? 0}</span>
            </h3>
            {bySection.has(s) ? (
              <ul class="cases">{bySection.get(s)!.map((r) => <Row row={r} frame={props.frame} office={props.office} now={props.now} />)}</ul>
            ) : (
              <p class="empty">{w.sectionEmpty}</p>
            )}
          </section>
        ))}
        {props.failed.length ? (
          <section class="work" data-section="failed">
            <h3>
              {w.section.failed} <span class="badge">{props.failed.length}</span>
            </h3>
            <ul class="cases">
              {props.failed.map((f) => (
                <li class="case">
                  {f.caseCode ? <a href={`/status/cases/${encodeURIComponent(f.caseCode)}`}>{f.caseCode}</a> : null}{' '}
                  {w.failedTo({ name: f.readerName, channel: f.channel })} · {dateTime(locale, f.updatedAt, props.office.utcOffsetMinutes)}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </section>
    </Layout>
  );
}

function Row(props: { row: WorkListRow; frame: PageFrame; office: Office; now: number }) {
  const { locale } = props.frame;
  const w = workText(locale);
  const r = props.row;
  const day = dayOfPromise(r, props.now);
  const late = r.dueAt !== null && isLate(r, props.now) ? lateBy(r.dueAt, props.now) : null;
  const rtRw = r.rtNumber !== null ? `RT ${pad(r.rtNumber)}/RW ${pad(r.rwNumber ?? 0)}` : null;
  return (
    <li class={late ? 'case late' : 'case'} data-code={r.code}>
      <a class="code" href={`/status/cases/${encodeURIComponent(r.code)}`}>
        {r.code}
      </a>{' '}
      <span class="service">{r.service ? message(locale, `service.${r.service}`) : w.complaint}</span>
      <div class="who">
        {r.applicantName}
        {r.applicantPhone ? <span class="phone"> · {maskPhone(r.applicantPhone)}</span> : null}
        {rtRw ? <span> · {rtRw}</span> : null}
      </div>
      <div class="stage">
        <span data-state={r.state}>{w.stage[r.state]}</span>
        {day !== null && !['ready', 'at_disdukcapil'].includes(r.state) ? <span> · {w.day({ day })}</span> : null}
      </div>
      {r.dueAt !== null ? (
        <div class="due">
          {w.due}: {dateTime(locale, r.dueAt, props.office.utcOffsetMinutes)}
          {late ? <strong class="late-by"> · {'days' in late ? w.lateDays(late) : w.lateHours(late)}</strong> : null}
        </div>
      ) : null}
    </li>
  );
}

const pad = (n: number) => String(n).padStart(2, '0');

function Filters(props: { query: WorkQuery; frame: PageFrame }) {
  const { locale } = props.frame;
  const w = workText(locale);
  const q = props.query;
  const stages = Object.keys(w.stage) as (keyof typeof w.stage)[];
  return (
    <form class="filters card" method="get" action="/status">
      <label for="q">{w.search}</label>
      <input type="search" id="q" name="q" value={q.q} placeholder={w.searchHint} maxlength={60} />
      <details open={isFiltered(q) ? true : undefined}>
        <summary>{w.filters}</summary>
        <div class="grid">
          <label>
            {w.service}
            <select name="service">
              <option value="">{w.all}</option>
              {SERVICE_IDS.map((s) => (
                <option value={s} selected={q.service === s ? true : undefined}>
                  {message(locale, `service.${s}`)}
                </option>
              ))}
              <option value="complaint" selected={q.service === 'complaint' ? true : undefined}>
                {w.complaint}
              </option>
            </select>
          </label>
          <label>
            {w.stageLabel}
            <select name="stage">
              <option value="">{w.all}</option>
              {stages.map((s) => (
                <option value={s} selected={q.stage === s ? true : undefined}>
                  {w.stage[s]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {w.rw}
            <input type="number" name="rw" min={1} max={999} value={q.rw ?? ''} inputmode="numeric" />
          </label>
          <label>
            {w.rt}
            <input type="number" name="rt" min={1} max={999} value={q.rt ?? ''} inputmode="numeric" />
          </label>
          <label class="check">
            <input type="checkbox" name="due" value="today" checked={q.dueToday ? true : undefined} /> {w.dueToday}
          </label>
          <label class="check">
            <input type="checkbox" name="late" value="1" checked={q.late ? true : undefined} /> {w.lateOnly}
          </label>
        </div>
      </details>
      <button type="submit">{w.apply}</button> {isFiltered(q) ? <a href="/status">{w.reset}</a> : null}
    </form>
  );
}
