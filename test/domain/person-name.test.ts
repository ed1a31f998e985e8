import { describe, expect, it } from 'vitest';
import { t } from '../../src/domain/messages';
import { checkPersonName, usablePersonName } from '../../src/domain/person-name';

const accepted = (input: string) => {
  const r = checkPersonName(input);
  if (!r.ok) throw new Error(`refused ${JSON.stringify(input)}: ${r.error.code}`);
  return r.value;
};
const refused = (input: string) => {
  const r = checkPersonName(input);
  return r.ok ? `accepted as ${r.value}` : r.error;
};

describe('names the rule accepts', () => {
  it.each([
    ['siti   aminah', 'Siti Aminah'],
    ['SITI AMINAH', 'Siti Aminah'],
    ['Nguyễn Văn An', 'Nguyễn Văn An'],
    ['nguyễn văn an', 'Nguyễn Văn An'],
    ['José Ñandú', 'José Ñandú'],
    ['Ahmad Ma\'ruf', 'Ahmad Ma\'ruf'],
    ['Ahmad Ma’ruf', 'Ahmad Ma\'ruf'],
    ['Siti-Aisyah', 'Siti-Aisyah'],
    ['siti-aisyah', 'Siti-Aisyah'],
    ['H. Abdul', 'H. Abdul'],
    ['r.a. kartini', 'R.A. Kartini'],
    ['H.M. Amin', 'H.M. Amin'],
    ['  Budi\tSantoso\n', 'Budi Santoso'],
    ['Al', 'Al'],
    ['Ấn', 'Ấn'],
  ])('%j -> %j', (input, expected) => {
    expect(accepted(input)).toBe(expected);
  });

  it('composes a letter typed with a separate accent (e + U+0301) into one', () => {
    expect(accepted('Rene\u0301')).toBe('René');
  });

  it('accepts exactly 60 characters and counts a letter with its accent once', () => {
    expect(accepted('a'.repeat(60))).toHaveLength(60);
    expect(accepted(`${'a'.repeat(58)} é`)).toHaveLength(60);
  });
});

describe('names the rule refuses, saying what is wrong', () => {
  it.each([
    ['Budi 2', 'digits'],
    ['Siti Aminah 1671024508790003', 'digits'],
    ['CS Kelurahan: transfer Rp50.000 ke rek 123', 'digits'],
    ['Budi ²', 'digits'],
    ['www.x.com', 'link'],
    ['Siti www.contoh.id', 'link'],
    ['http://', 'link'],
    ['https://bit.ly/abc', 'link'],
    ['Cek Bansos Kemensos.icu', 'dot_space'],
    ['Promo Bansos.pw', 'dot_space'],
    ['Info Dana.cc', 'dot_space'],
    ['Hadiah Klik Linktr.ee', 'dot_space'],
    ['BANSOS.ICU', 'dot_space'],
    ['Moh.Rizal', 'dot_space'],
    ['Siti 😀', 'symbol'],
    ['👨‍👩‍👧', 'symbol'],
    ['Siti ❤️', 'symbol'],
    ['Siti @ Aminah', 'symbol'],
    ['CS Kelurahan: transfer', 'symbol'],
    ['Siti!', 'symbol'],
    ['Zalgo a\u0301\u0301\u0301\u0301', 'symbol'],
    ['Siti\u200BAminah', 'invisible'],
    ['Siti \u202EhanimA', 'invisible'],
    ['\u2066Siti\u2069', 'invisible'],
    ['Siti\u0000', 'invisible'],
    ['Siti\u0007Aminah', 'invisible'],
    ['Siti\u001bAminah', 'invisible'],
    ['\uFEFFSiti', 'invisible'],
    ['Сергей', 'script'],
    ['محمد', 'script'],
    ["-'.", 'no_letters'],
  ])('%j: %s', (input, code) => {
    expect(refused(input)).toMatchObject({ code });
  });

  it('refuses 1 character and 61 characters with their lengths', () => {
    expect(refused('A')).toEqual({ code: 'too_short', min: 2 });
    expect(refused('   ')).toEqual({ code: 'too_short', min: 2 });
    expect(refused('a'.repeat(61))).toEqual({ code: 'too_long', max: 60, got: 61 });
  });
});

describe('what a refused name is told', () => {
  it('names the fault and then what a name may hold, in both languages', () => {
    expect(t('id', 'name.digits')).toBe("Nama tidak boleh berisi angka. Nama hanya boleh berisi huruf, spasi, tanda petik ('), tanda hubung (-) dan titik.");
    expect(t('id', 'name.symbol')).toContain('emoji');
    expect(t('id', 'name.link')).toContain('tautan');
    expect(t('id', 'name.dot_space')).toContain('Setelah titik, beri spasi');
    expect(t('en', 'name.dot_space')).toContain('Put a space after a period');
    expect(t('id', 'name.invisible')).toContain('tidak terlihat');
    expect(t('id', 'name.too_long', { max: 60, got: 61 })).toBe('Nama terlalu panjang: paling banyak 60 huruf, yang Bapak/Ibu kirim 61. Tulis nama sesuai KK, ya.');
    expect(t('en', 'name.digits')).toBe("A name cannot hold digits. A name may hold only letters, spaces, apostrophes ('), hyphens (-) and periods.");
  });
});

describe('profile names', () => {
  it('are used when they pass the rule and dropped when they do not', () => {
    expect(usablePersonName('budi santoso')).toBe('Budi Santoso');
    expect(usablePersonName('CS Kelurahan: transfer Rp50.000 ke rek 123')).toBeNull();
    expect(usablePersonName('Siti \u202Eevil')).toBeNull();
    expect(usablePersonName('628123450002')).toBeNull();
    expect(usablePersonName(undefined)).toBeNull();
    expect(usablePersonName('')).toBeNull();
  });
});
