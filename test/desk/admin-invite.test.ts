/**
 * Invitation codes made on the administration page, used from a chat: an RT chair set and
 * invited there links their phone with /start CODE and approves a case of their RT with the
 * button; a code revoked there is answered in the chat exactly as a code that never existed.
 */
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { completeApplication } from '../support/apply-helper';
import { Browser, formToken } from '../support/desk';
import { useFreshDatabase } from '../support/fresh-database';
import { choice, drainQueue, MONDAY_10_WIB, seed, SimPerson, text } from '../support/simulator';

useFreshDatabase();
beforeEach(async () => {
  await seed();
  // The desk reads the system clock, the simulated chats carry the simulator's: one time for both.
  vi.spyOn(Date, 'now').mockImplementation(() => MONDAY_10_WIB);
});
afterEach(() => vi.restoreAllMocks());

const RT_0203 = 'rt-bs-02-03';
const REFUSED = 'Kode undangan tidak dikenal atau sudah dipakai. Untuk kode baru, telepon kantor kelurahan di nomor 0711-555-0123.';

async function admin(): Promise<Browser> {
  const b = new Browser();
  expect((await b.signIn('staf', 'test-password')).status).toBe(303);
  return b;
}

async function post(b: Browser, page: string, path: string, form: Record<string, string> = {}): Promise<Response> {
  const token = formToken(await (await b.get(page)).text());
  return b.post(path, { _csrf: token, ...form });
}

/** Presses "Buat kode undangan ketua" for the RT and reads the new code off the invitations page. */
async function inviteChair(b: Browser, rtId: string): Promise<string> {
  const res = await post(b, '/status/admin/registry', `/status/admin/registry/rt/${rtId}/invite`);
  expect([res.status, res.headers.get('location')]).toEqual([303, '/status/admin/invites?done=invite']);
  const page = await (await b.get('/status/admin/invites?done=invite')).text();
  expect(page).toContain('Kode undangan dibuat.');
  const code = /data-invite="([A-Z0-9]{4}-[A-Z0-9]{4})"/.exec(page)?.[1];
  if (!code) throw new Error('no code on the invitations page');
  return code;
}

describe('an RT chair invited from the administration page', () => {
  it('links their phone with /start CODE and approves a case of their RT with the button', async () => {
    const b = await admin();
    // A new chair for RT 03/RW 02, replacing Bapak Hasan.
    const set = await post(b, '/status/admin/registry', `/status/admin/registry/rt/${RT_0203}/chair`, { name: 'ibu ratna sari', phone: '0812 7777 0003' });
    expect([set.status, set.headers.get('location')]).toEqual([303, '/status/admin/registry?done=chair']);
    const code = await inviteChair(b, RT_0203);
    expect(await (await b.get('/status/admin/invites')).text()).toContain('Ibu Ratna Sari, Ketua RT 03/RW 02');

    const ratna = new SimPerson('6281277770003', 'Ratna');
    expect(text(await ratna.say(`/start ${code}`))).toBe('Terima kasih, Ibu Ratna Sari. Nomor ini sekarang terhubung sebagai Ketua RT 03/RW 02.');
    // The registry shows who is linked, on which channel, the number masked.
    const registry = await (await b.get('/status/admin/registry')).text();
    expect(registry).toContain('Chat tersambung: Simulator 0812****003');
    expect(registry).not.toContain('6281277770003');
    // The code is spent: off the list of waiting codes.
    expect(await (await b.get('/status/admin/invites')).text()).not.toContain(code);

    const siti = new SimPerson('628123450001', 'Siti');
    const caseCode = await completeApplication(siti, 'ktp');
    await drainQueue();
    const card = await ratna.replies();
    expect(text(card)).toContain(`Nomor berkas: ${caseCode}`);
    const r = await ratna.press(choice(card, 'Setujui'));
    expect(text(r)).toBe('Terima kasih, Ibu Ratna Sari. Permintaan Siti Aminah sudah Ibu setujui. Surat pengantarnya sedang dibuat; Ibu kami kabari begitu surat terkirim.');
    expect(await env.DB.prepare('SELECT state, pengantar_approved FROM cases').first()).toEqual({ state: 'submitted', pengantar_approved: 1 });
    // Bapak Hasan, no longer the chair, hears nothing of it.
    expect(await new SimPerson('628990000203', 'Bapak Hasan').replies()).toEqual([]);
  });
});

describe('a code revoked on the administration page', () => {
  it('is refused in the chat exactly as a code that never existed, and links nobody', async () => {
    const b = await admin();
    const code = await inviteChair(b, 'rt-bs-01-02');
    const revoke = await post(b, '/status/admin/invites', `/status/admin/invites/${code}/revoke`);
    expect([revoke.status, revoke.headers.get('location')]).toEqual([303, '/status/admin/invites?done=revoke']);
    const page = await (await b.get('/status/admin/invites?done=revoke')).text();
    expect(page).toContain('Kode undangan dicabut.');
    expect(page).not.toContain(`data-invite="${code}"`);

    const chair = new SimPerson('628777003001', 'HP Bu Nur');
    const stranger = new SimPerson('628777003002', 'HP lain');
    const revoked = text(await chair.say(`/start ${code}`));
    expect(revoked).toBe(REFUSED);
    expect(text(await stranger.say('/start ZZZZ-9999'))).toBe(revoked);
    // Typed without /start, both carry on as any other text would.
    expect(text(await chair.say(code))).toBe(text(await stranger.say('ZZZZ-9999')));
    const linked = await env.DB.prepare("SELECT count(*) AS n FROM channel_identities WHERE person_id = 'person-chair-0102'").first<{ n: number }>();
    expect(linked!.n).toBe(1); // only the seeded simulator phone
    // A second revoke finds nothing to revoke.
    expect((await post(b, '/status/admin/invites', `/status/admin/invites/${code}/revoke`)).status).toBe(404);
  });
});

describe('a chair replaced on the administration page', () => {
  it('loses the codes made for them: the old code links nobody to the RT any more', async () => {
    const b = await admin();
    const oldCode = await inviteChair(b, RT_0203);
    const set = await post(b, '/status/admin/registry', `/status/admin/registry/rt/${RT_0203}/chair`, { name: 'ibu ratna sari', phone: '0812 7777 0003' });
    expect(set.status).toBe(303);
    expect(await (await b.get('/status/admin/invites')).text()).not.toContain(`data-invite="${oldCode}"`);
    expect(text(await new SimPerson('628777004001', 'HP lama').say(`/start ${oldCode}`))).toBe(REFUSED);
    const revoked = await env.DB.prepare('SELECT revoked_at FROM invites WHERE code = ?1').bind(oldCode).first<{ revoked_at: number | null }>();
    expect(revoked!.revoked_at).toBe(MONDAY_10_WIB);
  });
});
