/**
 * The number a linked chat is shown by on the desk: always masked, and a Telegram chat id (no phone
 * number at all) never shown, not even in part, whether or not the person's number is recorded.
 */
import { describe, expect, it } from 'vitest';
import { linkedChatNumber } from '../../src/desk/linked-chat';

const TELEGRAM_CHAT = '7012345678';

describe('linkedChatNumber', () => {
  it('masks the WhatsApp id, which is the phone number itself', () => {
    const shown = linkedChatNumber({ channel: 'whatsapp', externalId: '6281234567890', phone: '6289999999999' });
    expect(shown).toBe('0812****890');
    expect(shown).not.toContain('1234567');
  });

  it("masks a Telegram chat's recorded phone number, not its chat id", () => {
    const shown = linkedChatNumber({ channel: 'telegram', externalId: TELEGRAM_CHAT, phone: '6285711112222' });
    expect(shown).toBe('0857****222');
    expect(shown).not.toContain('7012');
  });

  it('shows a bare mask for a Telegram chat without a recorded number, never the chat id', () => {
    for (const externalId of [TELEGRAM_CHAT, '-1001234567890']) {
      const shown = linkedChatNumber({ channel: 'telegram', externalId, phone: null });
      expect(shown).toBe('****');
      expect(shown).not.toMatch(/\d/);
    }
  });
});
