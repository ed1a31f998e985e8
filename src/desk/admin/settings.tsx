/**
 * /status/admin/settings: the kelurahan's name, address, office phone and hours, the Lurah's
 * name, the WhatsApp number and Telegram bot its messages arrive through, and the smallest group
 * the transparency page shows, and how many days a case's files are kept after it ended.
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { channelIdsTakenElsewhere, kelurahanSettings, type SettingsChange, updateKelurahanSettings } from '../../db/admin';
import { dbOf, runBatch } from '../../db/client';
import type { DeskEnv } from '../context';
import { pageHtml } from '../layout';
import { AdminPage, auditOf, backTo, CsrfField, doneOf, FieldProblem, viewOf, type AdminView } from './frame';
import type { Problem } from './text';
import { checkSettings, field, hhmm, type Form } from './validate';

type Problems = Partial<Record<keyof SettingsChange, Problem>>;

export const settings = new Hono<DeskEnv>()
  .get('/', async (c) => {
    const current = await load(c.env.DB, c.var.staff.kelurahanId);
    return c.html(pageHtml(<SettingsPage view={viewOf(c)} values={formOf(current)} done={doneOf(c)} />));
  })
  .post('/', async (c) => {
    const db = dbOf(c.env.DB);
    const staff = c.var.staff;
    const form = (await c.req.parseBody()) as Form;
    const checked = checkSettings(form);
    let problems: Problems = checked.ok ? {} : checked.problems;
    if (checked.ok) {
      const clash = await channelIdsTakenElsewhere(db, { kelurahanId: staff.kelurahanId, ...checked.value });
      if (checked.value.whatsappPhoneNumberId && clash.some((k) => k.whatsappPhoneNumberId === checked.value.whatsappPhoneNumberId)) {
        problems.whatsappPhoneNumberId = { key: 'err.wa_taken' };
      }
      if (checked.value.telegramBotId && clash.some((k) => k.telegramBotId === checked.value.telegramBotId)) problems.telegramBotId = { key: 'err.tg_taken' };
    }
    if (!checked.ok || Object.keys(problems).length) {
      const values = Object.fromEntries(FIELDS.map((f) => [f, field(form, f)]));
      return c.html(pageHtml(<SettingsPage view={viewOf(c)} values={values} problems={problems} />), 422);
    }
    const before = await load(c.env.DB, staff.kelurahanId);
    const now = Date.now();
    const changed = Object.fromEntries(
      (Object.keys(checked.value) as (keyof SettingsChange)[])
        .filter((k) => before[k] !== checked.value[k])
        .map((k) => [k, { from: before[k], to: checked.value[k] }]),
    );
    await runBatch(db, [
      updateKelurahanSettings(db, staff.kelurahanId, checked.value),
      auditOf(db, staff, now, 'kelurahan.update', staff.kelurahanId, changed),
    ]);
    return backTo(c, 'settings', 'settings');
  });

async function load(d1: D1Database, kelurahanId: string) {
  const row = (await kelurahanSettings(dbOf(d1), kelurahanId))[0];
  if (!row) throw new HTTPException(404, { message: 'not_found' });
  return row;
}

const FIELDS = ['name', 'address', 'phone', 'opens', 'closes', 'lurahName', 'whatsappPhoneNumberId', 'telegramBotId', 'transparencyMinCases', 'retentionDays'] as const;
type FieldName = (typeof FIELDS)[number];

function formOf(k: Awaited<ReturnType<typeof load>>): Record<string, string> {
  return {
    name: k.name, address: k.address, phone: k.phone ?? '', opens: hhmm(k.opensAtMinute), closes: hhmm(k.closesAtMinute), lurahName: k.lurahName,
    whatsappPhoneNumberId: k.whatsappPhoneNumberId ?? '', telegramBotId: k.telegramBotId ?? '', transparencyMinCases: String(k.transparencyMinCases),
    retentionDays: String(k.retentionDays),
  };
}

/** Which problem belongs under which input (the hours are checked as minutes of the day). */
const PROBLEM_OF: Record<FieldName, keyof SettingsChange> = {
  name: 'name', address: 'address', phone: 'phone', opens: 'opensAtMinute', closes: 'closesAtMinute', lurahName: 'lurahName',
  whatsappPhoneNumberId: 'whatsappPhoneNumberId', telegramBotId: 'telegramBotId', transparencyMinCases: 'transparencyMinCases',
  retentionDays: 'retentionDays',
};

function SettingsPage(props: { view: AdminView; values: Record<string, string>; problems?: Problems; done?: ReturnType<typeof doneOf> }) {
  const { t, staff, canChange } = props.view;
  const problems = props.problems ?? {};
  const input = (name: FieldName, label: string, opts: { type?: string; hint?: string; optional?: boolean; inputmode?: 'numeric'; required?: boolean } = {}) => {
    const problem = problems[PROBLEM_OF[name]];
    const hintId = `${name}-hint`;
    return (
      <div>
        <label for={name}>{label}</label>
        <input
          type={opts.type ?? 'text'}
          id={name}
          name={name}
          value={props.values[name] ?? ''}
          inputmode={opts.inputmode}
          required={opts.required ?? !opts.optional}
          disabled={!canChange}
          aria-invalid={problem ? 'true' : undefined}
          aria-describedby={opts.hint || problem ? `${hintId} ${name}-error` : undefined}
        />
        {opts.hint || opts.optional ? (
          <p class="hint" id={hintId}>
            {[opts.hint, opts.optional ? t('optional') : ''].filter(Boolean).join(' ')}
          </p>
        ) : null}
        <FieldProblem t={t} problem={problem} id={`${name}-error`} />
      </div>
    );
  };
  return (
    <AdminPage view={props.view} section="settings" done={props.done} error={Object.keys(problems).length ? { key: 'fix' } : null}>
      {/* The Lurah reads the same fields, with nothing to send. */}
      <form method={canChange ? 'post' : undefined} action={canChange ? '/status/admin/settings' : undefined} class="card" novalidate>
        {canChange ? <CsrfField staff={staff} /> : null}
        {input('name', t('f.name'))}
        {input('address', t('f.address'))}
        {input('phone', t('f.phone'), { type: 'tel', hint: t('f.phone_hint'), optional: true })}
        <div class="grid2">
          {input('opens', t('f.opens'), { type: 'time', hint: t('f.hours_hint') })}
          {input('closes', t('f.closes'), { type: 'time' })}
        </div>
        {input('lurahName', t('f.lurah'))}
        {input('whatsappPhoneNumberId', t('f.wa'), { inputmode: 'numeric', hint: t('f.wa_hint'), optional: true })}
        {input('telegramBotId', t('f.tg'), { inputmode: 'numeric', hint: t('f.tg_hint'), optional: true })}
        {input('transparencyMinCases', t('f.threshold'), { type: 'number', inputmode: 'numeric', hint: t('f.threshold_hint') })}
        {input('retentionDays', t('f.retention'), { type: 'number', inputmode: 'numeric', hint: t('f.retention_hint') })}
        {canChange ? (
          <div class="form-actions">
            <button type="submit">{t('save')}</button>
          </div>
        ) : null}
      </form>
    </AdminPage>
  );
}
