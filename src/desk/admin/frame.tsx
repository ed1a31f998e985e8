/**
 * What every administration page shares: who may see and change it, its frame (the sections and
 * the flash after a change), and the audit row each change writes in its own batch.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { insertAudit } from '../../db/audit';
import type { Db } from '../../db/client';
import { cryptoIds } from '../../platform';
import type { DeskEnv, SignedInStaff } from '../context';
import { frameOf, Layout, pageHtml, type PageFrame } from '../layout';
import { ADMIN_CSS } from './style';
import { adminText, type AdminKey, type AdminT, type Problem, problemText } from './text';

export const ADMIN = '/status/admin';

export interface AdminView {
  frame: PageFrame;
  staff: SignedInStaff;
  t: AdminT;
  /** Only the admin role changes anything; the Lurah reads. */
  canChange: boolean;
}

export function viewOf(c: Context<DeskEnv>): AdminView {
  const staff = c.var.staff;
  return { frame: frameOf(c, c.var.locale), staff, t: adminText(c.var.locale), canChange: staff.role === 'admin' };
}

/**
 * Admin may change, Lurah may read (pages only), staff may do neither. The refusal is a plain
 * page in the staff member's language, with nothing of the administration data on it.
 */
export const adminOnly: MiddlewareHandler<DeskEnv> = async (c, next) => {
  const role = c.var.staff.role;
  const reading = c.req.method === 'GET' || c.req.method === 'HEAD';
  if (role === 'admin' || (role === 'lurah' && reading)) return next();
  const v = viewOf(c);
  const body = v.t(role === 'lurah' ? 'forbidden.change' : 'forbidden.body');
  return c.html(
    pageHtml(
      <Layout frame={v.frame} staff={v.staff} title={v.t('forbidden.title')}>
        <div class="card" data-refusal="admin_role">
          <h1>{v.t('forbidden.title')}</h1>
          <p>{body}</p>
          <p>
            <a href="/status">{v.t('forbidden.back')}</a>
          </p>
        </div>
      </Layout>,
    ),
    403,
  );
};

const SECTIONS = [
  { path: 'settings', key: 'section.settings' },
  { path: 'registry', key: 'section.registry' },
  { path: 'invites', key: 'section.invites' },
  { path: 'staff', key: 'section.staff' },
  { path: 'holidays', key: 'section.holidays' },
  { path: 'log', key: 'section.log' },
] as const satisfies readonly { path: string; key: AdminKey }[];

export type Section = (typeof SECTIONS)[number]['path'];

/** The change a redirect after a POST reports (?done=...): only keys of the catalogue are shown. */
export type Done =
  | 'settings' | 'rw' | 'rt' | 'chair' | 'invite' | 'revoke' | 'staff' | 'role' | 'password' | 'holiday_add' | 'holiday_remove';
const DONE: readonly Done[] = ['settings', 'rw', 'rt', 'chair', 'invite', 'revoke', 'staff', 'role', 'password', 'holiday_add', 'holiday_remove'];

export function doneOf(c: Context): Done | null {
  const d = c.req.query('done');
  return d && (DONE as readonly string[]).includes(d) ? (d as Done) : null;
}

export function AdminPage(props: { view: AdminView; section: Section; done?: Done | null; error?: Problem | null; children: Child }) {
  const { t, frame, staff } = props.view;
  const title = t(`section.${props.section}`);
  return (
    <Layout frame={frame} staff={staff} title={title}>
      <style>{raw(ADMIN_CSS)}</style>
      <nav class="subnav" aria-label={t('title')}>
        {SECTIONS.map((s) => (
          <a href={`${ADMIN}/${s.path}`} aria-current={s.path === props.section ? 'page' : undefined}>
            {t(s.key)}
          </a>
        ))}
      </nav>
      <h1>{title}</h1>
      {props.view.canChange ? null : <p class="banner">{t('read_only')}</p>}
      {props.done ? (
        <p class="ok" role="status" data-done={props.done}>
          {t(`done.${props.done}`)}
        </p>
      ) : null}
      {props.error ? (
        <p class="error" role="alert">
          {problemText(t, props.error)}
        </p>
      ) : null}
      {props.children}
    </Layout>
  );
}

/** The note under a field that was refused. */
export function FieldProblem(props: { t: AdminT; problem: Problem | undefined; id: string }) {
  if (!props.problem) return null;
  return (
    <p class="field-error" id={props.id}>
      {problemText(props.t, props.problem)}
    </p>
  );
}

export function CsrfField(props: { staff: SignedInStaff }) {
  return <input type="hidden" name="_csrf" value={props.staff.csrf} />;
}

/** The audit row of a change, for the same batch as the change itself. */
export function auditOf(db: Db, staff: SignedInStaff, now: number, action: string, target: string | null, detail: Record<string, unknown> = {}) {
  return insertAudit(db, { id: cryptoIds.newId(), kelurahanId: staff.kelurahanId, staffUserId: staff.id, at: now, action, target, detail });
}

/** Post/redirect/get: a reload shows the page again and does not repeat the change. */
export function backTo(c: Context, section: Section, done: Done, query = ''): Response {
  return c.redirect(`${ADMIN}/${section}?done=${done}${query}`, 303);
}

/** An invitation code in the change log: enough to tell codes apart, not enough to use one. */
export function codeHint(code: string): string {
  return `${code.slice(0, 4)}-****`;
}
