/**
 * What the bench scripts share: a local `wrangler dev` of their own (own port, own state
 * directory, providers pointed at a fake on loopback), and the CPU its workerd processes spent,
 * read from /proc. Nothing here reaches the internet.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';

export const TICK_MS = 1000 / 100; // USER_HZ on Linux
export const wranglerBin = path.join(path.dirname(createRequire(import.meta.url).resolve('wrangler/package.json')), 'bin', 'wrangler.js');
export const quietEnv = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', NO_UPDATE_NOTIFIER: '1', CI: 'true' };

export const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};

/**
 * Starts `wrangler dev` with `args` (config and env flags) and `devOnly` flags on a free port. `migrate` applies
 * Loket's migrations to the fresh state first. Returns its base URL, a CPU reader and stop().
 */
export async function startDev({ args, devOnly = [], migrate = false, vars = {} }) {
  const port = 18700 + Math.floor(Math.random() * 1000);
  const state = mkdtempSync(path.join(tmpdir(), 'loket-bench-'));
  if (migrate) {
    const m = spawnSync(process.execPath, [wranglerBin, 'd1', 'migrations', 'apply', 'DB', '--local', ...args, '--persist-to', state], { env: quietEnv, stdio: 'ignore' });
    if (m.status !== 0) throw new Error('migrations failed');
  }
  const varArgs = Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}:${v}`]);
  // A registry of its own: wrangler restarts a running workerd whenever another `wrangler dev` on
  // the machine starts or stops (the shared dev registry changed), failing the requests in flight.
  const devEnv = { ...quietEnv, WRANGLER_REGISTRY_PATH: path.join(state, 'registry') };
  const dev = spawn(
    process.execPath,
    [wranglerBin, 'dev', ...args, ...devOnly, '--ip', '127.0.0.1', '--port', String(port), '--persist-to', state, '--show-interactive-dev-session=false', ...varArgs],
    { env: devEnv, stdio: ['ignore', process.env.BENCH_DEV_LOG ? 'inherit' : 'ignore', process.env.BENCH_DEV_LOG ? 'inherit' : 'ignore'], detached: true },
  );
  const base = `http://127.0.0.1:${port}`;
  const stop = () => {
    try { process.kill(-dev.pid, 'SIGTERM'); } catch {}
    rmSync(state, { recursive: true, force: true });
  };
  process.once('exit', stop);
  // `timeout` and Ctrl-C must not leave a detached wrangler dev running.
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => { stop(); process.exit(130); });
  for (let i = 0; ; i++) {
    try {
      await fetch(`${base}/health`);
      break;
    } catch {}
    if (i > 600) { stop(); throw new Error(`wrangler dev ${args.join(' ')} did not start`); }
    await new Promise((r) => setTimeout(r, 300));
  }
  return { base, state, cpuMs: () => workerdCpuMs(dev.pid), stop };
}

/** utime+stime of every workerd process in the process group `pgid`, in ms. */
export function workerdCpuMs(pgid) {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // fields[2] is pgrp; utime and stime are fields 14 and 15 of stat (11 and 12 here).
      if (Number(fields[2]) !== pgid || !stat.includes('(workerd)')) continue;
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {}
  }
  return ticks * TICK_MS;
}

/** Waits until workerd idles (the queue consumer sends after the webhook has answered). */
export async function settle(cpuMs) {
  let last = cpuMs();
  for (let quiet = 0; quiet < 3; ) {
    await new Promise((r) => setTimeout(r, 500));
    const now = cpuMs();
    quiet = now - last <= TICK_MS ? quiet + 1 : 0;
    last = now;
  }
}

export const round = (n, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
export const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Merges `part` into the JSON results file, so each bench script adds its own figures. */
export function mergeResults(file, part) {
  if (!file) return;
  let all = {};
  try { all = JSON.parse(readFileSync(file, 'utf8')); } catch {}
  const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: round(totalmem() / 2 ** 30, 1), node: process.version };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ ...all, ...part, date: new Date().toISOString(), machine }, null, 2)}\n`);
}
