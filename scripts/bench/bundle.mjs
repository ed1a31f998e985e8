#!/usr/bin/env node
/**
 * The production Worker's size and startup, measured offline.
 *
 * Size: what `wrangler deploy --dry-run --outdir <tmp> --env production` writes (the top-level, production
 * config, as `npm run build:check` builds it): each module raw and gzipped, and the total as
 * wrangler counts it against the upload limit (the modules gzipped together, source map left out;
 * wrangler warns from 70 % of 3 MiB, the Free plan's compressed limit).
 *
 * Startup: Cloudflare measures it on its own machines when a version is uploaded (`wrangler
 * deploy` prints "Worker Startup Time" from the API's answer), so nothing local gives that figure.
 * Locally, `wrangler check startup` runs the built bundle in a fresh workerd isolate and profiles
 * the CPU of importing it (parsing, compiling and running the top level of every module) into a
 * .cpuprofile; this script summarises that profile as wrangler 4.116+ prints it (window, active,
 * garbage collection, idle). It also times, from Node, the same import in fresh Miniflare isolates
 * without a profiler attached: the first request (import + answer) less the second (answer only).
 *
 *   node scripts/bench/bundle.mjs [--runs 3] [--json bench/bundle.json]
 *
 * Timings vary with the machine, and the local CPU is not Cloudflare's.
 */
import { spawnSync } from 'node:child_process';
import { mergeResults } from './workerd.mjs';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('runs', 3));
const JSON_OUT = arg('json', null);

const require = createRequire(import.meta.url);
const wrangler = path.join(path.dirname(require.resolve('wrangler/package.json')), 'bin', 'wrangler.js');
const { Miniflare } = require('miniflare');
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', NO_UPDATE_NOTIFIER: '1', CI: 'true' };
const work = mkdtempSync(path.join(tmpdir(), 'loket-bench-bundle-'));
const KIB = 1024;
/** wrangler's MAX_GZIP_SIZE_BYTES: its "Total Upload" line turns yellow at 70 % of it, red at 90 %. */
const GZIP_LIMIT = 3 * KIB * KIB;

function wranglerRun(args) {
  const r = spawnSync(process.execPath, [wrangler, ...args], { env, encoding: 'utf8', maxBuffer: 64 << 20 });
  const out = `${r.stdout}\n${r.stderr}`;
  if (r.status !== 0) throw new Error(`wrangler ${args.join(' ')} failed:\n${out}`);
  return out.replace(/\x1b\[[0-9;]*m/g, '');
}
const round = (n, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kib = (bytes) => round(bytes / KIB, 2);

// ---- size ---------------------------------------------------------------------------------------

function bundleSize() {
  const outdir = path.join(work, 'dist');
  const t0 = performance.now();
  const out = wranglerRun(['deploy', '--dry-run', '--outdir', outdir, '--env', 'production']);
  const buildMs = performance.now() - t0;
  const files = readdirSync(outdir).filter((f) => f !== 'README.md');
  const modules = files.filter((f) => !f.endsWith('.map'));
  // The entry last, as wrangler concatenates them for its gzip figure.
  modules.sort((a, b) => (a === 'index.js') - (b === 'index.js') || a.localeCompare(b));
  const contents = modules.map((f) => readFileSync(path.join(outdir, f)));
  const perFile = files.map((f) => {
    const bytes = readFileSync(path.join(outdir, f));
    return { file: f.replace(/^[0-9a-f]{40}-/, ''), rawKiB: kib(bytes.length), gzipKiB: kib(gzipSync(bytes).length), uploadedAsModule: !f.endsWith('.map') };
  });
  const raw = contents.reduce((n, b) => n + b.length, 0);
  const gzip = gzipSync(Buffer.concat(contents)).length;
  const wranglerSays = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(out);
  return {
    command: 'wrangler deploy --dry-run --outdir <tmp> --env production',
    buildMs: Math.round(buildMs),
    totalRawKiB: kib(raw),
    totalGzipKiB: kib(gzip),
    wranglerTotalUpload: wranglerSays ? { rawKiB: Number(wranglerSays[1]), gzipKiB: Number(wranglerSays[2]) } : null,
    gzipOfFreePlanLimitPct: round((gzip / GZIP_LIMIT) * 100),
    files: perFile,
  };
}

// ---- startup ------------------------------------------------------------------------------------

/** wrangler's own reading of its multipart upload (check startup's parseFormDataFromFile). */
async function readUpload(file) {
  const bytes = readFileSync(file);
  const boundary = bytes.subarray(2, bytes.indexOf(10)).toString().trim();
  return new Response(bytes, { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }).formData();
}

/** The summary wrangler 4.116+ prints for a startup profile, from the .cpuprofile's samples. */
function summarise(profile) {
  const names = new Map(profile.nodes.map((n) => [n.id, n.callFrame.functionName || '(anonymous)']));
  const self = new Map(profile.nodes.map((n) => [n.id, 0]));
  let sampled = 0;
  let idle = 0;
  let gc = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    sampled += dt;
    self.set(id, self.get(id) + dt);
    if (names.get(id) === '(idle)') idle += dt;
    if (names.get(id) === '(garbage collector)') gc += dt;
  });
  const top = profile.nodes
    .filter((n) => !/^\((idle|root|program|garbage collector)\)$/.test(names.get(n.id)))
    .map((n) => ({ fn: names.get(n.id), url: n.callFrame.url.split('/').pop(), line: n.callFrame.lineNumber + 1, selfMs: round(self.get(n.id), 2) }))
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, 5);
  return {
    windowMs: round((profile.endTime - profile.startTime) / 1000),
    sampledMs: round(sampled),
    activeMs: round(sampled - idle),
    gcMs: round(gc),
    idleMs: round(idle),
    samples: profile.samples.length,
    top,
  };
}

