/**
 * Inbound WhatsApp media for the queue consumer: GET /{media-id} for a URL valid five minutes,
 * then the file itself with the bearer token, streamed with its length.
 * https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media#download-media
 */
import type { MediaSource } from '../ports';
import { GraphClient } from './client';

export const whatsappMedia: MediaSource = {
  async open(ref, env) {
    const client = new GraphClient(env.WHATSAPP_API_BASE, env.WHATSAPP_ACCESS_TOKEN ?? '');
    const info = await client.mediaInfo(ref);
    const res = await client.download(info.url);
    const length = Number(res.headers.get('content-length')) || info.fileSize || 0;
    if (!res.body) throw new Error('media download had no body');
    return { body: res.body, length, sha256: info.sha256 };
  },
};
