/**
 * The words of the work list and the case page: stages, headings, actions. Bahasa Indonesia
 * first; the English catalogue must have every key (a missing one is a compile error).
 */
import type { CaseState } from '../domain/case-machine';
import type { Locale } from '../domain/messages';
import type { Section } from '../domain/work-list';

type Words = {
  stage: Record<CaseState, string>;
  section: Record<Section | 'failed', string>;
  sectionEmpty: string;
  day: (p: { day: number }) => string;
  due: string;
  lateHours: (p: { hours: number }) => string;
  lateDays: (p: { days: number }) => string;
  filters: string;
  search: string;
  searchHint: string;
  service: string;
  stageLabel: string;
  rw: string;
  rt: string;
  all: string;
  dueToday: string;
  lateOnly: string;
  apply: string;
  reset: string;
  complaint: string;
  none: string;
  failedTo: (p: { name: string; channel: string }) => string;
  results: (p: { count: number }) => string;
};

const id: Words = {
  stage: {
    draft: 'Sedang diisi warga',
    awaiting_pengantar: 'Menunggu surat pengantar RT',
    submitted: 'Hari 1: terima berkas',
    verifying: 'Hari 2: verifikasi Ketua RT',
    neighbour_check: 'Hari 2: tetangga ditanya',
    needs_revision: 'Menunggu dokumen dikirim ulang',
    processing: 'Hari 3: buat hasil',
    at_disdukcapil: 'Di Disdukcapil',
    ready: 'Siap diserahkan',
    completed: 'Selesai',
    rejected: 'Ditolak',
    cancelled: 'Dibatalkan',
    open: 'Pengaduan belum dijawab',
    answered: 'Pengaduan sudah dijawab',
    closed: 'Pengaduan ditutup',
  },
  section: {
    late: 'Terlambat',
    receive: 'Terima berkas (hari 1)',
    produce: 'Buat hasil (hari 3)',
    hand_over: 'Siap diambil atau diantar',
    complaints: 'Pengaduan terbuka',
    waiting_rt: 'Menunggu Ketua RT',
    other: 'Lainnya',
    failed: 'Pesan yang gagal terkirim',
  },
  sectionEmpty: 'Tidak ada.',
  day: (p) => `hari ke-${p.day} dari 3`,
  due: 'Batas',
  lateHours: (p) => `terlambat ${p.hours} jam`,
  lateDays: (p) => `terlambat ${p.days} hari`,
  filters: 'Saring',
  search: 'Cari',
  searchHint: 'Nomor berkas, nama, atau nomor HP',
  service: 'Layanan',
  stageLabel: 'Tahap',
  rw: 'RW',
  rt: 'RT',
  all: 'Semua',
  dueToday: 'Batas hari ini',
  lateOnly: 'Hanya yang terlambat',
  apply: 'Terapkan',
  reset: 'Hapus saringan',
  complaint: 'Pengaduan',
  none: '-',
  failedTo: (p) => `Untuk ${p.name} (${p.channel})`,
  results: (p) => `${p.count} berkas`,
};

const en: Words = {
  stage: {
    draft: 'Being filled in by the resident',
    awaiting_pengantar: 'Waiting for the RT letter',
    submitted: 'Day 1: receive the documents',
    verifying: 'Day 2: RT chair verifies',
    neighbour_check: 'Day 2: neighbours asked',
    needs_revision: 'Waiting for a document again',
    processing: 'Day 3: make the output',
    at_disdukcapil: 'At Disdukcapil',
    ready: 'Ready to hand over',
    completed: 'Completed',
    rejected: 'Rejected',
    cancelled: 'Cancelled',
    open: 'Complaint not answered yet',
    answered: 'Complaint answered',
    closed: 'Complaint closed',
  },
  section: {
    late: 'Late',
    receive: 'Receive documents (day 1)',
    produce: 'Make the output (day 3)',
    hand_over: 'Ready for pickup or courier',
    complaints: 'Open complaints',
    waiting_rt: 'Waiting for the RT chair',
    other: 'Other',
    failed: 'Messages that failed to arrive',
  },
  sectionEmpty: 'None.',
  day: (p) => `day ${p.day} of 3`,
  due: 'Due',
  lateHours: (p) => `${p.hours} h late`,
  lateDays: (p) => `${p.days} ${p.days === 1 ? 'day' : 'days'} late`,
  filters: 'Filter',
  search: 'Search',
  searchHint: 'Case code, name or phone number',
  service: 'Service',
  stageLabel: 'Stage',
  rw: 'RW',
  rt: 'RT',
  all: 'All',
  dueToday: 'Due today',
  lateOnly: 'Late only',
  apply: 'Apply',
  reset: 'Clear filters',
  complaint: 'Complaint',
  none: '-',
  failedTo: (p) => `To ${p.name} (${p.channel})`,
  results: (p) => `${p.count} ${p.count === 1 ? 'case' : 'cases'}`,
};

export function workText(locale: Locale): Words {
  return locale === 'en' ? en : id;
}
