/**
 * The staff desk under /status. app.ts puts requireStaff and the form-token check in front of
 * every /status path; this router guards itself as well (requireStaff runs once), so it never
 * serves a page to nobody even if it is mounted elsewhere.
 */
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { dbOf } from '../db/client';
import { failedDeliveries, workList, type WorkListFilter } from '../db/desk';
import { linkedStaffChats } from '../db/staff';
import { NoStaffChatBanner } from './pages/staff-chats-banner';
import { addDays, instantAt } from '../domain/calendar';
import { isTerminal } from '../domain/case-machine';
import { loadOffice } from './office';
import { parseWorkQuery } from './work-filter';
import { account } from './account';
import { stats } from './stats';
import { admin } from './admin';
import type { DeskEnv } from './context';
import { frameOf, pageHtml } from './layout';
import { withLocale } from './locale';
import { CasePage, type CaseFlash } from './pages/case';
import { act, actionOf } from './act';
import { deskFacts, loadCase } from './case-data';
import { caseText } from './case-text';
import { uploadOfficeFile } from './upload';
import { issueOutputLetter } from './issue-letter';
import { deskRefusalText } from '../domain/desk/refusal-text';
import { HomePage } from './pages/home';
import { requireStaff } from './session';

/** Failed deliveries stay on the list for a week; each is also on its case's page. */
const FAILED_SHOWN_MS = 7 * 24 * 3_600_000;

/** Case codes are short (KTP-2611-0042); anything longer is not one. */
const MAX_CODE = 40;

export const status = new Hono<DeskEnv>()
  .use(requireStaff, withLocale)
  .get('/', async (c) => {
    const db = dbOf(c.env.DB);
    const staff = c.var.staff;
    const now = Date.now();
    const office = await loadOffice(db, staff.kelurahanId, now);
    if (!office) throw new HTTPException(404, { message: 'not_found' });
    const query = parseWorkQuery(c.req.query());
    const filter: WorkListFilter = {
      ...(query.service ? { service: query.service } : {}),
      ...(query.stage ? { states: [query.stage] } : {}),
      ...(query.rw !== null ? { rw: query.rw } : {}),
      ...(query.rt !== null ? { rt: query.rt } : {}),
      ...(query.dueToday ? { dueBefore: instantAt(addDays(office.today, 1), 0, office.utcOffsetMinutes) } : {}),
      ...(query.late ? { lateAt: now } : {}),
      ...(query.q ? { search: query.q } : {}),
      // A search or a finished stage looks at finished cases too; the list of work does not.
      includeFinished: query.q !== '' || (query.stage !== null && isTerminal(query.stage)),
    };
    const [rows, failed, chats] = await db.batch([
      workList(db, staff.kelurahanId, filter),
      failedDeliveries(db, staff.kelurahanId, now - FAILED_SHOWN_MS),
      linkedStaffChats(db, staff.kelurahanId),
    ]);
    const frame = frameOf(c, c.var.locale);
    // Escalations are written whether or not anyone reads them: say so while nobody can.
    const banner = chats.length === 0 ? <NoStaffChatBanner t={frame.t} /> : undefined;
    return c.html(pageHtml(<HomePage frame={frame} staff={staff} office={office} now={now} query={query} rows={rows} failed={failed} banner={banner} />));
  })
  .route('/account', account)
  .route('/stats', stats)
  .route('/admin', admin)
  .get('/cases/:code', (c) => casePage(c, {}))
  .post('/cases/:code/upload', async (c) => {
    const { db, staff, now, code, loaded } = await caseRequest(c);
    const result = await uploadOfficeFile(c.env, db, staff, loaded, await c.req.parseBody(), now);
    if (result.ok) return c.redirect(`/status/cases/${encodeURIComponent(code)}?done=upload`, 303);
    return casePage(c, { error: caseText(c.var.locale).uploadRefused[result.reason] }, 422);
  })
  .post('/cases/:code/letter', async (c) => {
    const req = await caseRequest(c);
    const { db, staff, now, code, office, loaded } = req;
    if (await issueOutputLetter(c.env, db, staff, office, loaded, now)) return c.redirect(`/status/cases/${encodeURIComponent(code)}?done=letter`, 303);
    return casePage(c, { error: caseText(c.var.locale).letterRefused }, 422, req);
  })
  .post('/cases/:code/act', async (c) => {
    const { db, staff, now, code, office, loaded } = await caseRequest(c);
    const input = actionOf(await c.req.parseBody());
    if (!input) throw new HTTPException(400, { message: 'bad_form' });
    const result = await act(c.env, db, staff, office, loaded, input, now);
    // Post/redirect/get: a reload does not send the action twice.
    if (result.ok) return c.redirect(`/status/cases/${encodeURIComponent(code)}?done=${encodeURIComponent(result.event)}`, 303);
    const ct = caseText(c.var.locale);
    const error = result.stale ? ct.stale : result.decision ? deskRefusalText(c.var.locale, result.decision.refusal) : ct.stale;
    return casePage(c, { error }, result.stale ? 409 : 422);
  });

/** Case codes are written in capitals (KTP-2611-0042); anything longer than a code is not one. */
function caseCode(param: string): string {
  const code = param.trim().toUpperCase();
  if (code.length > MAX_CODE) throw new HTTPException(404, { message: 'not_found' });
  return code;
}

/** The case a /status/cases/:code request names, within the staff member's kelurahan, or 404. */
type CaseRequest = Awaited<ReturnType<typeof caseRequest>>;

async function caseRequest(c: Context<DeskEnv>) {
  const db = dbOf(c.env.DB);
  const staff = c.var.staff;
  const now = Date.now();
  const code = caseCode(c.req.param('code') ?? '');
  const [office, loaded] = await Promise.all([loadOffice(db, staff.kelurahanId, now), loadCase(db, staff.kelurahanId, code)]);
  if (!office || !loaded) throw new HTTPException(404, { message: 'not_found' });
  return { db, staff, now, code, office, loaded };
}

/**
 * `read`: the case as read for a refusal that wrote nothing; otherwise it is read now, so a page
 * after a stale form or a counted wrong code shows the case as it stands.
 */
async function casePage(c: Context<DeskEnv>, flash: CaseFlash, status: 200 | 409 | 422 = 200, read?: CaseRequest) {
  const { staff, now, office, loaded } = read ?? (await caseRequest(c));
  const ok = flash.error ? false : c.req.query('done') !== undefined;
  return c.html(
    pageHtml(<CasePage frame={frameOf(c, c.var.locale)} staff={staff} office={office} loaded={loaded} facts={deskFacts(loaded)} now={now} flash={{ ...flash, ok }} />),
    status,
  );
}
