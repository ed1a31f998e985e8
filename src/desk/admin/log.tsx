/** /status/admin/log: the latest administration changes, who made each and when, newest first. */
import { Hono } from 'hono';
import { latestAudit } from '../../db/audit';
import { dbOf } from '../../db/client';
import type { DeskEnv } from '../context';
import { dateTime } from '../format';
import { pageHtml } from '../layout';
import { loadOffice } from '../office';
import { AdminPage, viewOf, type AdminView } from './frame';
import { adminId, type AdminKey } from './text';

type Entry = Awaited<ReturnType<typeof latestAudit>>[number];

export const log = new Hono<DeskEnv>().get('/', async (c) => {
  const db = dbOf(c.env.DB);
  const now = Date.now();
  const [entries, office] = await Promise.all([latestAudit(db, c.var.staff.kelurahanId), loadOffice(db, c.var.staff.kelurahanId, now)]);
  return c.html(pageHtml(<LogPage view={viewOf(c)} entries={entries} utcOffsetMinutes={office?.utcOffsetMinutes ?? 420} />));
});

/** "name: Bukit Sangkal; phone: 0711-... -> 0711-...": the detail as a line a person reads. */
function detailLine(detail: string): string {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(detail) as Record<string, unknown>;
  } catch {
    return '';
  }
  const show = (v: unknown) => (v === null || v === undefined || v === '' ? '-' : String(v));
  return Object.entries(parsed)
    .map(([k, v]) => {
      if (v && typeof v === 'object' && 'from' in v && 'to' in v) return `${k}: ${show((v as { from: unknown }).from)} → ${show((v as { to: unknown }).to)}`;
      return `${k}: ${show(v)}`;
    })
    .join('; ');
}

function LogPage(props: { view: AdminView; entries: Entry[]; utcOffsetMinutes: number }) {
  const { t, frame } = props.view;
  const label = (action: string) => {
    const key = `action.${action}`;
    return key in adminId ? t(key as AdminKey & `action.${string}`) : action;
  };
  return (
    <AdminPage view={props.view} section="log">
      <div class="card">
        <p>{t('log.lead')}</p>
        {props.entries.length === 0 ? <p class="empty">{t('log.none')}</p> : null}
        <ul class="rows">
          {props.entries.map((e) => (
            <li data-audit={e.action}>
              <div class="line">
                <strong>{label(e.action)}</strong>
                <time class="muted">{dateTime(frame.locale, e.at, props.utcOffsetMinutes)}</time>
              </div>
              <p class="muted" data-who>
                {t('log.who')}: {e.staffName ? `${e.staffName} (${e.staffUsername})` : '-'}
              </p>
              <p data-detail>{detailLine(e.detail)}</p>
            </li>
          ))}
        </ul>
      </div>
    </AdminPage>
  );
}
