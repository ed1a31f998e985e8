/**
 * WhatsApp test kit: webhook payloads shaped as in Meta's documentation
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/payload-examples), signed
 * like Meta signs them, and a fake Graph API answering on the loopback base URL that
 * WHATSAPP_API_BASE points at. Any other host fails the test.
 */
import { env } from 'cloudflare:test';
import { vi } from 'vitest';
import { hmacSha256Hex } from '../../adapters/whatsapp/signature';
import { createApp } from '../../src/app';
import { testEnv } from './simulator';

const app = createApp();
export const PHONE_NUMBER_ID = env.WHATSAPP_PHONE_NUMBER_ID;

export type WaMessage = Record<string, unknown>;

/** One webhook with the given messages from one contact (Meta batches like this). */
export function envelope(value: { messages?: WaMessage[]; statuses?: unknown[]; errors?: unknown[] }, contact?: { waId: string; name: string }) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_NUMBER_ID },
              ...(contact ? { contacts: [{ profile: { name: contact.name }, wa_id: contact.waId }] } : {}),
              ...value,
            },
          },
        ],
      },
    ],
  };
}

let seq = 0;
const base = (from: string, type: string) => ({ from, id: `wamid.test.${++seq}`, timestamp: String(Math.floor(Date.now() / 1000)), type });
export const wa = {
  text: (from: string, body: string): WaMessage => ({ ...base(from, 'text'), text: { body } }),
  button: (from: string, id: string, title = id): WaMessage => ({ ...base(from, 'interactive'), interactive: { type: 'button_reply', button_reply: { id, title } } }),
  list: (from: string, id: string, title = id): WaMessage => ({ ...base(from, 'interactive'), interactive: { type: 'list_reply', list_reply: { id, title, description: '' } } }),
  image: (from: string, mediaId: string, sha256: string, mime = 'image/jpeg'): WaMessage => ({ ...base(from, 'image'), image: { id: mediaId, mime_type: mime, sha256 } }),
  document: (from: string, mediaId: string, sha256: string, filename: string, mime = 'application/pdf'): WaMessage => ({
    ...base(from, 'document'),
    document: { id: mediaId, mime_type: mime, sha256, filename },
  }),
  voice: (from: string): WaMessage => ({ ...base(from, 'audio'), audio: { id: 'a1', mime_type: 'audio/ogg; codecs=opus', sha256: 'x', voice: true } }),
  sticker: (from: string): WaMessage => ({ ...base(from, 'sticker'), sticker: { id: 's1', mime_type: 'image/webp', sha256: 'x', animated: false } }),
  location: (from: string): WaMessage => ({ ...base(from, 'location'), location: { latitude: -2.95, longitude: 104.78, name: 'Kantor Lurah' } }),
};

export async function sign(body: string, secret = env.WHATSAPP_APP_SECRET!): Promise<string> {
  return `sha256=${await hmacSha256Hex(secret, new TextEncoder().encode(body))}`;
}

export async function post(payload: unknown, signature?: string | null): Promise<Response> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const sig = signature === undefined ? await sign(body) : signature;
  if (sig !== null) headers['x-hub-signature-256'] = sig;
  return app.request('/webhooks/whatsapp', { method: 'POST', headers, body }, testEnv());
}

export interface GraphCall {
  method: string;
  path: string;
  json?: Record<string, unknown>;
  form?: Record<string, string>;
  /** A message send Meta accepted. */
  ok?: boolean;
}

/** A fake Graph API: records what Loket sends and answers like Meta, or with a chosen error. */
export class FakeGraph {
  calls: GraphCall[] = [];
  /** `unsized`: served with no file_size and no content-length, in chunks, as a proxy might. */
  media = new Map<string, { bytes: Uint8Array; mime: string; sha256?: string; unsized?: boolean }>();
  /** Errors to answer the next message sends with, in order (code, HTTP status). */
  failNext: { code: number; status?: number }[] = [];
  /**
   * Decides each message send before failNext: an error to answer with, 'hang' (no answer until
   * the caller gives up), or null to accept it. An outage, a throttle or a hung connection.
   */
  answer: ((message: Record<string, unknown>) => { code: number; status?: number } | 'hang' | null) | null = null;
  private n = 0;

