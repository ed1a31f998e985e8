/**
 * What the kelurahan office's actions on the desk (/status) tell residents, helpers and RT chairs,
 * in Bahasa Indonesia, and how the desk names a refused action to staff. Parameters are the same
 * in every language (codes, ids, local dates, minutes); each catalogue words and formats them
 * itself, so one decision can be told to each person in their own language.
 * Every text staff typed (reason, note, answer) arrives here already checked (desk/staff-text.ts).
 */
import type { LocalDate } from '../calendar';
import { formatPickupCode } from '../pickup-code';
import type { RequirementId, ServiceId } from '../services';
import { formatLongDate } from './dates';
import { id } from './id';

const service = (s: ServiceId) => id[`service.${s}`];
const documentName = (r: RequirementId | null) => (r ? id[`requirement.${r}`] : 'data pemohon');
const date = (d: LocalDate) => formatLongDate('id', d);
const clock = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}.${String(minute % 60).padStart(2, '0')}`;
const CHAIR_DECISION = {
  approve_pengantar: 'surat pengantar disetujui',
  refuse_pengantar: 'surat pengantar tidak disetujui',
  verify_valid: 'data dinyatakan sah',
  verify_invalid: 'pemohon diminta memperbaiki dokumen',
} as const;

export type ChairDecision = keyof typeof CHAIR_DECISION;

export const deskId = {
  'desk.resend': (p: { code: string; document: RequirementId; note: string }) =>
    `Berkas ${p.code}: petugas kelurahan meminta Bapak/Ibu mengirim ulang ${documentName(p.document)}.\n` +
    `Catatan petugas: ${p.note}\nKirim foto atau PDF-nya di chat ini, ya.`,
  'desk.pengantar_approved': (p: { code: string; reason: string; date: LocalDate | null }) =>
    `Kantor kelurahan menyetujui surat pengantar untuk berkas ${p.code}, menggantikan Ketua RT.\nAlasan: ${p.reason}` +
    (p.date ? `\nBerkas mulai diproses. Paling lambat selesai ${date(p.date)}.` : ''),
  'desk.pengantar_refused': (p: { code: string; reason: string }) =>
    `Kantor kelurahan tidak menyetujui surat pengantar untuk berkas ${p.code}. Berkas ini tidak dilanjutkan.\n` +
    `Alasan: ${p.reason}\nAda pertanyaan? Ketik "pengaduan".`,
  'desk.verified_valid': (p: { code: string; reason: string; date: LocalDate }) =>
    `Kantor kelurahan sudah memeriksa berkas ${p.code}, menggantikan Ketua RT. Data dinyatakan sah.\n` +
    `Catatan: ${p.reason}\nHari ke-3: dokumen sedang dibuat. Paling lambat selesai ${date(p.date)}.`,
  // The applicant's data is typed again, not photographed (src/bot/steps/revision.ts).
  'desk.verified_invalid': (p: { code: string; reason: string; document: RequirementId | null }) =>
    (p.document
      ? `Berkas ${p.code} perlu perbaikan.\nKantor kelurahan: ${p.reason}\nSilakan kirim lagi ${documentName(p.document)} yang baru di chat ini.`
      : `Berkas ${p.code} perlu perbaikan data pemohon.\nKantor kelurahan: ${p.reason}\n` +
        'Ketik nama lengkap yang benar (sesuai KK), atau NIK yang benar (16 angka), di chat ini. Tidak perlu foto.') +
    '\nHitungan 3 hari kerja berhenti dulu. Setelah perbaikan kami terima, hitungannya dimulai lagi dari awal.',
  'desk.chair_told': (p: { code: string; decision: ChairDecision }) =>
    `Berkas ${p.code} sudah diputuskan oleh kantor kelurahan: ${CHAIR_DECISION[p.decision]}. Bapak/Ibu tidak perlu menjawab lagi. Terima kasih.`,
  'desk.disdukcapil_handed': (p: { code: string; service: ServiceId; reference: string; date: LocalDate }) =>
    `Berkas ${p.code}: data Bapak/Ibu sudah kami serahkan ke Disdukcapil. ${service(p.service)} dicetak di sana.\n` +
    `Nomor dari Disdukcapil: ${p.reference}\nPerkiraan jadi: ${date(p.date)}. Tanggal ini dari Disdukcapil dan menggantikan tanggal selesai yang kami janjikan sebelumnya.\nKami kabari lagi bila sudah siap.`,
  'desk.disdukcapil_moved': (p: { code: string; service: ServiceId; reference: string; date: LocalDate }) =>
    `Berkas ${p.code}: Disdukcapil memberi tanggal baru.\nPerkiraan ${service(p.service)} jadi: ${date(p.date)}.\nNomor dari Disdukcapil: ${p.reference}`,
  'desk.ready_pickup': (p: {
    code: string; service: ServiceId; pickupCode: string; kelurahan: string; address: string; opensAtMinute: number; closesAtMinute: number;
  }) =>
    `${service(p.service)} Bapak/Ibu sudah siap diambil (berkas ${p.code}).\n` +
    `Kode ambil: ${formatPickupCode(p.pickupCode)}\n` +
    'Tunjukkan kode ini kepada petugas. Jangan berikan kepada orang lain, kecuali orang yang Bapak/Ibu minta mengambilnya.\n' +
    `Tempat: Kantor Kelurahan ${p.kelurahan}, ${p.address}.\n` +
    `Jam buka: Senin sampai Jumat, pukul ${clock(p.opensAtMinute)} sampai ${clock(p.closesAtMinute)}, kecuali hari libur.`,
  'desk.new_pickup_code': (p: { code: string; pickupCode: string }) =>
    `Kode ambil baru untuk berkas ${p.code}: ${formatPickupCode(p.pickupCode)}\nKode yang lama tidak berlaku lagi.`,
  'desk.courier': (p: { code: string; service: ServiceId; courier: string }) =>
    `${service(p.service)} Bapak/Ibu (berkas ${p.code}) sedang diantar oleh kurir kami, ${p.courier}.\nMohon ada orang di rumah untuk menerimanya.`,
  'desk.completed': (p: { code: string; service: ServiceId; kelurahan: string }) =>
    `Berkas ${p.code} selesai. ${service(p.service)} sudah diserahkan.\nTerima kasih sudah memakai Loket Kelurahan ${p.kelurahan}.`,
  'desk.rejected': (p: { code: string; reason: string }) =>
    `Maaf, berkas ${p.code} ditolak oleh kantor kelurahan.\nAlasan: ${p.reason}\nAda pertanyaan? Ketik "pengaduan".`,
  'desk.cancelled': (p: { code: string; reason: string }) =>
    `Berkas ${p.code} dibatalkan oleh kantor kelurahan.\nAlasan: ${p.reason}\nKetik "menu" bila ingin mengajukan lagi.`,
  'desk.letter_revoked': (p: { code: string; number: string; reason: string }) =>
    `Surat nomor ${p.number} (berkas ${p.code}) dicabut oleh kantor kelurahan. Surat itu tidak berlaku lagi.\nAlasan: ${p.reason}`,
  /** Shown on the public /verify page: general words, never what staff typed. */
  'letter.revoked_by_office': 'Surat dicabut oleh kantor kelurahan.',
  'desk.reply': (p: { code: string; text: string }) => `Pesan dari kantor kelurahan tentang berkas ${p.code}:\n${p.text}`,
  'desk.complaint_answered': (p: { code: string; answer: string; days: number }) =>
    `Jawaban kantor kelurahan untuk pengaduan ${p.code}:\n${p.answer}\n\n` +
    `Belum puas? Tekan "Buka lagi" dalam ${p.days} hari.\nSudah beres? Tekan "Selesai".`,
  'desk.complaint_reopen': 'Buka lagi',
  'desk.complaint_done': 'Selesai',
  'desk.complaint_closed': (p: { code: string }) => `Pengaduan ${p.code} sudah selesai. Terima kasih atas masukan Bapak/Ibu.`,
  'desk.complaint_reopened': (p: { code: string; date: LocalDate }) => `Pengaduan ${p.code} dibuka lagi. Kami jawab paling lambat ${date(p.date)}.`,

  // For staff on the desk: why an action was not done, and what to do instead.
  'desk.refusal.stale': 'Berkas ini sudah berubah sejak halaman dibuka. Muat ulang halaman, lalu coba lagi.',
  'desk.refusal.text_required': 'Alasan atau pesan wajib diisi.',
  'desk.refusal.text_too_long': (p: { max: number }) => `Teks terlalu panjang: paling banyak ${p.max} huruf.`,
  'desk.refusal.requirement_unknown': 'Pilih dokumen yang memang diminta untuk layanan ini.',
  'desk.refusal.courier_name_invalid': 'Nama kurir belum benar. Tulis nama orang saja, tanpa angka atau tanda lain.',
  'desk.refusal.receiver_name_invalid': 'Nama penerima belum benar. Tulis nama orang saja, tanpa angka atau tanda lain.',
  'desk.refusal.proof_required': 'Tulis nama penerima, atau unggah foto bukti serah terima.',
  'desk.refusal.reference_invalid': 'Nomor dari Disdukcapil wajib diisi: huruf besar, angka, garis miring (/) dan tanda hubung (-), paling banyak 40.',
  'desk.refusal.date_invalid': 'Tanggal tidak dikenal. Pilih tanggal dari kalender.',
  'desk.refusal.date_past': 'Tanggal itu sudah lewat. Pilih hari ini atau sesudahnya.',
  'desk.refusal.date_not_working_day': 'Tanggal itu bukan hari kerja. Pilih hari kerja.',
  'desk.refusal.not_disdukcapil_service': 'Hanya KTP dan KK yang dicetak Disdukcapil.',
  'desk.refusal.disdukcapil_first': 'KTP dan KK dicetak Disdukcapil. Catat dulu penyerahan ke Disdukcapil.',
  'desk.refusal.output_not_for_service': 'Hasil itu tidak sesuai dengan layanan berkas ini.',
  'desk.refusal.pickup_code_missing': 'Minta kode ambil 6 angka dari warga, lalu ketik di sini.',
  'desk.refusal.pickup_code_wrong': (p: { left: number }) => `Kode ambil salah. Sisa percobaan: ${p.left}.`,
  'desk.refusal.pickup_code_locked': 'Kode ambil sudah terlalu sering salah. Kirim kode baru ke warga, lalu coba lagi.',
  'desk.refusal.not_pickup': 'Berkas ini diantar kurir, tanpa kode ambil.',
  'desk.refusal.letter_unknown': 'Surat itu tidak ada pada berkas ini.',
  'desk.refusal.letter_already_revoked': 'Surat ini sudah dicabut.',
} satisfies Record<string, string | ((params: never) => string)>;
