#!/usr/bin/env node
/**
 * Inbound messages against a local `wrangler dev`: signed WhatsApp webhooks (and Telegram
 * updates with their secret token) posted at a fixed
 * concurrency, with workerd's CPU read from /proc before and after (so the figure includes the
 * local D1 and the queue consumer's sends, as a deployed Worker would spend them), latency per
 * request. A fake Graph API and a fake Bot API on loopback take the replies, so nothing leaves
 * the machine. (D1
 * round trips per message are counted on the binding by test/worker/round-trips.test.ts.)
 *
 *   node scripts/bench/inbound.mjs [--messages 1000] [--concurrency 50] [--json bench/results.json]
 *
 * Timings vary with the machine; compare figures taken in one run or on one machine.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const MESSAGES = Number(arg('messages', 1000));
const CONCURRENCY = Number(arg('concurrency', 50));
const JSON_OUT = arg('json', null);
const PORT = 18700 + Math.floor(Math.random() * 200);
const GRAPH_PORT = PORT + 300;
const BASE = `http://127.0.0.1:${PORT}`;
const SECRET = 'local-app-secret';
const PHONE_NUMBER_ID = '100000000000001';
const TICK_MS = 1000 / 100; // USER_HZ on Linux

const wrangler = path.join(path.dirname(createRequire(import.meta.url).resolve('wrangler/package.json')), 'bin', 'wrangler.js');
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', NO_UPDATE_NOTIFIER: '1', CI: 'true' };
const state = mkdtempSync(path.join(tmpdir(), 'loket-bench-'));

// The fake Graph API and Bot API: every send is accepted with a fresh id.
let sends = 0;
const graph = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    if (req.method === 'POST' && /^\/telegram\/bot[^/]+\/sendMessage$/.test(req.url ?? '')) {
      sends++;
      res.end(JSON.stringify({ ok: true, result: { message_id: sends, date: Math.floor(Date.now() / 1000), chat: { id: 1, type: 'private' }, text: '' } }));
      return;
    }
    if (req.method === 'POST' && /\/messages$/.test(req.url ?? '')) sends++;
    res.end(JSON.stringify({ messaging_product: 'whatsapp', messages: [{ id: `wamid.bench.${sends}` }] }));
  });
});
await new Promise((r) => graph.listen(GRAPH_PORT, '127.0.0.1', r));

const migrate = spawnSync(process.execPath, [wrangler, 'd1', 'migrations', 'apply', 'DB', '--local', '--env', 'local', '--persist-to', state], { env, stdio: 'ignore' });
if (migrate.status !== 0) throw new Error('migrations failed');
const dev = spawn(
  process.execPath,
  [wrangler, 'dev', '--env', 'local', '--ip', '127.0.0.1', '--port', String(PORT), '--persist-to', state, '--show-interactive-dev-session=false',
    '--var', `WHATSAPP_API_BASE:http://127.0.0.1:${GRAPH_PORT}/graph`, '--var', `TELEGRAM_API_BASE:http://127.0.0.1:${GRAPH_PORT}/telegram`],
  { env, stdio: ['ignore', 'ignore', 'inherit'], detached: true },
);
const stop = () => {
  try { process.kill(-dev.pid, 'SIGTERM'); } catch {}
  graph.close();
  rmSync(state, { recursive: true, force: true });
};
process.on('SIGINT', () => { stop(); process.exit(130); });

/** utime+stime of every workerd process started by this wrangler dev, in ms. */
function workerdCpuMs() {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // fields[2] is pgrp; utime and stime are fields 14 and 15 of stat (11 and 12 here).
      if (Number(fields[2]) !== dev.pid || !stat.includes('(workerd)')) continue;
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {}
  }
  return ticks * TICK_MS;
}

