/**
 * How Loket addresses a person by name, as an RT chair expects to be: "Bapak Hasan", "Ibu
 * Kartini", not "Bapak/Ibu". The name is the registry's (people.full_name, typed by staff), never a
 * chat profile name. The honorific comes from the name itself when staff wrote one ("Bapak
 * Hasan", "Bu Kartini"), else from the NIK (40 is added to the day of birth for women), else both
 * are offered: "Bapak/Ibu Hasan".
 */
import { NIK_LENGTH, normalizeNik } from './nik';

export type Honorific = 'Bapak' | 'Ibu' | 'Bapak/Ibu';

export interface Address {
  /** What a message opens with: "Bapak Hasan". */
  name: string;
  /** How the message goes on to say "you": "Bapak". */
  honorific: Honorific;
}

/** Written before a name by staff, in the forms Indonesians abbreviate them to. */
const WRITTEN: [RegExp, Exclude<Honorific, 'Bapak/Ibu'>][] = [
  [/^(?:bapak|pak|bpk\.?|bp\.?)\s+/i, 'Bapak'],
  [/^(?:ibu|bu)\s+/i, 'Ibu'],
];

/** The sex a NIK records, or null for anything that is not a NIK's shape. */
export function sexFromNik(nik: string | null | undefined): 'male' | 'female' | null {
  const n = normalizeNik(nik ?? '');
  if (n.length !== NIK_LENGTH || !/^\d+$/.test(n)) return null;
  const day = Number(n.slice(6, 8));
  if (day >= 1 && day <= 31) return 'male';
  if (day >= 41 && day <= 71) return 'female';
  return null;
}

export function addressOf(person: { fullName: string | null | undefined; nik: string | null | undefined }): Address {
  const name = (person.fullName ?? '').replace(/\s+/g, ' ').trim();
  for (const [written, honorific] of WRITTEN) {
    const rest = name.replace(written, '');
    if (rest !== name && rest) return { name: `${honorific} ${rest}`, honorific };
  }
  const sex = sexFromNik(person.nik);
  const honorific: Honorific = sex === 'male' ? 'Bapak' : sex === 'female' ? 'Ibu' : 'Bapak/Ibu';
  return { name: name ? `${honorific} ${name}` : honorific, honorific };
}
