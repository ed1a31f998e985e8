/**
 * Indonesia's national holidays and cuti bersama, seeded into each kelurahan's holiday table
 * (staff edit it there; the seed never overwrites a row that exists).
 *
 * 2026: SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB Nomor 1497 Tahun 2025,
 * Nomor 2 Tahun 2025, Nomor 5 Tahun 2025 (17 libur nasional, 8 cuti bersama), as published by
 * Kemenko PMK. Dates that fall on a weekend are kept: they change nothing, but the list stays
 * the SKB's.
 * 2027: only the holidays whose dates are fixed by law or by the calendar (New Year, Labour
 * Day, Pancasila, Independence, Christmas, and Easter's Good Friday and Ascension). The movable
 * Islamic, Chinese, Hindu and Buddhist holidays and the cuti bersama are set each year by the
 * SKB; no 2027 SKB was available to this project (the maintained vacanza/holidays library, too,
 * confirms Indonesia's movable dates only through 2026), so they are added when it is published
 * rather than guessed: a guessed day off would move a promised date.
 */
export interface HolidaySeed {
  date: string;
  name: string;
  kind: 'national' | 'cuti_bersama';
}

const n = (date: string, name: string): HolidaySeed => ({ date, name, kind: 'national' });
const cb = (date: string, name: string): HolidaySeed => ({ date, name, kind: 'cuti_bersama' });

export const INDONESIA_HOLIDAYS: readonly HolidaySeed[] = [
  n('2026-01-01', 'Tahun Baru 2026 Masehi'),
  n('2026-01-16', 'Isra Mikraj Nabi Muhammad SAW'),
  cb('2026-02-16', 'Cuti bersama Tahun Baru Imlek'),
  n('2026-02-17', 'Tahun Baru Imlek 2577 Kongzili'),
  cb('2026-03-18', 'Cuti bersama Hari Suci Nyepi'),
  n('2026-03-19', 'Hari Suci Nyepi (Tahun Baru Saka 1948)'),
  cb('2026-03-20', 'Cuti bersama Idul Fitri 1447 H'),
  n('2026-03-21', 'Idul Fitri 1447 H'),
  n('2026-03-22', 'Idul Fitri 1447 H'),
  cb('2026-03-23', 'Cuti bersama Idul Fitri 1447 H'),
  cb('2026-03-24', 'Cuti bersama Idul Fitri 1447 H'),
  n('2026-04-03', 'Wafat Yesus Kristus'),
  n('2026-04-05', 'Kebangkitan Yesus Kristus (Paskah)'),
  n('2026-05-01', 'Hari Buruh Internasional'),
  n('2026-05-14', 'Kenaikan Yesus Kristus'),
  cb('2026-05-15', 'Cuti bersama Kenaikan Yesus Kristus'),
  n('2026-05-27', 'Idul Adha 1447 H'),
  cb('2026-05-28', 'Cuti bersama Idul Adha 1447 H'),
  n('2026-05-31', 'Hari Raya Waisak 2570 BE'),
  n('2026-06-01', 'Hari Lahir Pancasila'),
  n('2026-06-16', '1 Muharam Tahun Baru Islam 1448 H'),
  n('2026-08-17', 'Proklamasi Kemerdekaan'),
  n('2026-08-25', 'Maulid Nabi Muhammad SAW'),
  cb('2026-12-24', 'Cuti bersama Kelahiran Yesus Kristus'),
  n('2026-12-25', 'Kelahiran Yesus Kristus'),

  n('2027-01-01', 'Tahun Baru 2027 Masehi'),
  n('2027-03-26', 'Wafat Yesus Kristus'),
  n('2027-03-28', 'Kebangkitan Yesus Kristus (Paskah)'),
  n('2027-05-01', 'Hari Buruh Internasional'),
  n('2027-05-06', 'Kenaikan Yesus Kristus'),
  n('2027-06-01', 'Hari Lahir Pancasila'),
  n('2027-08-17', 'Proklamasi Kemerdekaan'),
  n('2027-12-25', 'Kelahiran Yesus Kristus'),
];
