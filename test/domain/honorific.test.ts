import { describe, expect, it } from 'vitest';
import { addressOf, sexFromNik } from '../../src/domain/honorific';

describe('how Loket addresses a person by name', () => {
  it('takes the honorific from the NIK: 40 added to the day of birth is a woman', () => {
    // Born 12 March 1985: a man. Born 5 August 1979 (45 = 5 + 40): a woman.
    expect(addressOf({ fullName: 'Hasan Basri', nik: '1671021203850001' })).toEqual({ name: 'Bapak Hasan Basri', honorific: 'Bapak' });
    expect(addressOf({ fullName: 'Siti Aminah', nik: '1671024508790003' })).toEqual({ name: 'Ibu Siti Aminah', honorific: 'Ibu' });
    // Spaces as people copy a NIK.
    expect(addressOf({ fullName: 'Siti Aminah', nik: '1671 0245 0879 0003' }).honorific).toBe('Ibu');
  });

  it('offers both without a NIK, or with one whose day is no day', () => {
    expect(addressOf({ fullName: 'Hasan Basri', nik: null })).toEqual({ name: 'Bapak/Ibu Hasan Basri', honorific: 'Bapak/Ibu' });
    expect(addressOf({ fullName: 'Hasan Basri', nik: '1671023503850001' }).honorific).toBe('Bapak/Ibu');
    expect(addressOf({ fullName: 'Hasan Basri', nik: '16710212' }).honorific).toBe('Bapak/Ibu');
    expect(addressOf({ fullName: '', nik: null })).toEqual({ name: 'Bapak/Ibu', honorific: 'Bapak/Ibu' });
  });

  it('keeps an honorific staff wrote in the registry, in its full form, and does not double it', () => {
    expect(addressOf({ fullName: 'Bapak Hasan', nik: null })).toEqual({ name: 'Bapak Hasan', honorific: 'Bapak' });
    expect(addressOf({ fullName: 'Pak Hasan', nik: null })).toEqual({ name: 'Bapak Hasan', honorific: 'Bapak' });
    expect(addressOf({ fullName: 'Bpk. Hasan', nik: null })).toEqual({ name: 'Bapak Hasan', honorific: 'Bapak' });
    expect(addressOf({ fullName: 'Bu Kartini', nik: null })).toEqual({ name: 'Ibu Kartini', honorific: 'Ibu' });
    expect(addressOf({ fullName: 'Ibu  Nurhasanah', nik: '1671021203850001' })).toEqual({ name: 'Ibu Nurhasanah', honorific: 'Ibu' });
    // A name that only begins like one is a name.
    expect(addressOf({ fullName: 'Budiman', nik: '1671021203850001' })).toEqual({ name: 'Bapak Budiman', honorific: 'Bapak' });
    expect(addressOf({ fullName: 'Pakpahan Sitorus', nik: null }).name).toBe('Bapak/Ibu Pakpahan Sitorus');
  });

  it('reads the sex of a NIK only from a NIK', () => {
    expect(sexFromNik('1671021203850001')).toBe('male');
    expect(sexFromNik('1671027112850001')).toBe('female');
    expect(sexFromNik('16710212038500A1')).toBeNull();
    expect(sexFromNik(undefined)).toBeNull();
  });
});
