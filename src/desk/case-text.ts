/** The words of the case page: its sections, the actions and their fields. Bahasa Indonesia first. */
import type { DeskActionName } from '../domain/desk/actions';
import type { Locale } from '../domain/messages';

type Words = {
  action: Record<DeskActionName, string>;
  applicant: string;
  helper: string;
  rt: string;
  delivery: string;
  pickup: string;
  courier: (p: { address: string }) => string;
  business: string;
  businessLine: (p: { name: string; kind: string; address: string }) => string;
  deadline: string;
  complaintText: string;
  pickupCodeSet: string;
  disdukcapil: (p: { reference: string; date: string }) => string;
  timeline: string;
  documents: string;
  noDocuments: string;
  superseded: string;
  letters: string;
  verifyLink: string;
  revoked: string;
  notices: string;
  noNotices: string;
  actions: string;
  noActions: string;
  reason: string;
  note: string;
  requirement: string;
  dataWrong: string;
  reference: string;
  expectedDate: string;
  output: string;
  outputCard: string;
  outputUpload: string;
  courierName: string;
  pickupCode: string;
  receiverName: string;
  letter: string;
  issueLetter: string;
  issueLetterHint: string;
  letterRefused: string;
  outputLetter: string;
  letterMade: string;
  letterMaking: string;
  letterFailed: string;
  /** The case's files were deleted after the kelurahan's retention period (the row stays). */
  purged: (p: { date: string }) => string;
  filePurged: string;
  proofPhoto: string;
  uploadOutput: string;
  uploadProof: string;
  file: string;
  upload: string;
  uploadRefused: Record<'no_file' | 'bad_kind' | 'not_now' | 'bad_type' | 'too_large' | 'empty', string>;
  text: string;
  answer: string;
  onBehalf: string;
  done: string;
  stale: string;
  staffActor: (p: { name: string }) => string;
  systemActor: string;
  residentActor: (p: { name: string }) => string;
  status: Record<string, string>;
  documentStatus: Record<'pending' | 'stored' | 'rejected' | 'failed', string>;
  eventKind: Record<string, string>;
  viewed: (p: { count: number; name: string; at: string }) => string;
};

