/**
 * Telegram Bot API limits Loket relies on, each beside the section of https://core.telegram.org/bots/api
 * that states it.
 */
import type { ChannelCapabilities } from '../channel';

/** sendMessage `text`: "1-4096 characters after entities parsing" (#sendmessage). Measured here
 *  with JavaScript's `length` (UTF-16 code units), never fewer than the characters, so a part that
 *  fits here fits there. */
export const MAX_TEXT = 4096;
/** sendDocument / sendPhoto `caption`: "0-1024 characters after entities parsing"
 *  (#senddocument, #sendphoto). */
export const MAX_CAPTION = 1024;
/** InlineKeyboardButton `callback_data`: "1-64 bytes" (#inlinekeyboardbutton). Bytes of UTF-8,
 *  not characters: an id with non-ASCII letters reaches the limit sooner. */
export const MAX_CALLBACK_DATA_BYTES = 64;
/** getFile: "bots can download files of up to 20MB in size" (#getfile). */
export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;
/** Sending files: "50 MB max size for other files" uploaded with multipart/form-data, 10 MB for
 *  photos (#sending-files; #senddocument: "files of any type of up to 50 MB"). */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
export const MAX_PHOTO_UPLOAD_BYTES = 10 * 1024 * 1024;

/**
 * The Bot API sets no small cap on inline keyboard buttons (WhatsApp allows 3), so choices go out
 * as buttons, one per row. Beyond a dozen, or with labels too long to read on a phone's row, the
 * numbered lines of the text read better than a wall of buttons; those numbers are also what the
 * dialogue's matcher understands when typed. Telegram has no list picker: no list mode.
 */
export const TELEGRAM_CAPABILITIES: ChannelCapabilities = {
  maxButtons: 12,
  maxButtonLabel: 40,
  maxListRows: 0,
  maxListLabel: 0,
  maxTextLength: MAX_TEXT,
};
