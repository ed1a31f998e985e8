/**
 * Inbound Telegram files for the queue consumer: getFile for the file's path and size, then
 * the file itself from /file/bot<token>/<file_path>, streamed with its length (read first, up to
 * the cap, when neither Telegram nor the download gives one).
 * https://core.telegram.org/bots/api#getfile
 * That URL holds the bot token: it is built here, fetched, and dropped. No error thrown from
 * here carries it (or any message of the fetch that could quote it), so neither the log nor the
 * document's stored reason can.
 */
import { GrammyError } from 'grammy/web';
import { maxUploadBytes, MediaGoneError, MediaTooLargeError, type MediaSource } from '../ports';
import { readCapped } from '../read-capped';
import { apiRoot, telegramApi } from './client';
import { toDeliveryError } from './errors';
import { MAX_DOWNLOAD_BYTES } from './limits';

/** The download failed without saying the file is gone: tried again later. */
export class TelegramDownloadError extends Error {
  constructor(readonly httpStatus: number | null) {
    super(`Telegram file download failed${httpStatus !== null ? ` (${httpStatus})` : ''}`);
    this.name = 'TelegramDownloadError';
  }
}

export const telegramMedia: MediaSource = {
  async open(ref, env, signal) {
    let file;
    try {
      // (grammY types its signal with a polyfill's AbortSignal; the Worker's own is what it uses.)
      file = await telegramApi(env).getFile(ref, signal as never);
    } catch (err) {
      throw getFileError(err);
    }
    // Telegram gives no path for what a bot may not download; the size says why before a byte moves.
    if (typeof file.file_size === 'number' && file.file_size > MAX_DOWNLOAD_BYTES) throw new MediaTooLargeError(file.file_size);
    if (!file.file_path) throw new MediaGoneError(200);
    let res: Response;
    try {
      res = await globalThis.fetch(`${apiRoot(env)}/file/bot${env.TELEGRAM_BOT_TOKEN ?? ''}/${file.file_path}`, signal ? { signal } : {});
    } catch (err) {
      // The consumer's timeout aborted it: its own reason says so. Anything else may quote the URL.
      if (signal?.aborted) throw signal.reason;
      throw new TelegramDownloadError(null);
    }
    if (!res.ok || !res.body) {
      await res.body?.cancel();
      if (res.status === 404 || res.status === 410) throw new MediaGoneError(res.status);
      throw new TelegramDownloadError(res.status);
    }
    const length = Number(res.headers.get('content-length')) || file.file_size || 0;
    if (length > MAX_DOWNLOAD_BYTES) {
      await res.body.cancel();
      throw new MediaTooLargeError(length);
    }
    if (length > 0) return { body: res.body, length };
    // Neither getFile nor the response said how big it is: R2 needs the length before the first
    // byte, so the file is read here and measured, never past Telegram's limit nor the
    // kelurahan's (a file storeScan would refuse is not worth holding).
    // A broken connection mid-file is tried again later, with nothing that could quote the URL.
    return readCapped(res.body, Math.min(MAX_DOWNLOAD_BYTES, maxUploadBytes(env)), { signal, broken: () => new TelegramDownloadError(null) });
  },
};

/**
 * getFile answers 400 for an unknown or expired file_id ("invalid file_id", "wrong file_id or the
 * file is temporarily unavailable"): asking again will not bring it back. "file is too big" is
 * Telegram refusing a download above 20 MB. Anything else is a delivery-style failure, retried.
 */
function getFileError(err: unknown): Error {
  if (err instanceof GrammyError && err.error_code === 400) {
    return /too big/i.test(err.description) ? new MediaTooLargeError(null) : new MediaGoneError(400);
  }
  return toDeliveryError(err);
}
