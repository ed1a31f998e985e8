/**
 * /status/admin/invites: the invitation codes still waiting to be used, for RT chairs and staff,
 * each with whom it links and until when; revoking one makes the chat treat it as a code that
 * never existed.
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { dbOf, runBatch } from '../../db/client';
import { openInvites, revokeInvite } from '../../db/invites';
import { loadOffice } from '../office';
import type { DeskEnv } from '../context';
import { dateTime } from '../format';
import { pageHtml } from '../layout';
import { AdminPage, auditOf, backTo, codeHint, CsrfField, doneOf, viewOf, type AdminView } from './frame';

const pad2 = (n: number | null) => String(n ?? 0).padStart(2, '0');

type Invite = Awaited<ReturnType<typeof openInvites>>[number];

export const invites = new Hono<DeskEnv>()
  .get('/', async (c) => {
    const db = dbOf(c.env.DB);
    const now = Date.now();
    const [list, office] = await Promise.all([openInvites(db, { kelurahanId: c.var.staff.kelurahanId, now }), loadOffice(db, c.var.staff.kelurahanId, now)]);
    return c.html(pageHtml(<InvitesPage view={viewOf(c)} invites={list} utcOffsetMinutes={office?.utcOffsetMinutes ?? 420} done={doneOf(c)} />));
  })
  .post('/:code/revoke', async (c) => {
    const db = dbOf(c.env.DB);
    const staff = c.var.staff;
    const now = Date.now();
    const code = c.req.param('code').toUpperCase();
    const invite = (await openInvites(db, { kelurahanId: staff.kelurahanId, now })).find((i) => i.code === code);
    // Spent, expired, already revoked or another kelurahan's: nothing here to revoke.
    if (!invite) throw new HTTPException(404, { message: 'not_found' });
    await runBatch(db, [
      revokeInvite(db, { code, kelurahanId: staff.kelurahanId, now }),
      auditOf(db, staff, now, 'invite.revoke', invite.role === 'staff' ? invite.staffUserId : `${invite.rwNumber ?? ''}/${invite.rtNumber ?? ''}`, {
        role: invite.role, name: invite.personName, code: codeHint(code),
      }),
    ]);
    return backTo(c, 'invites', 'revoke');
  });

function InvitesPage(props: { view: AdminView; invites: Invite[]; utcOffsetMinutes: number; done: ReturnType<typeof doneOf> }) {
  const { t, staff, canChange, frame } = props.view;
  const whom = (i: Invite) =>
    i.role === 'staff'
      ? t('inv.for_staff', { name: i.personName })
      : i.rtNumber !== null
        ? t('inv.for_chair', { name: i.personName, rt: pad2(i.rtNumber), rw: pad2(i.rwNumber) })
        : i.personName;
  return (
    <AdminPage view={props.view} section="invites" done={props.done}>
      <div class="card">
        <p>{t('inv.lead')}</p>
        <p class="hint">{t('inv.make_hint')}</p>
        {props.invites.length === 0 ? <p class="empty">{t('inv.none')}</p> : null}
        <ul class="rows">
          {props.invites.map((i) => (
            <li data-invite={canChange ? i.code : codeHint(i.code)}>
              <div class="line">
                {/* A live code links a chat to its person (a staff code to an account): only those
                    who may make and revoke codes see it whole; the Lurah reads its first half. */}
                <span class="code">{canChange ? i.code : codeHint(i.code)}</span>
                <span>{whom(i)}</span>
              </div>
              <p class="muted">
                {t('inv.expires')}: {dateTime(frame.locale, i.expiresAt, props.utcOffsetMinutes)}
              </p>
              {canChange ? (
                <form method="post" action={`/status/admin/invites/${encodeURIComponent(i.code)}/revoke`}>
                  <CsrfField staff={staff} />
                  <button type="submit" class="secondary">{t('inv.revoke')}</button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      </div>
    </AdminPage>
  );
}
