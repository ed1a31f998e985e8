/**
 * Turns a WhatsApp Cloud API webhook into channel-neutral events. Every entry, change, message
 * and status is read on its own: one malformed item is reported and skipped, never fatal.
 * Payload reference: https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/payload-examples
 */
import type { InboundEvent, UnsupportedKind } from '../channel';

export interface StatusUpdate {
  phoneNumberId: string;
  providerMessageId: string;
  status: 'sent' | 'delivered' | 'read' | 'failed' | 'other';
  rawStatus: string;
  at: number;
  recipient: string | null;
  errors: { code: number; title: string }[];
}

export interface ParsedWebhook {
  /** Inbound messages, grouped later by the business number they arrived on. */
  messages: { phoneNumberId: string; event: InboundEvent }[];
  statuses: StatusUpdate[];
  /** Problems worth logging: value-level errors from Meta, items Loket could not read. */
  problems: { phoneNumberId: string | null; code?: number; detail: string }[];
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
/** Meta's Unix seconds (a string); anything that is no time becomes the moment it came. */
const msOf = (seconds: unknown): number => {
  const ms = Number(seconds) * 1000;
  return Number.isFinite(ms) && ms > 0 ? ms : Date.now();
};

export function parseWebhook(body: unknown): ParsedWebhook {
  const out: ParsedWebhook = { messages: [], statuses: [], problems: [] };
  const root = obj(body);
  if (!root || root.object !== 'whatsapp_business_account') {
    out.problems.push({ phoneNumberId: null, detail: 'not a whatsapp_business_account webhook' });
    return out;
  }
  for (const entry of arr(root.entry)) {
    for (const change of arr(obj(entry)?.changes)) {
      const c = obj(change);
      const value = obj(c?.value);
      if (!c || !value || c.field !== 'messages') continue;
      const phoneNumberId = str(obj(value.metadata)?.phone_number_id);
      if (!phoneNumberId) {
        out.problems.push({ phoneNumberId: null, detail: 'change without metadata.phone_number_id' });
        continue;
      }
      for (const e of arr(value.errors)) {
        const err = obj(e);
        out.problems.push({ phoneNumberId, code: Number(err?.code), detail: String(obj(err?.error_data)?.details ?? err?.title ?? 'error') });
      }
      const contacts = arr(value.contacts).map(obj).filter((x): x is Json => x !== null);
      arr(value.messages).forEach((m, i) => {
        try {
          const event = parseMessage(obj(m)!, contacts, i);
          if (event) out.messages.push({ phoneNumberId, event });
          else out.problems.push({ phoneNumberId, detail: 'message without sender or id' });
        } catch (err) {
          out.problems.push({ phoneNumberId, detail: `unreadable message (${err instanceof Error ? err.name : typeof err})` });
        }
      });
      for (const s of arr(value.statuses)) {
        const status = parseStatus(obj(s), phoneNumberId);
        if (status) out.statuses.push(status);
        else out.problems.push({ phoneNumberId, detail: 'unreadable status' });
      }
    }
  }
  return out;
}

function parseMessage(m: Json, contacts: Json[], index: number): InboundEvent | null {
  const id = str(m.id);
  // wa_id is the phone number; where Meta omits `from` (business-scoped user ids), the user id.
  const contact = contacts.find((c) => c.wa_id === m.from) ?? contacts[index] ?? contacts[0] ?? null;
  const externalId = str(m.from) ?? str(m.from_user_id) ?? str(contact?.user_id);
  if (!id || !externalId) return null;
  const name = str(obj(contact?.profile)?.name);
  const phone = str(m.from) ?? str(contact?.wa_id);
  const base = {
    messageId: id,
    sender: { channel: 'whatsapp' as const, externalId, ...(name ? { displayName: name } : {}), ...(phone ? { phone } : {}) },
    at: msOf(m.timestamp),
  };
  const unsupported = (what: UnsupportedKind): InboundEvent => ({ ...base, kind: 'unsupported', what });

  switch (m.type) {
    case 'text': {
      const text = str(obj(m.text)?.body);
      return text ? { ...base, kind: 'text', text } : unsupported('other');
    }
    case 'interactive': {
      const i = obj(m.interactive);
      const reply = obj(i?.button_reply) ?? obj(i?.list_reply);
      const choiceId = str(reply?.id);
      // Meta sometimes sends "interactive" without its object (error 131000 on the value).
      if (!choiceId) return unsupported('other');
      const label = str(reply?.title);
      return { ...base, kind: 'choice', choiceId, ...(label ? { label } : {}) };
    }
    case 'button': {
      // A quick-reply button of a template: its payload is the choice id we set.
      const b = obj(m.button);
      const choiceId = str(b?.payload) ?? str(b?.text);
      return choiceId ? { ...base, kind: 'choice', choiceId, ...(str(b?.text) ? { label: str(b?.text)! } : {}) } : unsupported('other');
    }
    case 'image':
    case 'document': {
      const media = obj(m[m.type]);
      const ref = str(media?.id);
      if (!ref) return unsupported('other');
      const caption = str(media?.caption);
      const filename = str(media?.filename);
      const sha256 = str(media?.sha256);
      return {
        ...base,
        kind: 'media',
        media: {
          ref,
          mimeType: str(media?.mime_type) ?? 'application/octet-stream',
          ...(sha256 ? { sha256 } : {}),
          ...(caption ? { caption } : {}),
          ...(filename ? { filename } : {}),
        },
      };
    }
    case 'audio':
      return unsupported(obj(m.audio)?.voice ? 'voice' : 'audio');
    case 'voice':
      return unsupported('voice');
    case 'sticker':
      return unsupported('sticker');
    case 'location':
      return unsupported('location');
    case 'reaction':
      return unsupported('reaction');
    case 'contacts':
      return unsupported('contact');
    case 'video':
      return unsupported('video');
    default:
      // "unsupported", "unknown", and types added after this code was written.
      return unsupported('other');
  }
}

function parseStatus(s: Json | null, phoneNumberId: string): StatusUpdate | null {
  const providerMessageId = str(s?.id);
  const raw = str(s?.status);
  if (!s || !providerMessageId || !raw) return null;
  const known = ['sent', 'delivered', 'read', 'failed'] as const;
  return {
    phoneNumberId,
    providerMessageId,
    status: (known as readonly string[]).includes(raw) ? (raw as StatusUpdate['status']) : 'other',
    rawStatus: raw,
    at: msOf(s.timestamp),
    recipient: str(s.recipient_id),
    errors: arr(s.errors).map((e) => ({ code: Number(obj(e)?.code), title: String(obj(e)?.title ?? obj(e)?.message ?? '') })),
  };
}
