/** An address Loket does not have: a page for people, JSON for programs. */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';

const app = createApp();

describe('an unknown address', () => {
  it('shows a browser a page in Bahasa Indonesia with a way back', async () => {
    const res = await app.request('/tidak-ada', { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } }, env);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page).toContain('<html lang="id">');
    expect(page).toContain('Halaman tidak ditemukan');
    expect(page).toContain('<a href="/">');
  });

  it('answers a program in JSON', async () => {
    const res = await app.request('/tidak-ada', { headers: { accept: 'application/json' } }, env);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'not_found' });
    expect((await app.request('/tidak-ada', {}, env)).headers.get('content-type')).toMatch(/json/);
  });
});
