import { describe, expect, it } from 'vitest';
import { inviteCodeIn } from '../../src/bot/steps/invite';
import { newInviteCode } from '../../src/staff/invites';

describe('invitation codes', () => {
  it('always hold a digit, so a code typed without its hyphen is never taken for a name', () => {
    // Bytes that pick only letters from the alphabet.
    const allLetters = newInviteCode({ bytes: (n) => new Uint8Array(n).fill(0) });
    expect(allLetters).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(allLetters).toMatch(/\d/);
    expect(inviteCodeIn(allLetters.replace('-', ''))).toBe(allLetters);
    expect(inviteCodeIn('MULYANTO')).toBeNull();
    expect(inviteCodeIn('/start MULYANTO')).toBe('MULY-ANTO');
  });
});
