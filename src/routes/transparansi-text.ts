/**
 * The words of the public transparency page, read by anyone: short, plain, no office jargon.
 * Bahasa Indonesia first; the English catalogue must have every key.
 */
import type { Locale } from '../domain/messages';
import type { SkmGrade } from '../domain/skm';

type Words = {
  title: string;
  kelurahan: (p: { name: string }) => string;
  place: (p: { kecamatan: string; city: string }) => string;
  lead: string;
  privacy: (p: { min: number }) => string;
  meaningTitle: string;
  month: (p: { month: string }) => string;
  year: (p: { year: string }) => string;
  received: string;
  receivedHint: string;
  finished: string;
  finishedHint: string;
  onTime: string;
  onTimeHint: string;
  median: string;
  medianHint: string;
  ikm: string;
  ikmHint: string;
  respondents: string;
  respondentsHint: string;
  complaints: string;
  complaintsReceived: string;
  complaintsReceivedHint: string;
  complaintsOnTime: string;
  complaintsOnTimeHint: string;
  fewCases: (p: { min: number }) => string;
  fewRespondents: (p: { min: number }) => string;
  share: (p: { percent: number; on: number; of: number }) => string;
  days: (p: { days: string }) => string;
  ikmValue: (p: { value: string; grade: SkmGrade }) => string;
  updated: (p: { at: string }) => string;
  otherLanguage: string;
  chooseTitle: string;
  chooseLead: string;
  months: readonly string[];
};

const GRADE_ID: Record<SkmGrade, string> = { A: 'Sangat Baik', B: 'Baik', C: 'Kurang Baik', D: 'Tidak Baik' };
const GRADE_EN: Record<SkmGrade, string> = { A: 'Very good', B: 'Good', C: 'Not good', D: 'Poor' };

const id: Words = {
  title: 'Transparansi layanan',
  kelurahan: (p) => `Kelurahan ${p.name}`,
  place: (p) => `Kecamatan ${p.kecamatan}, ${p.city}`,
  lead: 'Apakah kantor kelurahan menepati janji tiga hari kerja? Angka di bawah dihitung otomatis dari semua berkas di Loket.',
  privacy: (p) =>
    `Tidak ada nama, nomor HP, NIK, atau nomor berkas di halaman ini. Kelompok dengan kurang dari ${p.min} berkas tidak ditampilkan angkanya, supaya tidak ada warga yang bisa dikenali.`,
  meaningTitle: 'Arti angka',
  month: (p) => `Bulan ini (${p.month})`,
  year: (p) => `Tahun ini (${p.year})`,
  received: 'Berkas masuk',
  receivedHint: 'Jumlah permohonan yang dikirim warga.',
  finished: 'Sudah selesai',
  finishedHint: 'Dari berkas masuk, yang hasilnya sudah diterima warga.',
  onTime: 'Tepat waktu',
  onTimeHint: 'Berkas yang dikerjakan kantor paling lambat hari kerja ke-3 setelah surat pengantar RT.',
  median: 'Lama biasanya',
  medianHint: 'Median hari kerja dari surat pengantar RT sampai hasil diterima warga. Separuh berkas lebih cepat dari ini.',
  ikm: 'Kepuasan (IKM)',
  ikmHint: 'Indeks Kepuasan Masyarakat dari survei di chat, 25 sampai 100, dengan mutunya (A paling baik).',
  respondents: 'Warga yang menjawab survei',
  respondentsHint: 'Jumlah warga yang mengisi survei kepuasan.',
  complaints: 'Pengaduan',
  complaintsReceived: 'Pengaduan masuk',
  complaintsReceivedHint: 'Jumlah pengaduan yang dikirim warga.',
  complaintsOnTime: 'Dijawab tepat waktu',
  complaintsOnTimeHint: 'Pengaduan yang dijawab paling lambat pada tanggal yang dijanjikan.',
  fewCases: (p) => `kurang dari ${p.min} berkas`,
  fewRespondents: (p) => `kurang dari ${p.min} warga`,
  share: (p) => `${p.percent}% (${p.on} dari ${p.of})`,
  days: (p) => `${p.days} hari kerja`,
  ikmValue: (p) => `${p.value} (${p.grade}, ${GRADE_ID[p.grade]})`,
  updated: (p) => `Data per ${p.at}. Diperbarui paling lama tiap 5 menit.`,
  otherLanguage: 'English',
  chooseTitle: 'Transparansi layanan kelurahan',
  chooseLead: 'Pilih kelurahan:',
  months: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
};

const en: Words = {
  title: 'Service transparency',
  kelurahan: (p) => `Kelurahan ${p.name}`,
  place: (p) => `Kecamatan ${p.kecamatan}, ${p.city}`,
  lead: 'Does the kelurahan office keep its promise of three working days? The numbers below are counted automatically from every case in Loket.',
  privacy: (p) =>
    `No name, phone number, NIK or case code is on this page. Groups with fewer than ${p.min} cases show no numbers, so no resident can be recognised.`,
  meaningTitle: 'What the numbers mean',
  month: (p) => `This month (${p.month})`,
  year: (p) => `This year (${p.year})`,
  received: 'Cases received',
  receivedHint: 'Applications sent by residents.',
  finished: 'Finished',
  finishedHint: 'Of the cases received, those whose result the resident has received.',
  onTime: 'On time',
  onTimeHint: "Cases the office completed by working day 3 after the RT's cover letter.",
  median: 'Usual time',
  medianHint: "Median working days from the RT's cover letter until the resident has the result. Half the cases were quicker.",
  ikm: 'Satisfaction (IKM)',
  ikmHint: 'The Community Satisfaction Index from the survey in the chat, 25 to 100, with its grade (A is best).',
  respondents: 'Residents who answered the survey',
  respondentsHint: 'How many residents answered the satisfaction survey.',
  complaints: 'Complaints',
  complaintsReceived: 'Complaints received',
  complaintsReceivedHint: 'Complaints sent by residents.',
  complaintsOnTime: 'Answered on time',
  complaintsOnTimeHint: 'Complaints answered by the date promised.',
  fewCases: (p) => `fewer than ${p.min} cases`,
  fewRespondents: (p) => `fewer than ${p.min} residents`,
  share: (p) => `${p.percent}% (${p.on} of ${p.of})`,
  days: (p) => `${p.days} working days`,
  ikmValue: (p) => `${p.value} (${p.grade}, ${GRADE_EN[p.grade]})`,
  updated: (p) => `Figures as of ${p.at}. Updated at most every 5 minutes.`,
  otherLanguage: 'Bahasa Indonesia',
  chooseTitle: 'Kelurahan service transparency',
  chooseLead: 'Choose a kelurahan:',
  months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

const catalogues: Record<Locale, Words> = { id, en };

export function transparencyText(locale: Locale): Words {
  return catalogues[locale];
}

export type TransparencyWords = Words;
