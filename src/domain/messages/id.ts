/**
 * Bahasa Indonesia: the default language of everything residents and RT chairs read.
 * Short sentences, polite forms (Bapak/Ibu), no English words: many readers are older and
 * read on small phones. Every key here must exist in en.ts too; the compiler checks it.
 */
export const id = {
  'service.ktp': 'KTP',
  'service.kk': 'Kartu Keluarga',
  'service.nikah': 'Surat pengantar nikah',
  'service.situ': 'SITU (Surat Izin Tempat Usaha)',

  'requirement.pengantar_rt': 'Surat pengantar dari Ketua RT',
  'requirement.kk_copy': 'Fotokopi KK',
  'requirement.kk_old_copy': 'Fotokopi KK lama',
  'requirement.ktp_copy': 'Fotokopi KTP',
  'requirement.ktp_old_copy': 'Fotokopi KTP lama',
  'requirement.surat_pindah': 'Surat keterangan pindah dari daerah asal',
  'requirement.pas_photo': 'Pas foto',

  'standard.steps':
    '1. Ketua RT membuat surat pengantar.\n' +
    '2. Bapak/Ibu mengirim foto dokumen lewat chat ini.\n' +
    '3. Hari ke-1: kantor menerima dan mengarsipkan dokumen.\n' +
    '4. Hari ke-2: Ketua RT memeriksa kebenaran data.\n' +
    '5. Hari ke-3: kantor membuat dokumen jadi.\n' +
    '6. Dokumen diambil di kantor atau diantar kurir.',
  'standard.time': (p: { days: number }) => `Waktu: paling lama ${p.days} hari kerja.`,
  'standard.cost': 'Biaya: gratis.',
  'standard.complaints': 'Ada keluhan? Ketik "pengaduan". Setiap pengaduan kami jawab.',
  // The kelurahan does not print KTP or KK: it checks the application and sends it on to
  // Disdukcapil, which prints the card. Said so, or residents wait at the office for a card.
  'product.ktp':
    'Dari kelurahan: permohonan KTP Bapak/Ibu kami periksa lalu kami serahkan ke Disdukcapil. Bapak/Ibu kami kabari nomor tanda terima dan perkiraan tanggal jadinya.\n' +
    'KTP elektronik dicetak oleh Disdukcapil. Setelah kartunya kami terima, Bapak/Ibu kami kabari untuk diambil atau diantar.',
  'product.kk':
    'Dari kelurahan: permohonan Kartu Keluarga Bapak/Ibu kami periksa lalu kami serahkan ke Disdukcapil. Bapak/Ibu kami kabari nomor tanda terima dan perkiraan tanggal jadinya.\n' +
    'Kartu Keluarga baru dicetak oleh Disdukcapil. Setelah kartunya kami terima, Bapak/Ibu kami kabari untuk diambil atau diantar.',
  'product.nikah': 'Hasil: surat pengantar nikah dari kelurahan.',
  'product.situ': 'Hasil: Surat Izin Tempat Usaha.',

  'state.draft': 'Belum dikirim',
  'state.awaiting_pengantar': 'Menunggu surat pengantar RT',
  'state.submitted': 'Diterima kantor',
  'state.verifying': 'Diperiksa Ketua RT',
  'state.neighbour_check': 'Ditanyakan ke tetangga',
  'state.needs_revision': 'Perlu perbaikan',
  'state.processing': 'Dokumen sedang dibuat',
  'state.at_disdukcapil': 'Kartu sedang dicetak di Disdukcapil',
  'state.ready': 'Siap diambil atau diantar',
  'state.completed': 'Selesai',
  'state.rejected': 'Ditolak',
  'state.cancelled': 'Dibatalkan',
  'state.open': 'Pengaduan diterima',
  'state.answered': 'Pengaduan sudah dijawab',
  'state.closed': 'Pengaduan selesai',

  'day.of_three': (p: { day: number }) => `Hari ke-${p.day} dari 3`,
  'day.expected': (p: { date: string }) => `Paling lambat selesai ${p.date}.`,
  'day.late': (p: { date: string }) => `Maaf, berkas ini terlambat. Perkiraan selesai: ${p.date}.`,

  'nik.empty': 'NIK belum diisi. Ketik 16 angka NIK, ada di KTP atau KK.',
  'nik.not_digits': 'NIK hanya berisi angka. Coba lagi, ya.',
  'nik.wrong_length': (p: { got: number }) =>
    `NIK harus 16 angka. Yang Bapak/Ibu kirim ${p.got} angka. Coba lagi, ya.`,
  'nik.unknown_province': (p: { province: string }) =>
    `NIK itu belum benar: awalnya (${p.province}) bukan kode provinsi. Cocokkan lagi dengan KTP atau KK, ya.`,
  'nik.bad_region': 'NIK itu belum benar: angka-angka awalnya bukan kode daerah. Cocokkan lagi dengan KTP atau KK, ya.',
  // The NIK holds the birth date; a reader is not asked to count digit positions to find it.
  'nik.bad_birth_date': 'NIK itu belum benar. Cocokkan lagi setiap angkanya dengan KTP atau KK, ya.',
  'nik.birth_in_future': 'Tanggal lahir di NIK belum lewat. Periksa lagi, ya.',
  'nik.bad_serial': 'Empat angka terakhir NIK tidak boleh 0000. Periksa lagi, ya.',

  'refusal.unknown_event': 'Perintah tidak dikenal.',
  'refusal.wrong_kind': 'Perintah ini tidak berlaku untuk berkas ini.',
  'refusal.not_allowed_in_state': 'Berkas ini sudah diproses. Tidak bisa diubah lagi.',
  'refusal.actor_not_allowed': 'Maaf, Bapak/Ibu tidak berhak melakukan ini.',
  'refusal.documents_incomplete': 'Dokumen belum lengkap.',
  'refusal.pengantar_already_approved': 'Surat pengantar sudah disetujui.',
  'refusal.pengantar_not_approved': 'Surat pengantar belum disetujui Ketua RT.',
  'refusal.reopen_window_closed':
    'Pengaduan ini dijawab lebih dari 7 hari lalu, jadi tidak bisa dibuka lagi. Ketik "pengaduan" untuk mengirim pengaduan baru.',
} satisfies Record<string, string | ((params: never) => string)>;
