/**
 * GET /status/stats: whether the office keeps its promise, per service and per RT, cases per week
 * as a chart, complaints answered in time, and the CSV export. On a phone (below 480px) each table
 * row becomes a small card: the name, then each figure under its column's name (the cell's
 * data-label), in the columns' own order, so nothing hides off-screen to the right and a screen
 * reader reads what the eye sees. Restyling a table as blocks makes WebKit drop its table meaning,
 * so the card tables say their roles outright (ARIA roles equal to the native ones). The chart is
 * inline SVG (chart.tsx).
 */
import { raw } from 'hono/html';
import { formatLongDate } from '../../domain/messages/dates';
import { t as message } from '../../domain/messages';
import { isServiceId, type ServiceId } from '../../domain/services';
import { localMoment } from '../../domain/calendar';
import type { ComplaintStats, GroupStats, WeekCount } from '../../domain/stats';
import type { Ikm } from '../../domain/skm';
import type { SignedInStaff } from '../context';
import { Layout, type PageFrame } from '../layout';
import { WeeksChart } from './chart';
import type { DateRange } from './range';
import { statsText, type RangeError, type StatsWords } from './text';

const STATS_CSS = `.stats table{border-collapse:collapse;width:100%;font-size:15px;background:#fff}
.stats th,.stats td{padding:8px 10px;border-bottom:1px solid #e6e0d6;text-align:right;white-space:nowrap}
.stats th:first-child,.stats td:first-child{text-align:left;white-space:normal;min-width:8em}
.stats thead th{font-size:14px;color:#444;vertical-align:bottom}
.stats tfoot th,.stats tfoot td{font-weight:700}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
.stats .hint{color:#555;font-size:14px;margin:6px 0 0}
.stats>.hint{margin-bottom:14px}
.stats .range{display:grid;grid-template-columns:1fr 1fr;gap:4px 12px;align-items:end}
.stats .range label{min-width:0}.stats .range input{min-width:0;max-width:100%}
.stats .range button{grid-column:1/-1;margin-top:10px}
.chart{margin:0}.chart figcaption{color:#555;font-size:14px;text-align:center}
.figures{display:grid;grid-template-columns:1fr 1fr;gap:8px;margin:0}
.figures div{background:#f4f1ec;border-radius:8px;padding:8px 10px}
.figures dt{font-size:14px}.figures dd{font-size:20px}
.later{color:#555;border:2px dashed #ccc;border-radius:10px;padding:16px}
@media (max-width:479px){
.stats .cards,.stats .cards tbody,.stats .cards tfoot{display:block}
.stats .cards thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.stats .cards tr{display:grid;grid-template-columns:repeat(6,minmax(0,1fr));gap:2px 8px;padding:10px 0;border-bottom:1px solid #e6e0d6}
.stats .cards th,.stats .cards td{display:block;grid-column:span 2;padding:0;border:0;text-align:left;white-space:normal;min-width:0;overflow-wrap:anywhere}
.stats .cards tr>:first-child{grid-column:1/-1;font-weight:700;font-size:16px}
.stats .cards [data-col=on-time]{grid-column:span 4}
.stats .cards [data-col=ikm],.stats .cards [data-col=grade]{grid-column:span 3}
.stats .cards td[data-label]::before{content:attr(data-label);display:block;font-size:13px;font-weight:400;color:#555}
.stats .cards tfoot tr,.stats .cards tbody:last-child tr:last-child{border-bottom:0}
}`;

export interface StatsView {
  dates: DateRange;
  error: RangeError | null;
  totals: GroupStats;
  byService: [ServiceId, GroupStats][];
  byRt: [{ rt: number; rw: number } | null, GroupStats][];
  weeks: WeekCount[];
  complaints: ComplaintStats;
  ikm: { all: Ikm | null; byService: [ServiceId, Ikm | null][]; byQuarter: [string, Ikm][] };
  /** The residents' own words: escaped by JSX, shown to the desk only. */
  suggestions: { service: string; at: number; suggestion: string | null }[];
}

const pad = (n: number) => String(n).padStart(2, '0');

