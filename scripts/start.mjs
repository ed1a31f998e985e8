#!/usr/bin/env node
/**
 * `npm start`: Loket on this machine, offline. Applies the D1 migrations to local storage,
 * starts `wrangler dev` (local D1, R2, Queue, and cron triggers through /__scheduled), seeds the
 * demo kelurahan through the Worker itself, and prints what to open. Safe to run again: the
 * migrations skip what is applied and the seed is a set of upserts.
 *
 * `--persist-to <dir>` (or `--persist-to=<dir>`) keeps local D1, R2 and Queue state in <dir>
 * instead of `.wrangler/state`; the end-to-end test uses it to start from an empty database.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { devArgs, runDev } from './dev-args.mjs';

const PORT = Number(process.env.PORT || 8787);
const HOST = '127.0.0.1';
const BASE = `http://${HOST === '127.0.0.1' ? 'localhost' : HOST}:${PORT}`;
const READY_TIMEOUT_MS = 60_000;

function option(name) {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    if (args[i] === name) {
      if (!args[i + 1] || args[i + 1].startsWith('--')) {
        console.error(`${name} needs a value`);
        process.exit(2);
      }
      return args[i + 1];
    }
    if (args[i].startsWith(`${name}=`)) return args[i].slice(name.length + 1);
  }
  return undefined;
}
const persistTo = option('--persist-to');
const persistArgs = persistTo ? ['--persist-to', path.resolve(persistTo)] : [];

const wrangler = path.join(path.dirname(createRequire(import.meta.url).resolve('wrangler/package.json')), 'bin', 'wrangler.js');
// wrangler looks up the internet for metrics and request.cf data; Loket runs offline.
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', NO_UPDATE_NOTIFIER: '1' };

function step(message) {
  process.stdout.write(`\n▶ ${message}\n`);
}

step(`Applying D1 migrations to local storage${persistTo ? ` in ${path.resolve(persistTo)}` : ''}`);
const migrate = spawnSync(process.execPath, [wrangler, 'd1', 'migrations', 'apply', 'DB', '--local', '--env', 'local', ...persistArgs], {
  stdio: 'inherit',
  env: { ...env, CI: 'true' }, // never stop to ask for confirmation
});
if (migrate.status !== 0) {
  console.error('Migrations failed; Loket was not started.');
  process.exit(migrate.status ?? 1);
}

step(`Starting wrangler dev on port ${PORT}`);
const { stop } = runDev(
  wrangler,
  devArgs({ host: HOST, port: PORT, persistTo: persistTo ? path.resolve(persistTo) : undefined }),
  env,
  (code) => console.error(`wrangler dev stopped (exit ${code}).`),
);

async function waitForHealth() {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${BASE}/health`);
      if (res.status === 200 || res.status === 503) return res;
    } catch {}
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`Loket did not answer on ${BASE}/health within ${READY_TIMEOUT_MS / 1000} s`);
}

try {
  await waitForHealth();
  step('Seeding the demo kelurahan (Bukit Sangkal)');
  const res = await fetch(`${BASE}/__local/seed`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(process.env.LOKET_DEMO_PASSWORD ? { password: process.env.LOKET_DEMO_PASSWORD } : {}),
  });
  if (!res.ok) throw new Error(`seeding failed: HTTP ${res.status} ${await res.text()}`);
  const seeded = await res.json();
  const health = await (await fetch(`${BASE}/health`)).json();
  console.log(`
  Loket is running (local, offline). Stop it with Ctrl+C.

    Health        ${BASE}/health            ${health.status}
    Simulator     ${BASE}/simulator
    Verify page   ${BASE}/verify/CODE       (the code printed on a letter)
    Staff desk    ${BASE}/login            user "${seeded.staff.username}", password "${seeded.staff.password}"
    Run the cron  ${BASE}/__scheduled?cron=*/15+*+*+*+*   (daily digest: cron=0+0+*+*+*)
`);
  if (!persistTo && !existsSync('.wrangler')) console.warn('note: no .wrangler folder found; local state lives there.');
} catch (err) {
  console.error(String(err instanceof Error ? err.message : err));
  stop(1);
}
