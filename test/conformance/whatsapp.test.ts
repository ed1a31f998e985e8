/**
 * WhatsApp against the channel conformance kit (kit.ts): the framework's Cloud API webhook
 * (src/framework/routes/whatsapp.ts) signed with the app secret, the adapter's parser, renderer,
 * sender and media source, and the fake Graph API of test/support/whatsapp.ts. Its corpus is the
 * webhook payloads shaped as in Meta's docs.
 */
import { loketTemplate } from '../../src/whatsapp-templates';
import type { OutboundMessage } from '../../adapters/channel';
import { WHATSAPP_CAPABILITIES } from '../../adapters/whatsapp/limits';
import { whatsappMedia } from '../../adapters/whatsapp/media';
import { parseWebhook } from '../../adapters/whatsapp/parse';
import { renderText, type WaMessage } from '../../adapters/whatsapp/render';
import { whatsappSender } from '../../adapters/whatsapp/sender';
import { whatsappWebhook } from '../../src/framework/routes/whatsapp';
import { base64Sha256, envelope, FakeGraph, PHONE_NUMBER_ID, shown, sign, wa } from '../support/whatsapp';
import { conformanceKit, type CorpusEntry, type RenderedPart, type ToRoute } from './kit';

const graph = new FakeGraph();
const SITI = '6281234500001';
const contact = { waId: SITI, name: 'Siti' };
const from = { channel: 'whatsapp', externalId: SITI, displayName: 'Siti', phone: SITI };
const one = (m: WaMessage) => envelope({ messages: [m] }, contact);
const idOf = (m: WaMessage) => String(m.id);

function entry(name: string, m: WaMessage, event: Record<string, unknown>): CorpusEntry {
  return { name, payload: one(m), events: [{ messageId: idOf(m), sender: from as never, ...event }] };
}

const text = wa.text(SITI, 'Halo, saya mau urus KTP');
const second = wa.text(SITI, 'dan KK');
const corpus: CorpusEntry[] = [
  entry('text', text, { kind: 'text', text: 'Halo, saya mau urus KTP' }),
  entry('reply button', wa.button(SITI, 'svc:ktp', 'KTP'), { kind: 'choice', choiceId: 'svc:ktp', label: 'KTP' }),
  entry('list row', wa.list(SITI, 'menu:apply', 'Ajukan layanan'), { kind: 'choice', choiceId: 'menu:apply' }),
  entry('image', wa.image(SITI, 'media.in.1', 'abc=', 'image/jpeg'), { kind: 'media', media: { ref: 'media.in.1', mimeType: 'image/jpeg', sha256: 'abc=' } }),
  entry('document', wa.document(SITI, 'media.in.2', 'def=', 'kk.pdf'), { kind: 'media', media: { ref: 'media.in.2', mimeType: 'application/pdf', filename: 'kk.pdf', sha256: 'def=' } }),
  entry('voice note', wa.voice(SITI), { kind: 'unsupported', what: 'voice' }),
  entry('sticker', wa.sticker(SITI), { kind: 'unsupported', what: 'sticker' }),
  entry('location', wa.location(SITI), { kind: 'unsupported', what: 'location' }),
  {
    name: 'a batch of two messages',
    payload: envelope({ messages: [{ ...second, id: 'wamid.kit.b1' }, { ...wa.text(SITI, 'terima kasih'), id: 'wamid.kit.b2' }] }, contact),
    events: [{ kind: 'text', text: 'dan KK', messageId: 'wamid.kit.b1' }, { kind: 'text', text: 'terima kasih', messageId: 'wamid.kit.b2' }],
  },
  { name: 'a delivery status only', payload: envelope({ statuses: [{ id: 'wamid.out.9', status: 'delivered', timestamp: '1764475200', recipient_id: SITI }] }), events: [] },
  { name: 'not a WhatsApp Business webhook', payload: { object: 'page', entry: [] }, events: [] },
];

/** A Cloud API message object as the phone shows it. */
function part(m: WaMessage): RenderedPart {
  if (m.type === 'text') return { text: (m.text as { body: string }).body, form: 'plain', options: [] };
  const i = m.interactive as {
    type: 'button' | 'list';
    body: { text: string };
    action: { buttons?: { reply: { id: string; title: string } }[]; sections?: { rows: { id: string; title: string }[] }[] };
  };
  if (i.type === 'button') return { text: i.body.text, form: 'buttons', options: i.action.buttons!.map((b) => ({ id: b.reply.id, label: b.reply.title })) };
  return { text: i.body.text, form: 'list', options: i.action.sections!.flatMap((s) => s.rows.map((r) => ({ id: r.id, label: r.title }))) };
}

