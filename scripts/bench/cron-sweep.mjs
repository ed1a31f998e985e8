#!/usr/bin/env node
/**
 * The 15-minute cron sweep (src/jobs/scheduled.ts → schedule-tick.ts) against a local
 * `wrangler dev`, with 1,000 and then 100,000 open cases in D1 and the same number due in each
 * sweep. The tick reads due cases through the partial index on cases.next_action_at, so its cost
 * should follow the cases due, not all open cases: this shows whether it does.
 *
 * How: the demo kelurahan is seeded through POST /__local/seed; the cases are bulk-inserted with
 * `wrangler d1 execute --local --file` while wrangler dev is stopped (two processes never write
 * the local SQLite file at once). Every case is open; all but the due ones have next_action_at a
 * day or more ahead. The sweep is triggered through miniflare's /cdn-cgi/handler/scheduled with
 * `time`, so each sweep runs at a chosen scheduledTime (10:00 WIB on a past working day, in the
 * chairs' reminder slot and office hours): sweep k sees exactly batch k due (DUE cases due just
 * before it), and the batches before it were moved into the future by their own sweep. (The
 * /__scheduled of `wrangler dev --test-scheduled` always runs at the wall clock, so it cannot do
 * that.) Between two due sweeps an idle sweep (nothing due) is measured too.
 *
 * Per sweep: wall time of the request (the handler has finished when it answers) and workerd's
 * CPU (utime+stime from /proc, so the local D1's SQLite work counts) from before the request to
 * its answer; then, after workerd idles, the CPU including the queue consumer's deliveries of the
 * notices the sweep queued. A fake Graph API on loopback takes the WhatsApp sends.
 *
 *   node scripts/bench/cron-sweep.mjs [--open 1000,100000] [--due 50] [--runs 5] [--json bench/cron-sweep.json]
 *
 * `--without-index` drops cases_next_action in the bench's own database first: the control that
 * shows what the partial index saves (and that this bench would notice it missing).
 *
 * Timings vary with the machine; compare figures taken in one run.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { arg, mergeResults, quietEnv, settle, workerdCpuMs, wranglerBin } from './workerd.mjs';

const DUE = Number(arg('due', 50));
const RUNS = Number(arg('runs', 5));
const SIZES = String(arg('open', '1000,100000')).split(',').map(Number);
const JSON_OUT = arg('json', null);
const WITHOUT_INDEX = process.argv.includes('--without-index');
const PORT = 18900 + Math.floor(Math.random() * 200);
const GRAPH_PORT = PORT + 300;
const BASE = `http://127.0.0.1:${PORT}`;
const CRON = '*/15 * * * *';
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const wrangler = wranglerBin;
const state = mkdtempSync(path.join(tmpdir(), 'loket-bench-cron-'));
// A dev registry of its own, so no other `wrangler dev` on the machine restarts this one mid-sweep.
const env = { ...quietEnv, WRANGLER_REGISTRY_PATH: path.join(state, 'registry') };

// The demo kelurahan's ids, as src/seed/demo-data.ts names them.
const demo = readFileSync(path.join(root, 'src/seed/demo-data.ts'), 'utf8');
const KEL = /id: '(kel-[^']+)'/.exec(demo)[1];
const pad2 = (n) => String(n).padStart(2, '0');
const RTS = [...demo.matchAll(/\{ rw: (\d+), rt: (\d+),/g)].map((m) => `rt-bs-${pad2(m[1])}-${pad2(m[2])}`);
if (!KEL || RTS.length === 0) throw new Error('demo kelurahan not found in src/seed/demo-data.ts');
const DUE_BATCH_LIMIT = Number(/DUE_BATCH_LIMIT = (\d+)/.exec(readFileSync(path.join(root, 'src/jobs/schedule-tick.ts'), 'utf8'))?.[1]);
// More due than one sweep reads would leave some for the next: not the same work per sweep.
if (!(DUE <= DUE_BATCH_LIMIT)) throw new Error(`--due ${DUE} is above DUE_BATCH_LIMIT (${DUE_BATCH_LIMIT})`);

/** 10:00 WIB (03:00 UTC) on the last working day before today: a past moment in office hours. */
function sweepBase() {
  const holidays = readFileSync(path.join(root, 'src/seed/holidays-id.ts'), 'utf8');
  const d = new Date();
  for (;;) {
    d.setUTCDate(d.getUTCDate() - 1);
    const day = d.getUTCDay();
    if (day !== 0 && day !== 6 && !holidays.includes(`'${d.toISOString().slice(0, 10)}'`)) break;
  }
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 3, 0, 0);
}

