/**
 * What a simulated phone shows for one outbox message when it plays WhatsApp or Telegram. The
 * shapes come from the real adapters' renderers (adapters/whatsapp/render.ts,
 * adapters/telegram/render.ts), read back into a small view model, so the simulator shows what
 * each channel would send (three reply buttons, a list, numbered lines, an inline keyboard, a
 * split text) and never a copy of their rules that could drift.
 *
 * Done on the server, not in the page: the page is one HTML string with nothing to build, and
 * bundling the renderers into it would need a build step.
 */
import type { OutboundMessage } from '../channel';
import { CallbackDataError, render as renderTelegram } from '../telegram/render';
import { renderMedia as renderWhatsAppMedia, renderText as renderWhatsAppText, type WaMessage } from '../whatsapp/render';

export const LOOKS = ['whatsapp', 'telegram'] as const;
export type Look = (typeof LOOKS)[number];

export const isLook = (value: unknown): value is Look => LOOKS.includes(value as Look);

export interface ViewButton {
  id: string;
  label: string;
}

/** One bubble on the phone; a message split by the channel is several. */
export type Bubble =
  | { type: 'text'; text: string }
  /** WhatsApp reply buttons under the text. */
  | { type: 'buttons'; text: string; buttons: ViewButton[] }
  /** WhatsApp list: the rows open behind one button ("Pilih"). */
  | { type: 'list'; text: string; button: string; rows: ViewButton[] }
  /** Telegram inline keyboard, row by row. */
  | { type: 'keyboard'; text: string; rows: ViewButton[][] }
  | { type: 'file'; kind: 'document' | 'image'; filename?: string; caption?: string }
  /** The channel's renderer refused the message (a bug to see, not to hide). */
  | { type: 'refused'; reason: string };

/** The simulator has no chat id or uploaded media id; the renderers only need something. */
const TO = 'simulator';

function fromWhatsApp(m: WaMessage): Bubble {
  if (m.type === 'text') return { type: 'text', text: (m.text as { body: string }).body };
  if (m.type === 'document' || m.type === 'image') {
    const media = m[m.type] as { filename?: string; caption?: string };
    return { type: 'file', kind: m.type, ...(media.filename ? { filename: media.filename } : {}), ...(media.caption ? { caption: media.caption } : {}) };
  }
  const i = m.interactive as {
    type: 'button' | 'list';
    body: { text: string };
    action: { buttons?: { reply: { id: string; title: string } }[]; button?: string; sections?: { rows: { id: string; title: string }[] }[] };
  };
  if (i.type === 'button') return { type: 'buttons', text: i.body.text, buttons: (i.action.buttons ?? []).map((b) => ({ id: b.reply.id, label: b.reply.title })) };
  const rows = (i.action.sections ?? []).flatMap((s) => s.rows.map((r) => ({ id: r.id, label: r.title })));
  return { type: 'list', text: i.body.text, button: i.action.button ?? '', rows };
}

function whatsApp(message: OutboundMessage): Bubble[] {
  if (message.kind === 'text') return renderWhatsAppText(TO, message.text, message.choices ?? [], message.hint).map(fromWhatsApp);
  return [fromWhatsApp(renderWhatsAppMedia(TO, message, 'simulator-media'))];
}

function telegram(message: OutboundMessage): Bubble[] {
  try {
    return renderTelegram(TO, message).map((call): Bubble => {
      if (call.method === 'sendMessage') {
        // A share-my-number keyboard is never asked of a simulator phone (its id is a number).
        const markup = call.params.reply_markup;
        const keyboard = markup && 'inline_keyboard' in markup ? markup.inline_keyboard : undefined;
        if (!keyboard) return { type: 'text', text: call.params.text };
        return { type: 'keyboard', text: call.params.text, rows: keyboard.map((row) => row.map((b) => ({ id: b.callback_data, label: b.text }))) };
      }
      const caption = call.params.caption;
      return call.method === 'sendDocument'
        ? { type: 'file', kind: 'document', filename: call.file.filename, ...(caption ? { caption } : {}) }
        : { type: 'file', kind: 'image', ...(caption ? { caption } : {}) };
    });
  } catch (err) {
    if (err instanceof CallbackDataError) return [{ type: 'refused', reason: err.message }];
    throw err;
  }
}

/** The bubbles `message` becomes on a phone shown as `look`. */
export function bubblesFor(look: Look, message: OutboundMessage): Bubble[] {
  return look === 'telegram' ? telegram(message) : whatsApp(message);
}
