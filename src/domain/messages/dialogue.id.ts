/**
 * What Loket says in the chat, in Bahasa Indonesia. One question at a time; every question says
 * how to answer. Keys mirror dialogue.en.ts; the compiler checks both have the same.
 */
export const dialogueId = {
  'menu.welcome': (p: { kelurahan: string }) => `Selamat datang di Loket Kelurahan ${p.kelurahan}.\nMau apa hari ini?`,
  'menu.again': 'Ada lagi yang bisa kami bantu?',
  'menu.apply': 'Ajukan layanan',
  'menu.status': 'Cek status',
  'menu.info': 'Info layanan',
  'menu.complaint': 'Pengaduan',
  'menu.cancel_case': 'Batalkan berkas',
  'menu.language': 'Bahasa / Language',
  'menu.help': 'Bantuan',
  'hint.reply': 'Balas angkanya, atau ketik "bantuan".',
  'hint.reply_or_tap': 'Balas angkanya atau tekan tombol.',
  'hint.not_understood': 'Maaf, kami belum mengerti.',
  'hint.stale_choice': 'Tombol itu sudah tidak berlaku.',
  'help.text':
    'Cara memakai Loket:\n' +
    '- Balas dengan angka pilihan, atau tekan tombol.\n' +
    '- Ketik "menu" untuk kembali ke awal.\n' +
    '- Ketik "kembali" untuk ke pertanyaan sebelumnya.\n' +
    '- Ketik "batal" untuk berhenti.\n' +
    '- Ketik "status" untuk melihat berkas Bapak/Ibu.',
  'flow.cancelled': 'Baik, dibatalkan.',
  'unsupported.voice': 'Maaf, Loket belum bisa mendengar pesan suara.\nSilakan ketik, atau balas angka pilihan. Ketik "menu" untuk kembali ke awal.',
  'unsupported.other': 'Maaf, Loket belum bisa membaca pesan seperti itu.\nSilakan ketik, atau balas angka pilihan. Ketik "menu" untuk kembali ke awal.',
  'unsupported.media_here': 'Foto atau berkas belum diperlukan sekarang. Silakan jawab pertanyaan di atas.',

  'info.which': 'Info layanan apa?',
  'info.requirements': 'Syarat:',
  'info.title': (p: { service: string }) => `Layanan ${p.service}`,

  'apply.which': 'Layanan apa?',
  'apply.for_whom': 'Untuk diri sendiri atau untuk orang lain?',
  'apply.self': 'Diri sendiri',
  'apply.other': 'Orang lain',
  'apply.name': 'Nama lengkap sesuai KK?',
  'apply.applicant_name': 'Nama lengkap pemohon sesuai KK?',
  'apply.name_too_short': 'Nama terlalu pendek. Tulis nama lengkap, ya.',
  'apply.nik': 'NIK (16 angka, ada di KTP atau KK)?',
  'apply.applicant_nik': 'NIK pemohon (16 angka, ada di KTP atau KK)?',
  'apply.applicant_phone': 'Nomor HP pemohon? Kami minta pemohon mengonfirmasi dari HP-nya sendiri.\nContoh: 0812 3456 7890.',
  'apply.no_phone': 'Tidak punya HP',
  'apply.bad_phone': 'Nomor HP belum benar. Contoh: 0812 3456 7890. Coba lagi, ya.',
  'apply.rw': 'Tinggal di RW berapa?',
  'apply.rt': (p: { rw: string }) => `RW ${p.rw}. RT berapa?`,
  'apply.rt_label': (p: { rt: string; chair: string }) => `RT ${p.rt} (${p.chair})`,
  'apply.pengantar_sent': (p: { rt: string; rw: string; chair: string }) =>
    `Permintaan surat pengantar sudah kami kirim ke Ketua RT ${p.rt}/RW ${p.rw}, ${p.chair}.`,
  'apply.send_documents': 'Sambil menunggu, kirim foto dokumen ini satu per satu:',
  'apply.doc_missing': 'belum',
  'apply.doc_received': 'sudah',
  'apply.send_now': (p: { document: string }) => `Kirim foto ${p.document} sekarang.`,
  'apply.doc_ok': (p: { document: string }) => `${p.document} diterima.`,
  'apply.doc_next': (p: { document: string }) => `Berikutnya: foto ${p.document}.`,
  'apply.docs_complete': 'Semua dokumen sudah diterima.',
  'apply.need_photo': 'Mohon kirim foto atau PDF dokumennya.',
  'apply.bad_type': 'Berkas itu tidak bisa kami terima. Kirim foto (JPG atau PNG) atau PDF, ya.',
  'apply.too_large': (p: { mb: number }) => `Berkas terlalu besar. Paling besar ${p.mb} MB. Coba foto ulang, ya.`,
  'apply.doc_rejected': (p: { document: string }) =>
    `Maaf, berkas ${p.document} tidak bisa kami pakai (bukan foto JPG/PNG atau PDF, terlalu besar, atau rusak).\nMohon kirim ulang fotonya.`,
  'complaint.photo_label': 'foto pengaduan',
  'apply.delivery': 'Dokumen diambil bagaimana?',
  'apply.pickup': 'Ambil di kantor',
  'apply.courier': 'Diantar kurir',
  'apply.address': 'Alamat pengantaran lengkap? (jalan, nomor rumah, RT/RW)',
  'apply.address_too_short': 'Alamat terlalu pendek. Tulis jalan dan nomor rumah, ya.',
  'apply.summary': (p: { service: string; name: string; rt: string; rw: string; delivery: string }) =>
    `Ringkasan: ${p.service} untuk ${p.name}, RT ${p.rt}/RW ${p.rw}, ${p.delivery}.`,
  'apply.summary_pickup': 'diambil di kantor',
  'apply.summary_courier': (p: { address: string }) => `diantar ke ${p.address}`,
  'apply.send': 'Kirim',
  'apply.change': 'Ubah',
  'apply.change_what': 'Apa yang mau diubah?',
  'apply.change_delivery': 'Cara pengambilan',
  'apply.change_document': 'Kirim ulang dokumen',
  'apply.which_document': 'Dokumen mana yang mau dikirim ulang?',
  'apply.submitted': (p: { code: string }) => `Terkirim. Nomor berkas: ${p.code}.`,
  'apply.waiting_pengantar': 'Berkas diproses setelah Ketua RT menyetujui surat pengantar.',
  'apply.status_hint': 'Ketik "status" kapan saja untuk melihat perkembangannya.',
  'apply.confirm_request': (p: { helper: string; service: string; name: string }) =>
    `${p.helper} mengajukan ${p.service} untuk Bapak/Ibu, atas nama ${p.name}.\nBenar Bapak/Ibu yang meminta?`,
  'apply.confirm_yes': 'Ya, benar',
  'apply.confirm_no': 'Tidak',
  'apply.confirm_asked': (p: { name: string }) => `Kami sudah meminta ${p.name} mengonfirmasi dari HP-nya sendiri.`,
  'apply.confirm_thanks': 'Terima kasih. Pengajuan sudah dikonfirmasi.',
  'apply.confirm_denied': 'Baik. Pengajuan itu kami batalkan.',
  'apply.helper_told_denied': (p: { name: string; code: string }) => `${p.name} tidak mengonfirmasi berkas ${p.code}. Berkas dibatalkan.`,
  'apply.helper_told_confirmed': (p: { name: string; code: string }) => `${p.name} sudah mengonfirmasi berkas ${p.code}.`,
  'rt.pengantar_card': (p: { name: string; nik: string; rt: string; rw: string; service: string; code: string }) =>
    `Permintaan surat pengantar\n${p.name}, NIK ${p.nik}\nRT ${p.rt} / RW ${p.rw}, untuk: ${p.service}\nNomor berkas: ${p.code}`,

  'status.none': 'Belum ada berkas atas nama Bapak/Ibu.',
  'status.title': 'Berkas Bapak/Ibu:',
  'status.line': (p: { code: string; service: string; name: string; state: string }) =>
    `${p.code} - ${p.service} (${p.name})\n   ${p.state}`,
  'status.for_other': (p: { name: string }) => `diajukan untuk ${p.name}`,

  'cancel.which': 'Berkas mana yang mau dibatalkan?',
  'cancel.none': 'Tidak ada berkas yang masih bisa dibatalkan. Berkas di hari ke-3 sudah dikerjakan.',
  'cancel.confirm': (p: { code: string }) => `Batalkan berkas ${p.code}?`,
  'cancel.yes': 'Ya, batalkan',
  'cancel.no': 'Tidak jadi',
  'cancel.done': (p: { code: string }) => `Berkas ${p.code} sudah dibatalkan.`,
  'cancel.too_late': 'Berkas ini sudah dikerjakan, tidak bisa dibatalkan lagi.',

  'complaint.ask': 'Silakan tulis pengaduan Bapak/Ibu.',
  'complaint.too_short': 'Pengaduan terlalu pendek. Ceritakan sedikit lebih banyak, ya.',
  'complaint.photo': 'Ada foto pendukung? Kirim fotonya, atau tekan "Lewati".',
  'complaint.skip': 'Lewati',
  'complaint.about': 'Pengaduan ini tentang berkas yang mana?',
  'complaint.not_about_case': 'Bukan tentang berkas',
  'complaint.received': (p: { code: string; date: string }) =>
    `Pengaduan diterima. Nomor: ${p.code}.\nKami jawab paling lambat ${p.date}.`,

  'language.which': 'Pilih bahasa / Choose a language:',
  'language.set': 'Baik, kami pakai Bahasa Indonesia.',
} satisfies Record<string, string | ((params: never) => string)>;
