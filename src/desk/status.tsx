/**
 * The staff desk under /status. app.ts puts requireStaff and the form-token check in front of
 * every /status path; this router guards itself as well (requireStaff runs once), so it never
 * serves a page to nobody even if it is mounted elsewhere.
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { caseForDesk } from '../db/cases';
import { dbOf } from '../db/client';
import { account } from './account';
import type { DeskEnv } from './context';
import { frameOf, pageHtml } from './layout';
import { withLocale } from './locale';
import { CasePage } from './pages/case';
import { HomePage } from './pages/home';
import { requireStaff } from './session';

/** Case codes are short (KTP-2611-0042); anything longer is not one. */
const MAX_CODE = 40;

export const status = new Hono<DeskEnv>()
  .use(requireStaff, withLocale)
  .get('/', (c) => c.html(pageHtml(<HomePage frame={frameOf(c, c.var.locale)} staff={c.var.staff} />)))
  .route('/account', account)
  .get('/cases/:code', async (c) => {
    const code = c.req.param('code').trim().toUpperCase();
    if (code.length > MAX_CODE) throw new HTTPException(404, { message: 'not_found' });
    const row = await caseForDesk(dbOf(c.env.DB), { kelurahanId: c.var.staff.kelurahanId, code }).get();
    if (!row) throw new HTTPException(404, { message: 'not_found' });
    return c.html(pageHtml(<CasePage frame={frameOf(c, c.var.locale)} staff={c.var.staff} case={row} />));
  });