const id: Words = {
  action: {
    archive: 'Terima berkas (hari 1)',
    request_resend: 'Minta kirim ulang dokumen',
    approve_pengantar: 'Setujui surat pengantar (atas nama Ketua RT)',
    refuse_pengantar: 'Tolak surat pengantar (atas nama Ketua RT)',
    verify_valid: 'Nyatakan sah (atas nama Ketua RT)',
    verify_invalid: 'Nyatakan tidak sah (atas nama Ketua RT)',
    hand_off: 'Serahkan ke Disdukcapil',
    produce: 'Hasil siap',
    new_pickup_code: 'Kirim kode ambil baru',
    hand_over: 'Serahkan ke warga (selesai)',
    reject: 'Tolak berkas',
    cancel: 'Batalkan berkas',
    revoke_letter: 'Cabut surat',
    reply: 'Balas warga',
    answer: 'Jawab pengaduan',
    close: 'Tutup pengaduan',
  },
  applicant: 'Pemohon',
  helper: 'Diajukan oleh',
  rt: 'RT/RW',
  delivery: 'Pengambilan',
  pickup: 'Diambil di kantor',
  courier: (p) => `Diantar kurir ke: ${p.address}`,
  business: 'Usaha',
  businessLine: (p) => `${p.name} (${p.kind}), ${p.address}`,
  deadline: 'Batas janji',
  complaintText: 'Isi pengaduan',
  pickupCodeSet: 'Kode ambil sudah dikirim ke warga',
  disdukcapil: (p) => `Disdukcapil: ${p.reference}, perkiraan ${p.date}`,
  timeline: 'Riwayat',
  documents: 'Dokumen',
  noDocuments: 'Belum ada dokumen.',
  superseded: 'diganti',
  letters: 'Surat',
  verifyLink: 'Cek keaslian',
  revoked: 'dicabut',
  notices: 'Pesan terkirim',
  noNotices: 'Belum ada pesan.',
  actions: 'Tindakan',
  noActions: 'Tidak ada tindakan untuk tahap ini.',
  reason: 'Alasan',
  note: 'Catatan untuk warga',
  requirement: 'Dokumen',
  dataWrong: 'Data pemohon salah',
  reference: 'Nomor tanda terima Disdukcapil',
  expectedDate: 'Perkiraan selesai',
  output: 'Hasil',
  outputCard: 'Kartu sudah kembali dari Disdukcapil',
  outputUpload: 'Berkas hasil yang diunggah',
  courierName: 'Nama kurir',
  pickupCode: 'Kode ambil dari warga',
  receiverName: 'Nama penerima',
  letter: 'Surat',
  issueLetter: 'Buat surat keterangan kelurahan',
  issueLetterHint: 'PDF dengan kode cek dan tanda tangan Lurah, dibuat oleh Loket. Setelah selesai dibuat, pilih di "Hasil siap"; warga menerimanya bersama kabar siap.',
  letterRefused: 'Surat keterangan tidak bisa dibuat untuk berkas ini sekarang.',
  outputLetter: 'Surat keterangan kelurahan',
  letterMade: 'sudah dibuat',
  letterMaking: 'sedang dibuat',
  letterFailed: 'gagal dibuat',
  purged: (p) => `File berkas ini sudah dihapus pada ${p.date} sesuai masa simpan (UU 27/2022 tentang Pelindungan Data Pribadi). Data berkas, nomor surat dan kode ceknya tetap tercatat.`,
  filePurged: 'file dihapus sesuai masa simpan',
  proofPhoto: 'Foto bukti serah terima',
  uploadOutput: 'Unggah hasil (PDF atau foto)',
  uploadProof: 'Unggah foto bukti dari kurir',
  file: 'Berkas (PDF, JPG atau PNG)',
  upload: 'Unggah',
  uploadRefused: {
    no_file: 'Pilih berkasnya dulu.',
    bad_kind: 'Jenis unggahan tidak dikenal.',
    not_now: 'Berkas ini tidak bisa diunggah pada tahap ini.',
    bad_type: 'Hanya PDF, JPG atau PNG yang bisa diunggah.',
    too_large: 'Berkas terlalu besar.',
    empty: 'Berkasnya kosong.',
  },
  text: 'Pesan',
  answer: 'Jawaban',
  onBehalf: 'Selalu dengan alasan. Tercatat sebagai keputusan kantor kelurahan.',
  done: 'Tersimpan. Warga sudah diberi tahu.',
  stale: 'Berkas ini sudah berubah sejak halaman dibuka. Lihat keadaan terbaru di bawah, lalu coba lagi.',
  staffActor: (p) => `Staf: ${p.name}`,
  systemActor: 'Loket',
  residentActor: (p) => p.name,
  status: { pending: 'menunggu', sending: 'dikirim', sent: 'terkirim', delivered: 'diterima', read: 'dibaca', failed: 'gagal' },
  documentStatus: { pending: 'sedang diambil', stored: 'tersimpan', rejected: 'ditolak', failed: 'gagal diambil' },
  eventKind: {
    document_received: 'Dokumen masuk',
    document_stored: 'Dokumen tersimpan',
    document_rejected: 'Dokumen ditolak',
    document_failed: 'Dokumen gagal diambil',
    documents_checked: 'Dokumen sudah diperiksa',
    letter_issued: 'Surat dibuat',
    letter_made: 'Surat selesai dibuat',
    letter_failed: 'Surat gagal dibuat',
    escalated: 'Diteruskan ke staf',
    nik_conflict: 'NIK juga ada di berkas lain yang masih berjalan, atas nama lain',
    reminded: 'Ketua RT diingatkan',
    reply: 'Balasan ke warga',
    new_pickup_code: 'Kode ambil baru',
    pickup_code_wrong: 'Kode ambil salah',
    revoke_letter: 'Surat dicabut',
    output_uploaded: 'Hasil diunggah',
    handover_proof_uploaded: 'Bukti serah terima diunggah',
    press_refused: 'Tombol ditekan oleh orang yang tidak berhak',
    delivery_failed: 'Pesan gagal terkirim',
    applicant_confirmed: 'Pemohon membenarkan',
    applicant_denied: 'Pemohon menyangkal ("Bukan saya")',
    files_purged: 'File dihapus sesuai masa simpan',
  },
  viewed: (p) => `Dokumen dibuka ${p.count} kali oleh staf; terakhir oleh ${p.name}, ${p.at}.`,
};

