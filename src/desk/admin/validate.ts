/**
 * Checks of what the administration forms send, before anything is written. Each answers the
 * value to store or the problem to show under the field; the page shows every problem at once.
 */
import { checkPersonName } from '../../domain/person-name';
import { normalizePhone } from '../../domain/phone';
import { MIN_TRANSPARENCY_CASES } from '../../domain/transparency';
import type { SettingsChange } from '../../db/admin';
import type { StaffRole } from '../context';
import type { Problem } from './text';

/**
 * The days a case's files are kept after it ended. At least a month: a resident who finds a
 * mistake on the letter or complains about the case still finds its papers; at most a year:
 * longer than that is no longer "as long as needed" (UU 27/2022).
 */
export const MIN_RETENTION_DAYS = 30;
export const MAX_RETENTION_DAYS = 365;

export type Form = Record<string, string | File | (string | File)[]>;
export type Checked<T, F extends string> = { ok: true; value: T } | { ok: false; problems: Partial<Record<F, Problem>> };

/** The text a form field carries ('' for a missing or file field). */
export function field(form: Form, name: string): string {
  const v = form[name];
  return typeof v === 'string' ? v : '';
}

/** What goes into messages, letters and pages as it is: no control characters, no markup brackets. */
function plain(text: string, min: number, max: number): string | null {
  const v = text.replace(/\s+/g, ' ').trim();
  if (v.length < min || v.length > max || /[\u0000-\u001f\u007f<>]/.test(v)) return null;
  return v;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function minuteOf(text: string): number | null {
  const m = HHMM.exec(text.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

export function hhmm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** An office line as people write it (0711-555-0123, (0711) 555 0123, +62 711 5550123). */
function officePhone(text: string): string | null {
  const v = text.replace(/\s+/g, ' ').trim();
  if (!/^\+?[0-9][0-9 ().-]{4,22}[0-9]$/.test(v)) return null;
  return v.replace(/\D/g, '').length >= 6 ? v : null;
}

type SettingsField = keyof SettingsChange;

export function checkSettings(form: Form): Checked<SettingsChange, SettingsField> {
  const problems: Partial<Record<SettingsField, Problem>> = {};
  const name = plain(field(form, 'name'), 2, 80);
  if (!name) problems.name = { key: 'err.text', params: { min: 2, max: 80 } };
  const address = plain(field(form, 'address'), 5, 200);
  if (!address) problems.address = { key: 'err.text', params: { min: 5, max: 200 } };
  const lurahName = plain(field(form, 'lurahName'), 2, 80);
  if (!lurahName) problems.lurahName = { key: 'err.text', params: { min: 2, max: 80 } };
  const phoneText = field(form, 'phone').trim();
  const phone = phoneText === '' ? null : officePhone(phoneText);
  if (phoneText !== '' && !phone) problems.phone = { key: 'err.phone_office' };
  const opens = minuteOf(field(form, 'opens'));
  const closes = minuteOf(field(form, 'closes'));
  if (opens === null) problems.opensAtMinute = { key: 'err.time' };
  if (closes === null) problems.closesAtMinute = { key: 'err.time' };
  else if (opens !== null && closes <= opens) problems.closesAtMinute = { key: 'err.hours_order' };
  const wa = field(form, 'whatsappPhoneNumberId').trim();
  if (wa !== '' && !/^\d{5,20}$/.test(wa)) problems.whatsappPhoneNumberId = { key: 'err.wa' };
  const tg = field(form, 'telegramBotId').trim();
  if (tg !== '' && !/^\d{5,15}$/.test(tg)) problems.telegramBotId = { key: 'err.tg' };
  const threshold = wholeNumber(field(form, 'transparencyMinCases'), MIN_TRANSPARENCY_CASES, 1000);
  if (threshold === null) problems.transparencyMinCases = { key: 'err.threshold' };
  const retention = wholeNumber(field(form, 'retentionDays'), MIN_RETENTION_DAYS, MAX_RETENTION_DAYS);
  if (retention === null) problems.retentionDays = { key: 'err.retention', params: { min: MIN_RETENTION_DAYS, max: MAX_RETENTION_DAYS } };
  if (Object.keys(problems).length) return { ok: false, problems };
  return {
    ok: true,
    value: {
      name: name!, address: address!, phone, lurahName: lurahName!, opensAtMinute: opens!, closesAtMinute: closes!,
      whatsappPhoneNumberId: wa || null, telegramBotId: tg || null, transparencyMinCases: threshold!,
      retentionDays: retention!,
    },
  };
}

export function wholeNumber(text: string, min: number, max: number): number | null {
  const v = text.trim();
  if (!/^\d{1,6}$/.test(v)) return null;
  const n = Number(v);
  return n >= min && n <= max ? n : null;
}

/** An RW or RT number. */
export const areaNumber = (text: string) => wholeNumber(text, 1, 999);

export interface Chair {
  fullName: string;
  phone: string;
}

export function checkChair(form: Form): Checked<Chair, 'name' | 'phone'> {
  const problems: Partial<Record<'name' | 'phone', Problem>> = {};
  // A chair's name goes to residents in the chat ("RT 03 (Bapak Hasan)"): the chat's name rule.
  const name = checkPersonName(field(form, 'name'));
  if (!name.ok) problems.name = { key: 'err.person_name' };
  const phone = normalizePhone(field(form, 'phone'));
  if (!phone) problems.phone = { key: 'err.phone_mobile' };
  if (!name.ok || !phone) return { ok: false, problems };
  return { ok: true, value: { fullName: name.value, phone } };
}

/** As `npm run staff:add` (scripts/staff-account.mjs): sign-in reads usernames in lowercase. */
export const USERNAME = /^[a-z0-9][a-z0-9._-]{2,31}$/;
export const MIN_PASSWORD = 12;
const MAX_PASSWORD = 1024;
export const ROLES: readonly StaffRole[] = ['staff', 'lurah', 'admin'];

export const roleOf = (text: string): StaffRole | null => (ROLES as readonly string[]).includes(text) ? (text as StaffRole) : null;

export function passwordProblem(password: string): Problem | null {
  return password.length < MIN_PASSWORD || password.length > MAX_PASSWORD ? { key: 'err.password', params: { min: MIN_PASSWORD } } : null;
}

export interface NewStaff {
  username: string;
  displayName: string;
  role: StaffRole;
  password: string;
}

export function checkNewStaff(form: Form): Checked<NewStaff, keyof NewStaff> {
  const problems: Partial<Record<keyof NewStaff, Problem>> = {};
  const username = field(form, 'username').trim();
  if (!USERNAME.test(username)) problems.username = { key: 'err.username' };
  const displayName = plain(field(form, 'displayName'), 2, 80);
  if (!displayName) problems.displayName = { key: 'err.text', params: { min: 2, max: 80 } };
  const role = roleOf(field(form, 'role'));
  if (!role) problems.role = { key: 'err.role' };
  const password = field(form, 'password');
  const weak = passwordProblem(password);
  if (weak) problems.password = weak;
  if (Object.keys(problems).length) return { ok: false, problems };
  return { ok: true, value: { username, displayName: displayName!, role: role!, password } };
}

export type HolidayKind = 'national' | 'cuti_bersama' | 'local';
const KINDS: readonly HolidayKind[] = ['national', 'cuti_bersama', 'local'];
export const HOLIDAY_KINDS = KINDS;

/** A real calendar date written YYYY-MM-DD (2027-02-30 is refused). */
export function isoDate(text: string): string | null {
  const v = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return null;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v ? v : null;
}

export interface NewHoliday {
  date: string;
  name: string;
  kind: HolidayKind;
}

export function checkHoliday(form: Form): Checked<NewHoliday, keyof NewHoliday> {
  const problems: Partial<Record<keyof NewHoliday, Problem>> = {};
  const date = isoDate(field(form, 'date'));
  if (!date) problems.date = { key: 'err.date' };
  const name = plain(field(form, 'name'), 3, 100);
  if (!name) problems.name = { key: 'err.text', params: { min: 3, max: 100 } };
  const kindText = field(form, 'kind');
  const kind = (KINDS as readonly string[]).includes(kindText) ? (kindText as HolidayKind) : null;
  if (!kind) problems.kind = { key: 'err.kind' };
  if (Object.keys(problems).length) return { ok: false, problems };
  return { ok: true, value: { date: date!, name: name!, kind: kind! } };
}
