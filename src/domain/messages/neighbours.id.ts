/**
 * Neighbours asked about an applicant (Tabel 6 a), and the RT chair hearing of them, in Bahasa
 * Indonesia. Keys mirror neighbours.en.ts. `who` is always a masked number the chair typed.
 */
/** 960 -> "16.00" (Indonesian) or "16:00". */
export function clock(minuteOfDay: number, separator: string): string {
  const pad2 = (n: number) => String(n).padStart(2, '0');
  return `${pad2(Math.floor(minuteOfDay / 60))}${separator}${pad2(minuteOfDay % 60)}`;
}

export const neighboursId = {
  'neighbours.refused_applicant': (p: { who: string }) => `Nomor ${p.who} adalah nomor pemohon sendiri. Pemohon tidak bisa menjadi saksi untuk dirinya.`,
  'neighbours.refused_helper': (p: { who: string }) => `Nomor ${p.who} adalah nomor orang yang mengajukan berkas ini. Tanyakan tetangga lain.`,
  'neighbours.refused_chair': (p: { who: string; you: string }) => `Nomor ${p.who} adalah nomor ${p.you} sendiri. Tanyakan tetangga lain.`,
  'neighbours.sent': (p: { count: number; date: string; minuteOfDay: number; you: string }) =>
    `Pertanyaan sudah kami kirim ke ${p.count} tetangga. Setiap jawaban langsung kami teruskan ke ${p.you}.\n` +
    `Kalau sampai ${p.date} pukul ${clock(p.minuteOfDay, '.')} belum ada yang menjawab, kami kabari ${p.you}. ${p.you} boleh memutuskan tanpa menunggu mereka.`,
  'neighbours.invited': (p: { who: string }) =>
    `Nomor ${p.who} belum pernah memakai Loket. Kami kirim pesan resmi WhatsApp dari kelurahan. Pertanyaannya muncul setelah ia membalas.`,
  'neighbours.answer_in': (p: { code: string; who: string; answer: string; name: string }) => `Tetangga ${p.who} menjawab tentang ${p.name} (berkas ${p.code}): ${p.answer}.`,
  'neighbours.still_waiting': (p: { count: number; you: string }) => `Masih menunggu ${p.count} tetangga lagi. ${p.you} juga boleh memutuskan sekarang.`,
  'neighbours.line': (p: { who: string; answer: string }) => `${p.who}: ${p.answer}`,
  'neighbours.not_yet': 'belum menjawab',
  'neighbours.card': (p: { code: string; service: string; name: string; nik: string; lines: string; you: string }) =>
    `Berkas ${p.code}: ${p.service} untuk ${p.name}, NIK ${p.nik}.\nSedang ditanyakan ke tetangga:\n${p.lines}\n${p.you} boleh memutuskan sekarang, atau menunggu jawaban mereka.`,
  'neighbours.silent': (p: { code: string; name: string; lines: string; you: string }) =>
    `Sampai sekarang belum ada tetangga yang menjawab tentang ${p.name} (berkas ${p.code}):\n${p.lines}\n${p.you} bisa memutuskan sendiri sekarang, tanpa menunggu mereka.`,
  'neighbours.case_cancelled': 'Terima kasih. Pengajuan itu sudah dibatalkan, jadi pertanyaannya tidak perlu dijawab lagi.',
  'neighbours.chair_denied': (p: { code: string; name: string; you: string }) =>
    `Berkas ${p.code} (${p.name}) dibatalkan: pemilik nomor menjawab bahwa ia tidak meminta pengajuan ini. ${p.you} tidak perlu menjawabnya lagi.`,
} satisfies Record<string, string | ((params: never) => string)>;
