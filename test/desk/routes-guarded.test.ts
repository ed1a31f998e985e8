/**
 * Every route of the staff desk and of scans refuses a request without a session. The routes are
 * read from the app itself, so a route added later is checked without anyone adding it here.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { useFreshDatabase } from '../support/fresh-database';
import { addKelurahan, addStaff, Browser } from '../support/desk';

useFreshDatabase();

const GUARDED = ['/status', '/scans'];
const guarded = (path: string) => GUARDED.some((p) => path === p || path.startsWith(`${p}/`));

/** A request path for a route pattern: parameters and wildcards filled with something plausible. */
const concrete = (pattern: string) => pattern.replace(/:\w+(\{[^}]*\})?\??/g, 'KTP-2611-0001').replace(/\*$/, 'x');

function requestsOf(app: ReturnType<typeof createApp>): { method: string; path: string; route: string }[] {
  const seen = new Set<string>();
  const out: { method: string; path: string; route: string }[] = [];
  for (const r of app.routes.filter((r) => guarded(r.path))) {
    for (const method of r.method === 'ALL' ? ['GET', 'POST'] : [r.method]) {
      const path = concrete(r.path);
      if (seen.has(`${method} ${path}`)) continue;
      seen.add(`${method} ${path}`);
      out.push({ method, path, route: `${r.method} ${r.path}` });
    }
  }
  return out;
}

async function expectRefusedWithoutSession(app: ReturnType<typeof createApp>, method: string, path: string, cookie?: string) {
  const headers: Record<string, string> = { origin: 'https://loket.test', 'content-type': 'application/x-www-form-urlencoded' };
  if (cookie) headers['cookie'] = cookie;
  const res = await app.request(`https://loket.test${path}`, { method, headers, body: method === 'GET' || method === 'HEAD' ? null : '_csrf=x' }, env);
  if (method === 'GET' || method === 'HEAD') {
    expect(res.status, `${method} ${path}`).toBe(303);
    expect(res.headers.get('location'), `${method} ${path}`).toBe(`/login?next=${encodeURIComponent(path)}`);
  } else {
    expect(res.status, `${method} ${path}`).toBe(403);
    expect(await res.text()).toContain('data-refusal="signed_out"');
  }
}

describe('the staff desk without a session', () => {
  const app = createApp();
  const requests = requestsOf(app);

  it('finds the desk routes in the app', () => {
    const routes = new Set(requests.map((r) => r.route));
    for (const r of ['GET /status', 'GET /status/account', 'GET /status/cases/:code', 'ALL /status/*', 'ALL /scans/*']) expect(routes).toContain(r);
  });

  it('sends every page to the sign-in and refuses every other request', async () => {
    for (const { method, path } of requests) await expectRefusedWithoutSession(app, method, path);
  });

  it('does the same for a session id that is not (or no longer) known', async () => {
    for (const { method, path } of requests) await expectRefusedWithoutSession(app, method, path, '__Host-loket_session=c3RhbGUtc2Vzc2lvbi1pZC10aGF0LWRvZXMtbm90LWV4aXN0');
  });

  it('covers a route added to the app later, at any method', async () => {
    const later = createApp();
    later.get('/status/new-report', (c) => c.text('secret report'));
    later.post('/status/cases/:code/actions', (c) => c.text('done'));
    later.delete('/scans/:id', (c) => c.text('deleted'));
    const added = requestsOf(later).filter((r) => /new-report|actions|DELETE/.test(`${r.method} ${r.path}`));
    expect(added.map((r) => r.method).sort()).toEqual(['DELETE', 'GET', 'POST']);
    for (const { method, path } of added) await expectRefusedWithoutSession(later, method, path);
  });
});

describe('the staff desk with a session', () => {
  it('refuses every request but a page view that lacks the form token', async () => {
    await addKelurahan('k1', 'Bukit Sangkal');
    await addStaff({ id: 's1', kelurahanId: 'k1', username: 'staf', password: 'kata-sandi-staf' });
    const browser = new Browser();
    expect((await browser.signIn('staf', 'kata-sandi-staf')).status).toBe(303);
    const app = createApp();
    for (const { method, path } of requestsOf(app).filter((r) => r.method !== 'GET')) {
      const res = await browser.send(path, {
        method, body: 'note=x', headers: { origin: browser.origin, 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(await res.text()).toContain('data-refusal="form"');
    }
  });
});
