/**
 * The RT's surat pengantar as a one-page A4 PDF (Tabel 5 b): letter number, RT and chair,
 * applicant, purpose, date, and a verification code with a QR code pointing at /verify/CODE.
 * Drawn in Noto Sans, embedded and subset, so that every Latin name (Nguyễn, Ñandú, Ma'ruf)
 * prints as typed; the standard PDF fonts know only WinAnsi. The QR modules are drawn as squares.
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont } from 'pdf-lib';
import { encode } from 'uqr';
import notoSansBold from './fonts/NotoSans-Bold.ttf';
import notoSansRegular from './fonts/NotoSans-Regular.ttf';

export interface PengantarLetter {
  number: string;
  kelurahan: string;
  kecamatan: string;
  city: string;
  rt: string;
  rw: string;
  chairName: string;
  applicantName: string;
  /** Shown masked: the letter is shared in chats. */
  applicantNikMasked: string;
  purpose: string;
  caseCode: string;
  issuedOn: string;
  verificationCode: string;
  verifyUrl: string;
  /**
   * Who issues it: the RT chair (the surat pengantar), or the kelurahan itself (its own letter,
   * the output of day 3 for a marriage or a SITU), signed by the Lurah named in chairName.
   */
  issuer?: 'rt' | 'kelurahan';
  /** A SITU's business, as the resident gave it: the permit is for this place. */
  business?: { name: string; kind: string | null; address: string | null } | null;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
/** Drawn where the font has no glyph, so an unexpected character never stops a letter. */
const REPLACEMENT = '\uFFFD';

const charSets = new WeakMap<PDFFont, Set<number>>();

/**
 * The text as `font` can draw it: composed (NFC, so "e" + U+0301 uses the font's "é"), control
 * characters as spaces, invisible format characters (zero-width, bidi overrides) dropped, a
 * character the font lacks by its compatibility form when the font has that (fullwidth "Ａ" as
 * "A"), and anything else (an emoji, another script) as U+FFFD.
 */
export function printable(text: string, font: PDFFont): string {
  let has = charSets.get(font);
  if (!has) charSets.set(font, (has = new Set(font.getCharacterSet())));
  const drawable = (s: string) => [...s].every((c) => has.has(c.codePointAt(0)!));
  const fallback = drawable(REPLACEMENT) ? REPLACEMENT : '?';
  let out = '';
  for (const ch of text.normalize('NFC').replace(/\p{Cc}/gu, ' ').replace(/\p{Cf}/gu, '')) {
    const compatible = ch.normalize('NFKC');
    out += drawable(ch) ? ch : drawable(compatible) ? compatible : fallback;
  }
  return out;
}

