/**
 * A fake Telegram Bot API on the loopback base URL that TELEGRAM_API_BASE points at: it records
 * what Loket calls and answers as https://core.telegram.org/bots/api#making-requests describes
 * (`{ ok: true, result }` or `{ ok: false, error_code, description, parameters? }`). Any other
 * host fails the test; a path without the configured token (/bot<TOKEN>/<method>) gets 401.
 *
 *   const bot = new FakeBotApi();
 *   beforeEach(() => bot.install());            // spies on globalThis.fetch, forgets old calls
 *   afterEach(() => vi.restoreAllMocks());
 *   bot.texts('5012345678')                     // what that chat was shown, in order
 *   bot.keyboards('5012345678')                 // the inline keyboard of each message that had one
 *   bot.failNext.push(TG.blocked)               // the next Bot API call answers 403
 *   bot.answer = (c) => (c.method === 'sendMessage' ? TG.tooMany(30) : null)
 *   bot.addFile('AgAD-file-id', PDF)            // served by getFile and /file/bot<TOKEN>/<path>
 *
 * Methods answered: sendMessage, sendDocument, sendPhoto (a Message with increasing message_id),
 * getFile, answerCallbackQuery, getMe; any other method answers 404 "Not Found", as Telegram does.
 */
import { env } from 'cloudflare:test';
import type { InlineKeyboardButton } from 'grammy/types';
import { vi } from 'vitest';

export const BOT_TOKEN = env.TELEGRAM_BOT_TOKEN!;

/** One Bot API call as the fake received it. Multipart fields are strings, JSON ones decoded. */
export interface BotCall {
  method: string;
  params: Record<string, unknown>;
  /** The uploaded file of sendDocument / sendPhoto. */
  file?: { field: string; filename: string; bytes: Uint8Array };
  /** Telegram accepted it: for a send, the person's chat shows it. */
  ok?: boolean;
}

/** A Bot API error answer, a connection that fails, or one that never answers. */
export type BotFailure = { code: number; description: string; retryAfter?: number } | 'network' | 'hang';

/** Error answers worded as Telegram words them. */
export const TG = {
  blocked: { code: 403, description: 'Forbidden: bot was blocked by the user' },
  tooMany: (retryAfter: number) => ({ code: 429, description: `Too Many Requests: retry after ${retryAfter}`, retryAfter }),
  badRequest: (what = 'message text is empty') => ({ code: 400, description: `Bad Request: ${what}` }),
  down: { code: 502, description: 'Bad Gateway' },
} satisfies Record<string, BotFailure | ((...a: never[]) => BotFailure)>;

type SentMessage = { text?: string; caption?: string; reply_markup?: { inline_keyboard?: InlineKeyboardButton[][] } };

export class FakeBotApi {
  calls: BotCall[] = [];
  /** Answers the next Bot API calls (any method), in order, before `answer` is asked. */
  failNext: BotFailure[] = [];
  /** Decides each Bot API call: a failure, or null to answer normally. */
  answer: ((call: BotCall) => BotFailure | null) | null = null;
  /** Decides each file download: an HTTP status, a failure, or null to serve the file. */
  downloadAnswer: ((path: string) => number | 'network' | 'hang' | null) | null = null;
  /** The file paths downloaded, in order. */
  downloads: string[] = [];
  private files = new Map<string, { path: string; bytes: Uint8Array; size: number }>();
  private n = 0;

  /** A file the bot may getFile and download; `size` overrides what getFile announces. */
  addFile(fileId: string, bytes: Uint8Array, opts: { size?: number; path?: string } = {}): void {
    this.files.set(fileId, { path: opts.path ?? `documents/file_${this.files.size + 1}.bin`, bytes, size: opts.size ?? bytes.length });
  }