// The fake Graph API: every send is accepted with a fresh id.
let sends = 0;
const graph = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    if (req.method === 'POST' && /\/messages$/.test(req.url ?? '')) sends++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ messaging_product: 'whatsapp', messages: [{ id: `wamid.bench.${sends}` }] }));
  });
});
await new Promise((r) => graph.listen(GRAPH_PORT, '127.0.0.1', r));

function wranglerSync(args) {
  const r = spawnSync(process.execPath, [wrangler, ...args], { env, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`wrangler ${args[0]} ${args[1]} failed:\n${r.stdout}\n${r.stderr}`);
}

let dev = null;
let devOut = '';
function startDev() {
  devOut = '';
  dev = spawn(
    process.execPath,
    [wrangler, 'dev', '--env', 'local', '--ip', '127.0.0.1', '--port', String(PORT), '--persist-to', state,
      '--show-interactive-dev-session=false', '--var', `WHATSAPP_API_BASE:http://127.0.0.1:${GRAPH_PORT}/graph`,
      '--var', `TELEGRAM_API_BASE:http://127.0.0.1:${GRAPH_PORT}/telegram`],
    { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  dev.stdout.on('data', (b) => { devOut += b; });
  dev.stderr.on('data', (b) => { devOut += b; });
}
async function stopDev() {
  if (!dev) return;
  const exited = new Promise((r) => dev.once('exit', r));
  try { process.kill(-dev.pid, 'SIGTERM'); } catch {}
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  // workerd shares the process group; wait until none of it is left holding the SQLite file.
  for (let i = 0; i < 50 && workerdPids().length; i++) await new Promise((r) => setTimeout(r, 200));
  dev = null;
}
const cleanup = () => {
  try { if (dev) process.kill(-dev.pid, 'SIGTERM'); } catch {}
  graph.close();
  rmSync(state, { recursive: true, force: true });
};
process.on('SIGINT', () => { cleanup(); process.exit(130); });

function procStat(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return { comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), fields: stat.slice(stat.lastIndexOf(')') + 2).split(' ') };
}
/** The workerd processes started by this wrangler dev (its process group). */
function workerdPids() {
  if (!dev) return [];
  const pids = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const { comm, fields } = procStat(pid);
      if (comm === 'workerd' && Number(fields[2]) === dev.pid) pids.push(pid);
    } catch {}
  }
  return pids;
}
const cpuMs = () => (dev ? workerdCpuMs(dev.pid) : 0);

