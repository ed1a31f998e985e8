/**
 * A resident on a channel that does not tell Loket their number (Telegram) sharing it once, in
 * Bahasa Indonesia. Keys mirror identity.en.ts.
 */
export const identityId = {
  'identity.share_ask':
    'Sebelum lanjut, kirim nomor HP Anda sekali saja dengan tombol di bawah. Ketua RT dan tetangga mengenal warga dari nomornya. Nomor ini hanya dipakai untuk urusan berkas Anda.',
  'identity.share_button': 'Kirim nomor HP saya',
  'identity.typed_not_proof':
    'Nomor yang diketik belum bisa kami pastikan milik Anda. Tekan tombol "Kirim nomor HP saya" di bawah. Telegram akan mengirim nomor akun Anda.',
  'identity.not_own': 'Itu kontak orang lain. Kami perlu nomor Anda sendiri: tekan tombol "Kirim nomor HP saya" di bawah.',
  'identity.thanks': 'Terima kasih, nomor Anda sudah kami catat.',
  'identity.known': 'Nomor Anda sudah tercatat di Loket.',
};
