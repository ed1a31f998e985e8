#!/usr/bin/env node
/**
 * Inbound messages against a local `wrangler dev`, side by side with two references on the same
 * workerd (bench/reference/worker.ts): a bare Hono route that answers 200, and a minimal correct
 * handler that checks the signature and sends one reply. Signed WhatsApp webhooks and Telegram
 * updates with their secret token are posted at a fixed concurrency; workerd's CPU is read from
 * /proc before and after each turn (so Loket's figure includes its local D1, its queue and the
 * consumer's sends, as the reference's includes its send); D1 round trips are counted on the
 * binding (COUNT_D1, src/db/round-trips.ts). A fake Graph API and Bot API on loopback take
 * every reply, so nothing leaves the machine.
 *
 *   node scripts/bench/inbound.mjs [--messages 1000] [--concurrency 200] [--json bench/results.json]
 *
 * Timings vary with the machine and whatever else it runs; the ratios, taken in one run, are the
 * figures to compare.
 */
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { arg, mergeResults, percentile, round, settle, startDev } from './workerd.mjs';

const MESSAGES = Number(arg('messages', 1000));
const CONCURRENCY = Number(arg('concurrency', 200));
const JSON_OUT = arg('json', null);
const SECRET = 'local-app-secret';
const TELEGRAM_SECRET = 'local-telegram-secret';
const PHONE_NUMBER_ID = '100000000000001';

// The fake Graph API and Bot API: every send is accepted with a fresh id.
let sends = 0;
const fake = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const url = req.url ?? '';
    if (req.method === 'POST' && /^\/telegram\/bot[^/]+\/(sendMessage|answerCallbackQuery)$/.test(url)) {
      if (url.endsWith('sendMessage')) sends++;
      res.end(JSON.stringify({ ok: true, result: url.endsWith('sendMessage') ? { message_id: sends, date: Math.floor(Date.now() / 1000), chat: { id: 1, type: 'private' }, text: '' } : true }));
      return;
    }
    if (req.method === 'POST' && /\/messages$/.test(url)) sends++;
    res.end(JSON.stringify({ messaging_product: 'whatsapp', messages: [{ id: `wamid.bench.${sends}` }] }));
  });
});
await new Promise((r) => fake.listen(0, '127.0.0.1', r));
const FAKE = `http://127.0.0.1:${fake.address().port}`;
const providers = { WHATSAPP_API_BASE: `${FAKE}/graph`, TELEGRAM_API_BASE: `${FAKE}/telegram` };

