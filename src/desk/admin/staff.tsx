/**
 * /status/admin/staff: the kelurahan's staff accounts and their roles. An admin adds accounts,
 * changes roles, resets passwords (nothing of a hash is ever shown or recorded) and makes the code
 * that links a staff member's chat. An admin cannot take away their own admin role, so the
 * kelurahan always keeps one.
 */
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { addStaffAccount, endStaffSessions, setStaffPassword, setStaffRole, staffOf, usernameTaken } from '../../db/admin-staff';
import { dbOf, runBatch } from '../../db/client';
import { cryptoIds, cryptoRandom } from '../../platform';
import { createStaffInvite } from '../../staff/invites';
import { hashPassword } from '../../staff/password';
import type { DeskEnv } from '../context';
import { readCookie } from '../cookies';
import { linkedChatNumber } from '../linked-chat';
import { pageHtml } from '../layout';
import { SESSION_COOKIE } from '../session';
import { sha256Hex } from '../tokens';
import { AdminPage, auditOf, backTo, codeHint, CsrfField, doneOf, FieldProblem, viewOf, type AdminView } from './frame';
import type { Problem } from './text';
import { checkNewStaff, field, MIN_PASSWORD, passwordProblem, roleOf, ROLES, type Form } from './validate';

type Account = Awaited<ReturnType<typeof staffOf>>[number];
interface Failed {
  form: string;
  problems: Record<string, Problem>;
  values: Record<string, string>;
}

async function page(c: Context<DeskEnv>, failed?: Failed) {
  const accounts = await staffOf(dbOf(c.env.DB), c.var.staff.kelurahanId);
  return c.html(pageHtml(<StaffPage view={viewOf(c)} accounts={accounts} done={failed ? null : doneOf(c)} failed={failed} />), failed ? 422 : 200);
}

/** The account a path names, within the admin's kelurahan, or 404. */
async function accountOf(c: Context<DeskEnv>): Promise<Account> {
  const id = c.req.param('id');
  const account = (await staffOf(dbOf(c.env.DB), c.var.staff.kelurahanId)).find((a) => a.id === id);
  if (!account) throw new HTTPException(404, { message: 'not_found' });
  return account;
}

export const staffAccounts = new Hono<DeskEnv>()
  .get('/', (c) => page(c))
  .post('/', async (c) => {
    const db = dbOf(c.env.DB);
    const staff = c.var.staff;
    const form = (await c.req.parseBody()) as Form;
    const checked = checkNewStaff(form);
    const problems: Record<string, Problem> = checked.ok ? {} : { ...checked.problems };
    if (checked.ok && (await usernameTaken(db, checked.value.username)).length) problems.username = { key: 'err.username_taken' };
    if (!checked.ok || Object.keys(problems).length) {
      // The password is never sent back into the page.
      return page(c, { form: 'add', problems, values: { username: field(form, 'username'), displayName: field(form, 'displayName'), role: field(form, 'role') } });
    }
    const { username, displayName, role, password } = checked.value;
    const id = cryptoIds.newId();
    const now = Date.now();
    await runBatch(db, [
      addStaffAccount(db, { id, kelurahanId: staff.kelurahanId, username, displayName, role, passwordHash: await hashPassword(password, cryptoRandom.bytes(16)), now }),
      auditOf(db, staff, now, 'staff.add', id, { username, displayName, role }),
    ]);
    return backTo(c, 'staff', 'staff');
  })
  .post('/:id/role', async (c) => {
    const db = dbOf(c.env.DB);
    const staff = c.var.staff;
    const account = await accountOf(c);
    const form = (await c.req.parseBody()) as Form;
    const role = roleOf(field(form, 'role'));
    if (!role) return page(c, { form: `role-${account.id}`, problems: { role: { key: 'err.role' } }, values: {} });
    if (account.id === staff.id && role !== 'admin') return page(c, { form: `role-${account.id}`, problems: { role: { key: 'err.own_admin' } }, values: {} });
    const now = Date.now();
    await runBatch(db, [
      setStaffRole(db, { staffId: account.id, kelurahanId: staff.kelurahanId, role }),
      auditOf(db, staff, now, 'staff.role', account.id, { username: account.username, from: account.role, to: role }),
    ]);
    return backTo(c, 'staff', 'role');
  })
  .post('/:id/password', async (c) => {
    const db = dbOf(c.env.DB);
    const staff = c.var.staff;
    const account = await accountOf(c);
    const password = field((await c.req.parseBody()) as Form, 'password');
    const weak = passwordProblem(password);
    if (weak) return page(c, { form: `password-${account.id}`, problems: { password: weak }, values: {} });
    const now = Date.now();
    const session = readCookie(c, SESSION_COOKIE);
    await runBatch(db, [
      setStaffPassword(db, { staffId: account.id, kelurahanId: staff.kelurahanId, passwordHash: await hashPassword(password, cryptoRandom.bytes(16)) }),
      // Whoever knew the old password is signed out; the admin resetting their own stays signed in here.
      endStaffSessions(db, { staffId: account.id, kelurahanId: staff.kelurahanId, exceptIdHash: session ? await sha256Hex(session) : '' }),
      auditOf(db, staff, now, 'staff.password', account.id, { username: account.username }),
    ]);
    return backTo(c, 'staff', 'password');
  })
  .post('/:id/invite', async (c) => {
    const db = dbOf(c.env.DB);
    const staff = c.var.staff;
    const account = await accountOf(c);
    const now = Date.now();
    await createStaffInvite(
      c.env.DB,
      { staff: { id: account.id, kelurahanId: staff.kelurahanId, displayName: account.displayName }, locale: c.var.locale, now, random: cryptoRandom },
      (code) => [auditOf(db, staff, now, 'invite.create', account.id, { role: 'staff', username: account.username, code: codeHint(code) })],
    );
    return backTo(c, 'invites', 'invite');
  });