/**
 * The import of the bundle in fresh isolates, timed from Node: a harness imports the main module
 * on its first request, as `wrangler check startup` does, and answers the second without it.
 */
async function importWallMs(upload) {
  const metadata = JSON.parse(upload.get('metadata'));
  const modules = [];
  for (const [name, part] of upload.entries()) {
    if (!(part instanceof Blob) || name === 'metadata' || part.type === 'application/source-map') continue;
    const type = part.type === 'application/javascript+module' ? 'ESModule' : part.type === 'application/octet-stream' ? 'Data' : part.type === 'text/plain' ? 'Text' : null;
    if (!type) throw new Error(`module ${name} has type ${part.type}`);
    modules.push({ type, path: `/${name}`, contents: new Uint8Array(await part.arrayBuffer()) });
  }
  const harness = `let loaded;
export default { async fetch() { loaded ??= import(${JSON.stringify(`./${metadata.main_module}`)}); await loaded; return new Response('ok'); } };`;
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const mf = new Miniflare({
      name: 'startup',
      compatibilityDate: metadata.compatibility_date,
      compatibilityFlags: metadata.compatibility_flags,
      modulesRoot: '/',
      modules: [{ type: 'ESModule', path: '/startup-harness.mjs', contents: harness }, ...modules],
    });
    try {
      await mf.ready;
      const t0 = performance.now();
      await (await mf.dispatchFetch('http://localhost/')).text();
      const t1 = performance.now();
      await (await mf.dispatchFetch('http://localhost/')).text();
      const t2 = performance.now();
      times.push({ firstMs: t1 - t0, secondMs: t2 - t1 });
    } finally {
      await mf.dispose();
    }
  }
  return {
    runs: RUNS,
    firstRequestMs: round(median(times.map((t) => t.firstMs))),
    laterRequestMs: round(median(times.map((t) => t.secondMs))),
    importMs: round(median(times.map((t) => t.firstMs - t.secondMs))),
  };
}

async function startup() {
  const bundle = path.join(work, 'worker.bundle');
  wranglerRun(['deploy', '--dry-run', '--outfile', bundle, '--env', 'production']);
  const profiles = [];
  for (let i = 0; i < RUNS; i++) {
    const file = path.join(work, `startup-${i}.cpuprofile`);
    wranglerRun(['check', 'startup', '--worker', bundle, '--outfile', file]);
    profiles.push(summarise(JSON.parse(readFileSync(file, 'utf8'))));
  }
  const med = (k) => round(median(profiles.map((p) => p[k])));
  return {
    checkStartup: {
      command: 'wrangler check startup --worker <wrangler deploy --dry-run --outfile bundle --env production>',
      runs: RUNS,
      windowMs: med('windowMs'),
      activeMs: med('activeMs'),
      gcMs: med('gcMs'),
      idleMs: med('idleMs'),
      samples: med('samples'),
      topSelfTime: profiles[0].top,
      uploadBytes: statSync(bundle).size,
    },
    freshIsolateImport: await importWallMs(await readUpload(bundle)),
  };
}

try {
  const size = bundleSize();
  const start = await startup();
  console.log(`Bundle (${size.command}), built in ${size.buildMs} ms`);
  console.table(size.files);
  console.table([
    { what: 'modules together (this script)', rawKiB: size.totalRawKiB, gzipKiB: size.totalGzipKiB },
    { what: "wrangler's Total Upload line", rawKiB: size.wranglerTotalUpload?.rawKiB, gzipKiB: size.wranglerTotalUpload?.gzipKiB },
  ]);
  console.log(`gzip is ${size.gzipOfFreePlanLimitPct} % of 3 MiB (wrangler warns from 70 %).`);
  const c = start.checkStartup;
  console.log(`\nStartup, median of ${c.runs}: wrangler check startup's CPU profile of importing the bundle in a fresh isolate (local CPU)`);
  console.table([{ windowMs: c.windowMs, activeMs: c.activeMs, gcMs: c.gcMs, idleMs: c.idleMs, samples: c.samples }]);
  console.log('Most self time in the first profile:');
  console.table(c.topSelfTime);
  const f = start.freshIsolateImport;
  console.log(`Fresh Miniflare isolates, no profiler, median of ${f.runs}: first request (imports the bundle) ${f.firstRequestMs} ms, ` +
    `a later one ${f.laterRequestMs} ms: the import takes ~${f.importMs} ms wall.`);
  if (JSON_OUT) {
    mergeResults(JSON_OUT, { bundle: size, startup: start });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
