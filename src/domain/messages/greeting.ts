/** "Selamat pagi/siang/sore/malam" by the local hour: a message at 23:25 says "Selamat malam". */
const ID: [number, string][] = [
  [3 * 60, 'Selamat malam'],
  [11 * 60, 'Selamat pagi'],
  [15 * 60, 'Selamat siang'],
  [18 * 60, 'Selamat sore'],
  [24 * 60, 'Selamat malam'],
];
const EN: [number, string][] = [
  [12 * 60, 'Good morning'],
  [18 * 60, 'Good afternoon'],
  [24 * 60, 'Good evening'],
];

export function greeting(locale: 'id' | 'en', minuteOfDay: number): string {
  const table = locale === 'en' ? EN : ID;
  return table.find(([until]) => minuteOfDay < until)![1];
}
