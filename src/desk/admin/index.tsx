/**
 * /status/admin: the kelurahan's administration, for its admin (the Lurah reads, staff are
 * refused). Everything is of the signed-in user's own kelurahan; every change writes its audit
 * row in the same batch, and answers with a redirect back to its page (post/redirect/get).
 */
import { Hono } from 'hono';
import type { DeskEnv } from '../context';
import { withLocale } from '../locale';
import { requireStaff } from '../session';
import { adminOnly, ADMIN } from './frame';
import { holidays } from './holidays';
import { invites } from './invites';
import { log } from './log';
import { registry } from './registry';
import { settings } from './settings';
import { staffAccounts } from './staff';

export const admin = new Hono<DeskEnv>()
  .use(requireStaff, withLocale, adminOnly)
  .get('/', (c) => c.redirect(`${ADMIN}/settings`, 303))
  .route('/settings', settings)
  .route('/registry', registry)
  .route('/invites', invites)
  .route('/staff', staffAccounts)
  .route('/holidays', holidays)
  .route('/log', log);