const sign = (body) => `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
let seq = 0;
const now = () => String(Math.floor(Date.now() / 1000));

/** A WhatsApp webhook with one message from sender i: a text, or a press of a list choice. */
function whatsapp(i, input) {
  const from = `62813${String(i).padStart(8, '0')}`;
  const id = `wamid.bench.in.${++seq}.${Date.now()}`;
  const message = input.choice
    ? { from, id, timestamp: now(), type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: input.choice, title: input.choice, description: '' } } }
    : { from, id, timestamp: now(), type: 'text', text: { body: input.text } };
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: '102290129340398', changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_NUMBER_ID },
      contacts: [{ profile: { name: 'Warga Bench' }, wa_id: from }],
      messages: [message],
    } }] }],
  });
}

let updateId = 900000000 + Math.floor(Math.random() * 1e6);
/** A Telegram update from chat i: a private text, or a press of an inline button. */
function telegram(i, input) {
  const user = { id: 800000000 + i, is_bot: false, first_name: 'Warga', last_name: 'Bench', language_code: 'id' };
  const chat = { id: user.id, first_name: 'Warga', last_name: 'Bench', type: 'private' };
  const date = Math.floor(Date.now() / 1000);
  const update_id = ++updateId;
  return JSON.stringify(input.choice
    ? { update_id, callback_query: { id: String(update_id), from: user, chat_instance: String(user.id), data: input.choice, message: { message_id: 1, from: { id: 123456, is_bot: true, first_name: 'Loket' }, chat, date, text: 'Menu' } } }
    : { update_id, message: { message_id: update_id, from: user, chat, date, text: input.text } });
}

async function post(base, channel, body, stats) {
  const t = performance.now();
  const headers = channel === 'telegram'
    ? { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET }
    : { 'content-type': 'application/json', 'x-hub-signature-256': sign(body) };
  // whatsapp-stored: the reference's storing handler, signed as WhatsApp signs.
  const res = await fetch(`${base}/webhooks/${channel}`, { method: 'POST', headers, body });
  const text = await res.text();
  stats.statuses[res.status] = (stats.statuses[res.status] ?? 0) + 1;
  if (res.status !== 200 && !stats.shown) {
    stats.shown = true;
    console.error(`${channel} ${res.status}: ${text.slice(0, 300)}`);
  }
  return performance.now() - t;
}

/** One turn: `request(i)` for each of MESSAGES senders, CONCURRENCY at a time. */
async function turn(dev, name, request, { d1 = false } = {}) {
  await settle(dev.cpuMs);
  const trips0 = d1 ? await (await fetch(`${dev.base}/__local/d1-round-trips`)).json() : null;
  const [cpu0, sends0] = [dev.cpuMs(), sends];
  const stats = { statuses: {} };
  const latencies = [];
  const t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < MESSAGES) {
      const i = next++;
      latencies.push(await request(i, stats));
    }
  }));
  const wall = performance.now() - t0;
  await settle(dev.cpuMs);
  const cpu = dev.cpuMs() - cpu0;
  const trips1 = d1 ? await (await fetch(`${dev.base}/__local/d1-round-trips`)).json() : null;
  latencies.sort((a, b) => a - b);
  const non200 = Object.entries(stats.statuses).filter(([s]) => s !== '200').map(([s, n]) => `${s}x${n}`).join(' ');
  return {
    turn: name,
    perSecond: round(MESSAGES / (wall / 1000), 0),
    p50Ms: round(percentile(latencies, 50), 1),
    p99Ms: round(percentile(latencies, 99), 1),
    cpuMsPerMessage: round(cpu / MESSAGES),
    ...(d1 ? { d1WebhookPerMessage: round((trips1.fetch - trips0.fetch) / MESSAGES), d1ConsumerPerMessage: round((trips1.queue - trips0.queue) / MESSAGES) } : {}),
    repliesSent: sends - sends0,
    non200: non200 || '-',
  };
}

const rows = [];
let reference;
let loket;
try {
  // The references first, on their own workerd; then Loket on its own, so neither's CPU is the other's.
  reference = await startDev({ args: ['-c', 'bench/reference/wrangler.toml'], vars: providers });
  for (let i = 0; i < 50; i++) await fetch(`${reference.base}/bare`);
  const ref = (channel, input) => (i, stats) => post(reference.base, channel, channel === 'telegram' ? telegram(i, input) : whatsapp(i, input), stats);
  await post(reference.base, 'whatsapp', whatsapp(0, { text: 'halo' }), { statuses: {} });
  rows.push(await turn(reference, 'reference: bare Hono 200', async (_, stats) => {
    const t = performance.now();
    const res = await fetch(`${reference.base}/bare`);
    await res.arrayBuffer();
    stats.statuses[res.status] = (stats.statuses[res.status] ?? 0) + 1;
    return performance.now() - t;
  }));
  rows.push(await turn(reference, 'reference: minimal WhatsApp handler', ref('whatsapp', { text: 'halo' })));
  rows.push(await turn(reference, 'reference: minimal Telegram handler', ref('telegram', { text: 'halo' })));
  await fetch(`${reference.base}/setup`, { method: 'POST' });
  rows.push(await turn(reference, 'reference: minimal storing WhatsApp handler', (i, stats) => post(reference.base, 'whatsapp-stored', whatsapp(i, { text: 'halo' }), stats)));
  reference.stop();

  loket = await startDev({ args: ['--env', 'local'], migrate: true, vars: { ...providers, COUNT_D1: 'true' } });
  const seeded = await fetch(`${loket.base}/__local/seed`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  if (!seeded.ok) throw new Error(`seed failed: ${seeded.status}`);
  // Warm the isolate (its prepared statements and caches) with senders outside the measured ones.
  for (let i = 0; i < 20; i++) {
    await post(loket.base, 'whatsapp', whatsapp(MESSAGES + i, { text: 'halo' }), { statuses: {} });
    await post(loket.base, 'telegram', telegram(MESSAGES + i, { text: 'halo' }), { statuses: {} });
  }
  const say = (channel, input) => (i, stats) => post(loket.base, channel, channel === 'telegram' ? telegram(i, input) : whatsapp(i, input), stats);
  for (const channel of ['whatsapp', 'telegram']) {
    const who = channel === 'telegram' ? 'chat' : 'number';
    rows.push(await turn(loket, `loket ${channel}: text, first "halo" of a new ${who}`, say(channel, { text: 'halo' }), { d1: true }));
    rows.push(await turn(loket, `loket ${channel}: text, "status" in the menu`, say(channel, { text: 'status' }), { d1: true }));
    rows.push(await turn(loket, `loket ${channel}: button, "Bantuan" pressed in the menu`, say(channel, { choice: 'menu:help' }), { d1: true }));
  }
} finally {
  reference?.stop();
  loket?.stop();
  fake.close();
}

const byName = (prefix) => rows.find((r) => r.turn.startsWith(prefix));
const bare = byName('reference: bare');
const storing = byName('reference: minimal storing');
const ratios = rows.filter((r) => r.turn.startsWith('loket')).map((r) => {
  const minimal = byName(`reference: minimal ${r.turn.includes('telegram') ? 'Telegram' : 'WhatsApp'}`);
  return {
    turn: r.turn,
    cpuVsMinimal: round(r.cpuMsPerMessage / minimal.cpuMsPerMessage),
    cpuVsStoring: round(r.cpuMsPerMessage / storing.cpuMsPerMessage),
    cpuVsBare: round(r.cpuMsPerMessage / bare.cpuMsPerMessage),
    throughputVsMinimal: round(r.perSecond / minimal.perSecond),
    throughputVsStoring: round(r.perSecond / storing.perSecond),
    throughputVsBare: round(r.perSecond / bare.perSecond),
  };
});
console.log(`${MESSAGES} requests per turn, ${CONCURRENCY} at a time`);
console.table(rows);
console.table(ratios);
mergeResults(JSON_OUT, { inbound: { messages: MESSAGES, concurrency: CONCURRENCY, turns: rows, ratios } });