  /** Forgets calls, files and hooks, and spies on fetch. */
  install(): void {
    this.calls = [];
    this.failNext = [];
    this.answer = null;
    this.downloadAnswer = null;
    this.downloads = [];
    this.files.clear();
    this.n = 0;
    const root = new URL(env.TELEGRAM_API_BASE);
    const base = root.pathname.replace(/\/+$/, '');
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
      const req = new Request(input, init);
      const url = new URL(req.url);
      if (url.host !== root.host) throw new Error(`unexpected request to ${url.host}: only the fake Bot API may be called`);
      const path = url.pathname.slice(base.length);
      const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(path);
      if (file) return file[1] === BOT_TOKEN ? this.download(file[2]!, init?.signal) : new Response('Unauthorized', { status: 401 });
      const call = /^\/bot([^/]+)\/(\w+)$/.exec(path);
      if (!call) return new Response('Not Found', { status: 404 });
      if (call[1] !== BOT_TOKEN) return Response.json({ ok: false, error_code: 401, description: 'Unauthorized' }, { status: 401 });
      return this.method(call[2]!, req, init?.signal);
    });
  }

  /** The sends Telegram accepted for a chat: what the person's chat shows. */
  sentTo(chatId: string | number): BotCall[] {
    return this.calls.filter((c) => c.ok && c.method.startsWith('send') && String(c.params.chat_id) === String(chatId));
  }

  /** The text (or a file's caption, '' without one) of each message a chat was shown. */
  texts(chatId: string | number): string[] {
    return this.sentTo(chatId).map((c) => String((c.params as SentMessage).text ?? (c.params as SentMessage).caption ?? ''));
  }

  /** The inline keyboard of each message a chat was shown with one. */
  keyboards(chatId: string | number): InlineKeyboardButton[][][] {
    return this.sentTo(chatId).flatMap((c) => {
      const k = (c.params as SentMessage).reply_markup?.inline_keyboard;
      return k ? [k] : [];
    });
  }

  private async method(method: string, req: Request, signal?: AbortSignal | null): Promise<Response> {
    const call: BotCall = { method, ...(await readParams(req)) };
    this.calls.push(call);
    const failure = this.failNext.shift() ?? this.answer?.(call) ?? null;
    if (failure === 'hang') return hang(signal);
    if (failure === 'network') throw new TypeError('Network connection lost.');
    if (failure) {
      const parameters = failure.retryAfter !== undefined ? { parameters: { retry_after: failure.retryAfter } } : {};
      return Response.json({ ok: false, error_code: failure.code, description: failure.description, ...parameters }, { status: failure.code });
    }
    const ok = (result: unknown) => {
      call.ok = true;
      return Response.json({ ok: true, result });
    };
    const p = call.params;
    switch (method) {
      case 'sendMessage':
      case 'sendDocument':
      case 'sendPhoto': {
        const chat = { id: Number(p.chat_id), type: 'private', first_name: 'Warga' };
        const content =
          method === 'sendMessage'
            ? { text: p.text }
            : method === 'sendDocument'
              ? { document: { file_id: `BQAC-out-${this.n + 1}`, file_unique_id: `u${this.n + 1}`, file_name: call.file?.filename }, caption: p.caption }
              : { photo: [{ file_id: `AgAC-out-${this.n + 1}`, file_unique_id: `u${this.n + 1}`, width: 800, height: 600 }], caption: p.caption };
        return ok({ message_id: ++this.n, date: Math.floor(Date.now() / 1000), chat, from: { id: 1, is_bot: true, first_name: 'Loket' }, ...content });
      }
      case 'getFile': {
        const f = this.files.get(String(p.file_id));
        if (!f) return Response.json({ ok: false, error_code: 400, description: 'Bad Request: invalid file_id' }, { status: 400 });
        return ok({ file_id: p.file_id, file_unique_id: `u-${p.file_id}`, file_size: f.size, file_path: f.path });
      }
      case 'answerCallbackQuery':
        return ok(true);
      case 'getMe':
        return ok({ id: Number(BOT_TOKEN.split(':')[0]), is_bot: true, first_name: 'Loket', username: 'loket_test_bot' });
      default:
        call.ok = false;
        return Response.json({ ok: false, error_code: 404, description: 'Not Found' }, { status: 404 });
    }
  }

  private async download(path: string, signal?: AbortSignal | null): Promise<Response> {
    this.downloads.push(path);
    const decided = this.downloadAnswer?.(path) ?? null;
    if (decided === 'hang') return hang(signal);
    if (decided === 'network') throw new TypeError('Network connection lost.');
    if (typeof decided === 'number') return new Response('error', { status: decided });
    const f = [...this.files.values()].find((x) => x.path === path);
    if (!f) return new Response('Not Found', { status: 404 });
    return new Response(f.bytes, { headers: { 'content-length': String(f.bytes.length) } });
  }
}

function hang(signal?: AbortSignal | null): Promise<Response> {
  return new Promise<Response>((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
}

/** JSON bodies as sent; multipart ones (uploads) as strings, JSON-looking fields decoded. */
async function readParams(req: Request): Promise<Pick<BotCall, 'params' | 'file'>> {
  if (!(req.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
    const text = await req.text();
    return { params: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }
  const params: Record<string, unknown> = {};
  let file: BotCall['file'];
  const parts = await multipart(req);
  for (const part of parts.filter((x) => x.filename === undefined)) {
    const value = new TextDecoder().decode(part.bytes);
    const attached = /^attach:\/\/(.+)$/.exec(value);
    const upload = attached ? parts.find((x) => x.name === attached[1]) : undefined;
    if (upload) file = { field: part.name, filename: upload.filename!, bytes: upload.bytes };
    params[part.name] = /^[{[]/.test(value) ? JSON.parse(value) : value;
  }
  return { params, ...(file ? { file } : {}) };
}

/**
 * grammY writes its own multipart body (`content-disposition:form-data;name="x";filename=y`, the
 * filename unquoted), which is split here by hand rather than trusting a parser to accept it.
 */
async function multipart(req: Request): Promise<{ name: string; filename?: string; bytes: Uint8Array }[]> {
  const boundary = /boundary=(.+)$/.exec(req.headers.get('content-type')!)![1]!;
  const body = new Uint8Array(await req.arrayBuffer());
  const latin = Array.from(body, (b) => String.fromCharCode(b)).join('');
  return latin
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((raw) => {
      const chunk = raw.replace(/^\r\n/, '').replace(/\r\n$/, '');
      const split = chunk.indexOf('\r\n\r\n');
      const head = chunk.slice(0, split);
      const name = /name="([^"]+)"/i.exec(head)![1]!;
      const filename = /filename="?([^";\r\n]+)"?/i.exec(head)?.[1];
      const bytes = Uint8Array.from(chunk.slice(split + 4), (c) => c.charCodeAt(0));
      return { name, ...(filename !== undefined ? { filename: decodeUtf8(filename) } : {}), bytes };
    });
}

const decodeUtf8 = (latin: string) => new TextDecoder().decode(Uint8Array.from(latin, (c) => c.charCodeAt(0)));