function share(w: StatsWords, s: GroupStats): string {
  return s.onTimeShare === null ? w.none : w.share({ percent: Math.round(s.onTimeShare * 100), on: s.onTime, of: s.decided });
}

function days(w: StatsWords, locale: string, value: number | null): string {
  if (value === null) return w.none;
  const text = Number.isInteger(value) ? String(value) : value.toFixed(1);
  return w.days({ days: locale === 'id' ? text.replace('.', ',') : text });
}

function Cells(props: { s: GroupStats; w: StatsWords; locale: string }) {
  const { s, w } = props;
  return (
    <>
      <td role="cell" data-col="received" data-label={w.received}>{s.received}</td>
      <td role="cell" data-col="on-time" data-label={w.onTime}>{share(w, s)}</td>
      <td role="cell" data-col="median" data-label={w.median}>{days(w, props.locale, s.medianDays)}</td>
      <td role="cell" data-col="open" data-label={w.open}>{s.open}</td>
      <td role="cell" data-col="late" data-label={w.late}>{s.late}</td>
    </>
  );
}

/** IKM rows: its value (two decimals, as the regulation reports it), grade and respondents. */
function IkmTable(props: { w: StatsWords; locale: string; first: string; rows: [string, Ikm | null][] }) {
  const { w } = props;
  const value = (n: number) => (props.locale === 'id' ? n.toFixed(2).replace('.', ',') : n.toFixed(2));
  return (
    <div class="scroll">
      <table data-table="ikm" class="cards" role="table">
        <thead role="rowgroup">
          <tr role="row">
            <th scope="col" role="columnheader">{props.first}</th>
            <th scope="col" role="columnheader">IKM</th>
            <th scope="col" role="columnheader">{w.ikmGrade}</th>
            <th scope="col" role="columnheader">{w.ikmRespondents}</th>
          </tr>
        </thead>
        <tbody role="rowgroup">
          {props.rows.map(([name, i]) => (
            <tr role="row" data-row={name}>
              <th scope="row" role="rowheader">{name}</th>
              <td role="cell" data-col="ikm" data-label="IKM">{i ? value(i.value) : w.none}</td>
              <td role="cell" data-col="grade" data-label={w.ikmGrade}>{i ? `${i.grade} (${w.gradeName[i.grade]})` : w.none}</td>
              <td role="cell" data-col="respondents" data-label={w.ikmRespondents}>{i ? i.respondents : 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function GroupTable(props: { id: string; caption: string; first: string; rows: [string, GroupStats][]; total?: GroupStats; w: StatsWords; locale: string }) {
  const { w } = props;
  return (
    <section class="card" id={props.id} aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.caption}</h2>
      <div class="scroll">
        <table class="cards" role="table">
          <thead role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">{props.first}</th>
              <th scope="col" role="columnheader">{w.received}</th>
              <th scope="col" role="columnheader">{w.onTime}</th>
              <th scope="col" role="columnheader">{w.median}</th>
              <th scope="col" role="columnheader">{w.open}</th>
              <th scope="col" role="columnheader">{w.late}</th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {props.rows.map(([label, s]) => (
              <tr role="row" data-row={label}>
                <th scope="row" role="rowheader">{label}</th>
                <Cells s={s} w={w} locale={props.locale} />
              </tr>
            ))}
          </tbody>
          {props.total ? (
            <tfoot role="rowgroup">
              <tr role="row" data-row="total">
                <th scope="row" role="rowheader">{w.allServices}</th>
                <Cells s={props.total} w={w} locale={props.locale} />
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
    </section>
  );
}

export function StatsPage(props: { frame: PageFrame; staff: SignedInStaff; view: StatsView }) {
  const { locale } = props.frame;
  const w = statsText(locale);
  const v = props.view;
  const fullNik = props.staff.role === 'lurah' || props.staff.role === 'admin';
  const rtName = (r: { rt: number; rw: number } | null) => (r ? w.rtLabel({ rt: pad(r.rt), rw: pad(r.rw) }) : w.noRt);
  const c = v.complaints;
  return (
    <Layout frame={props.frame} staff={props.staff} title={w.title}>
      <style>{raw(STATS_CSS)}</style>
      <div class="stats">
        <h1>{w.title}</h1>
        {v.error ? (
          <p class="error" role="alert">
            {w.rangeError[v.error]}
          </p>
        ) : null}
        <form class="range card" method="get" action="/status/stats">
          <label>
            {w.from}
            <input type="date" name="from" value={v.dates.from} required />
          </label>
          <label>
            {w.to}
            <input type="date" name="to" value={v.dates.to} required />
          </label>
          <button type="submit">{w.show}</button>
        </form>
        <p>{w.lead({ from: formatLongDate(locale, v.dates.from), to: formatLongDate(locale, v.dates.to) })}</p>

        <section class="card" id="weeks" aria-labelledby="weeks-heading">
          <h2 id="weeks-heading">{w.chartTitle}</h2>
          <WeeksChart weeks={v.weeks} words={w} />
        </section>

        <GroupTable
          id="by-service" caption={w.byService} first={w.service} w={w} locale={locale} total={v.totals}
          rows={v.byService.map(([s, g]) => [message(locale, `service.${s}`), g])}
        />
        <p class="hint">
          <strong>{w.onTime}:</strong> {w.onTimeHint} <strong>{w.median}:</strong> {w.medianHint}
        </p>
        <GroupTable id="by-rt" caption={w.byRt} first={w.rt} w={w} locale={locale} rows={v.byRt.map(([r, g]) => [rtName(r), g])} />

        <section class="card" id="complaints" aria-labelledby="complaints-title">
          <h2 id="complaints-title">{w.complaints}</h2>
          <dl class="figures">
            <div>
              <dt>{w.complaintsReceived}</dt>
              <dd data-figure="received">{c.received}</dd>
            </div>
            <div>
              <dt>{w.complaintsOnTime}</dt>
              <dd data-figure="answered-on-time">{c.answered ? w.share({ percent: Math.round((c.answeredOnTime / c.answered) * 100), on: c.answeredOnTime, of: c.answered }) : w.none}</dd>
            </div>
            <div>
              <dt>{w.complaintsOpen}</dt>
              <dd data-figure="open">{c.open}</dd>
            </div>
            <div>
              <dt>{w.complaintsOverdue}</dt>
              <dd data-figure="overdue">{c.overdue}</dd>
            </div>
          </dl>
        </section>

        <section class="card" id="ikm" aria-labelledby="ikm-title">
          <h2 id="ikm-title">{w.ikmTitle}</h2>
          <p class="hint">{w.ikmHint}</p>
          <IkmTable w={w} locale={locale} first={w.service} rows={[...v.ikm.byService.map(([s, i]) => [message(locale, `service.${s}`), i] as [string, Ikm | null]), [w.allServices, v.ikm.all]]} />
          {v.ikm.byQuarter.length ? <IkmTable w={w} locale={locale} first={w.quarter} rows={v.ikm.byQuarter.map(([q, i]) => [q.replace('-Q', ' T'), i] as [string, Ikm | null])} /> : null}
        </section>

        <section class="card" id="suggestions" aria-labelledby="suggestions-title">
          <h2 id="suggestions-title">{w.suggestionsTitle}</h2>
          {v.suggestions.length === 0 ? <p>{w.none}</p> : (
            <ul>
              {v.suggestions.map((x) => (
                <li data-suggestion>
                  <strong>{isServiceId(x.service) ? message(locale, `service.${x.service}`) : x.service}</strong>, {formatLongDate(locale, localMoment(x.at).date)}: {x.suggestion}
                </li>
              ))}
            </ul>
          )}
        </section>

        <section class="card" id="export" aria-labelledby="export-title">
          <h2 id="export-title">{w.csvTitle}</h2>
          <p>{w.csvLead}</p>
          <p>{fullNik ? w.csvNikFull : w.csvNikMasked}</p>
          <form class="range" method="get" action="/status/stats/cases.csv">
            <label>
              {w.from}
              <input type="date" name="from" value={v.dates.from} required />
            </label>
            <label>
              {w.to}
              <input type="date" name="to" value={v.dates.to} required />
            </label>
            <button type="submit">{w.csvButton}</button>
          </form>
        </section>
      </div>
    </Layout>
  );
}
