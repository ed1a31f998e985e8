/**
 * The words of the statistics page and the CSV export. Bahasa Indonesia first; the English
 * catalogue must have every key (a missing one is a compile error).
 */
import type { Locale } from '../../domain/messages';

export type RangeError = 'bad_date' | 'reversed' | 'too_long';

type Words = {
  nav: string;
  title: string;
  lead: (p: { from: string; to: string }) => string;
  from: string;
  to: string;
  show: string;
  rangeError: Record<RangeError, string>;
  totals: string;
  byService: string;
  byRt: string;
  service: string;
  rt: string;
  received: string;
  onTime: string;
  onTimeHint: string;
  median: string;
  medianHint: string;
  open: string;
  late: string;
  share: (p: { percent: number; on: number; of: number }) => string;
  days: (p: { days: string }) => string;
  none: string;
  noRt: string;
  rtLabel: (p: { rt: string; rw: string }) => string;
  allServices: string;
  chartTitle: string;
  chartDesc: (p: { weeks: string }) => string;
  chartWeek: (p: { date: string; count: number }) => string;
  chartAxis: string;
  complaints: string;
  complaintsReceived: string;
  complaintsOnTime: string;
  complaintsOpen: string;
  complaintsOverdue: string;
  ikmTitle: string;
  ikmHint: string;
  ikmGrade: string;
  suggestionsTitle: string;
  ikmRespondents: string;
  quarter: string;
  gradeName: Record<'A' | 'B' | 'C' | 'D', string>;
  csvTitle: string;
  csvLead: string;
  csvNikMasked: string;
  csvNikFull: string;
  csvButton: string;
  csvHeader: readonly string[];
  yes: string;
  no: string;
  monthsShort: readonly string[];
};

const id: Words = {
  nav: 'Statistik',
  title: 'Statistik layanan',
  lead: (p) => `Berkas yang diajukan ${p.from} sampai ${p.to}. Berkas terbuka dan terlambat dihitung semuanya, kapan pun diajukan.`,
  from: 'Dari tanggal',
  to: 'Sampai tanggal',
  show: 'Tampilkan',
  rangeError: {
    bad_date: 'Tanggal tidak dikenali. Pilih tanggal dari kalender.',
    reversed: 'Tanggal awal harus sebelum tanggal akhir.',
    too_long: 'Rentang paling lama satu tahun. Pilih rentang yang lebih pendek.',
  },
  totals: 'Ringkasan',
  byService: 'Per layanan',
  byRt: 'Per RT',
  service: 'Layanan',
  rt: 'RT',
  received: 'Diajukan',
  onTime: 'Tepat waktu',
  onTimeHint: 'Selesai dikerjakan kantor (hasil siap, atau KTP/KK diserahkan ke Disdukcapil) paling lambat hari kerja ke-3. Berkas terbuka yang lewat batas dihitung terlambat.',
  median: 'Median hari',
  medianHint: 'Hari kerja dari surat pengantar RT sampai hasil diserahkan, hari ke-1 dihitung.',
  open: 'Terbuka',
  late: 'Terlambat',
  share: (p) => `${p.percent}% (${p.on} dari ${p.of})`,
  days: (p) => `${p.days} hari`,
  none: '–',
  noRt: 'Tanpa RT',
  rtLabel: (p) => `RT ${p.rt}/RW ${p.rw}`,
  allServices: 'Semua layanan',
  chartTitle: 'Berkas per minggu, 12 minggu terakhir',
  chartDesc: (p) => `Jumlah berkas layanan yang diajukan tiap minggu (Senin sampai Minggu). ${p.weeks}`,
  chartWeek: (p) => `Minggu mulai ${p.date}: ${p.count} berkas`,
  chartAxis: 'Minggu mulai (tanggal/bulan)',
  complaints: 'Pengaduan',
  complaintsReceived: 'Diterima',
  complaintsOnTime: 'Dijawab tepat waktu',
  complaintsOpen: 'Belum dijawab',
  complaintsOverdue: 'Lewat batas jawab',
  ikmTitle: 'Indeks Kepuasan Masyarakat (IKM)',
  ikmHint: 'Dari survei SKM yang dijawab warga di chat setelah serah terima (Permenpan RB No. 14 Tahun 2017): rata-rata sembilan unsur, dikali 25.',
  ikmGrade: 'Mutu',
  suggestionsTitle: 'Saran warga dari survei SKM (terbaru)',
  ikmRespondents: 'Responden',
  quarter: 'Triwulan',
  gradeName: { A: 'Sangat Baik', B: 'Baik', C: 'Kurang Baik', D: 'Tidak Baik' },
  csvTitle: 'Unduh data berkas (CSV)',
  csvLead: 'Satu baris per berkas layanan yang diajukan dalam rentang tanggal, paling lama satu tahun.',
  csvNikMasked: 'NIK disamarkan. Hanya Lurah dan admin yang mengunduh NIK lengkap.',
  csvNikFull: 'Berisi NIK lengkap. Simpan dengan aman dan jangan dibagikan.',
  csvButton: 'Unduh CSV',
  csvHeader: ['Nomor berkas', 'Layanan', 'Tahap', 'RT/RW', 'Diajukan', 'Batas hari ke-3', 'Diserahkan', 'Tepat waktu', 'Nama pemohon', 'NIK'],
  yes: 'ya',
  no: 'tidak',
  monthsShort: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'],
};

