/**
 * The channel port: what every adapter (WhatsApp, Telegram, simulator) turns its provider's
 * webhooks into, and what it must be able to send. The dialogue sees only these types, never a
 * provider's JSON, so it is written once and runs on every channel.
 */
export const CHANNELS = ['whatsapp', 'telegram', 'simulator'] as const;
export type ChannelName = (typeof CHANNELS)[number];

export interface Sender {
  channel: ChannelName;
  /** wa_id (or business-scoped user id), Telegram chat id, or the simulator's phone-like id. */
  externalId: string;
  displayName?: string;
  /** E.164 digits without "+", when the channel tells it (WhatsApp, simulator). */
  phone?: string;
}

export interface InboundMedia {
  /** How the queue consumer fetches it from the provider: a media id, file id or staging key. */
  ref: string;
  /** As declared by the provider; the consumer checks the first bytes before trusting it. */
  mimeType: string;
  sha256?: string;
  filename?: string;
  caption?: string;
  sizeBytes?: number;
}

export const UNSUPPORTED_KINDS = ['voice', 'audio', 'sticker', 'location', 'reaction', 'contact', 'video', 'other'] as const;
export type UnsupportedKind = (typeof UNSUPPORTED_KINDS)[number];
export const isUnsupportedKind = (v: unknown): v is UnsupportedKind => (UNSUPPORTED_KINDS as readonly unknown[]).includes(v);

export type InboundBody =
  | { kind: 'text'; text: string }
  /** A button, list row or callback pressed. The id names server-side state and is never trusted. */
  | { kind: 'choice'; choiceId: string; label?: string }
  | { kind: 'media'; media: InboundMedia }
  /**
   * The person's own number, proven by the channel (Telegram's "share my number" button gives a
   * contact whose user id is the sender's). A number typed as text is never this.
   */
  | { kind: 'phone'; phone: string }
  | { kind: 'unsupported'; what: UnsupportedKind };

export type InboundEvent = InboundBody & {
  /** The provider's message id: a repeat of it has no second effect. */
  messageId: string;
  sender: Sender;
  /** When the provider says it was sent (ms since epoch). */
  at: number;
  /**
   * The message itself, where the provider lets people edit it (Telegram `chatId:message_id`):
   * the same for the message and its edits, unlike messageId, which names one delivery.
   */
  ref?: string;
  /** Set instead of ref on an edit: the ref of the message it changes. */
  editOf?: string;
};

export interface Choice {
  /** Opaque to the resident; at most 64 bytes so it fits every provider's callback data. */
  id: string;
  label: string;
  /** Other words that pick it when typed, e.g. "kk" for "Kartu Keluarga". */
  aliases?: string[];
}

/**
 * Only the renderer knows whether choices end up as buttons, a list or numbered lines, so the
 * bot gives both ways of saying how to answer: "Balas angkanya" under numbers nobody can see
 * would puzzle the reader.
 */
export interface ChoiceHint {
  /** Under buttons or a list: tap one. */
  tap: string;
  /** Under numbered lines: reply with the number. */
  type: string;
}

export type OutboundMessage =
  | {
      kind: 'text';
      text: string;
      choices?: Choice[];
      /** How to answer the choices, said under them in the form the channel shows them. */
      hint?: ChoiceHint;
      /**
       * Asks for the person's own number with a button that shares it (Telegram's reply keyboard
       * with request_contact). Channels that always know the number (WhatsApp, the simulator)
       * ignore it and are never asked to show it.
       */
      askPhone?: { label: string };
      /** Takes away the share-my-number button once the number came. */
      removeKeyboard?: true;
    }
  | { kind: 'document'; r2Key: string; filename: string; mimeType: string; caption?: string }
  | { kind: 'image'; r2Key: string; mimeType: string; caption?: string };

/** What a channel can show; choices beyond it fall back to a numbered list in the text. */
export interface ChannelCapabilities {
  maxButtons: number;
  maxButtonLabel: number;
  maxListRows: number;
  maxListLabel: number;
  maxTextLength: number;
}
