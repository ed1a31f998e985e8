/** Every POST form of the desk carries its token, and comes from a page of Loket: otherwise 403. */
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { useFreshDatabase } from '../support/fresh-database';
import { addKelurahan, addStaff, Browser, formToken } from '../support/desk';

useFreshDatabase();

beforeEach(async () => {
  await addKelurahan('k1', 'Bukit Sangkal');
  await addStaff({ id: 's1', kelurahanId: 'k1', username: 'siti', password: 'sandi-siti-2026' });
});

const sessions = async () => (await env.DB.prepare('SELECT count(*) AS n FROM staff_sessions').first<{ n: number }>())!.n;

async function expectFormRefused(res: Response) {
  expect(res.status).toBe(403);
  const page = await res.text();
  expect(page).toContain('data-refusal="form"');
  expect(page).toContain('Formulir ditolak');
  expect(page).toContain('Form refused');
}

describe('the sign-in form', () => {
  it('is refused without its token', async () => {
    const b = new Browser();
    await b.openLogin();
    await expectFormRefused(await b.post('/login', { username: 'siti', password: 'sandi-siti-2026' }));
    expect(await sessions()).toBe(0);
  });

  it('is refused with a token the browser was not given (another browser, or a page elsewhere)', async () => {
    const attacker = new Browser();
    const token = await attacker.openLogin();
    const victim = new Browser();
    await victim.openLogin();
    await expectFormRefused(await victim.post('/login', { _csrf: token, username: 'siti', password: 'sandi-siti-2026' }));
    // And without having opened the form at all.
    await expectFormRefused(await new Browser().post('/login', { _csrf: token, username: 'siti', password: 'sandi-siti-2026' }));
    expect(await sessions()).toBe(0);
  });

  it('is refused when posted from another site, even with the right token', async () => {
    const b = new Browser();
    const token = await b.openLogin();
    await expectFormRefused(await b.post('/login', { _csrf: token, username: 'siti', password: 'sandi-siti-2026' }, { origin: 'https://evil.example' }));
    expect(await sessions()).toBe(0);
    expect((await b.post('/login', { _csrf: token, username: 'siti', password: 'sandi-siti-2026' })).status).toBe(303);
  });
});

describe('forms of a signed-in staff member', () => {
  const signedIn = async () => {
    const b = new Browser();
    expect((await b.signIn('siti', 'sandi-siti-2026')).status).toBe(303);
    return b;
  };

  it('sign-out is refused without the token or with a wrong one, and the session lives on', async () => {
    const b = await signedIn();
    await expectFormRefused(await b.post('/logout', {}));
    await expectFormRefused(await b.post('/logout', { _csrf: 'A'.repeat(43) }));
    expect((await b.get('/status')).status).toBe(200);
    expect(await sessions()).toBe(1);
  });

  it("sign-out is refused with another session's token", async () => {
    const b = await signedIn();
    const other = await signedIn();
    await expectFormRefused(await b.post('/logout', { _csrf: await other.deskToken() }));
    expect(await sessions()).toBe(2);
  });

  it('a desk POST without the token is refused before any route sees it; with it, it reaches the route', async () => {
    const b = await signedIn();
    await expectFormRefused(await b.post('/status/cases/KTP-2611-0001', { note: 'x' }));
    await expectFormRefused(await b.post('/status/cases/KTP-2611-0001', { _csrf: await b.deskToken() }, { origin: 'https://evil.example' }));
    // No POST route there yet: the token and origin pass, and the desk's 404 answers.
    const passed = await b.post('/status/cases/KTP-2611-0001', { _csrf: await b.deskToken() });
    expect(passed.status).toBe(404);
    expect(await passed.text()).toContain('data-refusal="not_found"');
  });

  it('the token also comes as the x-csrf-token header', async () => {
    const b = await signedIn();
    const token = await b.deskToken();
    expect((await b.post('/status/x', {}, { 'x-csrf-token': token })).status).toBe(404);
    expect((await b.post('/status/x', {}, { 'x-csrf-token': token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A') })).status).toBe(403);
  });

  it('every page carries the token in its sign-out form, and it signs out', async () => {
    const b = await signedIn();
    const page = await (await b.get('/status/account')).text();
    expect(page).toMatch(/<form method="post" action="\/logout"><input type="hidden" name="_csrf" value="[A-Za-z0-9_-]{43}"\/>/);
    const res = await b.post('/logout', { _csrf: formToken(page) });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login');
    expect(await sessions()).toBe(0);
  });
});
