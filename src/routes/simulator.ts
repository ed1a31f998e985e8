/**
 * /simulator: several simulated people chatting with Loket side by side, through the same
 * pipeline as a real webhook. Local only: 404 unless LOCAL_TOOLS is "true".
 */
import { Hono } from 'hono';
import { isUnsupportedKind, type InboundEvent, type OutboundMessage, type Sender } from '../../adapters/channel';
import { bubblesFor, isLook } from '../../adapters/simulator/looks';
import { SIMULATOR_MEDIA_PREFIX } from '../../adapters/simulator/simulator';
import { simulatorPage } from '../../adapters/simulator/page';
import { dbOf } from '../db/client';
import { firstKelurahan, kelurahanById, simulatorChairs } from '../db/kelurahan';
import { simulatorInbox, simulatorOutboxPayload } from '../db/outbox';
import { dailyDigest } from '../jobs/daily-digest';
import { requeueStuck } from '../jobs/scheduled';
import { scheduleTick } from '../jobs/schedule-tick';
import { pipelineDeps } from '../pipeline/deps';
import { enqueue } from '../framework/inbound';
import { processInbound } from '../pipeline/process-inbound';
import { cryptoIds } from '../platform';
import { DEMO_STAFF } from '../seed/demo-data';
import { localToolsEnabled } from './local';

type Ctx = { Bindings: Env };


async function defaultKelurahan(env: Env, requested: string | undefined): Promise<string | null> {
  const db = dbOf(env.DB);
  const row = requested ? await kelurahanById(db, requested).get() : await firstKelurahan(db).get();
  return row?.id ?? null;
}

/**
 * The simulator is the provider and, locally, the clock: a message may say when it was sent, so
 * a person trying Loket (and the tests) can move time forward and watch the three days pass.
 */
function simulatedTime(at: unknown): number {
  return typeof at === 'number' && Number.isFinite(at) && at > 0 ? at : Date.now();
}

function sender(id: unknown, name: unknown): Sender | null {
  if (typeof id !== 'string' || !/^[0-9]{6,15}$/.test(id)) return null;
  return { channel: 'simulator', externalId: id, phone: id, displayName: typeof name === 'string' ? name.slice(0, 80) : id };
}

