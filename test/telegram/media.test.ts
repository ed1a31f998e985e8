/**
 * A resident's Telegram scan moved into R2 by the fetch-media job: getFile, then the download
 * from /file/bot<token>/<path>, against the fake Bot API. Too large, gone or lying about its type,
 * the resident is told which document to send again; the token in the download URL is never
 * logged or stored, whatever fails.
 */
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_DOWNLOAD_BYTES } from '../../adapters/telegram/limits';
import { mediaSources } from '../../src/channels';
import { fetchMedia } from '../../src/jobs/fetch-media';
import { MEDIA_FETCH_MAX_ATTEMPTS } from '../../src/jobs/media-retry';
import { useFreshDatabase } from '../support/fresh-database';
import { MONDAY_10_WIB, PDF, seed, testEnv } from '../support/simulator';
import { BOT_TOKEN, FakeBotApi, TG } from '../support/telegram-api';

useFreshDatabase();
const bot = new FakeBotApi();
const FILE_ID = 'BQACAgUAAxkBAAIBBmZ-kk-copy';
const now = MONDAY_10_WIB;
let n = 0;
const newId = () => `id-${++n}`;
const logLines: string[] = [];

beforeEach(async () => {
  await seed();
  bot.install();
  logLines.length = 0;
  for (const level of ['log', 'warn', 'error'] as const) vi.spyOn(console, level).mockImplementation((...a: unknown[]) => void logLines.push(a.map(String).join(' ')));
  await env.DB.batch([
    env.DB.prepare("INSERT INTO people (id, kelurahan_id, full_name, created_at) VALUES ('p-siti', 'kel-bukit-sangkal', 'Siti Aminah', ?1)").bind(now),
    env.DB.prepare(
      "INSERT INTO channel_identities (id, kelurahan_id, person_id, channel, external_id, created_at) VALUES ('i-siti-tg', 'kel-bukit-sangkal', 'p-siti', 'telegram', '5012345678', ?1)",
    ).bind(now),
    env.DB.prepare(
      "INSERT INTO cases (id, kelurahan_id, code, kind, service, state, applicant_person_id, created_at, updated_at) VALUES ('c1', 'kel-bukit-sangkal', 'KTP-2611-0009', 'service', 'ktp', 'draft', 'p-siti', ?1, ?1)",
    ).bind(now),
    // Announced by the webhook as a document "application/pdf"; the type is the sender's word only.
    env.DB.prepare(
      "INSERT INTO case_documents (id, kelurahan_id, case_id, requirement, status, source_channel, source_ref, r2_key, content_type, created_at) VALUES ('d1', 'kel-bukit-sangkal', 'c1', 'kk_copy', 'pending', 'telegram', ?1, 'scans/k/c1/d1', 'application/pdf', ?2)",
    ).bind(FILE_ID, now),
  ]);
});
afterEach(() => vi.restoreAllMocks());

const fetchIt = (at = now) => fetchMedia(testEnv(), 'd1', mediaSources, at, newId);
const doc = () => env.DB.prepare("SELECT status, reject_reason, content_type, size_bytes FROM case_documents WHERE id = 'd1'").first();
const toldSiti = async () =>
  (await env.DB.prepare("SELECT payload FROM outbox WHERE identity_id = 'i-siti-tg' AND case_id = 'c1' ORDER BY created_at").all<{ payload: string }>()).results.map(
    (r) => (JSON.parse(r.payload) as { text: string }).text,
  );

