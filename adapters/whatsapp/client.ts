/**
 * A small Graph API client for the Cloud API: send a message, upload media, look a media id up
 * and download it. The base URL is a setting (WHATSAPP_API_BASE) so tests and local runs talk to
 * a fake on loopback. The access token goes in the Authorization header only, never in a message
 * or a log line.
 */
import { ProviderTimeoutError } from '../ports';
import { withTimeout } from '../timeout';

/**
 * How long one Graph API call (a send, an upload, a media lookup) may take. Meta answers in well
 * under a second; 15 s allows for a slow network yet stays far below the outbox claim's expiry
 * (CLAIM_TTL_MS, 5 minutes), so a hung call gives its row back before another consumer may take
 * the row over and send it a second time. A timeout is transient: the row is retried later.
 */
export const GRAPH_CALL_TIMEOUT_MS = 15_000;

export class GraphError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: number | null,
    readonly subcode: number | null,
    detail: string,
  ) {
    super(`Graph API ${httpStatus}${code !== null ? ` code ${code}` : ''}: ${detail}`);
    this.name = 'GraphError';
  }
}

export interface MediaInfo {
  url: string;
  mimeType: string;
  sha256: string | null;
  fileSize: number | null;
}

export class GraphClient {
  constructor(
    private readonly base: string,
    private readonly token: string,
    private readonly fetcher: typeof fetch = (...args) => fetch(...args),
    /** Tests shorten it to exercise a hung provider in milliseconds. */
    private readonly callTimeoutMs = GRAPH_CALL_TIMEOUT_MS,
  ) {}

  private async call(path: string, init: RequestInit = {}): Promise<Record<string, unknown>> {
    const { res, body } = await withTimeout(this.callTimeoutMs, async (signal) => {
      const res = await this.fetcher(`${this.base.replace(/\/+$/, '')}/${path}`, {
        ...init,
        signal,
        headers: { authorization: `Bearer ${this.token}`, ...(init.headers ?? {}) },
      });
      return { res, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
    }, () => new ProviderTimeoutError(this.callTimeoutMs));
    if (!res.ok) {
      const err = (body.error ?? {}) as Record<string, unknown>;
      throw new GraphError(
        res.status,
        typeof err.code === 'number' ? err.code : null,
        typeof err.error_subcode === 'number' ? err.error_subcode : null,
        typeof err.message === 'string' ? err.message.slice(0, 300) : res.statusText,
      );
    }
    return body;
  }

  /** POST /{phone-number-id}/messages; returns the wamid. */
  async sendMessage(phoneNumberId: string, message: Record<string, unknown>): Promise<string> {
    const body = await this.call(`${phoneNumberId}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', ...message }),
    });
    const id = (body.messages as { id?: string }[] | undefined)?.[0]?.id;
    if (!id) throw new GraphError(200, null, null, 'no message id in the answer');
    return id;
  }

  /** POST /{phone-number-id}/media (multipart); returns the media id. */
  async uploadMedia(phoneNumberId: string, file: Blob, mimeType: string, filename: string): Promise<string> {
    const form = new FormData();
    form.append('messaging_product', 'whatsapp');
    form.append('type', mimeType);
    form.append('file', new File([file], filename, { type: mimeType }));
    const body = await this.call(`${phoneNumberId}/media`, { method: 'POST', body: form });
    if (typeof body.id !== 'string') throw new GraphError(200, null, null, 'no media id in the answer');
    return body.id;
  }

  /** GET /{media-id}: where to download it (for 5 minutes), its type, size and hash. */
  async mediaInfo(mediaId: string, signal?: AbortSignal): Promise<MediaInfo> {
    const body = await this.call(encodeURIComponent(mediaId), signal ? { signal } : {});
    if (typeof body.url !== 'string') throw new GraphError(200, null, null, 'no url for the media');
    return {
      url: body.url,
      mimeType: typeof body.mime_type === 'string' ? body.mime_type : 'application/octet-stream',
      sha256: typeof body.sha256 === 'string' ? body.sha256 : null,
      fileSize: typeof body.file_size === 'number' ? body.file_size : Number(body.file_size) || null,
    };
  }

  /** The media bytes, streamed; the URL needs the same bearer token. */
  async download(url: string, signal?: AbortSignal): Promise<Response> {
    const res = await this.fetcher(url, { headers: { authorization: `Bearer ${this.token}` }, ...(signal ? { signal } : {}) });
    if (!res.ok) throw new GraphError(res.status, null, null, 'media download failed');
    return res;
  }
}
