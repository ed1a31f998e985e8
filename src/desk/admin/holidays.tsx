/**
 * /status/admin/holidays?year=2027: the holiday table of one year (national holidays, cuti
 * bersama, local ones), where the next year's SKB dates are added once published. The working
 * calendar of the three days reads this table.
 */
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { addHoliday, holidaysOfYear, removeHoliday } from '../../db/admin';
import { dbOf, runBatch } from '../../db/client';
import { localMoment } from '../../domain/calendar';
import { formatLongDate } from '../../domain/messages/dates';
import type { DeskEnv } from '../context';
import { pageHtml } from '../layout';
import { AdminPage, auditOf, backTo, CsrfField, doneOf, FieldProblem, viewOf, type AdminView } from './frame';
import type { Problem } from './text';
import { checkHoliday, field, HOLIDAY_KINDS, isoDate, wholeNumber, type Form } from './validate';

type Holiday = Awaited<ReturnType<typeof holidaysOfYear>>[number];

const yearOf = (c: Context, fallback: number) => wholeNumber(c.req.query('year') ?? '', 2000, 2100) ?? fallback;

async function page(c: Context<DeskEnv>, year: number, failed?: { problems: Record<string, Problem>; values: Record<string, string> }) {
  const list = await holidaysOfYear(dbOf(c.env.DB), c.var.staff.kelurahanId, year);
  return c.html(pageHtml(<HolidaysPage view={viewOf(c)} year={year} holidays={list} done={failed ? null : doneOf(c)} failed={failed} />), failed ? 422 : 200);
}

export const holidays = new Hono<DeskEnv>()
  .get('/', (c) => page(c, yearOf(c, Number(localMoment(Date.now()).date.slice(0, 4)))))
  .post('/', async (c) => {
    const db = dbOf(c.env.DB);
    const staff = c.var.staff;
    const form = (await c.req.parseBody()) as Form;
    const checked = checkHoliday(form);
    const values = { date: field(form, 'date'), name: field(form, 'name'), kind: field(form, 'kind') };
    const fallbackYear = Number((isoDate(values.date) ?? localMoment(Date.now()).date).slice(0, 4));
    if (!checked.ok) return page(c, fallbackYear, { problems: checked.problems, values });
    const { date, name, kind } = checked.value;
    const year = Number(date.slice(0, 4));
    const existing = await holidaysOfYear(db, staff.kelurahanId, year);
    if (existing.some((h) => h.date === date)) return page(c, year, { problems: { date: { key: 'err.holiday_exists' } }, values });
    await runBatch(db, [addHoliday(db, { kelurahanId: staff.kelurahanId, date, name, kind }), auditOf(db, staff, Date.now(), 'holiday.add', date, { name, kind })]);
    return backTo(c, 'holidays', 'holiday_add', `&year=${year}`);
  })
  .post('/remove', async (c) => {
    const db = dbOf(c.env.DB);
    const staff = c.var.staff;
    const date = isoDate(field((await c.req.parseBody()) as Form, 'date'));
    if (!date) throw new HTTPException(404, { message: 'not_found' });
    const year = Number(date.slice(0, 4));
    const holiday = (await holidaysOfYear(db, staff.kelurahanId, year)).find((h) => h.date === date);
    if (!holiday) throw new HTTPException(404, { message: 'not_found' });
    await runBatch(db, [
      removeHoliday(db, { kelurahanId: staff.kelurahanId, date }),
      auditOf(db, staff, Date.now(), 'holiday.remove', date, { name: holiday.name, kind: holiday.kind }),
    ]);
    return backTo(c, 'holidays', 'holiday_remove', `&year=${year}`);
  });

function HolidaysPage(props: {
  view: AdminView; year: number; holidays: Holiday[]; done: ReturnType<typeof doneOf>; failed?: { problems: Record<string, Problem>; values: Record<string, string> };
}) {
  const { t, staff, canChange, frame } = props.view;
  const { year, failed } = props;
  return (
    <AdminPage view={props.view} section="holidays" done={props.done} error={failed ? { key: 'fix' } : null}>
      <p>{t('hol.lead')}</p>
      <form method="get" action="/status/admin/holidays" class="card">
        <label for="year">{t('hol.year')}</label>
        <input type="number" id="year" name="year" min="2000" max="2100" inputmode="numeric" value={String(year)} />
        <div class="form-actions">
          <button type="submit" class="secondary">{t('hol.show')}</button>
        </div>
        <p class="hint">
          <a href={`/status/admin/holidays?year=${year - 1}`}>{year - 1}</a> · <a href={`/status/admin/holidays?year=${year + 1}`}>{year + 1}</a>
        </p>
      </form>
      <section class="card" aria-labelledby="year-title">
        <h2 id="year-title">{props.holidays.length ? t('hol.count', { year, n: props.holidays.length }) : t('hol.none', { year })}</h2>
        <ul class="rows">
          {props.holidays.map((h) => (
            <li data-holiday={h.date}>
              <div class="line">
                <strong>{formatLongDate(frame.locale, h.date)}</strong>
                <span class="muted">{t(`kind.${h.kind}`)}</span>
              </div>
              <p>{h.name}</p>
              {canChange ? (
                <form method="post" action="/status/admin/holidays/remove">
                  <CsrfField staff={staff} />
                  <input type="hidden" name="date" value={h.date} />
                  <button type="submit" class="secondary">{t('hol.remove')}</button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      {canChange ? (
        <form method="post" action="/status/admin/holidays" class="card" novalidate>
          <h2>{t('hol.add')}</h2>
          <CsrfField staff={staff} />
          <label for="hol-date">{t('hol.date')}</label>
          <input type="date" id="hol-date" name="date" value={failed?.values.date ?? ''} required />
          <FieldProblem t={t} problem={failed?.problems.date} id="hol-date-error" />
          <label for="hol-name">{t('hol.name')}</label>
          <input type="text" id="hol-name" name="name" value={failed?.values.name ?? ''} required />
          <FieldProblem t={t} problem={failed?.problems.name} id="hol-name-error" />
          <label for="hol-kind">{t('hol.kind')}</label>
          <select id="hol-kind" name="kind">
            {HOLIDAY_KINDS.map((k) => (
              <option value={k} selected={(failed?.values.kind ?? 'national') === k ? true : undefined}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
          <FieldProblem t={t} problem={failed?.problems.kind} id="hol-kind-error" />
          <div class="form-actions">
            <button type="submit">{t('hol.add')}</button>
          </div>
        </form>
      ) : null}
    </AdminPage>
  );
}