describe('a Telegram document', () => {
  it('is looked up with getFile and streamed into R2', async () => {
    bot.addFile(FILE_ID, PDF, { path: 'documents/file_7.pdf' });
    await fetchIt();
    expect(await doc()).toEqual({ status: 'stored', reject_reason: null, content_type: 'application/pdf', size_bytes: PDF.length });
    expect(new Uint8Array(await (await env.SCANS.get('scans/k/c1/d1'))!.arrayBuffer())).toEqual(PDF);
    expect(bot.calls.filter((c) => c.method === 'getFile').map((c) => c.params)).toEqual([{ file_id: FILE_ID }]);
    expect(bot.downloads).toEqual(['documents/file_7.pdf']);
  });

  it('above 20 MB is refused before a byte is downloaded, and the resident is told it is too large', async () => {
    bot.addFile(FILE_ID, PDF, { size: MAX_DOWNLOAD_BYTES + 1 });
    await fetchIt();
    expect(bot.downloads).toEqual([]);
    expect(await doc()).toMatchObject({ status: 'rejected', reject_reason: 'too_large' });
    expect(await toldSiti()).toEqual([
      'Maaf, Fotokopi KK yang Bapak/Ibu kirim terlalu besar (lebih dari 10 MB). Foto biasa dari kamera HP cukup.\nSilakan kirim lagi Fotokopi KK di chat ini. Tidak perlu mengulang dari awal.',
    ]);
  });

  it('Telegram will not hand over (getFile: 400 "file is too big") is refused as too large, not as lost', async () => {
    bot.answer = (c) => (c.method === 'getFile' ? TG.badRequest('file is too big') : null);
    await fetchIt();
    expect(await doc()).toMatchObject({ status: 'rejected', reject_reason: 'too_large' });
    expect((await toldSiti())[0]).toMatch(/^Maaf, Fotokopi KK yang Bapak\/Ibu kirim terlalu besar/);
  });

  it('Telegram no longer has (getFile: 400 invalid file_id) fails at once and the resident is asked to send it again', async () => {
    await fetchIt();
    expect(bot.downloads).toEqual([]);
    expect(await doc()).toMatchObject({ status: 'failed', reject_reason: 'gone' });
    expect(await toldSiti()).toEqual(['Maaf, Fotokopi KK yang Bapak/Ibu kirim tidak sampai ke kami.\nSilakan kirim lagi Fotokopi KK di chat ini. Tidak perlu mengulang dari awal.']);
  });

  it('announced as a PDF but holding something else is refused by its first bytes', async () => {
    const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');
    bot.addFile(FILE_ID, html, { path: 'documents/file_8.pdf' });
    await fetchIt();
    expect(await doc()).toMatchObject({ status: 'rejected', reject_reason: 'bad_type' });
    expect(await env.SCANS.get('scans/k/c1/d1')).toBeNull();
    expect(await toldSiti()).toEqual(['Maaf, Fotokopi KK yang Bapak/Ibu kirim bukan foto atau PDF, jadi tidak bisa kami buka.\nSilakan kirim lagi Fotokopi KK di chat ini. Tidak perlu mengulang dari awal.']);
  });
});

/**
 * Telegram as it may also answer: getFile without `file_size` ("file size, if known") and the
 * download without content-length (chunked). `body` makes the download's stream from the file.
 */
function unknownLength(body: (bytes: Uint8Array) => ReadableStream<Uint8Array>) {
  const spy = vi.mocked(globalThis.fetch);
  const fake = spy.getMockImplementation()!;
  spy.mockImplementation(async (input, init) => {
    const res = await fake(input, init);
    const path = new URL(input instanceof Request ? input.url : String(input)).pathname;
    if (path.endsWith('/getFile')) {
      const answer = await res.json<{ result?: { file_size?: number } }>();
      delete answer.result?.file_size;
      return Response.json(answer, { status: res.status });
    }
    if (path.includes('/file/bot') && res.ok) return new Response(body(new Uint8Array(await res.arrayBuffer())));
    return res;
  });
}

/** A stream handing out `total` bytes in `chunk`-sized pieces as they are read, counting what was read. */
function lazyStream(first: Uint8Array, total: number, chunk: number) {
  const read = { bytes: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (read.bytes >= total) return controller.close();
      const piece = new Uint8Array(Math.min(chunk, total - read.bytes));
      if (read.bytes === 0) piece.set(first.subarray(0, piece.length));
      read.bytes += piece.length;
      controller.enqueue(piece);
    },
    cancel() {
      read.cancelled = true;
    },
  });
  return { stream, read };
}

