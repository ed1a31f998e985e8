import { describe, expect, it } from 'vitest';
import type { ChannelCapabilities, Choice } from '../../adapters/channel';
import { numberedList, renderChoices } from '../../adapters/choices';

const services: Choice[] = [
  { id: 'svc:ktp', label: 'KTP', aliases: ['e-ktp'] },
  { id: 'svc:kk', label: 'Kartu Keluarga', aliases: ['kk'] },
  { id: 'svc:nikah', label: 'Surat pengantar nikah' },
  { id: 'svc:situ', label: 'SITU (Surat Izin Tempat Usaha)' },
];

describe('the numbered fallback', () => {
  it('writes one numbered line per choice', () => {
    expect(numberedList(services.slice(0, 2))).toBe('1. KTP\n2. Kartu Keluarga');
  });
});

describe('rendering choices for a channel', () => {
  // WhatsApp's limits, as its adapter declares them.
  const wa: ChannelCapabilities = { maxButtons: 3, maxButtonLabel: 20, maxListRows: 10, maxListLabel: 24, maxTextLength: 4096 };
  it('uses buttons when they fit', () => {
    expect(renderChoices(wa, 'Pilih', services.slice(0, 2))).toEqual({ mode: 'buttons', text: 'Pilih', choices: services.slice(0, 2) });
  });
  it('uses a list for more than three, or labels too long for a button', () => {
    expect(renderChoices(wa, 'Pilih', services.slice(0, 3)).mode).toBe('list');
    expect(renderChoices(wa, 'Pilih', [services[2]!]).mode).toBe('list');
  });
  it('falls back to numbered lines, losing nothing, when not even a list fits', () => {
    const r = renderChoices(wa, 'Pilih', services);
    expect(r).toEqual({ mode: 'numbered', text: 'Pilih\n\n1. KTP\n2. Kartu Keluarga\n3. Surat pengantar nikah\n4. SITU (Surat Izin Tempat Usaha)' });
    const many = Array.from({ length: 11 }, (_, i) => ({ id: `x${i}`, label: `Pilihan ${i + 1}` }));
    expect(renderChoices(wa, 'Pilih', many).mode).toBe('numbered');
  });

  describe('with a hint of how to answer', () => {
    const hint = { tap: 'Ketuk salah satu.', type: 'Balas angkanya.' };
    it('says tap under buttons and a list', () => {
      expect(renderChoices(wa, 'Pilih', services.slice(0, 2), hint).text).toBe('Pilih\n\nKetuk salah satu.');
      expect(renderChoices(wa, 'Pilih', services.slice(0, 3), hint)).toMatchObject({ mode: 'list', text: 'Pilih\n\nKetuk salah satu.' });
    });
    it('says the number after numbered lines', () => {
      expect(renderChoices(wa, 'Pilih', services, hint).text).toBe(
        'Pilih\n\n1. KTP\n2. Kartu Keluarga\n3. Surat pengantar nikah\n4. SITU (Surat Izin Tempat Usaha)\n\nBalas angkanya.',
      );
    });
  });
});
