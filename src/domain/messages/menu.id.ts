/**
 * The resident's menu around the application, in Bahasa Indonesia: picking up a draft where it
 * stopped, the complaint picker's lines, and how to reach a person (a neighbour, the RT chair or
 * the office) when Loket cannot help. Keys mirror menu.en.ts; the compiler checks both have the same.
 */

/** How residents reach the office: its phone when the kelurahan has set one, else its address. */
export interface OfficeParams {
  officePhone: string | null;
  officeAddress: string;
}

/** "telepon kantor kelurahan di nomor 0711-555-0123", to go inside a sentence. */
export const officeContactId = (p: OfficeParams) =>
  p.officePhone ? `telepon kantor kelurahan di nomor ${p.officePhone}` : `datang ke kantor kelurahan di ${p.officeAddress}`;

/** The chair of the resident's RT; 'self' when the resident is that chair; null when the RT is not known. */
export type ChairParam = { rt: string; name: string } | 'self' | null;

export const menuId = {
  // The services as choices: short enough for a WhatsApp list row (24 characters), so the picker
  // is a list and not numbered lines. The full names stay in sentences (service.*).
  'choice.service.ktp': 'KTP',
  'choice.service.kk': 'Kartu Keluarga',
  'choice.service.nikah': 'Surat pengantar nikah',
  'choice.service.situ': 'SITU (Izin Tempat Usaha)',
  'menu.resume': 'Lanjutkan pengajuan',
  'menu.draft_open': (p: { service: string; name: string; missing: string | null }) =>
    `Pengajuan ${p.service} untuk ${p.name} belum selesai. ` +
    (p.missing ? `Masih kurang: ${p.missing}.` : 'Dokumennya sudah lengkap, tinggal dikirim.') +
    '\nUntuk melanjutkan, ketik "lanjut".',

  'status.draft_missing': (p: { documents: string }) => `Masih kurang: ${p.documents}. Ketik "lanjut", lalu kirim fotonya satu per satu.`,
  'status.draft_checking': 'Semua dokumen sudah masuk dan sedang kami periksa. Ketik "lanjut" untuk memilih cara pengambilan dokumen.',
  'status.draft_unsent': 'Dokumen sudah lengkap, tetapi berkas belum dikirim. Ketik "lanjut" untuk mengirimnya.',
  'resume.offer': (p: { service: string; name: string }) => `Lanjutkan pengajuan ${p.service} untuk ${p.name} sekarang?`,
  'resume.yes': 'Ya, lanjutkan',
  'resume.later': 'Nanti saja',
  'resume.later_ok': 'Baik. Ketik "lanjut" kapan saja untuk melanjutkan.',

  'complaint.case_label': (p: { service: string; date: string; code: string; name: string | null }) =>
    `${p.service}${p.name ? ` untuk ${p.name}` : ''}, ${p.date} (${p.code})`,
} satisfies Record<string, string | ((params: never) => string)>;
