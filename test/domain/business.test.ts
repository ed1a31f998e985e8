import { describe, expect, it } from 'vitest';
import { checkBusinessText } from '../../src/domain/business';

describe('the business of a SITU, as typed', () => {
  it('accepts names and addresses as shops write them, with the spacing tidied', () => {
    expect(checkBusinessText('name', '  Bengkel  Jaya & Putra ')).toEqual({ ok: true, value: 'Bengkel Jaya & Putra' });
    expect(checkBusinessText('name', 'Toko Ma’ruf (Cabang 2)')).toEqual({ ok: true, value: "Toko Ma'ruf (Cabang 2)" });
    expect(checkBusinessText('address', 'Jl. Mayor Zen No.12, RT 03/RW 02')).toEqual({ ok: true, value: 'Jl. Mayor Zen No.12, RT 03/RW 02' });
    expect(checkBusinessText('kind', 'Kafé & roti')).toEqual({ ok: true, value: 'Kafé & roti' });
  });

  it('refuses links, emoji, other scripts and invisible characters, saying which', () => {
    expect(checkBusinessText('name', 'Toko https://x.id')).toEqual({ ok: false, error: { code: 'link' } });
    expect(checkBusinessText('name', 'Kunjungi bansos.icu')).toEqual({ ok: false, error: { code: 'link' } });
    expect(checkBusinessText('name', 'Hubungi @tokoku')).toEqual({ ok: false, error: { code: 'link' } });
    expect(checkBusinessText('name', 'Warung 🍜')).toEqual({ ok: false, error: { code: 'symbol' } });
    expect(checkBusinessText('name', 'Warung Сити')).toEqual({ ok: false, error: { code: 'symbol' } });
    expect(checkBusinessText('name', 'Warung\u202eitiS')).toEqual({ ok: false, error: { code: 'invisible' } });
  });

  it('bounds the length of each field, and wants letters', () => {
    expect(checkBusinessText('address', 'Jl. Zen')).toEqual({ ok: false, error: { code: 'too_short', min: 10 } });
    expect(checkBusinessText('kind', 'a'.repeat(61))).toEqual({ ok: false, error: { code: 'too_long', max: 60, got: 61 } });
    // The letter's one line for it stays legible (pengantar-pdf.ts shrinks a longer one).
    const address = 'Jl. Kolonel Haji Barlian No. 123, Kompleks Ruko Sukarami Indah Blok C-7';
    expect(checkBusinessText('address', address.slice(0, 70))).toEqual({ ok: true, value: address.slice(0, 70) });
    expect(checkBusinessText('address', address)).toEqual({ ok: false, error: { code: 'too_long', max: 70, got: address.length } });
    expect(checkBusinessText('name', '123 / 45')).toEqual({ ok: false, error: { code: 'no_letters' } });
  });
});
