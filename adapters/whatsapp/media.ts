/**
 * Inbound WhatsApp media for the queue consumer: GET /{media-id} for a URL valid five minutes,
 * then the file itself with the bearer token, streamed with its length (read first, up to the
 * kelurahan's limit, when neither Meta nor the download gives one).
 * https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media#download-media
 */
import { maxUploadBytes, MediaGoneError, type MediaSource } from '../ports';
import { readCapped } from '../read-capped';
import { GraphClient, GraphError } from './client';


export const whatsappMedia: MediaSource = {
  async open(ref, env, signal) {
    const client = new GraphClient(env.WHATSAPP_API_BASE, env.WHATSAPP_ACCESS_TOKEN ?? '');
    try {
      const info = await client.mediaInfo(ref, signal);
      const res = await client.download(info.url, signal);
      const length = Number(res.headers.get('content-length')) || info.fileSize || 0;
      if (!res.body) throw new Error('media download had no body');
      if (length > 0) return { body: res.body, length, sha256: info.sha256 };
      // Nobody said how big it is: read it first, never past the kelurahan's limit.
      const read = await readCapped(res.body, maxUploadBytes(env), { signal, broken: () => new Error('media download broke off') });
      return { ...read, sha256: info.sha256 };
    } catch (err) {
      if (isGone(err)) throw new MediaGoneError((err as GraphError).httpStatus);
      throw err;
    }
  },
};

/**
 * Meta keeps inbound media for a limited time: an expired or unknown media id answers 404 (or
 * 400 with code 100, subcode 33: "object does not exist"), an expired download URL 404 or 410.
 * Anything else (5xx, rate limits, a network error) may pass and is tried again.
 */
function isGone(err: unknown): boolean {
  if (!(err instanceof GraphError)) return false;
  return err.httpStatus === 404 || err.httpStatus === 410 || (err.httpStatus === 400 && err.code === 100 && err.subcode === 33);
}
