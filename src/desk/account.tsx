/**
 * /status/account: the signed-in staff member's own page, where they link the chat escalations
 * reach with a one-time code (as RT chairs are invited), or unlink it. Both forms answer with a
 * redirect to the page (a reload never makes a second code); the code waiting to be used is read
 * back from the invitations, so the page shows it until it is used or expires.
 */
import { Hono } from 'hono';
import { dbOf } from '../db/client';
import { openStaffInvite } from '../db/invites';
import { linkedStaffChats, staffChatOf, unlinkStaffChat } from '../db/staff';
import { cryptoRandom, systemClock } from '../platform';
import { createStaffInvite } from '../staff/invites';
import type { DeskEnv } from './context';
import { frameOf, pageHtml } from './layout';
import { withLocale } from './locale';
import { AccountPage } from './pages/account';
import { requireStaff } from './session';

const PAGE = '/status/account';

export const account = new Hono<DeskEnv>()
  .use(requireStaff, withLocale)
  .get('/', async (c) => {
    const s = c.var.staff;
    const db = dbOf(c.env.DB);
    const mine = { staffId: s.id, kelurahanId: s.kelurahanId };
    const [chat, code, linked] = await db.batch([
      staffChatOf(db, mine),
      openStaffInvite(db, { ...mine, now: systemClock.now() }),
      linkedStaffChats(db, s.kelurahanId),
    ]);
    return c.html(
      pageHtml(
        <AccountPage frame={frameOf(c, c.var.locale)} staff={s} chat={chat[0] ?? null} code={code[0] ?? null} anyoneLinked={linked.length > 0} />,
      ),
    );
  })
  .post('/link', async (c) => {
    const s = c.var.staff;
    await createStaffInvite(c.env.DB, {
      staff: { id: s.id, kelurahanId: s.kelurahanId, displayName: s.displayName }, locale: c.var.locale, now: systemClock.now(), random: cryptoRandom,
    });
    return c.redirect(PAGE, 303);
  })
  .post('/unlink', async (c) => {
    const s = c.var.staff;
    await unlinkStaffChat(dbOf(c.env.DB), { staffId: s.id, kelurahanId: s.kelurahanId }).run();
    return c.redirect(PAGE, 303);
  });
