import { describe, expect, it } from 'vitest';
import { isAcknowledgement } from '../../src/domain/acknowledgement';
import { looksLikeCorrection } from '../../src/bot/steps/revision';

describe('a reply that only acknowledges', () => {
  it('is a thank-you, an okay or a greeting, with or without honorific and emoji', () => {
    for (const t of ['baik pak', 'Terima kasih ya bu 🙏', 'ok', 'Oke siap!', 'makasih mbak', 'iya pak, sudah', 'selamat pagi bu']) expect(isAcknowledgement(t), t).toBe(true);
  });

  it('is not a name that holds other words', () => {
    for (const t of ['Siti Aminah', 'Ibu Kartini', 'Selamat Riyadi', '']) expect(isAcknowledgement(t), t).toBe(false);
  });
});

describe('a correction typed unasked', () => {
  it('is a NIK, or a name of two words or more that is no acknowledgement', () => {
    expect(looksLikeCorrection('1671 0245 0879 0004')).toBe(true);
    expect(looksLikeCorrection('Siti Aminah')).toBe(true);
    expect(looksLikeCorrection('baik pak')).toBe(false);
    expect(looksLikeCorrection('terima kasih')).toBe(false);
    expect(looksLikeCorrection('Siti')).toBe(false);
    expect(looksLikeCorrection('- .')).toBe(false);
  });
});
