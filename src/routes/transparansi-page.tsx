/**
 * The public transparency page as HTML: one card per service with this month and this year side
 * by side, one for complaints, and what each number means in one plain line. Made for a phone
 * (three narrow columns, no script); hono/jsx escapes every value.
 */
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { t as message, type Locale } from '../domain/messages';
import type { Instant } from '../framework/ports';
import type { Guarded, PeriodId, TransparencyView } from '../domain/transparency';
import { dateTime } from '../desk/format';
import { transparencyText, type TransparencyWords } from './transparansi-text';

const CSS = `body{font:17px/1.5 system-ui,sans-serif;margin:0;background:#f4f1ec;color:#1b1b1b}
main{max-width:640px;margin:0 auto;padding:16px}
a{color:#0b5a8a}
h1{margin:0;font-size:26px;line-height:1.25}
h2{margin:0 0 8px;font-size:20px}
.place{margin:2px 0 12px;color:#555}
.lang{float:right;margin:4px 0 0 12px}
.privacy{background:#e8f0e9;border-radius:10px;padding:10px 12px;font-size:15px}
.card{background:#fff;border-radius:12px;padding:14px;margin:14px 0;box-shadow:0 1px 3px #0002}
table{border-collapse:collapse;width:100%;font-size:16px;table-layout:fixed}
th,td{padding:7px 6px;border-bottom:1px solid #e6e0d6;text-align:right;vertical-align:top}
th:first-child{text-align:left;width:38%;font-weight:600}
thead th{font-size:14px;color:#444;font-weight:600;vertical-align:bottom}
td.few{color:#6b5a2e;font-style:italic;text-align:center;vertical-align:middle;background:#faf6ec}
dl{margin:0}dt{font-weight:600;margin-top:8px}dd{margin:0;color:#333;font-size:15px}
.updated{color:#555;font-size:14px}`;

/** A figure (muted when it is the "too few" words), or a block's hidden period, or nothing (under a hidden period's cell). */
type Cell = { text: string; figure: string; muted?: boolean } | { few: string; span: number; figure: string } | null;

/** A period's cells of one block, or one cell over the block's rows saying there were too few. */
function guardedColumn<T>(g: Guarded<T>, span: number, few: { text: string; figure: string }, cells: (v: T) => { text: string; figure: string; muted?: boolean }[]): Cell[] {
  if (!g.shown) return [{ few: few.text, figure: few.figure, span }, ...Array<Cell>(span - 1).fill(null)];
  return cells(g.value);
}

function decimal(locale: Locale, value: number, digits: number): string {
  const text = value.toFixed(digits);
  return locale === 'id' ? text.replace('.', ',') : text;
}

function days(w: TransparencyWords, locale: Locale, value: number): string {
  return w.days({ days: Number.isInteger(value) ? String(value) : decimal(locale, value, 1) });
}

/** One block of rows (the case figures, or the survey's) with a column per period. */
function Block(props: { labels: string[]; columns: Record<PeriodId, Cell[]>; periods: PeriodId[] }) {
  return (
    <>
      {props.labels.map((label, row) => (
        <tr>
          <th scope="row">{label}</th>
          {props.periods.map((p) => {
            const cell = props.columns[p][row];
            if (!cell) return null;
            if ('few' in cell) {
              return (
                <td class="few" rowspan={cell.span} data-period={p} data-figure={cell.figure}>
                  {cell.few}
                </td>
              );
            }
            return (
              <td class={cell.muted ? 'few' : undefined} data-period={p} data-figure={cell.figure}>
                {cell.text}
              </td>
            );
          })}
        </tr>
      ))}
    </>
  );
}