  install(): void {
    const graph = new URL(env.WHATSAPP_API_BASE);
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
      const req = new Request(input, init);
      const url = new URL(req.url);
      if (url.host !== graph.host) throw new Error(`unexpected request to ${url.host}: only the fake Graph API may be called`);
      if (req.headers.get('authorization') !== `Bearer ${env.WHATSAPP_ACCESS_TOKEN}`) return Response.json({ error: { code: 190, message: 'bad token' } }, { status: 401 });
      const path = url.pathname.slice(graph.pathname.length).replace(/^\//, '');
      if (req.method === 'POST' && path === `${PHONE_NUMBER_ID}/messages`) {
        const json = (await req.json()) as Record<string, unknown>;
        const call: GraphCall = { method: 'POST', path, json };
        this.calls.push(call);
        const decided = this.answer?.(json) ?? null;
        if (decided === 'hang') {
          return new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
        }
        if (decided) return Response.json({ error: { code: decided.code, message: `fake error ${decided.code}` } }, { status: decided.status ?? 400 });
        const fail = this.failNext.shift();
        if (fail) return Response.json({ error: { code: fail.code, message: `fake error ${fail.code}`, type: 'OAuthException' } }, { status: fail.status ?? 400 });
        call.ok = true;
        return Response.json({ messaging_product: 'whatsapp', contacts: [{ input: json.to, wa_id: json.to }], messages: [{ id: `wamid.out.${++this.n}` }] });
      }
      if (req.method === 'POST' && path === `${PHONE_NUMBER_ID}/media`) {
        const form = await req.formData();
        const file = form.get('file') as unknown as File;
        this.calls.push({ method: 'POST', path, form: { type: String(form.get('type')), filename: file.name, size: String(file.size) } });
        return Response.json({ id: `media.out.${++this.n}` });
      }
      if (req.method === 'GET' && path.startsWith('files/')) {
        const m = this.media.get(path.slice('files/'.length));
        if (!m) return new Response('gone', { status: 404 });
        if (m.unsized) return new Response(inChunks(m.bytes, 4096), { headers: { 'content-type': m.mime } });
        return new Response(m.bytes, { headers: { 'content-type': m.mime, 'content-length': String(m.bytes.length) } });
      }
      if (req.method === 'GET') {
        const m = this.media.get(decodeURIComponent(path));
        this.calls.push({ method: 'GET', path });
        if (!m) return Response.json({ error: { code: 100, message: 'no such media' } }, { status: 404 });
        return Response.json({ messaging_product: 'whatsapp', url: `${env.WHATSAPP_API_BASE}/files/${path}`, mime_type: m.mime, sha256: m.sha256, ...(m.unsized ? {} : { file_size: m.bytes.length }), id: path });
      }
      return new Response('not found', { status: 404 });
    });
  }

  sentTo(to: string): Record<string, unknown>[] {
    return this.calls.filter((c) => c.path.endsWith('/messages') && c.json?.to === to).map((c) => c.json!);
  }

  /** Only the sends Meta accepted: what the person's phone shows. */
  deliveredTo(to: string): Record<string, unknown>[] {
    return this.calls.filter((c) => c.ok && c.path.endsWith('/messages') && c.json?.to === to).map((c) => c.json!);
  }
}

/** The text a WhatsApp message object shows, whatever its type. */
export function shown(m: Record<string, unknown>): string {
  const i = m.interactive as { body?: { text?: string } } | undefined;
  const t = m.text as { body?: string } | undefined;
  return i?.body?.text ?? t?.body ?? JSON.stringify(m);
}

export function base64Sha256(bytes: Uint8Array): Promise<string> {
  return crypto.subtle.digest('SHA-256', bytes).then((h) => btoa(String.fromCharCode(...new Uint8Array(h))));
}

/** A body with no length known up front. */
function inChunks(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}
