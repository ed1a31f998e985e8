import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { verifyPassword } from '../../src/staff/password';
import { useFreshDatabase } from '../support/fresh-database';

useFreshDatabase();

// Vite's glob, declared here alone: vite/client's global types clash with the Workers types.
declare global {
  interface ImportMeta {
    glob(patterns: string[], options: { query: '?raw'; import: 'default'; eager: true }): Record<string, unknown>;
  }
}
const wranglerToml = Object.values(import.meta.glob(['/wrangler.toml'], { query: '?raw', import: 'default', eager: true }))[0] as string;

const seed = (password?: string) =>
  exports.default.fetch('http://loket.test/__local/seed', {
    method: 'POST',
    body: JSON.stringify(password ? { password } : {}),
  });
const count = async (table: string) =>
  (await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>())!.n;

describe('demo seed', () => {
  it('creates Bukit Sangkal with its RW, RT, chairs and a staff account', async () => {
    const res = await seed();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, staff: { username: 'staf', password: 'loket-demo-2026' } });

    const kel = await env.DB.prepare('SELECT name, whatsapp_phone_number_id, telegram_bot_id FROM kelurahan').first();
    // The bot is the id before ":" in TELEGRAM_BOT_TOKEN ("123456:local-bot-token").
    expect(kel).toEqual({ name: 'Bukit Sangkal', whatsapp_phone_number_id: env.WHATSAPP_PHONE_NUMBER_ID, telegram_bot_id: '123456' });
    const hasan = await env.DB.prepare(
      `SELECT p.full_name, rw.number AS rw, rt.number AS rt FROM rt
       JOIN rw ON rw.id = rt.rw_id JOIN people p ON p.id = rt.chair_person_id WHERE p.full_name = 'Bapak Hasan'`,
    ).first();
    expect(hasan).toEqual({ full_name: 'Bapak Hasan', rw: 2, rt: 3 });
    expect(await count('rw')).toBe(3);
    expect(await count('rt')).toBe(6);
  });

  it('links the demo staff account to its simulator phone; a chat linked since is kept', async () => {
    await seed();
    const linked = () => env.DB.prepare(
      `SELECT i.external_id, i.channel, p.full_name FROM staff_users s
       JOIN channel_identities i ON i.id = s.identity_id JOIN people p ON p.id = i.person_id WHERE s.username = 'staf'`,
    ).first();
    expect(await linked()).toEqual({ external_id: '628990000900', channel: 'simulator', full_name: 'Staf Pelayanan Bukit Sangkal' });

    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO channel_identities (id, kelurahan_id, person_id, channel, external_id, created_at) SELECT 'i-hp', 'kel-bukit-sangkal', person_id, 'whatsapp', '628777300001', 0 FROM channel_identities WHERE external_id = '628990000900'",
      ),
      env.DB.prepare("UPDATE staff_users SET identity_id = 'i-hp' WHERE username = 'staf'"),
    ]);
    await seed();
    expect(await linked()).toMatchObject({ external_id: '628777300001' });
  });

  it('is safe to run twice, and the printed password logs in', async () => {
    await seed();
    const before = await Promise.all(['kelurahan', 'rw', 'rt', 'people', 'channel_identities', 'staff_users'].map(count));
    await seed('another-local-password');
    const after = await Promise.all(['kelurahan', 'rw', 'rt', 'people', 'channel_identities', 'staff_users'].map(count));
    expect(after).toEqual(before);

    const { password_hash } = (await env.DB.prepare("SELECT password_hash FROM staff_users WHERE username = 'staf'").first<{
      password_hash: string;
    }>())!;
    expect(password_hash).toMatch(/^pbkdf2-sha256\$100000\$/);
    expect(await verifyPassword('another-local-password', password_hash)).toBe(true);
    expect(await verifyPassword('loket-demo-2026', password_hash)).toBe(false);
  });

  it('does not exist in production', async () => {
    const res = await createApp().request('/__local/seed', { method: 'POST' }, { ...env, LOCAL_TOOLS: 'false' });
    expect(res.status).toBe(404);
    expect(await count('kelurahan')).toBe(0);
  });

  it('makes no demo account in production even with the local tools switched on there', async () => {
    const res = await createApp().request('/__local/seed', { method: 'POST' }, { ...env, LOCAL_TOOLS: 'true', LOKET_ENV: 'production' });
    expect(res.status).toBe(404);
    expect(await count('staff_users')).toBe(0);
  });

  it('production and staging (wrangler.toml) have the local tools off', () => {
    for (const name of ['production', 'staging']) {
      const from = wranglerToml.indexOf(`\n[env.${name}.vars]`);
      expect(from, name).toBeGreaterThan(0);
      const vars = wranglerToml.slice(from + 1, wranglerToml.indexOf('\n[', from + 1));
      expect(vars).toMatch(new RegExp(`^LOKET_ENV = "${name}"$`, 'm'));
      expect(vars).toMatch(/^LOCAL_TOOLS = "false"$/m);
    }
  });
});
