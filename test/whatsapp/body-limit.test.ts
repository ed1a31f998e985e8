import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { WEBHOOK_MAX_BYTES } from '../../src/framework/webhook-body-limit';
import { useFreshDatabase } from '../support/fresh-database';
import { seed, testEnv } from '../support/simulator';
import { envelope, sign, wa } from '../support/whatsapp';

useFreshDatabase();
beforeEach(seed);
const app = createApp();
const stored = async () => Number((await env.DB.prepare('SELECT count(*) AS n FROM processed_messages').first<{ n: number }>())!.n);

/** A signed-looking webhook padded with spaces (valid JSON) to `bytes`. */
function padded(bytes: number): string {
  const json = JSON.stringify(envelope({ messages: [wa.text('6281234500001', 'halo')] }, { waId: '6281234500001', name: 'Siti' }));
  return json + ' '.repeat(bytes - json.length);
}

function streamOf(text: string, chunk = 64 * 1024): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + chunk));
      at += chunk;
    },
  });
}

describe('webhook bodies over 1 MiB', () => {
  it('are refused with 413 from Content-Length, before the signature is checked, and nothing is stored', async () => {
    const body = padded(WEBHOOK_MAX_BYTES + 1);
    const res = await app.request('/webhooks/whatsapp', { method: 'POST', headers: { 'x-hub-signature-256': await sign(body), 'content-length': String(body.length) }, body }, testEnv());
    expect(res.status).toBe(413);
    // A wrong signature on an oversized body is still a 413: the body was never hashed.
    const forged = await app.request('/webhooks/whatsapp', { method: 'POST', headers: { 'x-hub-signature-256': 'sha256=' + '0'.repeat(64), 'content-length': String(body.length) }, body }, testEnv());
    expect(forged.status).toBe(413);
    expect(await stored()).toBe(0);
  });

  it('are cut off while streaming when no Content-Length is sent', async () => {
    const body = padded(WEBHOOK_MAX_BYTES + 10);
    const res = await app.request(
      '/webhooks/whatsapp',
      { method: 'POST', headers: { 'x-hub-signature-256': await sign(body) }, body: streamOf(body), duplex: 'half' } as RequestInit,
      testEnv(),
    );
    expect(res.status).toBe(413);
    expect(await stored()).toBe(0);
  });

  it('a body of exactly the limit, streamed, is read and handled as usual', async () => {
    const body = padded(WEBHOOK_MAX_BYTES);
    const res = await app.request(
      '/webhooks/whatsapp',
      { method: 'POST', headers: { 'x-hub-signature-256': await sign(body) }, body: streamOf(body), duplex: 'half' } as RequestInit,
      testEnv(),
    );
    expect(res.status).toBe(200);
    expect(await stored()).toBe(1);
  });
});