const en: Words = {
  nav: 'Statistics',
  title: 'Service statistics',
  lead: (p) => `Cases sent from ${p.from} to ${p.to}. Open and late cases are all counted, whenever they were sent.`,
  from: 'From',
  to: 'To',
  show: 'Show',
  rangeError: {
    bad_date: 'The date is not recognised. Choose it from the calendar.',
    reversed: 'The first date must come before the last.',
    too_long: 'The range is at most one year. Choose a shorter one.',
  },
  totals: 'Summary',
  byService: 'By service',
  byRt: 'By RT',
  service: 'Service',
  rt: 'RT',
  received: 'Sent',
  onTime: 'On time',
  onTimeHint: "The office's work done (output ready, or a KTP/KK handed to Disdukcapil) by the end of working day 3. Open cases past their deadline count as late.",
  median: 'Median days',
  medianHint: 'Working days from the RT pengantar to the hand-over, counting the first day as day 1.',
  open: 'Open',
  late: 'Late',
  share: (p) => `${p.percent}% (${p.on} of ${p.of})`,
  days: (p) => `${p.days} days`,
  none: '–',
  noRt: 'No RT',
  rtLabel: (p) => `RT ${p.rt}/RW ${p.rw}`,
  allServices: 'All services',
  chartTitle: 'Cases per week, last 12 weeks',
  chartDesc: (p) => `Service cases sent each week (Monday to Sunday). ${p.weeks}`,
  chartWeek: (p) => `Week of ${p.date}: ${p.count} cases`,
  chartAxis: 'Week starting (day/month)',
  complaints: 'Complaints',
  complaintsReceived: 'Received',
  complaintsOnTime: 'Answered on time',
  complaintsOpen: 'Not answered yet',
  complaintsOverdue: 'Past the answer date',
  ikmTitle: 'Satisfaction index (IKM)',
  ikmHint: 'From the SKM survey residents answer in the chat after the hand-over (Permenpan RB No. 14/2017): the mean of the nine elements, times 25.',
  ikmGrade: 'Grade',
  suggestionsTitle: 'Residents\' suggestions from the SKM survey (newest)',
  ikmRespondents: 'Respondents',
  quarter: 'Quarter',
  gradeName: { A: 'Very good', B: 'Good', C: 'Poor', D: 'Very poor' },
  csvTitle: 'Download cases (CSV)',
  csvLead: 'One row per service case sent within the dates, at most one year.',
  csvNikMasked: 'NIKs are masked. Only the Lurah and admins download full NIKs.',
  csvNikFull: 'Contains full NIKs. Keep it safe and do not share it.',
  csvButton: 'Download CSV',
  csvHeader: ['Case code', 'Service', 'Stage', 'RT/RW', 'Sent', 'Day 3 deadline', 'Handed over', 'On time', 'Applicant name', 'NIK'],
  yes: 'yes',
  no: 'no',
  monthsShort: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

const catalogues: Record<Locale, Words> = { id, en };

export function statsText(locale: Locale): Words {
  return catalogues[locale];
}

export type StatsWords = Words;
