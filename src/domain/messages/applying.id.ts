/**
 * Applying (issue [8] items 5 and 13), in Bahasa Indonesia: a second application while one is
 * open, a NIK already on someone else's open case, and the business a SITU is for. Keys mirror
 * applying.en.ts; the compiler checks both have the same.
 */
const BUSINESS_ALLOWED_ID = 'Boleh berisi huruf, angka, spasi, dan tanda . , - / & ( ) #.';

export const applyingId = {
  'business.ask_name': 'Apa nama usahanya?\nContoh: Warung Makan Bu Siti',
  'business.ask_kind': 'Usahanya jenis apa?\nContoh: warung makan, bengkel motor, toko kelontong',
  'business.ask_address': 'Di mana alamat tempat usahanya? Tulis jalan, nomor, dan RT/RW.\nContoh: Jl. Mayor Zen No. 12, RT 03/RW 02',
  'business.invisible': `Tulisan itu berisi tanda yang tidak terlihat, mungkin ikut tersalin. Ketik ulang, jangan disalin. ${BUSINESS_ALLOWED_ID}`,
  'business.link': 'Tulisan itu tidak boleh berisi alamat situs, tautan, atau tanda @. Setelah titik, beri spasi (contoh: Jl. Merdeka).',
  'business.symbol': `Tulisan itu berisi emoji atau tanda yang tidak bisa dicetak di surat. ${BUSINESS_ALLOWED_ID}`,
  'business.no_letters': 'Tulis dengan huruf, bukan hanya angka atau tanda.',
  'business.too_short': (p: { min: number }) => `Terlalu pendek: paling sedikit ${p.min} huruf dan angka. Tulis sedikit lebih lengkap, ya.`,
  'business.too_long': (p: { max: number; got: number }) => `Terlalu panjang: paling banyak ${p.max} huruf dan angka, yang Bapak/Ibu kirim ${p.got}. Tulis lebih singkat, ya.`,
  'business.summary': (p: { name: string; kind: string; address: string }) => `Usaha: ${p.name} (${p.kind}), di ${p.address}.`,

  'apply.already_open': (p: { service: string; code: string; state: string }) =>
    `Bapak/Ibu sudah punya berkas ${p.service} yang masih berjalan: ${p.code} (${p.state}).\nSatu orang hanya bisa punya satu berkas ${p.service} yang berjalan.`,
  'apply.already_open_for': (p: { service: string; name: string; code: string; state: string }) =>
    `Berkas ${p.service} untuk ${p.name} masih berjalan: ${p.code} (${p.state}).\nSatu orang hanya bisa punya satu berkas ${p.service} yang berjalan.`,
  'apply.already_open_other': (p: { service: string; name: string }) =>
    `Untuk ${p.name} sudah ada berkas ${p.service} yang masih berjalan. Satu orang hanya bisa punya satu berkas ${p.service} yang berjalan.\n` +
    `Minta ${p.name} mengetik "status" di Loket dari HP-nya untuk melihatnya.`,
  'apply.open_todo_draft': 'Ketik "lanjut" untuk melanjutkan berkas itu.',
  'apply.open_todo_revision': 'Berkas itu menunggu perbaikan: kirim foto dokumen yang diminta di chat ini.',
  'apply.open_todo_wait': 'Tidak perlu mengajukan lagi. Kami kabari di chat ini. Ketik "status" untuk melihat perkembangannya.',
  'apply.open_todo_cancel': 'Bila ingin mengajukan ulang dari awal, batalkan dulu berkas itu lewat menu "Batalkan berkas".',

  'rt.nik_conflict': (p: { nik: string }) =>
    `Perhatian: NIK ${p.nik} juga dipakai di berkas lain yang masih berjalan, dengan nama orang lain. ` +
    'Mohon pastikan pemohon benar orangnya sebelum menyetujui. Petugas kelurahan sudah kami beri tahu.',
  'notice.nik_conflict': (p: { nik: string; other: string; name: string; otherName: string }) =>
    `NIK ${p.nik} dipakai atas nama ${p.name} di berkas ini, dan atas nama ${p.otherName} di berkas ${p.other} yang masih berjalan. Mohon periksa mana yang benar.`,
} satisfies Record<string, string | ((params: never) => string)>;
