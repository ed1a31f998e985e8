/** /status/account: the signed-in staff member's own page. */
import { Hono } from 'hono';
import type { DeskEnv } from './context';
import { frameOf, pageHtml } from './layout';
import { withLocale } from './locale';
import { AccountPage } from './pages/account';
import { requireStaff } from './session';

export const account = new Hono<DeskEnv>()
  .use(requireStaff, withLocale)
  .get('/', (c) => c.html(pageHtml(<AccountPage frame={frameOf(c, c.var.locale)} staff={c.var.staff} />)));