const en: Words = {
  action: {
    archive: 'Receive the documents (day 1)',
    request_resend: 'Ask for a document again',
    approve_pengantar: 'Approve the RT letter (for the RT chair)',
    refuse_pengantar: 'Refuse the RT letter (for the RT chair)',
    verify_valid: 'Judge valid (for the RT chair)',
    verify_invalid: 'Judge not valid (for the RT chair)',
    hand_off: 'Hand off to Disdukcapil',
    produce: 'Output ready',
    new_pickup_code: 'Send a new pickup code',
    hand_over: 'Hand over to the resident (done)',
    reject: 'Reject the case',
    cancel: 'Cancel the case',
    revoke_letter: 'Revoke a letter',
    reply: 'Reply to the resident',
    answer: 'Answer the complaint',
    close: 'Close the complaint',
  },
  applicant: 'Applicant',
  helper: 'Filed by',
  rt: 'RT/RW',
  delivery: 'Delivery',
  pickup: 'Picked up at the office',
  courier: (p) => `By courier to: ${p.address}`,
  business: 'Business',
  businessLine: (p) => `${p.name} (${p.kind}), ${p.address}`,
  deadline: 'Promised by',
  complaintText: 'Complaint',
  pickupCodeSet: 'A pickup code was sent to the resident',
  disdukcapil: (p) => `Disdukcapil: ${p.reference}, expected ${p.date}`,
  timeline: 'Timeline',
  documents: 'Documents',
  noDocuments: 'No documents yet.',
  superseded: 'replaced',
  letters: 'Letters',
  verifyLink: 'Check it is genuine',
  revoked: 'revoked',
  notices: 'Messages sent',
  noNotices: 'No messages yet.',
  actions: 'Actions',
  noActions: 'Nothing to do at this stage.',
  reason: 'Reason',
  note: 'Note for the resident',
  requirement: 'Document',
  dataWrong: "The applicant's data is wrong",
  reference: 'Disdukcapil receipt number',
  expectedDate: 'Expected by',
  output: 'Output',
  outputCard: 'The card is back from Disdukcapil',
  outputUpload: 'Uploaded output file',
  courierName: "Courier's name",
  pickupCode: "The resident's pickup code",
  receiverName: "Receiver's name",
  letter: 'Letter',
  issueLetter: "Make the kelurahan's letter",
  issueLetterHint: 'A PDF with a check code, signed for the Lurah, made by Loket. Once made, choose it under "Output ready"; the resident receives it with the news.',
  letterRefused: 'The letter cannot be made for this case now.',
  outputLetter: "The kelurahan's letter",
  letterMade: 'made',
  letterMaking: 'being made',
  letterFailed: 'failed',
  purged: (p) => `The files of this case were deleted on ${p.date}, as the retention period requires (Law 27/2022 on Personal Data Protection). The case, its letter numbers and check codes stay on record.`,
  filePurged: 'file deleted after the retention period',
  proofPhoto: 'Photo proof of hand-over',
  uploadOutput: 'Upload the output (PDF or photo)',
  uploadProof: "Upload the courier's photo proof",
  file: 'File (PDF, JPG or PNG)',
  upload: 'Upload',
  uploadRefused: {
    no_file: 'Choose the file first.',
    bad_kind: 'Unknown kind of upload.',
    not_now: 'This file cannot be uploaded at this stage.',
    bad_type: 'Only PDF, JPG or PNG can be uploaded.',
    too_large: 'The file is too large.',
    empty: 'The file is empty.',
  },
  text: 'Message',
  answer: 'Answer',
  onBehalf: "Always with a reason. Recorded as the kelurahan office's decision.",
  done: 'Saved. The resident has been told.',
  stale: 'This case changed since the page was opened. See where it stands below, then try again.',
  staffActor: (p) => `Staff: ${p.name}`,
  systemActor: 'Loket',
  residentActor: (p) => p.name,
  status: { pending: 'waiting', sending: 'sending', sent: 'sent', delivered: 'delivered', read: 'read', failed: 'failed' },
  documentStatus: { pending: 'being fetched', stored: 'stored', rejected: 'refused', failed: 'could not be fetched' },
  eventKind: {
    document_received: 'Document received',
    document_stored: 'Document stored',
    document_rejected: 'Document refused',
    document_failed: 'Document could not be fetched',
    documents_checked: 'Documents checked',
    letter_issued: 'Letter issued',
    letter_made: 'Letter made',
    letter_failed: 'Letter could not be made',
    escalated: 'Escalated to staff',
    nik_conflict: 'NIK also on another open case, under another name',
    reminded: 'RT chair reminded',
    reply: 'Reply to the resident',
    new_pickup_code: 'New pickup code',
    pickup_code_wrong: 'Wrong pickup code',
    revoke_letter: 'Letter revoked',
    output_uploaded: 'Output uploaded',
    handover_proof_uploaded: 'Hand-over proof uploaded',
    press_refused: 'A button pressed by someone not allowed',
    delivery_failed: 'A message failed to arrive',
    applicant_confirmed: 'The applicant confirmed',
    applicant_denied: 'The applicant denied ("Not me")',
    files_purged: 'Files deleted after the retention period',
  },
  viewed: (p) => `Documents opened ${p.count} times by staff; last by ${p.name}, ${p.at}.`,
};

export function caseText(locale: Locale): Words {
  return locale === 'en' ? en : id;
}