async function ready() {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${BASE}/health`)).status < 600) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`wrangler dev did not start:\n${devOut.slice(-2000)}`);
}

/** What the sweep at `time` logged (cron.schedule_tick): the cases it read and the notices it queued. */
function tickLog(before) {
  const lines = devOut.slice(before).match(/\{"level":"info","msg":"cron\.schedule_tick"[^\n]*\}/g) ?? [];
  const last = lines.at(-1);
  return last ? JSON.parse(last) : null;
}

async function sweep(time) {
  await settle(cpuMs);
  const [cpu0, sends0, out0] = [cpuMs(), sends, devOut.length];
  const t0 = performance.now();
  const res = await fetch(`${BASE}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent(CRON)}&time=${time}`);
  const outcome = await res.text();
  const wallMs = performance.now() - t0;
  const cpu1 = cpuMs();
  if (res.status !== 200) throw new Error(`sweep failed: ${res.status} ${outcome}\n${devOut.slice(-2000)}`);
  await settle(cpuMs);
  const cpu2 = cpuMs();
  // The log line is written before the handler returns; give wrangler a moment to pass it on.
  let log = tickLog(out0);
  for (let i = 0; !log && i < 10; i++) {
    await new Promise((r) => setTimeout(r, 100));
    log = tickLog(out0);
  }
  return { wallMs, cpuMs: cpu1 - cpu0, cpuWithDeliveriesMs: cpu2 - cpu0, read: log?.due ?? null, queued: log?.sent ?? null, delivered: sends - sends0 };
}

// ---- SQL for the cases ----------------------------------------------------------------------

const q = (v) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v}'`);
const CASE_COLUMNS = 'id, kelurahan_id, code, kind, service, state, applicant_person_id, rt_id, pengantar_approved, submitted_at, day1_due_at, day2_due_at, day3_due_at, due_at, reminders_sent, next_action_at, version, created_at, updated_at';
const SERVICES = ['ktp', 'kk', 'nikah', 'situ'];
let nik = 0;
const nextNik = () => `1671${String(++nik).padStart(12, '0')}`;

/**
 * A case in one of the open states the tick acts on, as of `t`: waiting for the chair's pengantar
 * (a reminder), day 1 over (archived, day 2 announced, the chair's card), or day 3 missed (staff
 * and the resident told). `next` is when the tick must look at it.
 */
function caseRow(id, code, personId, i, t, next) {
  const kind = i % 3;
  const svc = SERVICES[i % SERVICES.length];
  const rt = RTS[i % RTS.length];
  if (kind === 0) return [id, KEL, code, 'service', svc, 'awaiting_pengantar', personId, rt, 0, null, null, null, null, null, 0, next, 1, t - 2 * 60 * MIN, t - 2 * 60 * MIN];
  if (kind === 1) return [id, KEL, code, 'service', svc, 'submitted', personId, rt, 1, t - DAY, t - 60 * MIN, t + DAY, t + 2 * DAY, t + 2 * DAY, 0, next, 1, t - DAY, t - DAY];
  return [id, KEL, code, 'service', svc, 'processing', personId, rt, 1, t - 4 * DAY, t - 3 * DAY, t - 2 * DAY, t - DAY, t - DAY, 0, next, 1, t - 4 * DAY, t - 2 * DAY];
}

// D1 refuses a statement over 100 kB (SQLITE_TOOBIG): 150 rows stay well under it.
function* chunked(table, columns, rows, size = 150) {
  for (let i = 0; i < rows.length; i += size) {
    yield `INSERT INTO ${table} (${columns}) VALUES\n${rows.slice(i, i + size).map((r) => `(${r.map(q).join(', ')})`).join(',\n')};`;
  }
}

/**
 * `notDue` open cases due a day or more after `t` (applicants from a shared pool), and RUNS+1
 * batches of DUE cases, batch k due 10 s before the sweep at t + k minutes, each applicant with a
 * WhatsApp chat so the notices go through the fake Graph API.
 */
function casesSql(phase, t, notDue) {
  const people = [];
  const identities = [];
  const rows = [];
  const pool = Math.min(2000, Math.max(1, notDue));
  for (let p = 0; p < pool; p++) people.push([`bench-p${phase}-${p}`, KEL, `Warga Bench ${p}`, nextNik(), null, RTS[p % RTS.length], 'id', t - 30 * DAY]);
  for (let i = 0; i < notDue; i++) {
    rows.push(caseRow(`bench-c${phase}-${i}`, `BEN${phase}-${i}`, `bench-p${phase}-${i % pool}`, i, t, t + DAY + (i % 1440) * MIN));
  }
  for (let k = 0; k <= RUNS; k++) {
    for (let j = 0; j < DUE; j++) {
      const n = k * DUE + j;
      const person = `bench-dp${phase}-${n}`;
      const phone = `62814${phase}${String(n).padStart(7, '0')}`;
      people.push([person, KEL, `Pemohon Bench ${n}`, nextNik(), phone, RTS[n % RTS.length], 'id', t - 30 * DAY]);
      identities.push([`bench-di${phase}-${n}`, KEL, person, 'whatsapp', phone, `Pemohon Bench ${n}`, t - 60 * MIN, t - 30 * DAY]);
      rows.push(caseRow(`bench-d${phase}-${n}`, `BEND${phase}-${n}`, person, n, t, t + k * MIN - 10_000));
    }
  }
  return [
    ...chunked('people', 'id, kelurahan_id, full_name, nik, phone, rt_id, locale, created_at', people),
    ...chunked('channel_identities', 'id, kelurahan_id, person_id, channel, external_id, display_name, last_inbound_at, created_at', identities),
    ...chunked('cases', CASE_COLUMNS, rows),
  ].join('\n');
}

