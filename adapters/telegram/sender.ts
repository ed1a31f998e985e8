/**
 * Delivers outbox rows on Telegram: the calls of render() in order, each part reported before the
 * next goes out, so a retry sends only what is missing (as WhatsApp's sender does). Telegram has
 * no 24-hour window, so nothing is ever deferred. Documents and photos come from the private
 * SCANS bucket and are uploaded with the call. Every Bot API failure leaves here as what the
 * delivery job understands (errors.ts): UndeliverableError, or an error to retry, with Telegram's
 * own wait when it gave one.
 */
import { InputFile, type Api } from 'grammy/web';
import type { ChannelSender, OutboxDelivery, PartSent } from '../ports';
import { telegramApi } from './client';
import { classifyTelegramError, toDeliveryError } from './errors';
import { render, type TgCall } from './render';

export interface TelegramSenderDeps {
  log: (level: 'warn' | 'error', msg: string, fields: Record<string, unknown>) => void;
  /** Per Bot API call; TELEGRAM_CALL_TIMEOUT_MS unless a test shortens it. */
  callTimeoutMs?: number;
}

export function telegramSender(deps: TelegramSenderDeps): ChannelSender {
  return {
    async send(d: OutboxDelivery, env: Env, partSent: PartSent) {
      const api = telegramApi(env, deps.callTimeoutMs);
      // A choice id too long for callback_data throws CallbackDataError here, before anything is
      // sent: a bug in whoever built the choice, which the delivery job records on the row.
      const calls = render(d.externalId, d.message);
      let last: string | null = null;
      for (let i = d.partsSent; i < calls.length; i++) {
        last = String(await call(api, env, calls[i]!, deps));
        // The last part needs no report of its own: the delivery job marks the row sent with it.
        if (i + 1 < calls.length) await partSent(i + 1, last);
      }
      return { providerMessageId: last, partsSent: calls.length };
    },
  };
}

/** One call; returns the message_id Telegram gave the message. */
async function call(api: Api, env: Env, c: TgCall, deps: TelegramSenderDeps): Promise<number> {
  // Read before the call, outside the try: a file missing from storage is Loket's fault, never
  // Telegram's, and must not be mistaken for a network failure.
  const file = c.method === 'sendMessage' ? null : await upload(env, c);
  try {
    switch (c.method) {
      case 'sendMessage': {
        const { chat_id, text, ...other } = c.params;
        return (await api.sendMessage(chat_id, text, other)).message_id;
      }
      case 'sendDocument':
        return (await api.sendDocument(c.params.chat_id, file!, caption(c.params))).message_id;
      case 'sendPhoto':
        return (await api.sendPhoto(c.params.chat_id, file!, caption(c.params))).message_id;
    }
  } catch (err) {
    const failure = classifyTelegramError(err);
    if (failure.kind === 'retry' && failure.reason === 'token') {
      deps.log('error', 'telegram.bot_token_rejected', { hint: 'renew TELEGRAM_BOT_TOKEN with wrangler secret put', method: c.method });
    } else if (failure.kind === 'retry' && failure.reason === 'rate_limited') {
      deps.log('warn', 'telegram.rate_limited', { method: c.method, retry_after: failure.retryAfterSeconds ?? null });
    }
    // Never rethrown as it is: grammY's error carries the payload (the text sent).
    throw toDeliveryError(err);
  }
}

const caption = (p: { caption?: string }) => (p.caption ? { caption: p.caption } : {});

async function upload(env: Env, c: Extract<TgCall, { method: 'sendDocument' | 'sendPhoto' }>): Promise<InputFile> {
  const object = await env.SCANS.get(c.file.r2Key);
  if (!object) throw new Error(`${c.method}: file missing from storage`);
  // Telegram reads a photo by its bytes; the name only has to look like an image's.
  const name = c.method === 'sendDocument' ? c.file.filename : c.file.mimeType === 'image/png' ? 'gambar.png' : 'gambar.jpg';
  return new InputFile(object.body as unknown as AsyncIterable<Uint8Array>, safeFilename(name));
}

/**
 * grammY writes the filename into the multipart header unquoted, so a space, quote or semicolon
 * would break the part. Loket's own names (surat-pengantar-KTP-2611-0001.pdf) never hold one.
 */
function safeFilename(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120);
  return safe || 'dokumen.pdf';
}
