/**
 * The simulator against the channel conformance kit (kit.ts): the framework's simulator API
 * (src/framework/routes/simulator.ts), which exists only where LOCAL_TOOLS is "true" (that is its
 * authentication), its sender and media source, and both looks a simulated phone can take
 * (WhatsApp's and Telegram's renderers, read back by adapters/simulator/looks.ts). Its corpus is
 * the requests a simulated person sends; what the person sees is its inbox, drawn in a look.
 */
import { env } from 'cloudflare:test';
import type { OutboundMessage } from '../../adapters/channel';
import { bubblesFor, type Bubble, type Look } from '../../adapters/simulator/looks';
import { SIMULATOR_MEDIA_PREFIX, simulatorMedia, simulatorSender } from '../../adapters/simulator/simulator';
import { TELEGRAM_CAPABILITIES } from '../../adapters/telegram/limits';
import { WHATSAPP_CAPABILITIES } from '../../adapters/whatsapp/limits';
import { simulatorInbox } from '../../src/db/framework/outbox';
import { simulatorApi } from '../../src/framework/routes/simulator';
import { conformanceKit, type CorpusEntry, type RenderedPart, type Renderer, type ToRoute } from './kit';

const SITI = '628123450077';
const siti = { channel: 'simulator', externalId: SITI } as const;

let n = 0;
/** A request as a simulated person sends it, each with its own message id. */
function message(body: Record<string, unknown>, from: unknown = { id: SITI, name: 'Siti Aminah' }) {
  n++;
  return { from, messageId: `sim-kit-${n}`, ...body };
}

const postTo = (to: ToRoute, payload: unknown, over?: Partial<Env>) =>
  to({ path: '/messages', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) }, over);

function entry(name: string, payload: { messageId: string }, kind: 'text' | 'choice'): CorpusEntry {
  return { name, payload, events: [{ messageId: payload.messageId, kind, sender: siti }] };
}

const corpus: CorpusEntry[] = [
  entry('text', message({ text: 'Halo, saya mau urus KTP' }), 'text'),
  entry('a choice pressed', message({ choiceId: 'menu:apply' }), 'choice'),
  { name: 'a sender that is no phone number', payload: message({ text: 'halo' }, { id: 'siti', name: 'Siti' }), events: [], malformed: true },
  { name: 'nothing to say', payload: message({ text: '   ' }), events: [], malformed: true },
  { name: 'a voice note (the API takes text and choices only)', payload: message({ unsupported: 'voice' }), events: [], malformed: true },
];

function part(b: Bubble): RenderedPart {
  switch (b.type) {
    case 'text':
      return { text: b.text, form: 'plain', options: [] };
    case 'buttons':
      return { text: b.text, form: 'buttons', options: b.buttons };
    case 'list':
      return { text: b.text, form: 'list', options: b.rows };
    case 'keyboard':
      return { text: b.text, form: 'buttons', options: b.rows.flat() };
    case 'file':
      return { text: b.caption ?? '', form: 'plain', options: [] };
    case 'refused':
      throw new Error(`the ${b.type} look refused the message: ${b.reason}`);
  }
}

const look = (name: Look, capabilities: Renderer['capabilities']): Renderer => ({
  name: `simulator, ${name} look`,
  capabilities,
  render: (m: OutboundMessage) => bubblesFor(name, m).map(part),
});

/** What Siti's phone (in WhatsApp's look) shows: her inbox as the page reads it. */
async function shown(to: ToRoute): Promise<string[]> {
  const res = await to({ method: 'GET', path: `/inbox?id=${SITI}` });
  const inbox = (await res.json()) as { messages: { message: OutboundMessage }[] };
  return inbox.messages.flatMap((m) => bubblesFor('whatsapp', m.message).map((b) => part(b).text));
}

conformanceKit({
  name: 'Simulator',
  channel: 'simulator',
  setUp: async () => {},
  webhook: {
    route: (hosted) => simulatorApi(hosted, (e, id) => simulatorInbox(e.DB, hosted.bot.name, id)),
    textMessage: (text) => message({ text }),
    messageIdOf: (payload) => (payload as { messageId: string }).messageId,
    post: (p, to) => postTo(to, p),
    forgeries: [
      { name: 'LOCAL_TOOLS "false" (every deployed environment)', post: (p, to) => postTo(to, p, { LOCAL_TOOLS: 'false' }) },
      { name: 'LOCAL_TOOLS unset', post: (p, to) => postTo(to, p, { LOCAL_TOOLS: undefined as never }) },
    ],
    refusedStatus: 404,
  },
  person: { externalId: SITI },
  shown,
  corpus: {
    entries: corpus,
    parse: { notApplicable: 'its requests are the framework\'s own JSON, read into events inside src/framework/routes/simulator.ts, not a provider format' },
  },
  renderers: [look('whatsapp', WHATSAPP_CAPABILITIES), look('telegram', TELEGRAM_CAPABILITIES)],
  sender: simulatorSender,
  provider: { notApplicable: 'no provider: its delivery is the outbox row the simulator page reads' },
  media: {
    source: simulatorMedia,
    async offer(bytes, mime) {
      const ref = `${SIMULATOR_MEDIA_PREFIX}kit-${++n}`;
      await env.SCANS.put(ref, bytes, { httpMetadata: { contentType: mime } });
      return ref;
    },
    missingRef: () => `${SIMULATOR_MEDIA_PREFIX}kit-expired`,
  },
});
