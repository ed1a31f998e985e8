import { describe, expect, it } from 'vitest';
import { renderPengantarPdf, type PengantarLetter } from '../../src/letters/pengantar-pdf';
import { pdfText } from '../support/pdf-text';

const letter = (applicantName: string, chairName = 'Bapak Hasan', kelurahan = 'Bukit Sangkal'): PengantarLetter => ({
  number: '0001/PGT-RT03RW02-2026',
  kelurahan,
  kecamatan: 'Kalidoni',
  city: 'Kota Palembang',
  rt: '03',
  rw: '02',
  chairName,
  applicantName,
  applicantNikMasked: '1671 **** **** 0003',
  purpose: 'Pembuatan KTP',
  caseCode: 'KTP-2611-0001',
  issuedOn: '30 November 2026',
  verificationCode: 'ABCD-EFGH-JKMN',
  verifyUrl: 'http://localhost:8787/verify/ABCD-EFGH-JKMN',
});

/** Every Latin letter and combining mark of these code point ranges, as Unicode classifies them. */
function latinLetters(from: number, to: number): string[] {
  const out: string[] = [];
  for (let cp = from; cp <= to; cp++) {
    const ch = String.fromCodePoint(cp);
    if (/\p{Script=Latin}/u.test(ch) && /\p{L}/u.test(ch)) out.push(ch);
  }
  return out;
}

describe('the surat pengantar PDF', () => {
  it('prints Vietnamese and other Latin names as typed, in the name and the chair line', async () => {
    const drawn = await pdfText(await renderPengantarPdf(letter('Nguyễn Văn Ấn', "Ibu Ñandú Ma'ruf-Öztürk")));
    expect(drawn).toContain(': Nguyễn Văn Ấn');
    expect(drawn).toContain("Ibu Ñandú Ma'ruf-Öztürk");
    expect(drawn).toContain('Kode cek: ABCD-EFGH-JKMN');
  });

  it('prints every Latin letter with its diacritics, in both weights', async () => {
    // Unicode's Latin blocks up to Latin Extended-D as of Unicode 14: the letters a name can have.
    const letters = [
      ...latinLetters(0x41, 0x24f),
      ...latinLetters(0x250, 0x2af),
      ...latinLetters(0x1e00, 0x1eff),
      ...latinLetters(0x2c60, 0x2c7f),
      ...latinLetters(0xa720, 0xa7ca),
      ...latinLetters(0xab30, 0xab6f),
    ];
    expect(letters.length).toBeGreaterThan(900);
    // Names of up to 60 characters, as the name rule allows.
    for (let i = 0; i < letters.length; i += 240) {
      const chunk = letters.slice(i, i + 240);
      const names = [0, 60, 120, 180].map((n) => chunk.slice(n, n + 60).join('')).filter(Boolean);
      // The name and the chair are bold; the kelurahan's name in the signature line is regular.
      const drawn = await pdfText(await renderPengantarPdf(letter(names[0]!, names[1], names[2])));
      expect(drawn).toContain(`: ${names[0]}`);
      if (names[1]) expect(drawn).toContain(names[1]);
      if (names[2]) expect(drawn).toContain(`${names[2]}, 30 November 2026`);
      expect(drawn).not.toContain('\uFFFD');
    }
  });

  it('composes a name typed with separate accents, and reads fullwidth letters as plain ones', async () => {
    const drawn = await pdfText(await renderPengantarPdf(letter('Nguye\u0302\u0303n Ｓｉｔｉ')));
    expect(drawn).toContain(': Nguyễn Siti');
  });

  it('never fails on a character the font lacks: it is replaced, and the rest is printed', async () => {
    const drawn = await pdfText(await renderPengantarPdf(letter('Siti 😀 阿 Аминa\u202e\u200bX\tY', 'Pak 🙂 Budi')));
    expect(drawn).toContain(': Siti \uFFFD \uFFFD \uFFFD\uFFFD\uFFFD\uFFFDaX Y');
    expect(drawn).toContain('Pak \uFFFD Budi');
  });
});
