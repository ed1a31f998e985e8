/**
 * The simulator against the channel conformance kit (kit.ts): its routes through createApp(),
 * which exist only where LOCAL_TOOLS is "true" (that is its authentication), its sender and media
 * source, and both looks a simulated phone can take (WhatsApp's and Telegram's renderers, read
 * back by adapters/simulator/looks.ts). Its corpus is the requests the simulator page sends.
 */
import { env } from 'cloudflare:test';
import type { OutboundMessage } from '../../adapters/channel';
import { bubblesFor, type Bubble, type Look } from '../../adapters/simulator/looks';
import { SIMULATOR_MEDIA_PREFIX, simulatorMedia, simulatorSender } from '../../adapters/simulator/simulator';
import { TELEGRAM_CAPABILITIES } from '../../adapters/telegram/limits';
import { WHATSAPP_CAPABILITIES } from '../../adapters/whatsapp/limits';
import { createApp } from '../../src/app';
import { drainQueue, MONDAY_10_WIB, seed, setClock, SimPerson, testEnv } from '../support/simulator';
import { conformanceKit, type CorpusEntry, type RenderedPart, type Renderer } from './kit';

const app = createApp();
const SITI = '628123450077';
const phone = new SimPerson(SITI, 'Siti Aminah');

let n = 0;
/** A request as the simulator page sends it, a second after the last. */
function message(body: Record<string, unknown>, from: unknown = { id: SITI, name: 'Siti Aminah' }) {
  n++;
  return { from, messageId: `sim-kit-${n}`, at: MONDAY_10_WIB + n * 1000, ...body };
}

function postWith(e: Env) {
  return async (payload: unknown): Promise<Response> => {
    const at = (payload as { at?: number }).at;
    if (typeof at === 'number') setClock(at);
    return app.request('/simulator/api/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) }, e);
  };
}

function entry(name: string, payload: { messageId: string }): CorpusEntry {
  return { name, payload, events: [{ messageId: payload.messageId }] };
}

const corpus: CorpusEntry[] = [
  entry('text', message({ text: 'Halo, saya mau urus KTP' })),
  entry('a choice pressed', message({ choiceId: 'menu:apply' })),
  entry('a voice note', message({ unsupported: 'voice' })),
  { name: 'a sender that is no phone number', payload: message({ text: 'halo' }, { id: 'siti', name: 'Siti' }), events: [], malformed: true },
  { name: 'nothing to say', payload: message({ text: '   ' }), events: [], malformed: true },
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

conformanceKit({
  name: 'Simulator',
  channel: 'simulator',
  kelurahanId: 'kel-bukit-sangkal',
  setUp: () => seed(),
  drain: async () => void (await drainQueue()),
  webhook: {
    textMessage: (text) => message({ text }),
    messageIdOf: (payload) => (payload as { messageId: string }).messageId,
    post: postWith(testEnv()),
    forgeries: [
      { name: 'LOCAL_TOOLS "false" (every deployed environment)', post: (p) => postWith({ ...testEnv(), LOCAL_TOOLS: 'false' })(p) },
      { name: 'LOCAL_TOOLS unset', post: (p) => postWith({ ...testEnv(), LOCAL_TOOLS: undefined as never })(p) },
    ],
    refusedStatus: 404,
  },
  person: { externalId: SITI },
  shown: async () => (await phone.inbox()).filter((r) => r.status === 'sent').map((r) => (r.message.kind === 'text' ? r.message.text : `[${r.message.kind}]`)),
  corpus: {
    entries: corpus,
    parse: { notApplicable: 'its requests are Loket\'s own JSON, read into events inside src/routes/simulator.ts, not a provider format' },
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
