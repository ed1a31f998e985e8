/** Staff sessions: what D1 keeps of them, when they end, signing out, and the daily clean-up. */
import { createScheduledController, env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runScheduled } from '../../src/jobs/scheduled';
import { useFreshDatabase } from '../support/fresh-database';
import { addKelurahan, addStaff, Browser } from '../support/desk';
import { testEnv } from '../support/simulator';

useFreshDatabase();

const START = Date.parse('2026-11-30T08:00:00+07:00');
const MIN = 60_000;
const HOUR = 60 * MIN;

beforeEach(async () => {
  await addKelurahan('k1', 'Bukit Sangkal');
  await addKelurahan('k2', 'Sei Selincah');
  await addStaff({ id: 's1', kelurahanId: 'k1', username: 'siti', password: 'sandi-siti-2026' });
  vi.spyOn(Date, 'now').mockReturnValue(START);
});
afterEach(() => vi.restoreAllMocks());

const at = (t: number) => vi.mocked(Date.now).mockReturnValue(t);
const rows = async () =>
  (await env.DB.prepare('SELECT * FROM staff_sessions').all<Record<string, string | number>>()).results;

async function sha256Hex(text: string) {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return [...d].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function signedIn(b = new Browser()) {
  expect((await b.signIn('siti', 'sandi-siti-2026')).status).toBe(303);
  return b;
}

const isSignedOut = async (b: Browser) => {
  const res = await b.get('/status');
  return res.status === 303 && res.headers.get('location') === '/login?next=%2Fstatus';
};

describe('a session', () => {
  it('is kept in D1 only as the SHA-256 of its id, with its own form token and expiry', async () => {
    const b = await signedIn();
    const id = b.cookies.get('__Host-loket_session')!;
    const [row] = await rows();
    expect(row).toMatchObject({ id_hash: await sha256Hex(id), staff_id: 's1', kelurahan_id: 'k1', created_at: START, expires_at: START + 4 * HOUR });
    expect(Object.values(row!)).not.toContain(id);
    expect(row!.csrf_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(row!.csrf_token).not.toBe(id);
  });

  it('ends after 4 hours without use; each use moves that on', async () => {
    const b = await signedIn();
    at(START + 3 * HOUR + 50 * MIN);
    expect(await isSignedOut(b)).toBe(false);
    at(START + 7 * HOUR + 40 * MIN);
    expect(await isSignedOut(b)).toBe(false);
    at(START + 11 * HOUR + 41 * MIN);
    expect(await isSignedOut(b)).toBe(true);
    // The stale cookie is cleared on the way to the sign-in.
    expect(b.cookies.has('__Host-loket_session')).toBe(false);
  });

  it('ends 12 hours after sign-in however much it is used', async () => {
    const b = await signedIn();
    for (let h = 1; h < 12; h++) {
      at(START + h * HOUR);
      expect(await isSignedOut(b), `after ${h} h`).toBe(false);
    }
    at(START + 12 * HOUR);
    expect(await isSignedOut(b)).toBe(true);
  });

  it('is ended by signing out: the row goes and a saved copy of the cookie is worth nothing', async () => {
    const b = await signedIn();
    const copy = new Browser();
    copy.cookies.set('__Host-loket_session', b.cookies.get('__Host-loket_session')!);
    const res = await b.post('/logout', { _csrf: await b.deskToken() });
    expect(res.status).toBe(303);
    expect(res.headers.getAll('set-cookie')).toContain('__Host-loket_session=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax');
    expect(await rows()).toEqual([]);
    expect(await isSignedOut(b)).toBe(true);
    expect(await isSignedOut(copy)).toBe(true);
  });

  it('is never one the browser brought: every sign-in makes a new id and ends the session the browser had', async () => {
    const b = new Browser();
    const token = await b.openLogin();
    b.cookies.set('__Host-loket_session', 'planted-by-someone-else-0000000000000000000');
    expect((await b.post('/login', { _csrf: token, username: 'siti', password: 'sandi-siti-2026' })).status).toBe(303);
    expect(b.cookies.get('__Host-loket_session')).not.toBe('planted-by-someone-else-0000000000000000000');

    // A browser that still holds a live session and signs in again: the old one ends.
    const other = await signedIn();
    const again = new Browser();
    const token2 = await again.openLogin();
    again.cookies.set('__Host-loket_session', other.cookies.get('__Host-loket_session')!);
    expect((await again.post('/login', { _csrf: token2, username: 'siti', password: 'sandi-siti-2026' })).status).toBe(303);
    expect(await isSignedOut(other)).toBe(true);
    expect(await isSignedOut(again)).toBe(false);
    expect(await rows()).toHaveLength(2);
  });

  it('ends when the staff member is moved to another kelurahan', async () => {
    const b = await signedIn();
    await env.DB.prepare("UPDATE staff_users SET kelurahan_id = 'k2' WHERE id = 's1'").run();
    expect(await isSignedOut(b)).toBe(true);
  });
});

describe('the daily cron', () => {
  it('drops expired sessions and throttle windows over for a day, and keeps the rest', async () => {
    const b = await signedIn();
    at(START + 5 * HOUR);
    await signedIn(new Browser('https://loket.test', '198.51.100.9'));
    await env.DB.batch([
      env.DB.prepare("INSERT INTO throttles (key, window_start, count) VALUES ('signin:user:old', ?, 5), ('signin:user:new', ?, 2)").bind(
        START - 25 * HOUR, START + 4 * HOUR,
      ),
    ]);
    const midnight = START + 6 * HOUR;
    await runScheduled(createScheduledController({ cron: '0 0 * * *', scheduledTime: midnight }), testEnv());
    const left = await rows();
    expect(left).toHaveLength(1);
    expect(left[0]!.created_at).toBe(START + 5 * HOUR);
    const keys = (await env.DB.prepare('SELECT key FROM throttles ORDER BY key').all<{ key: string }>()).results.map((r) => r.key);
    expect(keys).not.toContain('signin:user:old');
    expect(keys).toContain('signin:user:new');
    at(midnight);
    expect(await isSignedOut(b)).toBe(true);
  });
});
