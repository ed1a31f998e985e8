/**
 * `npm run staff:add`: its checks, and its SQL run against the migrated schema, after which the
 * account signs in with the password it was given. (The command around it only hands this SQL to
 * `wrangler d1 execute`; the README says how it was tried against local D1.)
 */
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { d1ExecuteArgs, hashPassword, parseArgs, passwordProblem, sqlString, upsertStaffSql } from '../../scripts/staff-account.mjs';
import { verifyPassword } from '../../src/staff/password';
import { useFreshDatabase } from '../support/fresh-database';
import { addKelurahan, Browser } from '../support/desk';

useFreshDatabase();

const args = (line: string) => parseArgs(line.split(' ').filter(Boolean));
const staffRows = async () => (await env.DB.prepare('SELECT id, kelurahan_id, username, display_name, role FROM staff_users').all()).results;
const run = (sql: string) => env.DB.exec(sql.replace(/\n/g, ' '));

describe('staff:add arguments', () => {
  it('reads the account and where it goes; local D1 of npm start unless told', () => {
    expect(args('--username admin.kel --kelurahan kel-bukit-sangkal --role admin')).toEqual({
      help: false, username: 'admin.kel', kelurahanId: 'kel-bukit-sangkal', role: 'admin', name: undefined, target: 'local', env: 'local', persistTo: undefined,
    });
    expect(args('--username=siti --kelurahan=k1 --role=lurah --remote --env=production')).toMatchObject({ target: 'remote', env: 'production' });
    expect(args('--username siti --kelurahan k1 --role staff --remote --env staging')).toMatchObject({ target: 'remote', env: 'staging' });
    expect(parseArgs(['--username', 'siti', '--kelurahan', 'k1', '--role', 'staff', '--name', "Siti O'Hara", '--local', '--persist-to', '/tmp/x'])).toMatchObject({
      name: "Siti O'Hara", persistTo: '/tmp/x',
    });
  });

  it('refuses what it cannot write safely, and says why', () => {
    const refused: [string, RegExp][] = [
      ['--kelurahan k1 --role admin', /--username/],
      ["--username Admin --kelurahan k1 --role admin", /--username/],
      ["--username a'b --kelurahan k1 --role admin", /--username/],
      ['--username ab --kelurahan k1 --role admin', /--username/],
      ["--username admin --kelurahan k1';DROP --role admin", /--kelurahan/],
      ['--username admin --kelurahan k1 --role root', /--role/],
      ['--username admin --kelurahan k1 --role admin --local --remote', /not both/],
      ['--username admin --kelurahan k1 --role admin --remote --persist-to /tmp/x', /--local only/],
      // wrangler.toml's top level binds no database: a deployment must be named.
      ['--username admin --kelurahan k1 --role admin --remote', /--remote needs --env/],
      ['--username admin --kelurahan k1 --role admin --remote --env=', /--env/],
      // [env.local] names the database of npm start; remote, its id "loket-local" is no deployment's.
      ['--username admin --kelurahan k1 --role admin --remote --env local', /--remote goes to a deployed environment: --env staging or --env production, not "local"/],
      ['--username admin --kelurahan k1 --role admin --env local --remote', /--remote goes to a deployed environment/],
      ['--username admin --kelurahan k1 --role admin --remote --env Production', /--remote goes to a deployed environment/],
      ['--username admin --kelurahan k1 --role admin --password x', /Unknown option --password/],
      ['--username --kelurahan k1 --role admin', /needs a value/],
    ];
    for (const [line, why] of refused) expect(() => args(line), line).toThrow(why);
    expect(() => parseArgs(['--username', 'siti', '--kelurahan', 'k1', '--role', 'staff', '--name', 'Siti\n<b>'])).toThrow(/--name/);
  });

  it('reaches the database of the environment it names, remote or local, through wrangler d1 execute', () => {
    const sql = 'SELECT 1';
    const argv = (line: string) => {
      const a = args(line);
      if (a.help) throw new Error('unreachable');
      return d1ExecuteArgs(a, sql);
    };
    expect(argv('--username admin --kelurahan k1 --role admin --remote --env production')).toEqual([
      'd1', 'execute', 'DB', '--remote', '--env', 'production', '--json', '--command', sql,
    ]);
    expect(argv('--username admin --kelurahan k1 --role admin --remote --env staging')).toEqual(expect.arrayContaining(['--remote', '--env', 'staging']));
    expect(argv('--username admin --kelurahan k1 --role admin --local --persist-to /tmp/x')).toEqual([
      'd1', 'execute', 'DB', '--local', '--env', 'local', '--persist-to', '/tmp/x', '--json', '--command', sql,
    ]);
  });

  it('takes no short password, and never the demo password for a deployment', () => {
    expect(passwordProblem('pendek', 'local')).toMatch(/at least 12/);
    expect(passwordProblem('loket-demo-2026', 'remote')).toMatch(/never used for a deployment/);
    expect(passwordProblem('loket-demo-2026', 'local')).toBeNull();
    expect(passwordProblem('sandi-yang-cukup-panjang', 'remote')).toBeNull();
  });

  it('quotes every value as an SQL string, and refuses control characters', () => {
    expect(sqlString("O'Hara")).toBe("'O''Hara'");
    expect(() => sqlString('a\u0000b')).toThrow();
  });
});

