/**
 * The RT's surat pengantar as a one-page A4 PDF (Tabel 5 b): letter number, RT and chair,
 * applicant, purpose, date, and a verification code with a QR code pointing at /verify/CODE.
 * Drawn with pdf-lib's standard fonts so nothing is fetched; the QR modules are drawn as squares.
 */
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { encode } from 'uqr';

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
}

const A4: [number, number] = [595.28, 841.89];

export async function renderPengantarPdf(l: PengantarLetter): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Surat Pengantar ${l.number}`);
  pdf.setCreator('Loket');
  pdf.setProducer('Loket');
  // A fixed date keeps the bytes reproducible for the same letter.
  pdf.setCreationDate(new Date(0));
  pdf.setModificationDate(new Date(0));
  const page = pdf.addPage(A4);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const ink = rgb(0.1, 0.1, 0.1);
  const centre = (text: string, y: number, size: number, font = bold) =>
    page.drawText(text, { x: (A4[0] - font.widthOfTextAtSize(text, size)) / 2, y, size, font, color: ink });

  centre(`RUKUN TETANGGA ${l.rt} / RUKUN WARGA ${l.rw}`, 780, 14);
  centre(`KELURAHAN ${l.kelurahan.toUpperCase()}, KECAMATAN ${l.kecamatan.toUpperCase()}`, 762, 11, regular);
  centre(l.city.toUpperCase(), 747, 11, regular);
  page.drawLine({ start: { x: 50, y: 738 }, end: { x: A4[0] - 50, y: 738 }, thickness: 1.2, color: ink });
  centre('SURAT PENGANTAR', 705, 14);
  centre(`Nomor: ${l.number}`, 688, 11, regular);

  let y = 650;
  const line = (text: string, font = regular) => {
    page.drawText(text, { x: 60, y, size: 11, font, color: ink });
    y -= 20;
  };
  line(`Yang bertanda tangan di bawah ini, Ketua RT ${l.rt}/RW ${l.rw} Kelurahan ${l.kelurahan},`);
  line('menerangkan bahwa:');
  y -= 6;
  for (const [label, value] of [
    ['Nama', l.applicantName],
    ['NIK', l.applicantNikMasked],
    ['Alamat', `RT ${l.rt}/RW ${l.rw}, Kelurahan ${l.kelurahan}`],
    ['Keperluan', l.purpose],
    ['Nomor berkas', l.caseCode],
  ] as const) {
    page.drawText(label, { x: 80, y, size: 11, font: regular, color: ink });
    page.drawText(`: ${value}`, { x: 180, y, size: 11, font: bold, color: ink });
    y -= 20;
  }
  y -= 6;
  line('adalah benar warga kami. Surat pengantar ini diberikan untuk diajukan ke kantor kelurahan.');
  y -= 20;
  page.drawText(`${l.kelurahan}, ${l.issuedOn}`, { x: 340, y, size: 11, font: regular, color: ink });
  page.drawText(`Ketua RT ${l.rt}/RW ${l.rw}`, { x: 340, y: y - 18, size: 11, font: regular, color: ink });
  page.drawText('(disetujui melalui Loket)', { x: 340, y: y - 36, size: 9, font: regular, color: rgb(0.35, 0.35, 0.35) });
  page.drawText(l.chairName, { x: 340, y: y - 70, size: 11, font: bold, color: ink });

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
  page.drawText('Cek keaslian surat ini:', { x: textX, y: qrY + 70, size: 10, font: regular, color: ink });
  page.drawText(l.verifyUrl, { x: textX, y: qrY + 54, size: 9, font: regular, color: ink });
  page.drawText(`Kode cek: ${l.verificationCode}`, { x: textX, y: qrY + 34, size: 12, font: bold, color: ink });
  return pdf.save({ useObjectStreams: false });
}