function Card(props: { title: string; heads: string[]; attrs: Record<string, string>; children: Child }) {
  return (
    <section class="card" {...props.attrs}>
      <h2>{props.title}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col"></th>
            {props.heads.map((h) => (
              <th scope="col">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </section>
  );
}

export interface TransparencyPageProps {
  locale: Locale;
  kelurahan: { name: string; kecamatan: string; city: string; utcOffsetMinutes: number };
  view: TransparencyView;
  computedAt: Instant;
  otherLanguageHref: string;
}

export function TransparencyPage(props: TransparencyPageProps) {
  const { locale, view: v } = props;
  const w = transparencyText(locale);
  const periods = v.periods.map((p) => p.id);
  const heads = v.periods.map((p) => {
    const [year, month] = p.first.split('-') as [string, string];
    return p.id === 'month' ? w.month({ month: `${w.months[Number(month) - 1]} ${year}` }) : w.year({ year });
  });
  const fewCases = w.fewCases({ min: v.minCases });
  const fewRespondents = w.fewRespondents({ min: v.minCases });
  const fewCaseCell = { text: fewCases, figure: 'few-cases' };
  const byPeriod = <T,>(f: (p: PeriodId) => T) => Object.fromEntries(periods.map((p) => [p, f(p)])) as Record<PeriodId, T>;
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${w.title} - ${w.kelurahan({ name: props.kelurahan.name })} - Loket`}</title>
        <style>{raw(CSS)}</style>
      </head>
      <body>
        <main>
          <a class="lang" href={props.otherLanguageHref} lang={locale === 'id' ? 'en' : 'id'}>
            {w.otherLanguage}
          </a>
          <h1>
            {w.title}
            <br />
            {w.kelurahan({ name: props.kelurahan.name })}
          </h1>
          <p class="place">{w.place(props.kelurahan)}</p>
          <p>{w.lead}</p>
          <p class="privacy">{w.privacy({ min: v.minCases })}</p>

          {v.services.map((s) => (
            <Card title={message(locale, `service.${s.service}`)} heads={heads} attrs={{ 'data-service': s.service }}>
              <Block
                periods={periods}
                labels={[w.received, w.finished, w.onTime, w.median]}
                columns={byPeriod((p) =>
                  guardedColumn(s.periods[p].cases, 4, fewCaseCell, (c) => [
                    { figure: 'received', text: String(c.received) },
                    { figure: 'finished', text: String(c.finished) },
                    c.onTime.shown
                      ? { figure: 'on-time', text: w.share({ percent: c.onTime.value.percent, on: c.onTime.value.onTime, of: c.onTime.value.decided }) }
                      : { figure: 'on-time', text: fewCases, muted: true },
                    c.medianDays.shown ? { figure: 'median', text: days(w, locale, c.medianDays.value) } : { figure: 'median', text: fewCases, muted: true },
                  ]),
                )}
              />
              <Block
                periods={periods}
                labels={[w.ikm, w.respondents]}
                columns={byPeriod((p) =>
                  guardedColumn(s.periods[p].ikm, 2, { text: fewRespondents, figure: 'few-respondents' }, (i) => [
                    { figure: 'ikm', text: w.ikmValue({ value: decimal(locale, i.value, 2), grade: i.grade }) },
                    { figure: 'respondents', text: String(i.respondents) },
                  ]),
                )}
              />
            </Card>
          ))}

          <Card title={w.complaints} heads={heads} attrs={{ 'data-complaints': '' }}>
            <Block
              periods={periods}
              labels={[w.complaintsReceived, w.complaintsOnTime]}
              columns={byPeriod((p) =>
                guardedColumn(v.complaints[p], 2, fewCaseCell, (c) => [
                  { figure: 'received', text: String(c.received) },
                  c.onTime.shown
                    ? { figure: 'on-time', text: w.share({ percent: c.onTime.value.percent, on: c.onTime.value.onTime, of: c.onTime.value.answered }) }
                    : { figure: 'on-time', text: fewCases, muted: true },
                ]),
              )}
            />
          </Card>

          <section class="card meaning">
            <h2>{w.meaningTitle}</h2>
            <dl>
              {(
                [
                  [w.received, w.receivedHint],
                  [w.finished, w.finishedHint],
                  [w.onTime, w.onTimeHint],
                  [w.median, w.medianHint],
                  [w.ikm, w.ikmHint],
                  [w.respondents, w.respondentsHint],
                  [w.complaintsReceived, w.complaintsReceivedHint],
                  [w.complaintsOnTime, w.complaintsOnTimeHint],
                ] as const
              ).map(([term, hint]) => (
                <>
                  <dt>{term}</dt>
                  <dd>{hint}</dd>
                </>
              ))}
            </dl>
          </section>
          <p class="updated">{w.updated({ at: dateTime(locale, props.computedAt, props.kelurahan.utcOffsetMinutes) })}</p>
        </main>
      </body>
    </html>
  );
}

/** Several kelurahan and none asked for: a list to choose from. */
export function ChooseKelurahan(props: { locale: Locale; list: { id: string; name: string }[]; lang: string }) {
  const w = transparencyText(props.locale);
  return (
    <html lang={props.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${w.chooseTitle} - Loket`}</title>
        <style>{raw(CSS)}</style>
      </head>
      <body>
        <main>
          <h1>{w.chooseTitle}</h1>
          <p>{w.chooseLead}</p>
          <ul>
            {props.list.map((k) => (
              <li>
                <a href={`/transparansi?k=${encodeURIComponent(k.id)}${props.lang}`}>{k.name}</a>
              </li>
            ))}
          </ul>
        </main>
      </body>
    </html>
  );
}
