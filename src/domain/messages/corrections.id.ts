/**
 * Corrections and the promised date, in Bahasa Indonesia: the applicant's data corrected by
 * typing it (not by a photo), the three days counted again after a correction, and a date that
 * moved said with its reason. Keys mirror corrections.en.ts.
 * A name or NIK here was checked by person-name.ts or nik.ts before it is put in a message.
 */
export const correctionsId = {
  'correction.asked': (p: { code: string; reason: string }) =>
    `Berkas ${p.code} perlu perbaikan data pemohon.\nKetua RT: ${p.reason}\n` +
    'Ketik nama lengkap yang benar (sesuai KK), atau NIK yang benar (16 angka), di chat ini. Tidak perlu foto.',
  // Also the reminder of a data revision (jobs/schedule-tick.ts).
  'correction.ask': (p: { code: string }) =>
    `Berkas ${p.code} menunggu perbaikan data pemohon.\nKetik nama lengkap yang benar (sesuai KK), atau NIK yang benar (16 angka).`,
  'correction.not_photo': 'Data pemohon diperbaiki dengan mengetik, bukan dengan foto.',
  'correction.confirm': (p: { name: string | null; nik: string | null }) =>
    'Data baru yang akan kami kirim ke Ketua RT:\n' +
    (p.name ? `Nama: ${p.name}\n` : '') +
    (p.nik ? `NIK: ${p.nik}\n` : '') +
    'Sudah benar? Bila masih ada yang salah, ketik nama atau NIK yang benar.',
  'correction.send': 'Kirim ke Ketua RT',
  'correction.sent': (p: { code: string }) => `Terima kasih. Perbaikan data berkas ${p.code} sudah kami kirim ke Ketua RT untuk diperiksa lagi.`,
  'correction.to_chair': (p: { code: string; name: string | null; oldName: string; nik: string | null; you: string }) =>
    `Berkas ${p.code}: pemohon sudah memperbaiki datanya.\n` +
    (p.name ? `Nama sekarang: ${p.name} (sebelumnya: ${p.oldName}).\n` : '') +
    (p.nik ? `NIK sudah diganti, sekarang: ${p.nik}.\n` : '') +
    `Berkas ini akan kami kirim lagi kepada ${p.you} untuk diperiksa.`,

  'revision.days_paused': 'Hitungan 3 hari kerja berhenti dulu. Setelah perbaikan kami terima, hitungannya dimulai lagi dari awal.',
  'revision.days_restart': (p: { day2: string; day3: string }) =>
    `Karena ada perbaikan, hitungan 3 hari kerja dimulai lagi dari awal.\nKetua RT memeriksa paling lambat ${p.day2}.\nPaling lambat selesai ${p.day3}.`,

  'promise.after_approval': 'Berkas selesai paling lambat 3 hari kerja setelah Ketua RT menyetujui surat pengantar. Tanggal pastinya kami kirim bersama persetujuan itu.',
  'promise.after_approval_short': 'Selesai paling lambat 3 hari kerja setelah Ketua RT menyetujui',
  'promise.holiday': (p: { dates: string }) => `Tanggalnya lebih lama karena ada hari libur: ${p.dates}. Kantor tutup pada hari itu.`,

  'promise.and': 'dan',

  'notice.escalate_revision': 'Pemohon belum mengirim perbaikan yang diminta, walau sudah diingatkan.',
} satisfies Record<string, string | ((params: never) => string)>;