export async function renderPengantarPdf(l: PengantarLetter): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const office = l.issuer === 'kelurahan';
  pdf.setTitle(`${office ? 'Surat Keterangan' : 'Surat Pengantar'} ${l.number}`);
  pdf.setCreator('Loket');
  pdf.setProducer('Loket');
  // A fixed date: when the file was drawn is not part of the letter (its issue date is).
  pdf.setCreationDate(new Date(0));
  pdf.setModificationDate(new Date(0));
  const page = pdf.addPage(A4);
  pdf.registerFontkit(fontkit);
  // Subset: only the glyphs used are written, so a letter stays a few kilobytes.
  const regular = await pdf.embedFont(new Uint8Array(notoSansRegular), { subset: true });
  const bold = await pdf.embedFont(new Uint8Array(notoSansBold), { subset: true });
  const ink = rgb(0.1, 0.1, 0.1);
  /** Draws `text` at (x, y), smaller when it would run past the right margin (a 60-letter name). */
  const write = (text: string, x: number, y: number, size: number, font: PDFFont, color = ink) => {
    const shown = printable(text, font);
    const room = A4[0] - MARGIN - x;
    const width = font.widthOfTextAtSize(shown, size);
    page.drawText(shown, { x, y, size: width > room ? (size * room) / width : size, font, color });
  };
  const centre = (text: string, y: number, size: number, font = bold) => {
    const width = Math.min(font.widthOfTextAtSize(printable(text, font), size), A4[0] - 2 * MARGIN);
    write(text, (A4[0] - width) / 2, y, size, font);
  };

  centre(office ? `PEMERINTAH ${l.city.toUpperCase()}` : `RUKUN TETANGGA ${l.rt} / RUKUN WARGA ${l.rw}`, 780, 14);
  centre(`KELURAHAN ${l.kelurahan.toUpperCase()}, KECAMATAN ${l.kecamatan.toUpperCase()}`, 762, 11, regular);
  centre(l.city.toUpperCase(), 747, 11, regular);
  page.drawLine({ start: { x: MARGIN, y: 738 }, end: { x: A4[0] - MARGIN, y: 738 }, thickness: 1.2, color: ink });
  centre(office ? 'SURAT KETERANGAN' : 'SURAT PENGANTAR', 705, 14);
  centre(`Nomor: ${l.number}`, 688, 11, regular);

  let y = 650;
  const line = (text: string, font = regular) => {
    write(text, 60, y, 11, font);
    y -= 20;
  };
  line(office ? `Yang bertanda tangan di bawah ini, Lurah ${l.kelurahan},` : `Yang bertanda tangan di bawah ini, Ketua RT ${l.rt}/RW ${l.rw} Kelurahan ${l.kelurahan},`);
  line('menerangkan bahwa:');
  y -= 6;
  for (const [label, value] of [
    ['Nama', l.applicantName],
    ['NIK', l.applicantNikMasked],
    ['Alamat', `RT ${l.rt}/RW ${l.rw}, Kelurahan ${l.kelurahan}`],
    ['Keperluan', l.purpose],
    ...(l.business
      ? ([
          ['Nama usaha', l.business.name],
          ['Jenis usaha', l.business.kind ?? '-'],
          ['Alamat usaha', l.business.address ?? '-'],
        ] as const)
      : []),
    ['Nomor berkas', l.caseCode],
  ]) {
    write(label, 80, y, 11, regular);
    write(`: ${value}`, 180, y, 11, bold);
    y -= 20;
  }
  y -= 6;
  line(
    office
      ? `adalah benar warga Kelurahan ${l.kelurahan}. Surat keterangan ini diberikan untuk keperluan tersebut.`
      : 'adalah benar warga kami. Surat pengantar ini diberikan untuk diajukan ke kantor kelurahan.',
  );
  y -= 20;
  write(`${l.kelurahan}, ${l.issuedOn}`, 340, y, 11, regular);
  write(office ? `Lurah ${l.kelurahan}` : `Ketua RT ${l.rt}/RW ${l.rw}`, 340, y - 18, 11, regular);
  write(office ? '(diterbitkan melalui Loket)' : '(disetujui melalui Loket)', 340, y - 36, 9, regular, rgb(0.35, 0.35, 0.35));
  write(l.chairName, 340, y - 70, 11, bold);

  // Verification block: QR code and the code in words, for those who cannot scan.
  const qr = encode(l.verifyUrl, { ecc: 'M', border: 2 });
  const moduleSize = 3;
  const qrX = 60;
  const qrY = 90;
  qr.data.forEach((row, r) =>
    row.forEach((dark, c) => {
      if (dark) {
        page.drawRectangle({ x: qrX + c * moduleSize, y: qrY + (qr.size - 1 - r) * moduleSize, width: moduleSize, height: moduleSize, color: rgb(0, 0, 0) });
      }
    }),
  );
  const textX = qrX + qr.size * moduleSize + 16;
  write('Cek keaslian surat ini:', textX, qrY + 70, 10, regular);
  write(l.verifyUrl, textX, qrY + 54, 9, regular);
  write(`Kode cek: ${l.verificationCode}`, textX, qrY + 34, 12, bold);
  return pdf.save({ useObjectStreams: false });
}
