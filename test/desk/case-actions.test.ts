/**
 * The staff desk takes a case from day 1 to "selesai": each action moves the case, is recorded
 * with the staff member, and is told to the resident in words; a stale form, a form without its
 * token and a wrong pickup code are refused.
 */
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { completeApplication } from '../support/apply-helper';
import { Browser, formToken } from '../support/desk';
import { useFreshDatabase } from '../support/fresh-database';
import { drainQueue, seed, setClock, SimPerson, testEnv, text } from '../support/simulator';

useFreshDatabase();
afterEach(() => vi.restoreAllMocks());

const wib = (iso: string) => Date.parse(`${iso}:00+07:00`);
let now = wib('2026-11-30T10:00');
/** The desk and the simulator on one clock. */
function at(t: number) {
  now = t;
  setClock(t);
}
const row = (sql: string) => env.DB.prepare(sql).first<Record<string, unknown>>();

let siti: SimPerson;
let staff: Browser;
let code: string;

beforeEach(async () => {
  await seed();
  at(wib('2026-11-30T10:00'));
  vi.spyOn(Date, 'now').mockImplementation(() => now);
  siti = new SimPerson('628123450001', 'Siti');
  code = await completeApplication(siti, 'ktp');
  await drainQueue();
  await siti.replies();
  staff = new Browser('https://loket.test', '203.0.113.10', undefined, testEnv());
  const res = await staff.signIn('staf', 'test-password');
  expect(res.status).toBe(303);
});

/** Opens the case page and sends the form of `action` with these fields, as the page would. */
async function act(action: string, fields: Record<string, string> = {}) {
  const page = await (await staff.get(`/status/cases/${code}`)).text();
  const form = new RegExp(`<form method="post" action="/status/cases/${code}/act" data-action="${action}">([\\s\\S]*?)</form>`).exec(page);
  if (!form) throw new Error(`no ${action} form on the page`);
  const version = /name="version" value="(\d+)"/.exec(form[1]!)![1]!;
  return staff.post(`/status/cases/${code}/act`, { _csrf: formToken(form[1]!), action, version, ...fields });
}
const state = async () => (await row(`SELECT state FROM cases WHERE code = '${code}'`))!.state;

describe('a KTP case from day 1 to "selesai" at the desk', () => {
  it('walks every step, tells Siti each time, and ends with her pickup code checked', async () => {
    // The RT chair has not answered: the office approves the pengantar for him, with a reason.
    let res = await act('approve_pengantar', { reason: 'Ketua RT sedang dirawat di rumah sakit.' });
    expect(res.status).toBe(303);
    expect(await state()).toBe('submitted');
    expect(text(await siti.replies())).toMatch(/kantor kelurahan/i);

    res = await act('archive');
    expect(res.status).toBe(303);
    expect(await state()).toBe('verifying');

    res = await act('verify_valid', { reason: 'Data cocok dengan arsip KK kelurahan.' });
    expect(await state()).toBe('processing');
    expect(text(await siti.replies())).toMatch(/sah/i);

    res = await act('hand_off', { reference: 'DKC/2026/00123', expectedDate: '2026-12-07' });
    expect(res.status).toBe(303);
    expect(await state()).toBe('at_disdukcapil');
    expect(text(await siti.replies())).toContain('DKC/2026/00123');

    // Monday: the card is back. A new working day, a new sign-in.
    at(wib('2026-12-07T09:00'));
    expect((await staff.signIn('staf', 'test-password')).status).toBe(303);
    res = await act('produce', { output: 'card' });
    expect(await state()).toBe('ready');
    const ready = text(await siti.replies());
    expect(ready).toMatch(/siap diambil/i);
    const pickup = /Kode ambil: (\d{3} \d{3})/.exec(ready)![1]!.replace(/\D/g, '');
    expect(ready).toContain('08.00');

    // A wrong code is refused and counted; the right one hands it over.
    res = await act('hand_over', { pickupCode: pickup === '000000' ? '111111' : '000000' });
    expect(res.status).toBe(422);
    expect(await res.text()).toMatch(/salah/i);
    expect((await row(`SELECT pickup_code_attempts AS n FROM cases WHERE code = '${code}'`))!.n).toBe(1);
    res = await act('hand_over', { pickupCode: pickup });
    expect(res.status).toBe(303);
    expect(await state()).toBe('completed');
    expect(text(await siti.replies())).toMatch(/selesai/i);

    // Every step is on the timeline with the staff member who did it.
    const events = await env.DB.prepare(`SELECT kind, actor_staff_id FROM case_events WHERE actor_kind = 'staff' ORDER BY at, rowid`).all();
    expect(events.results.map((e) => e.kind)).toEqual(['approve_pengantar', 'archive', 'verify_valid', 'hand_off', 'produce', 'pickup_code_wrong', 'hand_over']);
    expect(new Set(events.results.map((e) => e.actor_staff_id))).toEqual(new Set(['staff-demo']));
  });

  it('refuses a form from a page older than the case, and says so', async () => {
    const page = await (await staff.get(`/status/cases/${code}`)).text();
    const token = formToken(page);
    const version = /name="version" value="(\d+)"/.exec(page)![1]!;
    expect((await act('approve_pengantar', { reason: 'Ketua RT berhalangan.' })).status).toBe(303);
    const res = await staff.post(`/status/cases/${code}/act`, { _csrf: token, action: 'refuse_pengantar', version, reason: 'Alamat tidak cocok.' });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('sudah berubah');
    expect(await state()).toBe('submitted');
  });

  it('refuses an action without the form token, and changes nothing', async () => {
    const page = await (await staff.get(`/status/cases/${code}`)).text();
    const version = /name="version" value="(\d+)"/.exec(page)![1]!;
    const res = await staff.post(`/status/cases/${code}/act`, { action: 'approve_pengantar', version, reason: 'Tanpa token.' });
    expect(res.status).toBe(403);
    expect(await state()).toBe('awaiting_pengantar');
  });

  it('refuses an override without a reason', async () => {
    const res = await act('approve_pengantar', { reason: '   ' });
    expect(res.status).toBe(422);
    expect(await state()).toBe('awaiting_pengantar');
  });
});
