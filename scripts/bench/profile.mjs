#!/usr/bin/env node
/**
 * Where an inbound message's JavaScript time goes: a CPU profile of Loket's isolate (through
 * wrangler dev's inspector) while signed "halo"/"status" webhooks and their replies run, summed by
 * source file and by function. It sees Loket's own isolate only: local D1, the queue broker and
 * the runtime's C++ are the rest of inbound.mjs's workerd CPU figure.
 *
 *   node scripts/bench/profile.mjs [--messages 300] [--concurrency 20] [--top 30]
 */
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import WebSocket from 'ws';
import { arg, round, settle, startDev } from './workerd.mjs';

const MESSAGES = Number(arg('messages', 300));
const CONCURRENCY = Number(arg('concurrency', 20));
const TOP = Number(arg('top', 30));
const INSPECTOR = 19800 + Math.floor(Math.random() * 150);

const fake = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ messaging_product: 'whatsapp', messages: [{ id: `wamid.p.${Math.random()}` }] }));
  });
});
await new Promise((r) => fake.listen(0, '127.0.0.1', r));
const FAKE = `http://127.0.0.1:${fake.address().port}`;

const sign = (body) => `sha256=${createHmac('sha256', 'local-app-secret').update(body).digest('hex')}`;
let seq = 0;
function webhook(i, text) {
  const from = `62814${String(i).padStart(8, '0')}`;
  return JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages', value: {
    messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: '100000000000001' },
    contacts: [{ profile: { name: 'Warga' }, wa_id: from }],
    messages: [{ from, id: `wamid.p.${++seq}.${Date.now()}`, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: text } }],
  } }] }] });
}
const post = async (base, body) => (await fetch(`${base}/webhooks/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(body) }, body })).arrayBuffer();

const dev = await startDev({ args: ['--env', 'local'], devOnly: ['--inspector-port', String(INSPECTOR)], migrate: true, vars: { WHATSAPP_API_BASE: `${FAKE}/graph` } });
try {
  console.error('started');
  await fetch(`${dev.base}/__local/seed`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  for (let i = 0; i < 30; i++) await post(dev.base, webhook(MESSAGES + i, 'halo'));
  await settle(dev.cpuMs);
  console.error('warm');
  const targets = await (await fetch(`http://127.0.0.1:${INSPECTOR}/json`)).json();
  const target = targets.find((t) => /loket/.test(t.title ?? t.id ?? '')) ?? targets[0];
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((r, j) => { ws.once('open', r); ws.once('error', j); });
  let id = 0;
  const pending = new Map();
  ws.on('message', (m) => {
    const msg = JSON.parse(String(m));
    if (process.env.BENCH_DEBUG) console.error(String(m).slice(0, 200));
    if (msg.id && pending.has(msg.id)) { pending.get(msg.id)(msg.result); pending.delete(msg.id); }
  });
  const send = (method, params = {}) => new Promise((r) => { const n = ++id; pending.set(n, r); ws.send(JSON.stringify({ id: n, method, params })); });
  console.error('ws open', target.webSocketDebuggerUrl);
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: 100 });
  await send('Profiler.start');
  for (const text of ['halo', 'status']) {
    let next = 0;
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => { while (next < MESSAGES) await post(dev.base, webhook(next++, text)); }));
  }
  await settle(dev.cpuMs);
  const { profile } = await send('Profiler.stop');
  ws.close();

  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const byFile = new Map();
  const byFn = new Map();
  let total = 0;
  let idle = 0;
  for (const [nodeId, us] of self) {
    const { callFrame: f } = nodes.get(nodeId);
    if (f.functionName === '(idle)') { idle += us; continue; }
    total += us;
    const file = (f.url || f.functionName).replace(/^.*?\/(node_modules\/[^/]+(?:\/[^/]+)?|src\/[^?]+|adapters\/[^?]+)(?:\?.*)?$/, '$1');
    byFile.set(file, (byFile.get(file) ?? 0) + us);
    const fn = `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + us);
  }
  const perMsg = (us) => round(us / 1000 / (2 * MESSAGES), 3);
  const top = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, TOP).map(([k, us]) => ({ where: k.slice(0, 110), msPerMessage: perMsg(us), share: `${round((100 * us) / total, 1)}%` }));
  console.log(`Loket's isolate: ${perMsg(total)} ms of JavaScript per message (idle excluded; ${2 * MESSAGES} messages)`);
  console.table(top(byFile));
  console.table(top(byFn));
} finally {
  dev.stop();
  fake.close();
}
