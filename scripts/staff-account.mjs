/**
 * The pure half of `npm run staff:add`: reading the arguments, checking every value, hashing the
 * password, and writing the SQL. Kept apart from the command (staff-add.mjs) so that a test can
 * run this SQL against the migrated schema inside workerd and sign in with the account it makes.
 *
 * The SQL is text because it travels through `wrangler d1 execute --command`, which takes no
 * bound parameters: every value is checked against a strict pattern first and quoted as an SQL
 * string literal besides. It is the one place outside src/db that writes SQL; the test keeps it
 * true to the schema.
 */
import { pbkdf2Sync, randomBytes, randomUUID } from 'node:crypto';

export const ROLES = ['staff', 'lurah', 'admin'];
/** Lowercase, as the sign-in reads what is typed. */
export const USERNAME = /^[a-z0-9][a-z0-9._-]{2,31}$/;
export const KELURAHAN_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** The deployed environments of wrangler.toml; [env.local] binds the database of `npm start`. */
export const REMOTE_ENVS = ['staging', 'production'];
export const MIN_PASSWORD = 12;
export const MAX_PASSWORD = 1024;
/** The same format and count as src/staff/password.ts (the most the Workers runtime allows). */
export const PBKDF2_ITERATIONS = 100_000;
/** The local demo password (src/routes/local.ts): never accepted for a deployment. */
const DEMO_PASSWORD = 'loket-demo-2026';

export class UsageError extends Error {
  name = 'UsageError';
}

export const USAGE = `Usage: npm run staff:add -- --username NAME --kelurahan ID --role admin|lurah|staff
         [--name "Display name"] [--local | --remote --env ENV] [--persist-to DIR]

Adds a staff account, or resets the password, role, kelurahan (and name, when given) of an
existing one and ends its sessions. The password is asked for without echo, or read from
LOKET_STAFF_PASSWORD (at least ${MIN_PASSWORD} characters).

  --local        the local D1 of \`npm start\` (the default); --env defaults to "local"
  --remote       the deployed D1 of the environment --env names (production or staging),
                 through \`wrangler d1 execute DB --remote --env ENV\`; --env is required
  --persist-to   local state folder, as given to \`npm start -- --persist-to\``;

const VALUED = new Set(['--username', '--kelurahan', '--role', '--name', '--env', '--persist-to']);

/** The options of the command line; throws UsageError for anything missing, unknown or malformed. */
export function parseArgs(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let val;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) [arg, val] = [arg.slice(0, eq), arg.slice(eq + 1)];
    if (arg === '--help' || arg === '-h') return { help: true };
    if (arg === '--local' || arg === '--remote') {
      if (o.target && o.target !== arg.slice(2)) throw new UsageError('Give --local or --remote, not both.');
      o.target = arg.slice(2);
      continue;
    }
    if (!VALUED.has(arg)) throw new UsageError(`Unknown option ${arg}.`);
    if (val === undefined) {
      val = argv[++i];
      if (val === undefined || val.startsWith('--')) throw new UsageError(`${arg} needs a value.`);
    }
    o[arg.slice(2).replace(/-(\w)/g, (_, c) => c.toUpperCase())] = val;
  }
  const target = o.target ?? 'local';
  if (!o.username || !USERNAME.test(o.username)) {
    throw new UsageError('--username: 3 to 32 characters, lowercase letters, digits, ".", "_" or "-", starting with a letter or digit.');
  }
  if (!o.kelurahan || !KELURAHAN_ID.test(o.kelurahan)) throw new UsageError('--kelurahan: the id of the kelurahan (letters, digits, "_" or "-").');
  if (!ROLES.includes(o.role)) throw new UsageError(`--role: one of ${ROLES.join(', ')}.`);
  if (o.name !== undefined && (o.name.trim().length < 2 || o.name.length > 80 || /[\u0000-\u001f\u007f<>]/.test(o.name))) {
    throw new UsageError('--name: 2 to 80 characters, no control characters or < >.');
  }
  if (o.env !== undefined && !/^[A-Za-z0-9_-]+$/.test(o.env)) throw new UsageError('--env: the name of a wrangler environment.');
  if (o.persistTo !== undefined && target === 'remote') throw new UsageError('--persist-to is for --local only.');
  // wrangler.toml's top level binds no database: a deployment is always named.
  if (target === 'remote' && !o.env) throw new UsageError('--remote needs --env: the deployed environment, e.g. --env production.');
  // Any other name reaches the remote API with a database id no deployment has ("loket-local").
  if (target === 'remote' && !REMOTE_ENVS.includes(o.env)) {
    throw new UsageError(`--remote goes to a deployed environment: --env ${REMOTE_ENVS.join(' or --env ')}, not "${o.env}".`);
  }
  return {
    help: false,
    username: o.username,
    kelurahanId: o.kelurahan,
    role: o.role,
    name: o.name?.trim(),
    target,
    // `npm start` runs [env.local].
    env: o.env ?? 'local',
    persistTo: o.persistTo,
  };
}

