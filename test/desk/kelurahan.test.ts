/** A staff member sees only their own kelurahan: anything of another one is a 404, like nothing at all. */
import { env } from 'cloudflare:test';
import { Hono } from 'hono';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { dbOf } from '../../src/db/client';
import { cases, people } from '../../src/db/schema';
import type { CaseState } from '../../src/domain/case-machine';
import type { DeskEnv } from '../../src/desk/context';
import { notFoundUnlessOwn } from '../../src/desk/own';
import { useFreshDatabase } from '../support/fresh-database';
import { addKelurahan, addStaff, Browser, NOW } from '../support/desk';

useFreshDatabase();

async function addCase(id: string, kelurahanId: string, code: string, state: CaseState) {
  const db = dbOf(env.DB);
  await db.insert(people).values({ id: `p-${id}`, kelurahanId, fullName: 'Siti Aminah', createdAt: NOW }).run();
  await db
    .insert(cases)
    .values({ id, kelurahanId, code, kind: 'service', service: 'ktp', state, applicantPersonId: `p-${id}`, createdAt: NOW, updatedAt: NOW })
    .run();
}

const staffOf = async (username: string) => {
  const b = new Browser();
  expect((await b.signIn(username, `sandi-${username}-2026`)).status).toBe(303);
  return b;
};

beforeEach(async () => {
  await addKelurahan('k-a', 'Bukit Sangkal');
  await addKelurahan('k-b', 'Sei Selincah');
  await addStaff({ id: 's-a', kelurahanId: 'k-a', username: 'ani', password: 'sandi-ani-2026' });
  await addStaff({ id: 's-b', kelurahanId: 'k-b', username: 'bayu', password: 'sandi-bayu-2026' });
});

describe('GET /status/cases/:code', () => {
  it("shows a case of the staff member's own kelurahan", async () => {
    await addCase('c-b', 'k-b', 'KTP-2611-0007', 'verifying');
    const res = await (await staffOf('bayu')).get('/status/cases/ktp-2611-0007');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<h1>Berkas KTP-2611-0007</h1>');
    expect(page).toContain('<dd data-state="verifying">Hari 2: verifikasi Ketua RT');
    expect(page).toContain('<dd>KTP</dd>');
  });

  it("answers 404 for another kelurahan's case, with the same page as for a code that does not exist", async () => {
    await addCase('c-b', 'k-b', 'KTP-2611-0007', 'verifying');
    const ani = await staffOf('ani');
    const other = await ani.get('/status/cases/KTP-2611-0007');
    const missing = await ani.get('/status/cases/KTP-2611-0999');
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    const page = await other.text();
    expect(page).toContain('data-refusal="not_found"');
    expect(page).toContain('Tidak ditemukan');
    expect(page).not.toContain('KTP-2611-0007');
    expect(page).toBe(await missing.text());
  });

  it('shows each kelurahan its own case where both have the same code', async () => {
    await addCase('c-a', 'k-a', 'KTP-2611-0001', 'submitted');
    await addCase('c-b', 'k-b', 'KTP-2611-0001', 'processing');
    expect(await (await (await staffOf('ani')).get('/status/cases/KTP-2611-0001')).text()).toContain('data-state="submitted"');
    expect(await (await (await staffOf('bayu')).get('/status/cases/KTP-2611-0001')).text()).toContain('data-state="processing"');
  });
});

describe('notFoundUnlessOwn', () => {
  // A resource reached by a deployment-wide id (a scan, a letter), as the desk's later routes are.
  const scans: Record<string, string> = { 'scan-1': 'k-a', 'scan-2': 'k-b' };

  it("lets a staff member reach their own kelurahan's thing, and gives the desk's 404 for another's", async () => {
    const app = createApp();
    (app as unknown as Hono<DeskEnv>).get('/status/test-scans/:id', (c) => {
      notFoundUnlessOwn(c.var.staff, scans[c.req.param('id')]);
      return c.text(`scan ${c.req.param('id')}`);
    });
    const b = new Browser('https://loket.test', '203.0.113.10', app);
    expect((await b.signIn('ani', 'sandi-ani-2026')).status).toBe(303);
    expect(await (await b.get('/status/test-scans/scan-1')).text()).toBe('scan scan-1');
    const other = await b.get('/status/test-scans/scan-2');
    expect(other.status).toBe(404);
    expect(await other.text()).toContain('data-refusal="not_found"');
    expect((await b.get('/status/test-scans/scan-3')).status).toBe(404);
  });

  it('holds for any kelurahan id that is not the same, and for none', () => {
    const staff = { kelurahanId: 'k-a' };
    expect(() => notFoundUnlessOwn(staff, 'k-a')).not.toThrow();
    for (const other of ['k-b', 'K-A', '', null, undefined]) expect(() => notFoundUnlessOwn(staff, other)).toThrow();
  });
});
