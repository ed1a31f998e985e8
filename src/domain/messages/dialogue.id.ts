/**
 * What Loket says in the chat, in Bahasa Indonesia. One question at a time; every question says
 * how to answer. Keys mirror dialogue.en.ts; the compiler checks both have the same.
 */
import { greeting } from './greeting';
import { officeContactId, type ChairParam, type OfficeParams } from './menu.id';

/** A SITU's business on the pengantar card, each field checked by domain/business.ts. */
export type CardBusiness = { name: string; kind: string; address: string };

const NAME_ALLOWED_ID = "Nama hanya boleh berisi huruf, spasi, tanda petik ('), tanda hubung (-) dan titik.";

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
  'hint.tap': 'Ketuk salah satu pilihan, atau ketik "bantuan".',
  'hint.not_understood': 'Maaf, kami belum mengerti.',
  'hint.stale_choice': 'Tombol itu sudah tidak berlaku.',
  'help.text': (p: OfficeParams) =>
    'Cara memakai Loket:\n' +
    '- Balas dengan angka pilihan, atau tekan tombol.\n' +
    '- Ketik "menu" untuk kembali ke awal.\n' +
    '- Ketik "kembali" untuk ke pertanyaan sebelumnya.\n' +
    '- Ketik "batal" untuk berhenti.\n' +
    '- Ketik "status" untuk melihat berkas Bapak/Ibu.\n' +
    `- Sulit memakai Loket? Minta tolong tetangga atau Ketua RT, atau ${officeContactId(p)}.`,
  'flow.cancelled': 'Baik, dibatalkan.',
  // What the resident can do instead of speaking: have someone type for them, or call the office.
  'unsupported.voice': (p: OfficeParams & { chair: ChairParam }) =>
    'Maaf, Loket belum bisa mendengar pesan suara.\nSilakan ketik pesannya, atau balas dengan angka pilihan.\n' +
    (p.chair === 'self'
      ? 'Sulit mengetik? Minta tolong tetangga untuk mengetikkannya.'
      : p.chair
        ? `Sulit mengetik? Minta tolong tetangga, atau Ketua RT ${p.chair.rt}, ${p.chair.name}, untuk mengetikkannya.`
        : 'Sulit mengetik? Minta tolong tetangga atau Ketua RT untuk mengetikkannya.') +
    ` Bisa juga ${officeContactId(p)}.\nKetik "menu" untuk kembali ke awal.`,
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
  'apply.send_now': (p: { document: string }) => `Sekarang kirim ${p.document}.`,
  'apply.doc_ok': (p: { document: string }) => `${p.document} diterima, sedang kami periksa.`,
  'apply.doc_next': (p: { document: string }) => `Sekarang kirim ${p.document}.`,
  'apply.docs_complete': 'Semua dokumen sudah diterima.',
  'apply.need_photo': 'Mohon kirim foto atau PDF dokumennya.',
  'apply.bad_type': 'Itu bukan foto atau PDF, jadi tidak bisa kami terima. Kirim foto dokumennya, ya.',
  'apply.too_large': (p: { mb: number }) => `Berkas terlalu besar. Paling besar ${p.mb} MB. Coba foto ulang, ya.`,
  // A document counts as received only once stored and its type checked (the queue does it).
  'apply.doc_checking': 'sedang diperiksa',
  'apply.docs_uploaded': 'Semua dokumen sudah masuk dan sedang kami periksa.',
  'apply.docs_checking': (p: { documents: string }) =>
    `Dokumen ini masih kami periksa: ${p.documents}.\nKami kirim pesan di chat ini begitu selesai. Setelah itu berkas bisa dikirim.`,
  'apply.docs_ready': (p: { service: string; name: string }) => `Semua dokumen ${p.service} untuk ${p.name} sudah kami periksa dan terima.`,
  'apply.resume_hint': 'Ketik "lanjut" untuk menyelesaikan pengajuan.',
  'apply.nothing_to_resume': 'Tidak ada pengajuan yang menunggu untuk dilanjutkan.',
  'apply.doc_failed': (p: { document: string; problem: string }) =>
    `Maaf, ${p.document} yang Bapak/Ibu kirim ${p.problem}.\nSilakan kirim lagi ${p.document} di chat ini. Tidak perlu mengulang dari awal.`,
  'complaint.photo_failed': (p: { problem: string }) => `Maaf, foto pengaduan yang Bapak/Ibu kirim ${p.problem}. Pengaduan tetap kami proses tanpa foto.`,
  // One reason each, the one the media job found, in plain words (a photo or a PDF is all a resident needs to know).
  'doc_problem.bad_type': 'bukan foto atau PDF, jadi tidak bisa kami buka',
  'doc_problem.too_large': (p: { mb: number }) => `terlalu besar (lebih dari ${p.mb} MB). Foto biasa dari kamera HP cukup`,
  'doc_problem.damaged': 'rusak saat dikirim, jadi tidak bisa kami buka',
  'doc_problem.empty': 'kosong, tidak ada isinya',
  'doc_problem.gone': 'tidak sampai ke kami',
  'doc_problem.unavailable': 'tidak sampai ke kami, walau sudah beberapa kali kami coba',
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
  'apply.status_hint': 'Ketik "status" kapan saja untuk melihat perkembangannya.',
  'apply.confirm_request': (p: { helper: string; service: string; name: string; days: number }) =>
    `${p.helper} mengajukan ${p.service} di Loket untuk Bapak/Ibu, atas nama ${p.name}.\nBenar Bapak/Ibu yang meminta?\n` +
    `Jika tidak, pilih "Bukan saya": pengajuan dibatalkan dan nomor itu tidak bisa mengajukan untuk Bapak/Ibu selama ${p.days} hari.`,
  'apply.helper_number': (p: { number: string }) => `Pemilik nomor ${p.number}`,
  'apply.helper_unknown': 'Seseorang yang nomornya tidak kami ketahui',
  'apply.confirm_yes': 'Ya, benar',
  'apply.confirm_no': 'Bukan saya',
  'apply.confirm_asked': (p: { name: string }) => `Kami sudah meminta ${p.name} mengonfirmasi dari HP-nya sendiri.`,
  'apply.confirm_thanks': 'Terima kasih. Pengajuan sudah dikonfirmasi.',
  'apply.confirm_denied': 'Baik. Pengajuan itu kami batalkan.',
  'apply.helper_told_denied': (p: { name: string; code: string; days: number }) =>
    `${p.name} tidak mengonfirmasi berkas ${p.code}. Berkas dibatalkan.\nBapak/Ibu tidak bisa mengajukan lagi untuk nomor itu selama ${p.days} hari.`,
  'apply.helper_told_confirmed': (p: { name: string; code: string }) => `${p.name} sudah mengonfirmasi berkas ${p.code}.`,
  // The business lines are those the letter prints (letters/pengantar-pdf.ts): the chair approves what he read.
  'rt.pengantar_card': (p: { name: string; nik: string; rt: string; rw: string; service: string; code: string; business: CardBusiness | null }) =>
    `Permintaan surat pengantar\n${p.name}, NIK ${p.nik}\nRT ${p.rt} / RW ${p.rw}, untuk: ${p.service}\n` +
    (p.business ? `Nama usaha: ${p.business.name}\nJenis usaha: ${p.business.kind}\nAlamat usaha: ${p.business.address}\n` : '') +
    `Nomor berkas: ${p.code}`,

  'rt.approve': 'Setujui',
  'rt.refuse': 'Tolak',
  'rt.valid': 'Sah',
  'rt.invalid': 'Tidak sah',
  'rt.ask_neighbours': 'Tanya tetangga',
  'rt.approved_chair': (p: { name: string; code: string }) => `Surat pengantar untuk berkas ${p.code} sudah dibuat, dikirim ke ${p.name}, dan disimpan di kelurahan.`,
  'rt.approved_making': (p: { chair: string; you: string; name: string }) =>
    `Terima kasih, ${p.chair}. Permintaan ${p.name} sudah ${p.you} setujui. Surat pengantarnya sedang dibuat; ${p.you} kami kabari begitu surat terkirim.`,
  /** `by`: who approved (the chair, or the office in their stead); null when no record says. */
  'rt.refuse_after_approval': (p: { code: string; you: string; by: 'rt_chair' | 'staff' | null } & OfficeParams) =>
    `Surat pengantar untuk berkas ${p.code} ${p.by === 'rt_chair' ? `sudah ${p.you} setujui` : p.by === 'staff' ? 'sudah disetujui oleh kantor kelurahan' : 'sudah disetujui'}, jadi tidak bisa ditolak lagi. ` +
    `Bila ada yang salah, mohon ${officeContactId(p)}; petugas masih bisa menolak berkas ini.`,
  'rt.letter_failed': (p: { name: string; code: string }) =>
    `Maaf, surat pengantar untuk ${p.name} (berkas ${p.code}) gagal dibuat oleh Loket. Persetujuan Bapak/Ibu tetap tercatat, jadi tidak perlu menyetujui lagi. Petugas kelurahan sudah kami beri tahu dan akan menyiapkan suratnya.`,
  'rt.refuse_ask': 'Apa alasan menolak? Tulis singkat, akan kami sampaikan ke pemohon.',
  'rt.refused_chair': 'Permintaan ditolak. Pemohon sudah kami beri tahu.',
  'rt.verify_card': (p: { code: string; service: string; name: string; nik: string; count: number }) =>
    `Mohon periksa berkas ${p.code}: ${p.service} untuk ${p.name}, NIK ${p.nik} (${p.count} dokumen).\nApakah data dan dokumennya benar?`,
  'rt.valid_chair': (p: { code: string }) => `Terima kasih. Berkas ${p.code} dinyatakan sah.`,
  'rt.invalid_which': 'Dokumen mana yang tidak sah?',
  'rt.invalid_data': 'Data pemohon',
  'rt.invalid_reason': 'Apa yang salah? Tulis singkat, akan kami sampaikan ke pemohon.',
  'rt.invalid_chair': (p: { document: string }) => `Baik. Pemohon kami minta memperbaiki: ${p.document}.`,
  'rt.neighbours_ask': (p: { name: string }) =>
    `Ketik nomor HP satu atau dua tetangga yang mengenal ${p.name}. Pisahkan dengan koma.\nContoh: 0812 3456 7890, 0813 9876 5432`,
  'rt.neighbours_bad': 'Nomor belum benar. Tulis satu atau dua nomor HP, dipisah koma. Contoh: 0812 3456 7890',
  'rt.neighbours_answered': (p: { code: string; lines: string }) => `Jawaban tetangga untuk berkas ${p.code}:\n${p.lines}\nSilakan putuskan.`,
  'rt.neighbour_yes': 'kenal',
  'rt.neighbour_no': 'tidak kenal',
  'rt.already_handled': (p: { code: string }) => `Berkas ${p.code} sudah ditangani. Terima kasih.`,
  'rt.linked': (p: { name: string; rt: string; rw: string }) => `Terima kasih, ${p.name}. Nomor ini sekarang terhubung sebagai Ketua RT ${p.rt}/RW ${p.rw}.`,
  'rt.invite_invalid': (p: OfficeParams) => `Kode undangan tidak dikenal atau sudah dipakai. Untuk kode baru, ${officeContactId(p)}.`,
  'resident.pengantar_approved': (p: { code: string }) => `Ketua RT menyetujui surat pengantar untuk berkas ${p.code}.`,
  'resident.processing_starts': (p: { date: string }) => `Berkas mulai diproses kantor. Paling lambat selesai ${p.date}.`,
  'resident.letter_from_office': 'Surat pengantarnya belum bisa kami kirim lewat chat. Petugas kelurahan akan menyiapkannya; Bapak/Ibu tidak perlu mengurus apa-apa.',
  'resident.pengantar_refused': (p: { code: string; reason: string }) =>
    `Ketua RT belum bisa memberi surat pengantar untuk berkas ${p.code}.\nAlasan: ${p.reason}\nSilakan hubungi Ketua RT, atau ketik "pengaduan".`,
  'resident.day2': (p: { code: string }) => `Berkas ${p.code} sudah kami terima dan arsipkan. Sekarang Ketua RT memeriksanya. Ini hari ke-2 dari 3.`,
  'resident.day3': (p: { code: string; date: string }) => `Berkas ${p.code} sudah diperiksa Ketua RT. Hari ke-3: dokumen sedang dibuat. Paling lambat selesai ${p.date}.`,
  'resident.revision': (p: { code: string; reason: string; document: string }) =>
    `Berkas ${p.code} perlu perbaikan.\nKetua RT: ${p.reason}\nSilakan kirim lagi ${p.document} yang baru di chat ini.`,
  'resident.revision_received': (p: { code: string; document: string }) => `Terima kasih, ${p.document} diterima, sedang kami periksa. Setelah itu berkas ${p.code} diperiksa lagi oleh Ketua RT.`,
  'neighbour.question': (p: { rt: string; rw: string; name: string; minuteOfDay: number }) =>
    `${greeting('id', p.minuteOfDay)}. Ketua RT ${p.rt} meminta bantuan Bapak/Ibu:\napakah Bapak/Ibu mengenal ${p.name}, yang tinggal di RT ${p.rt}/RW ${p.rw}?`,
  'neighbour.yes': 'Ya, kenal',
  'neighbour.no': 'Tidak kenal',
  'neighbour.thanks': 'Terima kasih atas jawabannya.',
  'letter.caption': (p: { code: string }) => `Surat pengantar RT untuk berkas ${p.code}. Kode cek keaslian ada di surat.`,
  'letter.revoked_rejected': 'Berkasnya ditolak.',
  'letter.revoked_cancelled': 'Berkasnya dibatalkan.',
  'letter.revoked_abandoned': 'Berkasnya tidak dilanjutkan.',

  'notice.remind_pengantar': (p: { chair: string; you: string; name: string; code: string }) =>
    `Pengingat untuk ${p.chair}: permintaan surat pengantar untuk ${p.name} (${p.code}) masih menunggu jawaban ${p.you}.`,
  'notice.remind_verification': (p: { chair: string; you: string; code: string }) => `Pengingat untuk ${p.chair}: berkas ${p.code} masih menunggu pemeriksaan ${p.you}.`,
  'notice.remind_revision': (p: { code: string }) => `Pengingat: berkas ${p.code} menunggu perbaikan dari Bapak/Ibu. Kirim fotonya di chat ini.`,
  'notice.draft_abandoned': (p: { code: string }) => `Berkas ${p.code} kami tutup karena tidak dilanjutkan selama 7 hari. Ketik "menu" untuk mulai lagi.`,
  'notice.escalate': (p: { code: string; what: string }) => `Perlu perhatian: berkas ${p.code}. ${p.what}`,
  'notice.escalate_pengantar': (p: { rt: string; rw: string }) => `Ketua RT ${p.rt}/RW ${p.rw} belum menjawab permintaan surat pengantar.`,
  'notice.escalate_verification': 'Pemeriksaan hari ke-2 oleh Ketua RT terlambat.',
  'notice.escalate_late': 'Sudah lewat janji 3 hari kerja.',
  'notice.escalate_late_days': (p: { days: number }) => `Sudah ${p.days} hari kerja lewat janji 3 hari kerja, dan dokumennya belum selesai.`,
  'notice.escalate_complaint': 'Pengaduan belum dijawab sampai batas waktunya.',
  'notice.escalate_disdukcapil': 'Kartu dari Disdukcapil belum kembali pada tanggal perkiraan.',
  'notice.letter_failed': (p: { number: string; rt: string; rw: string }) =>
    `Surat pengantar ${p.number} (RT ${p.rt}/RW ${p.rw}) gagal dibuat oleh sistem dan belum dikirim ke siapa pun; kode ceknya tidak berlaku. Mohon siapkan surat pengantar secara manual. Ketua RT dan pemohon sudah kami beri tahu bahwa suratnya menyusul dari kantor.`,
  'notice.output_letter_failed': (p: { number: string }) =>
    `Surat keterangan kelurahan ${p.number} gagal dibuat oleh sistem; kode ceknya tidak berlaku. Buat suratnya lagi di meja layanan, atau unggah surat yang disiapkan manual. Warga belum diberi tahu apa pun.`,
  'digest.rt': (p: { chair: string; you: string; count: number; lines: string }) =>
    `Selamat pagi, ${p.chair}. Ada ${p.count} berkas yang menunggu ${p.you}:\n${p.lines}\nKetik "rt" untuk melihat dan menjawabnya.`,
  'digest.rt_pengantar': 'surat pengantar',
  'digest.rt_verify': 'pemeriksaan hari ke-2',
  'digest.staff': (p: { due: number; late: number; lines: string }) => `Ringkasan pagi Loket: ${p.due} berkas jatuh tempo hari ini, ${p.late} terlambat.${p.lines ? `\n${p.lines}` : ''}`,

  'invite.throttled': (p: OfficeParams) =>
    `Sudah terlalu banyak kode yang salah dari nomor ini. Coba lagi satu jam lagi. Untuk kode baru, ${officeContactId(p)}.`,
  'invite.linked': (p: { name: string }) => `Terima kasih, ${p.name}. Nomor ini sekarang terhubung dengan Loket.`,
  'invite.staff_linked': (p: { name: string; kelurahan: string }) =>
    `Terima kasih, ${p.name}. Chat ini sekarang tersambung dengan akun staf Loket. Mulai sekarang, eskalasi berkas dan ringkasan pagi Kelurahan ${p.kelurahan} dikirim ke sini.`,
  'notice.undeliverable': (p: { name: string; code: string | null; app: string }) =>
    `Pesan Loket untuk ${p.name}${p.code ? ` (berkas ${p.code})` : ''} tidak sampai ke ${p.app}-nya. Mohon sampaikan langsung, ya.`,
  'notice.not_delivered': (p: { kind: 'text' | 'document' | 'image'; to: string; code: string | null; since: string; days: number }) =>
    `${{ text: 'Pesan', document: 'Dokumen', image: 'Gambar' }[p.kind]} dari Loket untuk nomor ${p.to}${p.code ? ` (berkas ${p.code})` : ''} tidak terkirim, walaupun Loket sudah mencoba selama ${p.days} hari sejak ${p.since}.\nMohon kabari orangnya langsung, dan minta ia mengetik "status" di chat Loket.`,
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
  'cancel.chair_told': (p: { code: string; name: string; you: string }) => `Berkas ${p.code} (${p.name}) sudah dibatalkan. ${p.you} tidak perlu menjawabnya lagi. Terima kasih.`,
  'cancel.helper_told': (p: { code: string; name: string }) => `Berkas ${p.code} untuk ${p.name} sudah dibatalkan oleh pemohon sendiri.`,
  'cancel.applicant_told': (p: { code: string; helper: string }) => `Berkas ${p.code} atas nama Bapak/Ibu sudah dibatalkan oleh pemilik nomor ${p.helper} yang mengajukannya.`,

  'complaint.ask': 'Silakan tulis pengaduan Bapak/Ibu.',
  'complaint.too_short': 'Pengaduan terlalu pendek. Ceritakan sedikit lebih banyak, ya.',
  'complaint.photo': 'Ada foto pendukung? Kirim fotonya, atau tekan "Lewati".',
  'complaint.skip': 'Lewati',
  'complaint.about': 'Pengaduan ini tentang berkas yang mana?',
  'complaint.not_about_case': 'Bukan tentang berkas',
  'complaint.received': (p: { code: string; date: string }) =>
    `Pengaduan diterima. Nomor: ${p.code}.\nKami jawab paling lambat ${p.date}.`,
  // The buttons under the office's answer (desk.complaint_answered), pressed when they no longer apply.
  'complaint.reopen_too_late': (p: { code: string; days: number }) =>
    `Pengaduan ${p.code} tidak bisa dibuka lagi, karena sudah lebih dari ${p.days} hari sejak dijawab.\n` +
    'Bila masih ada masalah, silakan buat pengaduan baru: pilih "Pengaduan" di menu.',
  'complaint.still_open': (p: { code: string; date: string }) => `Pengaduan ${p.code} masih kami tangani. Kami jawab paling lambat ${p.date}.`,

  'language.which': 'Pilih bahasa / Choose a language:',
  'language.set': 'Baik, kami pakai Bahasa Indonesia.',

  // The name rule (src/domain/person-name.ts): say exactly what is wrong, then what a name may hold.
  'name.invisible': `Nama itu berisi tanda yang tidak terlihat, mungkin ikut tersalin. ${NAME_ALLOWED_ID} Ketik ulang namanya, jangan disalin.`,
  'name.link': `Nama tidak boleh berisi alamat situs atau tautan. ${NAME_ALLOWED_ID}`,
  'name.dot_space': `Setelah titik, beri spasi, seperti di KK (contoh: Moh. Rizal). Nama tidak boleh berisi alamat situs. ${NAME_ALLOWED_ID}`,
  'name.digits': `Nama tidak boleh berisi angka. ${NAME_ALLOWED_ID}`,
  'name.symbol': `Nama tidak boleh berisi emoji atau tanda seperti @, #, /, : atau !. ${NAME_ALLOWED_ID}`,
  'name.script': `Nama ditulis dengan huruf Latin (A sampai Z, boleh dengan tanda seperti é), seperti di KK. ${NAME_ALLOWED_ID}`,
  'name.no_letters': `Nama harus berisi huruf. ${NAME_ALLOWED_ID}`,
  'name.too_short': (p: { min: number }) => `Nama terlalu pendek: paling sedikit ${p.min} huruf. Tulis nama lengkap sesuai KK, ya.`,
  'name.too_long': (p: { max: number; got: number }) =>
    `Nama terlalu panjang: paling banyak ${p.max} huruf, yang Bapak/Ibu kirim ${p.got}. Tulis nama sesuai KK, ya.`,

  // Limits on applying for someone else (src/domain/helper-limits.ts): why, and what to do instead.
  'limit.daily': (p: { limit: number }) =>
    `Hari ini Bapak/Ibu sudah mengajukan ${p.limit} berkas untuk orang lain. Itu batas sehari, supaya nomor kelurahan tidak dipakai untuk mengganggu orang.\n` +
    'Silakan ajukan lagi besok, atau minta yang bersangkutan mengajukan sendiri dari HP-nya. Untuk diri sendiri tetap bisa.',
  'limit.own_number': 'Itu nomor HP Bapak/Ibu sendiri. Tulis nomor HP pemohon, atau pilih "Tidak punya HP" bila pemohon tidak punya HP.',
  'limit.request_open': (p: { number: string; code: string }) =>
    `Kami masih menunggu jawaban pemilik nomor ${p.number} atas pengajuan Bapak/Ibu sebelumnya (berkas ${p.code}). ` +
    'Selama belum dijawab, kami tidak mengirim permintaan kedua ke nomor itu.\n' +
    'Tunggu jawabannya, atau batalkan berkas itu lewat menu "Batalkan berkas" lalu ajukan lagi.',
  'limit.denied': (p: { number: string; date: string } & OfficeParams) =>
    `Pemilik nomor ${p.number} sudah menjawab bahwa ia tidak meminta pengajuan dari Bapak/Ibu. ` +
    `Karena itu, Bapak/Ibu tidak bisa mengajukan untuk nomor itu sampai ${p.date}.\n` +
    `Minta ia mengajukan sendiri dari HP-nya, atau datang bersama ke kantor kelurahan di ${p.officeAddress}.`,
} satisfies Record<string, string | ((params: never) => string)>;