function StaffPage(props: { view: AdminView; accounts: Account[]; done: ReturnType<typeof doneOf>; failed?: Failed }) {
  const { t, staff, canChange, frame } = props.view;
  const failed = props.failed;
  const on = (form: string) => (failed?.form === form ? failed : undefined);
  const add = on('add');
  return (
    <AdminPage view={props.view} section="staff" done={props.done} error={failed ? { key: 'fix' } : null}>
      <div class="card">
        <ul class="rows">
          {props.accounts.map((a) => {
            const roleForm = on(`role-${a.id}`);
            const passwordForm = on(`password-${a.id}`);
            return (
              <li data-staff={a.username}>
                <div class="line">
                  <strong>
                    {a.displayName} {a.id === staff.id ? t('staff.you') : ''}
                  </strong>
                  <span data-role>{frame.t(`role.${a.role}`)}</span>
                </div>
                <p class="muted">
                  {t('staff.username')}: {a.username} · {t('staff.chat')}: {a.chatChannel ? `${frame.t(`channel.${a.chatChannel}`)} ${linkedChatNumber({ channel: a.chatChannel, externalId: a.chatExternalId, phone: a.chatPhone })}` : t('staff.no_chat')}
                </p>
                {canChange ? (
                  <>
                    <details open={roleForm ? true : undefined}>
                      <summary>{t('staff.change_role')}</summary>
                      <form method="post" action={`/status/admin/staff/${encodeURIComponent(a.id)}/role`}>
                        <CsrfField staff={staff} />
                        <label for={`role-${a.id}`}>{t('staff.role')}</label>
                        <select id={`role-${a.id}`} name="role">
                          {ROLES.map((r) => (
                            <option value={r} selected={r === a.role ? true : undefined}>
                              {frame.t(`role.${r}`)}
                            </option>
                          ))}
                        </select>
                        <FieldProblem t={t} problem={roleForm?.problems.role} id={`role-${a.id}-error`} />
                        <div class="form-actions">
                          <button type="submit">{t('staff.change_role')}</button>
                        </div>
                      </form>
                    </details>
                    <details open={passwordForm ? true : undefined}>
                      <summary>{t('staff.reset')}</summary>
                      <form method="post" action={`/status/admin/staff/${encodeURIComponent(a.id)}/password`} novalidate>
                        <CsrfField staff={staff} />
                        <label for={`password-${a.id}`}>{t('staff.new_password')}</label>
                        <input type="password" id={`password-${a.id}`} name="password" autocomplete="new-password" minlength={MIN_PASSWORD} required />
                        <p class="hint">{t('staff.password_hint', { min: MIN_PASSWORD })}</p>
                        <FieldProblem t={t} problem={passwordForm?.problems.password} id={`password-${a.id}-error`} />
                        <div class="form-actions">
                          <button type="submit">{t('staff.reset')}</button>
                        </div>
                      </form>
                    </details>
                    <form method="post" action={`/status/admin/staff/${encodeURIComponent(a.id)}/invite`}>
                      <CsrfField staff={staff} />
                      <button type="submit" class="secondary">{t('staff.make_invite')}</button>
                    </form>
                  </>
                ) : null}
              </li>
            );
          })}
        </ul>
      </div>
      {canChange ? (
        <form method="post" action="/status/admin/staff" class="card" novalidate>
          <h2>{t('staff.add')}</h2>
          <CsrfField staff={staff} />
          <label for="new-username">{t('staff.username')}</label>
          <input type="text" id="new-username" name="username" value={add?.values.username ?? ''} autocomplete="off" autocapitalize="none" required />
          <FieldProblem t={t} problem={add?.problems.username} id="new-username-error" />
          <label for="new-name">{t('staff.name')}</label>
          <input type="text" id="new-name" name="displayName" value={add?.values.displayName ?? ''} autocomplete="off" required />
          <FieldProblem t={t} problem={add?.problems.displayName} id="new-name-error" />
          <label for="new-role">{t('staff.role')}</label>
          <select id="new-role" name="role">
            {ROLES.map((r) => (
              <option value={r} selected={(add?.values.role ?? 'staff') === r ? true : undefined}>
                {frame.t(`role.${r}`)}
              </option>
            ))}
          </select>
          <FieldProblem t={t} problem={add?.problems.role} id="new-role-error" />
          <label for="new-password">{t('staff.password')}</label>
          <input type="password" id="new-password" name="password" autocomplete="new-password" minlength={MIN_PASSWORD} required />
          <p class="hint">{t('staff.password_hint', { min: MIN_PASSWORD })}</p>
          <FieldProblem t={t} problem={add?.problems.password} id="new-password-error" />
          <div class="form-actions">
            <button type="submit">{t('staff.add')}</button>
          </div>
        </form>
      ) : null}
    </AdminPage>
  );
}
