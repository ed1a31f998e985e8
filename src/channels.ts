/**
 * The channels this Worker speaks, wired to their senders and media sources. Kelurahan lookups
 * for WhatsApp (phone number id <-> kelurahan) are cached per isolate for a few minutes, so the
 * webhook path normally spends no D1 round trip on them.
 */
import { loketTemplate } from './whatsapp-templates';
import type { ChannelName } from '../adapters/channel';
import type { ChannelSender, MediaSource } from '../adapters/ports';
import { simulatorMedia, simulatorSender } from '../adapters/simulator/simulator';
import { telegramMedia } from '../adapters/telegram/media';
import { telegramSender } from '../adapters/telegram/sender';
import { whatsappMedia } from '../adapters/whatsapp/media';
import { whatsappSender } from '../adapters/whatsapp/sender';
import { dbOf } from './db/client';
import { firstKelurahan, kelurahanByWhatsappNumber, whatsappNumberOfKelurahan } from './db/kelurahan';
import { log } from './framework/log';
import { systemClock } from './platform';

const CACHE_MS = 5 * 60_000;
const byPhoneNumber = new Map<string, { id: string | null; at: number }>();
const byKelurahan = new Map<string, { phoneNumberId: string; name: string; at: number }>();

/** The kelurahan a WhatsApp business number belongs to; locally, the demo one answers on
 * WHATSAPP_PHONE_NUMBER_ID even when the seed has not named it. */
export async function kelurahanForPhoneNumber(env: Env, phoneNumberId: string): Promise<string | null> {
  const hit = byPhoneNumber.get(phoneNumberId);
  if (hit && systemClock.now() - hit.at < CACHE_MS) return hit.id;
  const db = dbOf(env.DB);
  let id = (await kelurahanByWhatsappNumber(db, phoneNumberId).get())?.id ?? null;
  if (!id && env.LOCAL_TOOLS === 'true' && phoneNumberId === env.WHATSAPP_PHONE_NUMBER_ID) {
    id = (await firstKelurahan(db).get())?.id ?? null;
  }
  byPhoneNumber.set(phoneNumberId, { id, at: systemClock.now() });
  return id;
}

async function whatsappNumberOf(kelurahanId: string, env: Env) {
  const hit = byKelurahan.get(kelurahanId);
  if (hit && systemClock.now() - hit.at < CACHE_MS) return hit;
  const row = await whatsappNumberOfKelurahan(dbOf(env.DB), kelurahanId).get();
  const phoneNumberId = row?.whatsappPhoneNumberId || env.WHATSAPP_PHONE_NUMBER_ID;
  if (!phoneNumberId) throw new Error(`kelurahan ${kelurahanId} has no WhatsApp number`);
  const value = { phoneNumberId, name: row?.name ?? '', at: systemClock.now() };
  byKelurahan.set(kelurahanId, value);
  return value;
}

/** Forgets cached lookups (tests that change a kelurahan's number). */
export function clearChannelCaches(): void {
  byPhoneNumber.clear();
  byKelurahan.clear();
}

export const senders: Partial<Record<ChannelName, ChannelSender>> = {
  simulator: simulatorSender,
  whatsapp: whatsappSender({
    now: () => systemClock.now(),
    account: whatsappNumberOf,
    template: loketTemplate,
    log: (level, msg, fields) => log[level](msg, fields),
  }),
  telegram: telegramSender({ log: (level, msg, fields) => log[level](msg, fields) }),
};

export const mediaSources: Partial<Record<ChannelName, MediaSource>> = {
  simulator: simulatorMedia,
  whatsapp: whatsappMedia,
  telegram: telegramMedia,
};