export const simulator = new Hono<Ctx>()
  .use(async function onlyLocally(c, next) {
    if (!localToolsEnabled(c.env)) return c.json({ error: 'not_found' }, 404);
    await next();
  })
  .get('/', (c) => c.html(simulatorPage()))
  .post('/api/messages', async (c) => {
    const body = await c.req.json<Record<string, unknown>>().catch(() => null);
    const from = body && typeof body.from === 'object' && body.from ? (body.from as Record<string, unknown>) : null;
    const who = from ? sender(from.id, from.name) : null;
    if (!body || !who) return c.json({ error: 'bad_request', detail: 'from.id must be a phone number of 6 to 15 digits' }, 400);
    const kelurahanId = await defaultKelurahan(c.env, c.req.query('kelurahan'));
    if (!kelurahanId) return c.json({ error: 'no_kelurahan', detail: 'run npm start to seed the demo kelurahan' }, 409);
    const at = simulatedTime(body.at);
    const base = { messageId: typeof body.messageId === 'string' ? body.messageId : crypto.randomUUID(), sender: who, at };
    let event: InboundEvent;
    if (typeof body.choiceId === 'string') event = { ...base, kind: 'choice', choiceId: body.choiceId };
    else if (typeof body.text === 'string' && body.text.trim()) event = { ...base, kind: 'text', text: body.text.slice(0, 4096) };
    else if (isUnsupportedKind(body.unsupported)) event = { ...base, kind: 'unsupported', what: body.unsupported };
    else return c.json({ error: 'bad_request', detail: 'send text, choiceId or unsupported (voice, audio, sticker, location, reaction, contact, video, other)' }, 400);
    const { outcome } = await processInbound(pipelineDeps(c.env, { now: () => at }), kelurahanId, event);
    return c.json({ ok: true, outcome, messageId: base.messageId });
  })
  .post('/api/media', async (c) => {
    const form = await c.req.formData().catch(() => null);
    const file = form?.get('file') as unknown;
    const who = form ? sender(form.get('from_id'), form.get('from_name')) : null;
    if (!form || !who || !(file instanceof File)) return c.json({ error: 'bad_request', detail: 'from_id and file are required' }, 400);
    const kelurahanId = await defaultKelurahan(c.env, c.req.query('kelurahan'));
    if (!kelurahanId) return c.json({ error: 'no_kelurahan' }, 409);
    // The simulated provider keeps the upload, as Meta keeps media until Loket fetches it.
    const ref = `${SIMULATOR_MEDIA_PREFIX}${crypto.randomUUID()}`;
    await c.env.SCANS.put(ref, file.stream(), { httpMetadata: { contentType: file.type || 'application/octet-stream' } });
    const caption = form.get('caption');
    const messageId = typeof form.get('messageId') === 'string' ? String(form.get('messageId')) : crypto.randomUUID();
    const at = simulatedTime(Number(form.get('at')));
    const { outcome } = await processInbound(pipelineDeps(c.env, { now: () => at }), kelurahanId, {
      kind: 'media',
      messageId,
      sender: who,
      at,
      media: {
        ref,
        mimeType: file.type || 'application/octet-stream',
        sizeBytes: file.size,
        ...(file.name ? { filename: file.name.slice(0, 200) } : {}),
        ...(typeof caption === 'string' && caption ? { caption: caption.slice(0, 1000) } : {}),
      },
    });
    return c.json({ ok: true, outcome, messageId });
  })
  // Time travel: the page moves its clock forward and asks the cron to run at that moment, so a
  // person trying Loket sees reminders, escalations and the three days pass.
  .post('/api/clock', async (c) => {
    const body = await c.req.json<{ at?: number; digest?: boolean }>().catch(() => null);
    if (!body || typeof body.at !== 'number' || !Number.isFinite(body.at)) return c.json({ error: 'bad_request', detail: 'give at (ms)' }, 400);
    const tick = await scheduleTick(c.env, body.at, cryptoIds);
    const digest = body.digest ? await dailyDigest(c.env, body.at, cryptoIds) : [];
    await enqueue(c.env.OUTBOX, [...tick.queued, ...digest]);
    // What waited for this moment goes now, as the cron would send it: a chair's card held overnight.
    const requeued = await requeueStuck(c.env, body.at);
    return c.json({ ok: true, at: body.at, cases: tick.cases, sent: tick.queued.length + digest.length, requeued });
  })
  .get('/api/inbox', async (c) => {
    const id = c.req.query('id') ?? '';
    const after = Number(c.req.query('after') ?? 0);
    // The phone plays WhatsApp unless asked to play Telegram; the person stays a simulator one.
    const requested = c.req.query('look');
    const look = isLook(requested) ? requested : 'whatsapp';
    const rows = await simulatorInbox(dbOf(c.env.DB), id, after).all();
    // A message held for later is shown once sent, so the next poll starts just before it; the
    // phone says that something waits, and until when, so a chair's empty chat at night is explained.
    const heldRows = rows.filter((r) => r.held);
    const firstHeld = heldRows[0];
    const shown = rows.filter((r) => !r.held);
    return c.json({
      look,
      held: firstHeld ? { count: heldRows.length, until: Math.min(...heldRows.map((r) => r.notBefore)) } : null,
      messages: shown.map((r) => {
        const message = JSON.parse(r.payload) as OutboundMessage;
        return { seq: r.seq, id: r.id, at: r.createdAt, status: r.status, message, bubbles: bubblesFor(look, message) };
      }),
      next: firstHeld ? firstHeld.seq - 1 : Math.max(after, ...rows.map((r) => r.seq)),
    });
  })
  .get('/api/files/:outboxId', async (c) => {
    // Documents and images Loket sent to a simulated person; scans uploaded by residents are
    // never served here.
    const row = await simulatorOutboxPayload(dbOf(c.env.DB), c.req.param('outboxId')).get();
    const message = row ? (JSON.parse(row.payload) as OutboundMessage) : null;
    if (!message || (message.kind !== 'document' && message.kind !== 'image')) return c.json({ error: 'not_found' }, 404);
    const object = await c.env.SCANS.get(message.r2Key);
    if (!object) return c.json({ error: 'not_found' }, 404);
    const filename = message.kind === 'document' ? message.filename : 'gambar';
    return new Response(object.body, {
      headers: {
        'content-type': message.mimeType,
        'content-disposition': `inline; filename="${filename.replace(/[^\w.\- ]/g, '_')}"`,
        'cache-control': 'private, no-store',
      },
    });
  })
  .get('/api/people', async (c) => {
    const chairs = await simulatorChairs(dbOf(c.env.DB)).all();
    return c.json({
      people: [
        { id: '628123450001', name: 'Siti Aminah', role: 'resident' },
        { id: '628123450002', name: 'Budi Santoso', role: 'helper' },
        ...chairs.map((r) => ({ id: r.id, name: r.name, role: 'rt_chair', rt: r.rt, rw: r.rw })),
        { id: DEMO_STAFF.phone, name: DEMO_STAFF.displayName, role: 'staff' },
      ],
    });
  });
