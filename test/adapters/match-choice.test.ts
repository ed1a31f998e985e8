import { describe, expect, it } from 'vitest';
import type { Choice } from '../../adapters/channel';
import { matchChoice, matchLabel } from '../../adapters/match-choice';

const services: Choice[] = [
  { id: 'svc:ktp', label: 'KTP', aliases: ['e-ktp'] },
  { id: 'svc:kk', label: 'Kartu Keluarga', aliases: ['kk'] },
  { id: 'svc:nikah', label: 'Surat pengantar nikah' },
  { id: 'svc:situ', label: 'SITU (Surat Izin Tempat Usaha)' },
];

describe('typed answers to choices', () => {
  it.each([
    ['2', 'svc:kk'],
    ['2.', 'svc:kk'],
    ['no 3', 'svc:nikah'],
    ['KTP', 'svc:ktp'],
    ['kartu keluarga', 'svc:kk'],
    ['kk', 'svc:kk'],
    ['e-ktp', 'svc:ktp'],
    ['nikah', 'svc:nikah'],
    ['situ', 'svc:situ'],
  ])('"%s" means %s', (typed, id) => {
    expect(matchChoice(typed, services)?.id).toBe(id);
  });

  it.each(['5', '0', 'surat', '', 'paspor'])('"%s" means nothing', (typed) => {
    expect(matchChoice(typed, services)).toBeNull();
  });
});

describe('typed words matched only whole', () => {
  const answer: Choice[] = [
    { id: 'reopen', label: 'Buka lagi', aliases: ['buka kembali'] },
    { id: 'close', label: 'Selesai' },
  ];
  it.each([
    ['Buka lagi', 'reopen'],
    ['buka  LAGI!', 'reopen'],
    ['buka kembali', 'reopen'],
    ['selesai.', 'close'],
  ])('"%s" means %s', (typed, id) => {
    expect(matchLabel(typed, answer)?.id).toBe(id);
  });

  it.each(['1', '2', 'b', 'buka', 'lagi', 'sele', ''])('"%s" means nothing', (typed) => {
    expect(matchLabel(typed, answer)).toBeNull();
  });
});
