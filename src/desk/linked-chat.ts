/**
 * The number a linked chat is shown by, masked. A WhatsApp (or simulator) id is the phone number
 * itself; a Telegram chat id is no phone number, so only the person's recorded number names it,
 * and without one the desk shows a bare mask rather than the chat id.
 */
import type { Channel } from '../db/schema';
import { maskPhone } from '../domain/phone';

export interface ChatNumberSource {
  channel: Channel;
  /** Null only where a left join found no chat; shown as a bare mask. */
  externalId: string | null;
  phone: string | null;
}

export function linkedChatNumber(chat: ChatNumberSource): string {
  return maskPhone(chat.channel === 'telegram' ? chat.phone : chat.externalId);
}
