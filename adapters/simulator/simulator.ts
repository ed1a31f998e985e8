/**
 * The simulator channel: a local stand-in for a chat provider. Its "provider" keeps uploaded
 * files in the SCANS bucket under simulator-media/ (as WhatsApp keeps media on Meta's servers
 * until fetched) and its "delivery" is the outbox row itself, which the simulator page reads.
 */
import type { ChannelCapabilities } from '../channel';
import { MediaGoneError, type ChannelSender, type MediaSource } from '../ports';

export const SIMULATOR_MEDIA_PREFIX = 'simulator-media/';

/** Not what the page shows: each phone draws its chat with WhatsApp's or Telegram's renderer (looks.ts). */
export const SIMULATOR_CAPABILITIES: ChannelCapabilities = {
  maxButtons: 12,
  maxButtonLabel: 60,
  maxListRows: 12,
  maxListLabel: 60,
  maxTextLength: 4096,
};

export const simulatorSender: ChannelSender = {
  async send() {
    return { providerMessageId: null };
  },
};

export const simulatorMedia: MediaSource = {
  async open(ref, env) {
    if (!ref.startsWith(SIMULATOR_MEDIA_PREFIX)) throw new Error('not a simulator media reference');
    const object = await env.SCANS.get(ref);
    if (!object) throw new MediaGoneError(404);
    return { body: object.body, length: object.size };
  },
  async release(ref, env) {
    await env.SCANS.delete(ref);
  },
};