describe('staff:add SQL', () => {
  beforeEach(() => addKelurahan('kel-bukit-sangkal', 'Bukit Sangkal'));

  it('hashes as the Worker verifies: same format and work', async () => {
    const hash = hashPassword('sandi-admin-pertama', new Uint8Array(16).fill(9));
    expect(hash).toMatch(/^pbkdf2-sha256\$100000\$CQkJCQkJCQkJCQkJCQkJCQ==\$[A-Za-z0-9+/]{43}=$/);
    expect(await verifyPassword('sandi-admin-pertama', hash)).toBe(true);
    expect(await verifyPassword('sandi-admin-kedua', hash)).toBe(false);
  });

  it('makes an account that signs in to the desk of its kelurahan', async () => {
    const a = args('--username admin --kelurahan kel-bukit-sangkal --role admin');
    if (a.help) throw new Error('unreachable');
    await run(upsertStaffSql({ ...a, name: "Admin O'Hara" }, hashPassword('sandi-admin-pertama'), 1_780_000_000_000, 'staff-1'));
    expect(await staffRows()).toEqual([
      { id: 'staff-1', kelurahan_id: 'kel-bukit-sangkal', username: 'admin', display_name: "Admin O'Hara", role: 'admin' },
    ]);
    const b = new Browser();
    expect((await b.signIn('admin', 'sandi-admin-pertama')).status).toBe(303);
    const account = await (await b.get('/status/account')).text();
    expect(account).toContain('<dd>Admin O&#39;Hara</dd>');
    expect(account).toContain('<dd>Admin</dd>');
    expect(account).toContain('<dd>Bukit Sangkal</dd>');
  });

  it('run again, resets the password and role, keeps the name unless given, and ends the sessions', async () => {
    const a = args('--username siti --kelurahan kel-bukit-sangkal --role staff');
    if (a.help) throw new Error('unreachable');
    await run(upsertStaffSql({ ...a, name: 'Siti Rahma' }, hashPassword('sandi-lama-siti-1'), 1, 'staff-1'));
    const b = new Browser();
    expect((await b.signIn('siti', 'sandi-lama-siti-1')).status).toBe(303);

    await run(upsertStaffSql({ ...a, role: 'lurah' }, hashPassword('sandi-baru-siti-2'), 2, 'staff-2'));
    expect(await staffRows()).toEqual([
      { id: 'staff-1', kelurahan_id: 'kel-bukit-sangkal', username: 'siti', display_name: 'Siti Rahma', role: 'lurah' },
    ]);
    expect((await b.get('/status')).status).toBe(303);
    expect((await new Browser('https://loket.test', '198.51.100.3').signIn('siti', 'sandi-lama-siti-1')).status).toBe(401);
    expect((await new Browser('https://loket.test', '198.51.100.4').signIn('siti', 'sandi-baru-siti-2')).status).toBe(303);
  });

  it('writes a name with quotes as data, not as SQL', async () => {
    const a = args('--username budi --kelurahan kel-bukit-sangkal --role staff');
    if (a.help) throw new Error('unreachable');
    await run(upsertStaffSql({ ...a, name: "x'); DELETE FROM kelurahan; --" }, hashPassword('sandi-budi-panjang'), 1, 'staff-9'));
    expect((await staffRows())[0]).toMatchObject({ display_name: "x'); DELETE FROM kelurahan; --" });
    expect((await env.DB.prepare('SELECT count(*) AS n FROM kelurahan').first<{ n: number }>())!.n).toBe(1);
  });
});
