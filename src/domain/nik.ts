/**
 * NIK (Nomor Induk Kependudukan), the 16-digit national identity number on KTP and KK.
 *
 * Layout: digits 1-2 province, 3-4 regency or city, 5-6 district (together the region code of
 * the place of first registration); 7-12 birth date DDMMYY, with 40 added to the day for
 * women; 13-16 a serial number. Loket checks what can be checked offline so that a typo is
 * caught while the resident is still typing; whether the number is really registered is the
 * RT chair's and the office's verification, not this.
 */

export const NIK_LENGTH = 16;

/** Province codes in use (Kemendagri, including the Papua provinces created in 2022). */
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65,
  71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96,
]);

export type NikError =
  | { code: 'empty' }
  | { code: 'not_digits' }
  | { code: 'wrong_length'; got: number }
  | { code: 'unknown_province'; province: string }
  | { code: 'bad_region'; region: string }
  | { code: 'bad_birth_date'; digits: string }
  | { code: 'birth_in_future' }
  | { code: 'bad_serial' };

export interface ValidNik {
  nik: string;
  /** Digits 1-6. */
  regionCode: string;
  sex: 'female' | 'male';
  /** YYYY-MM-DD, the century chosen so the person is not born in the future. */
  birthDate: string;
}

export type NikResult = { ok: true; value: ValidNik } | { ok: false; error: NikError };

/** Spaces, dots and dashes are how people group digits when they copy a NIK; they are dropped. */
export function normalizeNik(input: string): string {
  return input.replace(/[\s.\-]/g, '');
}

/**
 * @param today local date `YYYY-MM-DD` of the check, from the clock port: it decides the century
 *   of a two-digit birth year and rejects births in the future.
 */
export function validateNik(input: string, today: string): NikResult {
  const nik = normalizeNik(input);
  if (nik.length === 0) return fail({ code: 'empty' });
  if (!/^\d+$/.test(nik)) return fail({ code: 'not_digits' });
  if (nik.length !== NIK_LENGTH) return fail({ code: 'wrong_length', got: nik.length });

  const province = nik.slice(0, 2);
  if (!PROVINCE_CODES.has(Number(province))) return fail({ code: 'unknown_province', province });
  // Regency/city (01-79 regencies, 71-99 cities) and district numbers start at 01.
  if (nik.slice(2, 4) === '00' || nik.slice(4, 6) === '00') {
    return fail({ code: 'bad_region', region: nik.slice(0, 6) });
  }

  const dateDigits = nik.slice(6, 12);
  let day = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const sex = day > 40 ? 'female' : 'male';
  if (day > 40) day -= 40;

  const thisYear = Number(today.slice(0, 4));
  let year = 2000 + yy;
  if (year > thisYear) year -= 100;
  const birthDate = isoDate(year, month, day);
  if (!birthDate) return fail({ code: 'bad_birth_date', digits: dateDigits });
  if (birthDate > today) return fail({ code: 'birth_in_future' });

  if (nik.slice(12) === '0000') return fail({ code: 'bad_serial' });

  return { ok: true, value: { nik, regionCode: nik.slice(0, 6), sex, birthDate } };
}

/** For cards and logs: the first four and last four digits, the rest hidden. */
export function maskNik(nik: string): string {
  const n = normalizeNik(nik);
  if (n.length !== NIK_LENGTH) return '****';
  return `${n.slice(0, 4)} **** **** ${n.slice(12)}`;
}

function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

function fail(error: NikError): NikResult {
  return { ok: false, error };
}