/** The arguments of `wrangler d1 execute` that run `sql` where the command line pointed. */
export function d1ExecuteArgs(a, sql) {
  return [
    'd1', 'execute', 'DB', `--${a.target}`, '--env', a.env,
    ...(a.persistTo ? ['--persist-to', a.persistTo] : []),
    '--json', '--command', sql,
  ];
}

/** Why a password will not do, or null. */
export function passwordProblem(password, target) {
  if (password.length < MIN_PASSWORD) return `The password needs at least ${MIN_PASSWORD} characters.`;
  if (password.length > MAX_PASSWORD) return `The password may have at most ${MAX_PASSWORD} characters.`;
  if (target === 'remote' && password === DEMO_PASSWORD) return 'The local demo password is never used for a deployment.';
  return null;
}

/** `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>`, as src/staff/password.ts reads it. */
export function hashPassword(password, salt = randomBytes(16)) {
  const hash = pbkdf2Sync(password, salt, PBKDF2_ITERATIONS, 32, 'sha256');
  return `pbkdf2-sha256$${PBKDF2_ITERATIONS}$${Buffer.from(salt).toString('base64')}$${hash.toString('base64')}`;
}

/** An SQL string literal. Values were checked already; quoting is the second fence. */
export function sqlString(value) {
  if (typeof value !== 'string' || /[\u0000-\u001f\u007f]/.test(value)) throw new UsageError('A value with control characters cannot be written.');
  return `'${value.replace(/'/g, "''")}'`;
}

/** Lists the kelurahan, so that an unknown id is answered with the known ones. */
export const LIST_KELURAHAN_SQL = 'SELECT id, name FROM kelurahan ORDER BY id';

/**
 * The account, made or updated by its username, and its sessions ended: a reset password or a
 * changed role or kelurahan takes effect at once, not at the next sign-in.
 */
export function upsertStaffSql(a, passwordHash, now = Date.now(), id = `staff-${randomUUID()}`) {
  const name = a.name ?? a.username;
  const set = [
    'kelurahan_id = excluded.kelurahan_id',
    'role = excluded.role',
    'password_hash = excluded.password_hash',
    ...(a.name ? ['display_name = excluded.display_name'] : []),
  ];
  return [
    'INSERT INTO staff_users (id, kelurahan_id, username, display_name, role, password_hash, created_at)',
    `VALUES (${[id, a.kelurahanId, a.username, name, a.role, passwordHash].map(sqlString).join(', ')}, ${Math.trunc(now)})`,
    `ON CONFLICT (username) DO UPDATE SET ${set.join(', ')};`,
    `DELETE FROM staff_sessions WHERE staff_id = (SELECT id FROM staff_users WHERE username = ${sqlString(a.username)});`,
  ].join('\n');
}
