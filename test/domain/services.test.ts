import { describe, expect, it } from 'vitest';
import { SERVICES, SERVICE_IDS, missingUploads, uploadRequirements } from '../../src/domain/services';
import { LOCALES, messageKeys, t } from '../../src/domain/messages';
import { formatLongDate } from '../../src/domain/messages/dates';

describe('the four services (Tabel 1)', () => {
  it('list exactly the requirements of the paper', () => {
    const reqs = Object.fromEntries(SERVICE_IDS.map((s) => [s, SERVICES[s].requirements.map((r) => r.id)]));
    expect(reqs).toEqual({
      ktp: ['pengantar_rt', 'kk_copy', 'ktp_old_copy', 'pas_photo'],
      kk: ['pengantar_rt', 'kk_old_copy', 'surat_pindah'],
      nikah: ['pengantar_rt', 'kk_copy', 'ktp_copy', 'pas_photo'],
      situ: ['pengantar_rt', 'ktp_copy', 'pas_photo'],
    });
  });

  it('promise three working days, free of charge', () => {
    for (const s of SERVICE_IDS) expect([SERVICES[s].workingDays, SERVICES[s].feeRupiah]).toEqual([3, 0]);
  });

  it('ask the resident only for what the RT chair does not issue', () => {
    expect(uploadRequirements('ktp')).toEqual(['kk_copy', 'ktp_old_copy', 'pas_photo']);
    expect(missingUploads('ktp', ['pas_photo', 'kk_copy'])).toEqual(['ktp_old_copy']);
    expect(missingUploads('situ', ['ktp_copy', 'pas_photo'])).toEqual([]);
  });
});

describe('message catalogue', () => {
  it('has the same keys in every language, none empty', () => {
    const keys = messageKeys('id');
    for (const locale of LOCALES) {
      expect(messageKeys(locale).sort()).toEqual([...keys].sort());
    }
    for (const key of keys) {
      for (const locale of LOCALES) {
        const entry = (t as (l: string, k: string, p: unknown) => string)(locale, key, { days: 3, got: 1, date: '2026-12-02', day: 1, province: '99', digits: '000000', service: 'ktp', document: 'kk_copy', pickupCode: '042917', minuteOfDay: 600 });
        expect(entry.trim().length, `${locale} ${key}`).toBeGreaterThan(0);
      }
    }
  });

  it('names every service and requirement in both languages', () => {
    expect(t('id', 'service.kk')).toBe('Kartu Keluarga');
    expect(t('en', 'requirement.pas_photo')).toBe('Passport photo');
    expect(t('id', 'standard.time', { days: 3 })).toBe('Waktu: paling lama 3 hari kerja.');
  });

  it('writes dates as residents read them', () => {
    expect(formatLongDate('id', '2026-12-02')).toBe('Rabu, 2 Desember 2026');
    expect(formatLongDate('en', '2027-01-04')).toBe('Monday, 4 January 2027');
  });
});