const round = (n, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  wranglerSync(['d1', 'migrations', 'apply', 'DB', '--local', '--env', 'local', '--persist-to', state]);
  startDev();
  await ready();
  const seeded = await fetch(`${BASE}/__local/seed`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  if (!seeded.ok) throw new Error(`seed failed: ${seeded.status}`);
  await stopDev();

  const base = sweepBase();
  const rows = [];
  const perRun = [];
  let open = 0;
  for (const [phase, size] of SIZES.entries()) {
    // Each size sweeps half an hour after the last, so the cases earlier sweeps moved stay ahead.
    const t = base + phase * 30 * MIN;
    const notDue = size - open - (RUNS + 1) * DUE;
    if (notDue < 0) throw new Error(`--open ${size} is too small for ${RUNS + 1} batches of ${DUE}`);
    const file = path.join(state, `cases-${phase}.sql`);
    writeFileSync(file, `${WITHOUT_INDEX ? 'DROP INDEX IF EXISTS cases_next_action;\n' : ''}${casesSql(phase, t, notDue)}`);
    const tInsert = performance.now();
    wranglerSync(['d1', 'execute', 'DB', '--local', '--env', 'local', '--persist-to', state, '--file', file]);
    open = size;
    console.error(`${size} open cases in D1 (insert took ${round((performance.now() - tInsert) / 1000)} s)`);

    startDev();
    await ready();
    // Warm up: the isolate compiles the tick and prepares its statements on the first sweep.
    await sweep(t);
    const idle = [];
    const due = [];
    for (let k = 1; k <= RUNS; k++) {
      idle.push(await sweep(t + k * MIN - 30_000));
      due.push(await sweep(t + k * MIN));
    }
    await stopDev();
    for (const [dueCases, runs] of [[0, idle], [DUE, due]]) {
      for (const r of runs) {
        // The sweep's own log says how many due cases it read: the figures are for the work intended.
        if (r.read !== dueCases) throw new Error(`a sweep read ${r.read} due cases, expected ${dueCases}`);
      }
      perRun.push(...runs.map((r) => ({ openCases: size, dueCases, ...r })));
      rows.push({
        openCases: size,
        dueCases,
        runs: runs.length,
        wallMs: round(median(runs.map((r) => r.wallMs))),
        workerdCpuMs: round(median(runs.map((r) => r.cpuMs))),
        cpuWithDeliveriesMs: round(median(runs.map((r) => r.cpuWithDeliveriesMs))),
        noticesQueued: median(runs.map((r) => r.queued ?? -1)),
        delivered: median(runs.map((r) => r.delivered)),
      });
    }
  }
  if (WITHOUT_INDEX) console.log('WITHOUT the partial index cases_next_action (a control, not the real schema)');
  console.log(`Cron sweep (${CRON}), median of ${RUNS} sweeps each; wallMs and workerdCpuMs end when the sweep answers,`);
  console.log('cpuWithDeliveriesMs adds the queue consumer sending what the sweep queued (fake Graph API on loopback).');
  console.table(rows);
  if (JSON_OUT) {
    mergeResults(JSON_OUT, { cronSweep: { dueBatchLimit: DUE_BATCH_LIMIT, withoutIndex: WITHOUT_INDEX, sweeps: rows, runs: perRun } });
  }
} finally {
  await stopDev().catch(() => {});
  cleanup();
}
