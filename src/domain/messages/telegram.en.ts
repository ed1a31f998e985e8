/** What only Telegram's features call for, in English. Same keys as telegram.id.ts. */
import type { telegramId } from './telegram.id';

export const telegramEn: { [K in keyof typeof telegramId]: (typeof telegramId)[K] } = {
  'edit.not_read': 'Sorry, we do not read edited messages. If something needs changing, please send it again as a new message.',
  'press.refused': 'This button is no longer valid.',
};