/** Posts as Meta does: the raw body signed with X-Hub-Signature-256, unless `signature` says otherwise. */
async function post(to: ToRoute, payload: unknown, signature?: string | null): Promise<Response> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const sig = signature === undefined ? await sign(body) : signature;
  return to({ headers: { 'content-type': 'application/json', ...(sig !== null ? { 'x-hub-signature-256': sig } : {}) }, body });
}

let n = 0;

conformanceKit({
  name: 'WhatsApp',
  channel: 'whatsapp',
  async setUp() {
    graph.calls = [];
    graph.failNext = [];
    graph.answer = null;
    graph.media.clear();
    graph.install();
  },
  webhook: {
    route: (bot) => whatsappWebhook(bot),
    textMessage: (body) => one(wa.text(SITI, body)),
    messageIdOf: (payload) => String((payload as ReturnType<typeof envelope>).entry[0]!.changes[0]!.value.messages![0]!.id),
    post: (payload, to) => post(to, payload),
    forgeries: [
      { name: 'no X-Hub-Signature-256', post: (p, to) => post(to, p, null) },
      { name: 'signed with another secret', post: async (p, to) => post(to, JSON.stringify(p), await sign(JSON.stringify(p), 'another-secret')) },
      { name: 'the signature of another body', post: async (p, to) => post(to, p, await sign(JSON.stringify(one(wa.text(SITI, 'lain'))))) },
      { name: 'a sha1 signature', post: (p, to) => post(to, p, 'sha1=da39a3ee5e6b4b0d3255bfef95601890afd80709') },
      // An unset app secret must not turn into "any signature will do".
      { name: 'no app secret configured', post: async (p, to) => to({ headers: { 'x-hub-signature-256': await sign(JSON.stringify(p)) }, body: JSON.stringify(p) }, { WHATSAPP_APP_SECRET: '' }) },
    ],
    refusedStatus: 401,
  },
  person: { externalId: SITI },
  shown: async () => graph.deliveredTo(SITI).map(shown),
  corpus: { entries: corpus, parse: (payload) => parseWebhook(payload).messages.map((m) => m.event) },
  renderers: [
    {
      name: 'WhatsApp',
      capabilities: WHATSAPP_CAPABILITIES,
      render(m: OutboundMessage) {
        if (m.kind !== 'text') throw new Error('the kit renders texts only');
        return renderText(SITI, m.text, m.choices ?? [], m.hint).map(part);
      },
    },
  ],
  sender: whatsappSender({
    now: () => Date.now(),
    account: async () => ({ phoneNumberId: PHONE_NUMBER_ID, name: 'Bukit Sangkal' }),
    template: loketTemplate,
    log: () => {},
    callTimeoutMs: 200,
  }),
  // Graph API error codes: https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes
  provider: {
    failures: [
      { kind: 'rate_limited', answer: 'HTTP 429 code 130429 (throughput)', arrange: () => void graph.failNext.push({ code: 130429, status: 429 }) },
      { kind: 'rate_limited', answer: 'HTTP 400 code 131056 (pair rate limit)', arrange: () => void graph.failNext.push({ code: 131056, status: 400 }) },
      { kind: 'outage', answer: 'HTTP 500 code 131000 (something went wrong)', arrange: () => void graph.failNext.push({ code: 131000, status: 500 }) },
      { kind: 'outage', answer: 'HTTP 503 code 2 (service unavailable)', arrange: () => void graph.failNext.push({ code: 2, status: 503 }) },
      { kind: 'undeliverable', answer: 'HTTP 400 code 131026 (undeliverable)', arrange: () => void graph.failNext.push({ code: 131026, status: 400 }) },
      { kind: 'rejected', answer: 'HTTP 400 code 131009 (parameter value not valid)', arrange: () => void graph.failNext.push({ code: 131009, status: 400 }) },
      { kind: 'rejected', answer: 'HTTP 400 code 132000 (template parameter count mismatch)', arrange: () => void graph.failNext.push({ code: 132000, status: 400 }) },
      // The account's setup, fixed by a person, after which the same message goes: retried.
      { kind: 'outage', answer: 'HTTP 400 code 132015 (template paused)', arrange: () => void graph.failNext.push({ code: 132015, status: 400 }) },
      { kind: 'outage', answer: 'HTTP 400 code 132001 (template missing or not yet approved)', arrange: () => void graph.failNext.push({ code: 132001, status: 400 }) },
      {
        kind: 'timeout',
        answer: 'no answer',
        arrange: () => {
          graph.answer = () => ((graph.answer = null), 'hang');
        },
      },
    ],
  },
  media: {
    source: whatsappMedia,
    async offer(bytes, mime) {
      const id = `media.kit.${++n}`;
      graph.media.set(id, { bytes, mime, sha256: await base64Sha256(bytes) });
      return id;
    },
    missingRef: () => 'media.kit.expired',
  },
});
