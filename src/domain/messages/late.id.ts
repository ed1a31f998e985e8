/**
 * A case that missed its promised date, told to the resident, in Bahasa Indonesia. Keys mirror
 * late.en.ts; the compiler checks both have the same.
 */
import { officeContactId, type OfficeParams } from './menu.id';

export const lateId = {
  // Sent once, with the first escalation to staff: it says the fault is the office's so the
  // resident does not resend anything, and how to reach a person.
  'resident.late': (p: { code: string; date: string } & OfficeParams) =>
    `Mohon maaf, dokumen berkas ${p.code} belum selesai pada ${p.date}, seperti yang kami janjikan.\n` +
    'Keterlambatan ini dari kantor kelurahan, bukan dari Bapak/Ibu. Tidak ada yang perlu dikirim lagi.\n' +
    'Petugas sudah kami beri tahu dan sedang menyelesaikannya. Kami kabari lagi di chat ini begitu dokumennya siap.\n' +
    `Ada pertanyaan? Silakan ${officeContactId(p)}.`,
};
