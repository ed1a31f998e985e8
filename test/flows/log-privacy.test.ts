/**
 * What Loket writes to its logs on a whole case, from "halo" to "selesai": everything printed to
 * the console is captured while a resident applies with her NIK and photos, a neighbour applies
 * for someone else, the RT chair approves, asks a neighbour and verifies, the crons run, and
 * staff make the letter and hand it over at the desk. No NIK, no full phone number and no token
 * or secret may appear in it (masked forms such as ****0001 are what the logs are for).
 */
import { captureConsole, fullForms } from '../support/console-capture';
import { createScheduledController, env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runScheduled } from '../../src/jobs/scheduled';
import { completeApplication, NIK, startApplication } from '../support/apply-helper';
import { Browser, formToken } from '../support/desk';
import { useFreshDatabase } from '../support/fresh-database';
import { choice, choicesOf, drainQueue, seed, setClock, SimPerson, testEnv, text } from '../support/simulator';

useFreshDatabase();

const printed: string[] = [];
beforeEach(async () => {
  captureConsole(printed);
  await seed();
});
afterEach(() => vi.restoreAllMocks());

const wib = (iso: string) => Date.parse(`${iso}:00+07:00`);
const tick = (at: number) => runScheduled(createScheduledController({ cron: '*/15 * * * *', scheduledTime: at }), testEnv());
const daily = (at: number) => runScheduled(createScheduledController({ cron: '0 0 * * *', scheduledTime: at }), testEnv());

const PHONES = { siti: '628123450001', budi: '628123450002', ani: '628123450004', hasan: '628990000203' };

/** The desk, at the simulated time `at` (the desk reads the system clock). */
async function atDesk<T>(at: number, work: (b: Browser) => Promise<T>): Promise<T> {
  const clock = vi.spyOn(Date, 'now').mockImplementation(() => at);
  try {
    const b = new Browser('https://loket.test', '203.0.113.10', undefined, testEnv());
    expect((await b.signIn('staf', 'test-password')).status).toBe(303);
    return await work(b);
  } finally {
    clock.mockRestore();
  }
}

/** Sends the case page's form for `action`, as the staff member's click would. */
async function act(b: Browser, code: string, action: string, fields: Record<string, string> = {}): Promise<number> {
  const page = await (await b.get(`/status/cases/${code}`)).text();
  const form = new RegExp(`<form method="post" action="/status/cases/${code}/act" data-action="${action}">([\\s\\S]*?)</form>`).exec(page);
  if (!form) throw new Error(`no ${action} form on the page`);
  const version = /name="version" value="(\d+)"/.exec(form[1]!)![1]!;
  return (await b.post(`/status/cases/${code}/act`, { _csrf: formToken(form[1]!), action, version, ...fields })).status;
}

const secrets = () =>
  Object.entries(env)
    .filter(([k, v]) => /token|secret|password/i.test(k) && typeof v === 'string' && v.length >= 6)
    .map(([, v]) => v as string);

describe('the logs of a whole case', () => {
  it('hold no NIK, no full phone number and no token, from the application to the hand-over', async () => {
    const siti = new SimPerson(PHONES.siti, 'Siti');
    const hasan = new SimPerson(PHONES.hasan, 'Bapak Hasan');
    const budi = new SimPerson(PHONES.budi, 'Budi');
    await budi.say('halo');

    // A neighbour applies for someone else, naming her NIK and number.
    await startApplication(budi, 'ktp', { forOther: { name: 'Ani Lestari', nik: NIK.ani, phone: PHONES.ani } });
    await drainQueue();

    // Siti applies for the surat pengantar nikah with her NIK and three photos; the chair approves; the letter is made.
    const code = await completeApplication(siti, 'nikah');
    await drainQueue();
    setClock(wib('2026-11-30T11:00'));
    await hasan.press(choice(await hasan.replies(), 'Setujui'));
    await drainQueue();

    // Day 1 ends; day 2: the chair asks Budi, who knows her; then "Sah".
    await tick(wib('2026-11-30T16:15'));
    await drainQueue();
    setClock(wib('2026-12-01T09:00'));
    const card = await hasan.replies();
    await hasan.press(choice(card, 'Tanya tetangga'));
    await hasan.say('0812 3450 002');
    await drainQueue();
    await budi.press(choice(await budi.replies(), 'Ya, kenal'));
    await drainQueue();
    await hasan.press(choice(await hasan.replies(), 'Sah'));
    await drainQueue();
    await daily(wib('2026-12-02T07:00'));
    await drainQueue();

    expect(await env.DB.prepare('SELECT state FROM cases WHERE code = ?').bind(code).first()).toEqual({ state: 'processing' });
    // Day 3 at the desk: the kelurahan's letter, ready, handed over with her pickup code.
    await atDesk(wib('2026-12-02T10:00'), async (b) => {
      const page = await (await b.get(`/status/cases/${code}`)).text();
      expect((await b.post(`/status/cases/${code}/letter`, { _csrf: formToken(page) })).status).toBe(303);
    });
    setClock(wib('2026-12-02T10:01'));
    await drainQueue();
    await atDesk(wib('2026-12-02T10:05'), async (b) => expect(await act(b, code, 'produce', { output: 'letter' })).toBe(303));
    setClock(wib('2026-12-02T10:06'));
    await drainQueue();
    const pickup = /Kode ambil: (\d{3} \d{3})/.exec(text(await siti.replies()))![1]!.replace(' ', '');
    await atDesk(wib('2026-12-02T11:00'), async (b) => expect(await act(b, code, 'hand_over', { pickupCode: pickup })).toBe(303));
    setClock(wib('2026-12-02T11:01'));
    await drainQueue();
    const done = await siti.replies();
    expect(text(done)).toContain(`Berkas ${code} selesai.`);
    await siti.press(choice(done, 'Tidak'));
    expect(text(await siti.say('status'))).toContain(code);
    await daily(wib('2026-12-03T07:00'));
    await drainQueue();

    expect(await env.DB.prepare('SELECT state FROM cases WHERE code = ?').bind(code).first()).toEqual({ state: 'completed' });

    // The capture saw the run: the jobs' own lines are there.
    const logs = printed.join('\n');
    expect(logs).toContain('cron.schedule_tick');
    expect(logs).toContain('signin.ok');

    const leaks = [
      ...Object.values(NIK),
      ...Object.values(PHONES).flatMap(fullForms),
      ...secrets(),
    ].filter((s) => logs.includes(s));
    expect(leaks).toEqual([]);
    expect(secrets().length).toBeGreaterThanOrEqual(4);
  });
});