describe('a Telegram document of unknown size (no file_size, no content-length)', () => {
  it('is read, measured and stored in R2 with its own bytes, not refused as empty', async () => {
    const file = new Uint8Array(300_000);
    file.set(PDF);
    file.fill(0x25, PDF.length);
    bot.addFile(FILE_ID, file, { path: 'documents/file_10.pdf' });
    unknownLength((bytes) => {
      let at = 0;
      return new ReadableStream({
        pull(controller) {
          if (at >= bytes.length) return controller.close();
          controller.enqueue(bytes.slice(at, (at += 65_536)));
        },
      });
    });
    await fetchIt();
    expect(bot.downloads).toEqual(['documents/file_10.pdf']);
    expect(await doc()).toEqual({ status: 'stored', reject_reason: null, content_type: 'application/pdf', size_bytes: file.length });
    expect(new Uint8Array(await (await env.SCANS.get('scans/k/c1/d1'))!.arrayBuffer())).toEqual(file);
  });

  it('past the configured limit is dropped mid-download as too large: nothing stored, and no more read than the limit', async () => {
    const limit = Number(env.MAX_UPLOAD_BYTES);
    expect(limit).toBeLessThan(MAX_DOWNLOAD_BYTES);
    bot.addFile(FILE_ID, PDF, { path: 'documents/file_11.pdf' });
    // Under Telegram's 20 MB, over the kelurahan's limit.
    const { stream, read } = lazyStream(PDF, limit + 6 * 1024 * 1024, 256 * 1024);
    unknownLength(() => stream);
    await fetchIt();
    expect(await doc()).toMatchObject({ status: 'rejected', reject_reason: 'too_large' });
    expect(await env.SCANS.get('scans/k/c1/d1')).toBeNull();
    expect(read.cancelled).toBe(true);
    expect(read.bytes).toBeLessThanOrEqual(limit + 1024 * 1024);
    expect(await toldSiti()).toEqual([
      'Maaf, Fotokopi KK yang Bapak/Ibu kirim terlalu besar (lebih dari 10 MB). Foto biasa dari kamera HP cukup.\nSilakan kirim lagi Fotokopi KK di chat ini. Tidak perlu mengulang dari awal.',
    ]);
  });

  it('cut off mid-download is tried again later, nothing stored and the resident not told yet', async () => {
    bot.addFile(FILE_ID, PDF, { path: 'documents/file_12.pdf' });
    unknownLength((bytes) => {
      let sent = false;
      return new ReadableStream({
        pull(controller) {
          if (sent) return controller.error(new TypeError('Network connection lost.'));
          sent = true;
          controller.enqueue(bytes);
        },
      });
    });
    await fetchIt();
    expect(await doc()).toMatchObject({ status: 'pending', reject_reason: null });
    expect(await env.SCANS.get('scans/k/c1/d1')).toBeNull();
    expect(await toldSiti()).toEqual([]);
    expect(logLines.join('\n')).toContain('media.fetch_failed');
  });
});

describe('the bot token in the download URL', () => {
  it('is in no log line and no stored row, however the download fails, up to the last try', async () => {
    bot.addFile(FILE_ID, PDF, { path: 'documents/file_9.pdf' });
    const failures = [503, 'network', 403] as const;
    let i = 0;
    bot.downloadAnswer = () => failures[i++ % failures.length]!;
    // Each try after the wait media-retry.ts asks for, the last one marking the scan failed.
    for (let attempt = 1; attempt <= MEDIA_FETCH_MAX_ATTEMPTS; attempt++) {
      await env.DB.prepare("UPDATE case_documents SET last_attempt_at = NULL WHERE id = 'd1'").run();
      await fetchIt(now + attempt * 3600_000);
    }
    expect(bot.downloads.length).toBe(MEDIA_FETCH_MAX_ATTEMPTS);
    expect(await doc()).toMatchObject({ status: 'failed', reject_reason: 'provider_error' });
    expect(logLines.some((l) => l.includes('media.fetch_failed'))).toBe(true);
    const stored = await Promise.all(
      ['case_documents', 'case_events', 'outbox'].map((table) => env.DB.prepare(`SELECT * FROM ${table}`).all().then((r) => JSON.stringify(r.results))),
    );
    const secret = BOT_TOKEN.split(':')[1]!;
    for (const text of [...logLines, ...stored]) expect(text).not.toContain(secret);
    expect(await toldSiti()).toHaveLength(1);
  });
});
