#!/usr/bin/env node
/**
 * `npm run example -- <name>`: runs the example bot examples/<name>/ on this machine, offline.
 * Applies the D1 migrations to its own local database, then starts `wrangler dev` with its
 * wrangler.toml (local D1 and Queue, cron through /__scheduled). State is kept in
 * .wrangler/examples/<name> unless `--persist-to <dir>` says otherwise. `--port <n>` (default
 * 8790, so it runs beside `npm start` on 8787).
 */
import { spawnSync } from 'node:child_process';
import { runDev } from './dev-args.mjs';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const examplesDir = path.join(root, 'examples');
const available = existsSync(examplesDir) ? readdirSync(examplesDir).filter((d) => existsSync(path.join(examplesDir, d, 'wrangler.toml'))) : [];

const args = process.argv.slice(2);
function option(name) {
  const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return undefined;
  if (args[i].includes('=')) return args[i].slice(name.length + 1);
  const v = args[i + 1];
  if (!v || v.startsWith('--')) {
    console.error(`${name} needs a value`);
    process.exit(2);
  }
  return v;
}
const name = args.find((a, i) => !a.startsWith('--') && !['--persist-to', '--port'].includes(args[i - 1]));
if (!name || !available.includes(name)) {
  console.error(`${name ? `No example named "${name}".` : 'Name an example.'} Usage: npm run example -- <name> [--port 8790] [--persist-to <dir>]`);
  console.error(`Examples: ${available.join(', ') || '(none found in examples/)'}`);
  process.exit(2);
}
const port = Number(option('--port') ?? process.env.PORT ?? 8790);
const persistTo = path.resolve(option('--persist-to') ?? path.join(root, '.wrangler', 'examples', name));
const config = path.join(examplesDir, name, 'wrangler.toml');

const wrangler = path.join(path.dirname(createRequire(import.meta.url).resolve('wrangler/package.json')), 'bin', 'wrangler.js');
// wrangler looks up the internet for metrics and request.cf data; the example runs offline.
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', NO_UPDATE_NOTIFIER: '1' };

console.log(`\n▶ Applying D1 migrations to the local database of "${name}" in ${persistTo}`);
const migrate = spawnSync(process.execPath, [wrangler, 'd1', 'migrations', 'apply', 'DB', '--local', '-c', config, '--persist-to', persistTo], {
  stdio: 'inherit',
  env: { ...env, CI: 'true' }, // never stop to ask for confirmation
});
if (migrate.status !== 0) {
  console.error(`Migrations failed; "${name}" was not started.`);
  process.exit(migrate.status ?? 1);
}

console.log(`\n▶ Starting "${name}" on http://localhost:${port} (stop with Ctrl+C)
    Write:   curl -X POST localhost:${port}/simulator/api/messages -H 'content-type: application/json' -d '{"from":{"id":"628123450001"},"text":"jadwal"}'
    Read:    curl 'localhost:${port}/simulator/api/inbox?id=628123450001'
    Cron:    curl 'localhost:${port}/__scheduled?cron=*/5+*+*+*+*'\n`);
// Values for this machine only, never in the example's wrangler.toml (a deploy of it must not
// carry an open simulator or known secrets): the webhooks can be signed by hand with these.
const LOCAL_VARS = {
  LOCAL_TOOLS: 'true',
  WHATSAPP_APP_SECRET: 'local-app-secret',
  WHATSAPP_VERIFY_TOKEN: 'local-verify-token',
  WHATSAPP_ACCESS_TOKEN: 'local-access-token',
  TELEGRAM_BOT_TOKEN: '123456:local-bot-token',
  TELEGRAM_WEBHOOK_SECRET: 'local-telegram-secret',
};
const localVars = Object.entries(LOCAL_VARS).flatMap(([k, v]) => ['--var', `${k}:${v}`]);
runDev(wrangler, ['dev', '-c', config, '--ip', '127.0.0.1', '--port', String(port), '--persist-to', persistTo, '--test-scheduled', '--show-interactive-dev-session=false', ...localVars], env);
