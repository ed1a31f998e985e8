import { describe, expect, it } from 'vitest';
import { verifySecretToken } from '../../adapters/telegram/secret';

describe('X-Telegram-Bot-Api-Secret-Token check', () => {
  const secret = 'loket_Secret-123';

  it('accepts exactly the configured secret', async () => {
    expect(await verifySecretToken(secret, secret)).toBe(true);
  });

  it.each([
    ['missing header', null],
    ['empty header', ''],
    ['a prefix of the secret', secret.slice(0, -1)],
    ['the secret and more', `${secret}x`],
    ['another case', secret.toUpperCase()],
    ['one byte changed', `${secret.slice(0, -1)}4`],
  ])('refuses %s', async (_what, header) => {
    expect(await verifySecretToken(secret, header)).toBe(false);
  });

  it('refuses everything, even an empty header, when no secret is configured', async () => {
    for (const configured of ['', undefined, null]) {
      expect(await verifySecretToken(configured, '')).toBe(false);
      expect(await verifySecretToken(configured, null)).toBe(false);
      expect(await verifySecretToken(configured, 'anything')).toBe(false);
    }
  });
});
