/**
 * WhatsApp media of unknown length (no file_size from GET /{media-id}, no content-length on the
 * download): read first, up to the kelurahan's limit, and handed on with its real length, so the
 * consumer stores it instead of calling it empty.
 */
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MediaTooLargeError } from '../../adapters/ports';
import { UNSIZED_DOWNLOADS } from '../../adapters/read-capped';
import { whatsappMedia } from '../../adapters/whatsapp/media';
import { PDF } from '../support/simulator';
import { FakeGraph } from '../support/whatsapp';

const graph = new FakeGraph();
beforeEach(() => {
  graph.media.clear();
  graph.install();
});
afterEach(() => vi.restoreAllMocks());

const bytesOf = async (body: ReadableStream<Uint8Array>) => new Uint8Array(await new Response(body).arrayBuffer());

describe('a WhatsApp file nobody gave a length for', () => {
  it('is read and handed on whole, with its real length and Meta\'s hash', async () => {
    const pdf = new Uint8Array(20_000).map((_, i) => PDF[i] ?? i % 251);
    graph.media.set('media.unsized', { bytes: pdf, mime: 'application/pdf', sha256: 'abc=', unsized: true });
    const file = await whatsappMedia.open('media.unsized', env);
    expect(file.length).toBe(20_000);
    expect(file.sha256).toBe('abc=');
    expect(await bytesOf(file.body)).toEqual(pdf);
    // Nothing stays counted against the isolate's budget once the file is handed on.
    expect(UNSIZED_DOWNLOADS.held).toBe(0);
  });

  it('is dropped as too large one byte past the kelurahan\'s limit', async () => {
    graph.media.set('media.big', { bytes: new Uint8Array(Number(env.MAX_UPLOAD_BYTES) + 1), mime: 'application/pdf', unsized: true });
    await expect(whatsappMedia.open('media.big', env)).rejects.toBeInstanceOf(MediaTooLargeError);
    expect(UNSIZED_DOWNLOADS.held).toBe(0);
  });
});
