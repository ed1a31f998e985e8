/**
 * Which kelurahan the Telegram bot of this Worker serves: the one whose telegram_bot_id is the
 * id in TELEGRAM_BOT_TOKEN. Cached per isolate for a few minutes, as src/channels.ts does for
 * WhatsApp numbers, so the webhook path normally spends no D1 round trip on it.
 */
import { botIdOf } from '../adapters/telegram/bot-id';
import { dbOf } from './db/client';
import { firstKelurahan, kelurahanByTelegramBot } from './db/kelurahan';
import { systemClock } from './platform';

const CACHE_MS = 5 * 60_000;
const byBot = new Map<string, { id: string | null; at: number }>();

/** Null when no kelurahan has this bot; locally the demo one answers even when the seed did not name it. */
export async function kelurahanForTelegramBot(env: Env): Promise<string | null> {
  const botId = botIdOf(env.TELEGRAM_BOT_TOKEN);
  const key = botId ?? '';
  const hit = byBot.get(key);
  if (hit && systemClock.now() - hit.at < CACHE_MS) return hit.id;
  const db = dbOf(env.DB);
  let id = botId ? ((await kelurahanByTelegramBot(db, botId).get())?.id ?? null) : null;
  if (!id && env.LOCAL_TOOLS === 'true') id = (await firstKelurahan(db).get())?.id ?? null;
  // A miss is not kept: once someone sets telegram_bot_id, the next update finds it.
  if (id) byBot.set(key, { id, at: systemClock.now() });
  return id;
}

/** Forgets cached lookups (tests that change a kelurahan's bot). */
export function clearTelegramBotCache(): void {
  byBot.clear();
}
