/** Signing in to the staff desk: the form, the session cookie, wrong passwords and their throttle. */
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useFreshDatabase } from '../support/fresh-database';
import { addKelurahan, addStaff, Browser, formToken } from '../support/desk';

useFreshDatabase();

beforeEach(async () => {
  await addKelurahan('k1', 'Bukit Sangkal');
  await addStaff({ id: 's1', kelurahanId: 'k1', username: 'siti', password: 'sandi-siti-2026', displayName: 'Siti Rahma', role: 'lurah' });
  await addStaff({ id: 's2', kelurahanId: 'k1', username: 'budi', password: 'sandi-budi-2026', displayName: 'Budi <b>Santoso</b>' });
});
afterEach(() => vi.restoreAllMocks());

const setCookies = (res: Response) => res.headers.getAll('set-cookie');
const sessions = async () => (await env.DB.prepare('SELECT count(*) AS n FROM staff_sessions').first<{ n: number }>())!.n;

describe('GET /login', () => {
  it('shows the form with its token, in Bahasa Indonesia', async () => {
    const res = await new Browser().get('/login');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const page = await res.text();
    expect(page).toContain('<h1>Masuk ke meja layanan</h1>');
    expect(page).toMatch(/<form method="post" action="\/login">/);
    expect(page).toContain('name="username"');
    expect(page).toContain('name="password"');
    expect(formToken(page)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(setCookies(res)[0]).toMatch(/^__Host-loket_login=[A-Za-z0-9_-]{43}; Max-Age=7200; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
  });

  it('speaks English on ?lang=en and remembers it', async () => {
    const b = new Browser();
    expect(await (await b.get('/login?lang=en')).text()).toContain('<h1>Sign in to the staff desk</h1>');
    expect(await (await b.get('/login')).text()).toContain('<h1>Sign in to the staff desk</h1>');
    await b.signIn('siti', 'sandi-siti-2026');
    const desk = await (await b.get('/status')).text();
    expect(desk).toContain('Welcome, Siti Rahma (Lurah).');
    expect(desk).toContain('>Sign out</button>');
  });

  it('sends someone already signed in on to the desk', async () => {
    const b = new Browser();
    await b.signIn('siti', 'sandi-siti-2026');
    const res = await b.get('/login?next=%2Fstatus%2Faccount');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/status/account');
  });
});

describe('POST /login', () => {
  it('signs in: a session cookie (HttpOnly, SameSite=Lax, Secure) and the desk with the name and role', async () => {
    const b = new Browser();
    const res = await b.signIn('siti', 'sandi-siti-2026');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/status');
    const cookie = setCookies(res).find((c) => c.startsWith('__Host-loket_session='))!;
    expect(cookie).toMatch(/^__Host-loket_session=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    // The sign-in form's token is spent.
    expect(setCookies(res)).toContain('__Host-loket_login=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax');
    const desk = await b.get('/status');
    expect(desk.status).toBe(200);
    const page = await desk.text();
    expect(page).toContain('<h1>Meja layanan</h1>');
    expect(page).toContain('Selamat bekerja, Siti Rahma (Lurah).');
    expect(page).toContain('Loket · Bukit Sangkal');
  });

  it('leaves Secure (and the __Host- prefix) off on localhost, where npm start serves plain HTTP', async () => {
    const b = new Browser('http://localhost:8787');
    const res = await b.signIn('siti', 'sandi-siti-2026');
    expect(res.status).toBe(303);
    const cookie = setCookies(res).find((c) => c.startsWith('loket_session='))!;
    expect(cookie).toMatch(/^loket_session=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Lax$/);
    expect((await b.get('/status')).status).toBe(200);
  });

  it('answers a wrong password or an unknown username with the same page, and no session', async () => {
    const wrong = await new Browser().signIn('siti', 'salah');
    const unknown = await new Browser('https://loket.test', '203.0.113.11').signIn('tidakada', 'salah');
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(setCookies(res).some((c) => c.includes('loket_session'))).toBe(false);
      expect(await res.text()).toContain('Nama pengguna atau kata sandi salah. Coba lagi.');
    }
    expect(await sessions()).toBe(0);
  });

  it('does the same PBKDF2 work for an unknown username as for a known one', async () => {
    const derive = vi.spyOn(crypto.subtle, 'deriveBits');
    await new Browser().signIn('siti', 'salah');
    await new Browser('https://loket.test', '203.0.113.12').signIn('tidakada', 'salah');
    const iterations = derive.mock.calls.map(([params]) => (params as { iterations?: number }).iterations);
    expect(iterations).toEqual([100_000, 100_000]);
  });

  it('reads the username in any case and around spaces', async () => {
    expect((await new Browser().signIn('  SITI ', 'sandi-siti-2026')).status).toBe(303);
  });

  it('escapes what it shows: a name with markup and a typed username', async () => {
    const b = new Browser();
    const failed = await (await b.signIn('"><script>alert(1)</script>', 'x')).text();
    expect(failed).not.toContain('<script>alert');
    expect(failed).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    await b.signIn('budi', 'sandi-budi-2026');
    const desk = await (await b.get('/status')).text();
    expect(desk).toContain('Budi &lt;b&gt;Santoso&lt;/b&gt;');
    expect(desk).not.toContain('<b>Santoso');
  });
});

describe('where the sign-in leads', () => {
  it('comes back to the desk page that asked for it', async () => {
    const b = new Browser();
    const asked = await b.get('/status/account?lang=id');
    expect(asked.status).toBe(303);
    expect(asked.headers.get('location')).toBe('/login?next=%2Fstatus%2Faccount%3Flang%3Did');
    const form = await (await b.get(asked.headers.get('location')!)).text();
    expect(form).toContain('name="next" value="/status/account?lang=id"');
    const res = await b.post('/login', { _csrf: formToken(form), username: 'siti', password: 'sandi-siti-2026', next: '/status/account?lang=id' });
    expect(res.headers.get('location')).toBe('/status/account?lang=id');
  });

  it('never leads off the desk (no open redirect)', async () => {
    for (const next of ['//evil.example/status', 'https://evil.example/status', '/\\evil.example', '/login', '/simulator', 'status', '/status\r\nx: y']) {
      const res = await new Browser().signIn('siti', 'sandi-siti-2026', next);
      expect(res.headers.get('location'), next).toBe('/status');
    }
  });
});

describe('wrong passwords are throttled', () => {
  const wrongTimes = async (b: Browser, username: string, n: number) => {
    for (let i = 0; i < n; i++) expect((await b.signIn(username, `salah-${i}`)).status).toBe(401);
  };

  it('answers the sixth wrong password for a username with 429 and a page in both languages, from any client', async () => {
    vi.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-11-30T10:00:00Z'));
    // Five clients, one failure each: the username is what is being guessed.
    for (let i = 0; i < 5; i++) await wrongTimes(new Browser('https://loket.test', `198.51.100.${i}`), 'siti', 1);
    const sixth = await new Browser('https://loket.test', '198.51.100.99').signIn('siti', 'salah-lagi');
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get('retry-after')).toBe('900');
    const page = await sixth.text();
    expect(page).toContain('Terlalu banyak percobaan masuk');
    expect(page).toContain('Too many sign-in attempts');
    expect(page).toContain('Tunggu 15 menit, lalu coba lagi.');
    // Held back even with the right password, while the window lasts.
    expect((await new Browser('https://loket.test', '198.51.100.98').signIn('siti', 'sandi-siti-2026')).status).toBe(429);
    // Another account is not held back.
    expect((await new Browser('https://loket.test', '198.51.100.97').signIn('budi', 'sandi-budi-2026')).status).toBe(303);
    expect(await sessions()).toBe(1);
  });

  it('lets the username in again once the 15 minutes are over', async () => {
    const start = Date.parse('2026-11-30T10:00:00Z');
    const now = vi.spyOn(Date, 'now').mockReturnValue(start);
    await wrongTimes(new Browser(), 'siti', 5);
    now.mockReturnValue(start + 14 * 60_000);
    const held = await new Browser('https://loket.test', '198.51.100.50').signIn('siti', 'sandi-siti-2026');
    expect(held.status).toBe(429);
    expect(held.headers.get('retry-after')).toBe('60');
    now.mockReturnValue(start + 15 * 60_000);
    expect((await new Browser('https://loket.test', '198.51.100.51').signIn('siti', 'sandi-siti-2026')).status).toBe(303);
  });

  it('holds back one client trying many usernames, and only that client', async () => {
    const b = new Browser('https://loket.test', '192.0.2.7');
    for (const u of ['admin', 'lurah', 'staf', 'operator', 'root']) await wrongTimes(b, u, 1);
    const sixth = await b.signIn('siti', 'sandi-siti-2026');
    expect(sixth.status).toBe(429);
    expect(await sixth.text()).toContain('Too many sign-in attempts');
    // The same account from elsewhere is fine: its own count is untouched.
    expect((await new Browser('https://loket.test', '192.0.2.8').signIn('siti', 'sandi-siti-2026')).status).toBe(303);
  });

  it('counts an IPv6 client by its /64', async () => {
    for (let i = 1; i <= 5; i++) await wrongTimes(new Browser('https://loket.test', `2001:db8:5:5::${i}`), `user${i}`, 1);
    expect((await new Browser('https://loket.test', '2001:db8:5:5:abcd::1').signIn('siti', 'sandi-siti-2026')).status).toBe(429);
  });

  it("does not wipe a client's failures when someone else signs in from it", async () => {
    const office = new Browser('https://loket.test', '192.0.2.20');
    for (const u of ['x1', 'x2', 'x3', 'x4']) await wrongTimes(office, u, 1);
    expect((await new Browser('https://loket.test', '192.0.2.20').signIn('budi', 'sandi-budi-2026')).status).toBe(303);
    await wrongTimes(office, 'x5', 1);
    expect((await office.signIn('x6', 'salah')).status).toBe(429);
  });

  it('counts attempts sent at once: no more than five are looked at', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => new Browser('https://loket.test', `203.0.113.${100 + i}`).signIn('siti', `salah-${i}`)),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });
});
