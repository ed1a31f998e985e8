/**
 * The two references `npm run bench` measures Loket against, on the same workerd:
 * - GET /bare: a Hono route that answers 200, the floor of any request;
 * - POST /webhooks/whatsapp and /webhooks/telegram: a minimal CORRECT handler. It checks the
 *   signature (or secret token) as Loket does, reads the one message, and sends one reply to the
 *   provider, with no storage, no dedupe and no dialogue. What Loket adds above it is the price of
 *   remembering: cases, conversations, the outbox and the queue.
 * - POST /webhooks/whatsapp-stored: the same minimal handler, but it stores before it answers, as
 *   Loket must: one D1 batch (the message id, so a retry is not answered twice, and the reply as an
 *   outbox row), one queue message, and a consumer that sends the reply and marks it sent. It
 *   shows what storing costs on a local workerd, where D1 and the queue run in the same process.
 * It shares Loket's signature checks (adapters/), so neither side is faster by cutting a corner.
 * Its few SQL statements are the bench's own tables, not Loket's, hence raw D1 here.
 */
import { Hono } from 'hono';
import { verifySecretToken, SECRET_HEADER } from '../../adapters/telegram/secret';
import { verifySignature } from '../../adapters/whatsapp/signature';

interface RefEnv {
  WHATSAPP_APP_SECRET: string;
  WHATSAPP_ACCESS_TOKEN: string;
  WHATSAPP_API_BASE: string;
  WHATSAPP_PHONE_NUMBER_ID: string;
  TELEGRAM_BOT_TOKEN: string;
  TELEGRAM_WEBHOOK_SECRET: string;
  TELEGRAM_API_BASE: string;
  DB: D1Database;
  OUTBOX: Queue<{ id: string; to: string }>;
}

type WaBody = { entry?: { changes?: { value?: { messages?: { from?: string }[] } }[] }[] };
type TgBody = { message?: { chat?: { id?: number } }; callback_query?: { id?: string; message?: { chat?: { id?: number } } } };

const app = new Hono<{ Bindings: RefEnv }>();

app.get('/bare', (c) => c.text('ok'));

app.post('/webhooks/whatsapp', async (c) => {
  const raw = await c.req.arrayBuffer();
  if (!(await verifySignature(c.env.WHATSAPP_APP_SECRET, raw, c.req.header('x-hub-signature-256')))) return c.text('bad signature', 401);
  let body: WaBody;
  try {
    body = JSON.parse(new TextDecoder().decode(raw)) as WaBody;
  } catch {
    return c.text('bad json', 400);
  }
  const from = body.entry?.[0]?.changes?.[0]?.value?.messages?.[0]?.from;
  if (from) {
    c.executionCtx.waitUntil(
      fetch(`${c.env.WHATSAPP_API_BASE}/${c.env.WHATSAPP_PHONE_NUMBER_ID}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${c.env.WHATSAPP_ACCESS_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ messaging_product: 'whatsapp', to: from, type: 'text', text: { body: 'Halo. Pesan Bapak/Ibu sudah kami terima.' } }),
      }).then((r) => r.arrayBuffer()),
    );
  }
  return c.text('ok');
});

app.post('/webhooks/telegram', async (c) => {
  if (!(await verifySecretToken(c.env.TELEGRAM_WEBHOOK_SECRET, c.req.header(SECRET_HEADER)))) return c.text('forbidden', 401);
  let body: TgBody;
  try {
    body = await c.req.json<TgBody>();
  } catch {
    return c.text('bad json', 400);
  }
  const chat = body.message?.chat?.id ?? body.callback_query?.message?.chat?.id;
  if (chat !== undefined) {
    c.executionCtx.waitUntil(
      fetch(`${c.env.TELEGRAM_API_BASE}/bot${c.env.TELEGRAM_BOT_TOKEN}/sendMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ chat_id: chat, text: 'Halo. Pesan Bapak/Ibu sudah kami terima.' }),
      }).then((r) => r.arrayBuffer()),
    );
  }
  return c.text('ok');
});

const REPLY = 'Halo. Pesan Bapak/Ibu sudah kami terima.';

app.post('/setup', async (c) => {
  await c.env.DB.batch([
    c.env.DB.prepare('CREATE TABLE IF NOT EXISTS seen (id TEXT PRIMARY KEY)'),
    c.env.DB.prepare('CREATE TABLE IF NOT EXISTS outbox (id TEXT PRIMARY KEY, recipient TEXT NOT NULL, body TEXT NOT NULL, sent_at INTEGER)'),
  ]);
  return c.text('ok');
});

app.post('/webhooks/whatsapp-stored', async (c) => {
  const raw = await c.req.arrayBuffer();
  if (!(await verifySignature(c.env.WHATSAPP_APP_SECRET, raw, c.req.header('x-hub-signature-256')))) return c.text('bad signature', 401);
  let body: WaBody & { entry?: { changes?: { value?: { messages?: { id?: string }[] } }[] }[] };
  try {
    body = JSON.parse(new TextDecoder().decode(raw)) as typeof body;
  } catch {
    return c.text('bad json', 400);
  }
  const message = body.entry?.[0]?.changes?.[0]?.value?.messages?.[0] as { from?: string; id?: string } | undefined;
  if (!message?.from || !message.id) return c.text('ok');
  const id = crypto.randomUUID();
  // The message id's insert fails on a repeat, and the batch with it: one reply per message.
  try {
    await c.env.DB.batch([
      c.env.DB.prepare('INSERT INTO seen (id) VALUES (?)').bind(message.id),
      c.env.DB.prepare('INSERT INTO outbox (id, recipient, body) VALUES (?, ?, ?)').bind(id, message.from, REPLY),
    ]);
  } catch {
    return c.text('ok');
  }
  await c.env.OUTBOX.send({ id, to: message.from });
  return c.text('ok');
});

export default {
  fetch: app.fetch,
  async queue(batch: MessageBatch<{ id: string; to: string }>, env: RefEnv) {
    await Promise.all(
      batch.messages.map(async (m) => {
        const res = await fetch(`${env.WHATSAPP_API_BASE}/${env.WHATSAPP_PHONE_NUMBER_ID}/messages`, {
          method: 'POST',
          headers: { authorization: `Bearer ${env.WHATSAPP_ACCESS_TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ messaging_product: 'whatsapp', to: m.body.to, type: 'text', text: { body: REPLY } }),
        });
        await res.arrayBuffer();
        if (!res.ok) return m.retry();
        await env.DB.prepare('UPDATE outbox SET sent_at = ? WHERE id = ?').bind(Date.now(), m.body.id).run();
        m.ack();
      }),
    );
  },
} satisfies ExportedHandler<RefEnv, { id: string; to: string }>;