async function ready() {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${BASE}/health`)).status < 600) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error('wrangler dev did not start');
}

const sign = (body) => `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
function webhook(i, text) {
  const from = `62813${String(i).padStart(8, '0')}`;
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: '102290129340398', changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_NUMBER_ID },
      contacts: [{ profile: { name: 'Warga Bench' }, wa_id: from }],
      messages: [{ from, id: `wamid.bench.in.${text}.${i}.${Date.now()}`, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: text } }],
    } }] }],
  });
}

const TELEGRAM_SECRET = 'local-telegram-secret';
let updateId = 900000000;
/** A Telegram update: a private chat's text, as the Bot API posts it to the webhook. */
function update(i, text) {
  const user = { id: 800000000 + i, is_bot: false, first_name: 'Warga', last_name: 'Bench', language_code: 'id' };
  return JSON.stringify({
    update_id: ++updateId,
    message: { message_id: updateId, from: user, chat: { id: user.id, first_name: 'Warga', last_name: 'Bench', type: 'private' }, date: Math.floor(Date.now() / 1000), text },
  });
}

/** Webhooks answered with anything but 200 (a provider would send them again). */
let failed = 0;

async function post(body, channel = 'whatsapp') {
  const t = performance.now();
  const headers = channel === 'telegram'
    ? { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET }
    : { 'content-type': 'application/json', 'x-hub-signature-256': sign(body) };
  const res = await fetch(`${BASE}/webhooks/${channel}`, { method: 'POST', headers, body });
  await res.arrayBuffer();
  if (res.status !== 200) failed++;
  return performance.now() - t;
}

async function settle() {
  // The queue consumer sends the replies after the webhook has answered: wait until workerd idles.
  let last = workerdCpuMs();
  for (let quiet = 0; quiet < 3; ) {
    await new Promise((r) => setTimeout(r, 500));
    const now = workerdCpuMs();
    quiet = now - last <= TICK_MS ? quiet + 1 : 0;
    last = now;
  }
}

const round = (n, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** One turn for each of `MESSAGES` senders, `CONCURRENCY` at a time. */
async function turn(name, text, channel = 'whatsapp') {
  const bodies = Array.from({ length: MESSAGES }, (_, i) => (channel === 'telegram' ? update(i, text) : webhook(i, text)));
  await settle();
  const [cpu0, sends0, failed0] = [workerdCpuMs(), sends, failed];
  const latencies = [];
  const t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < bodies.length) latencies.push(await post(bodies[next++], channel));
  }));
  const wall = performance.now() - t0;
  await settle();
  const cpu1 = workerdCpuMs();
  latencies.sort((a, b) => a - b);
  return {
    turn: name,
    messages: MESSAGES,
    concurrency: CONCURRENCY,
    perSecond: round(MESSAGES / (wall / 1000), 0),
    p50Ms: round(pct(latencies, 50), 1),
    p99Ms: round(pct(latencies, 99), 1),
    workerdCpuMsPerMessage: round((cpu1 - cpu0) / MESSAGES),
    repliesSent: sends - sends0,
    non200: failed - failed0,
  };
}

try {
  await ready();
  const seeded = await fetch(`${BASE}/__local/seed`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  if (!seeded.ok) throw new Error(`seed failed: ${seeded.status}`);
  // Warm up the isolate (and its prepared statements) before measuring.
  for (let i = 0; i < 20; i++) await post(webhook(MESSAGES + i, 'halo'));
  for (let i = 0; i < 20; i++) await post(update(MESSAGES + i, 'halo'), 'telegram');
  const rows = [
    await turn('text: first "halo" of a new number', 'halo'),
    await turn('text: "status" in an open menu', 'status'),
    await turn('telegram: first "halo" of a new chat', 'halo', 'telegram'),
    await turn('telegram: "status" in an open menu', 'status', 'telegram'),
  ];
  console.table(rows);
  if (JSON_OUT) {
    mkdirSync(path.dirname(JSON_OUT), { recursive: true });
    writeFileSync(JSON_OUT, `${JSON.stringify({ date: new Date().toISOString(), inbound: rows }, null, 2)}\n`);
  }
} finally {
  stop();
}
