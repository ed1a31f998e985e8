/**
 * The business a SITU (Surat Izin Tempat Usaha) is for: its name, its kind and its address, as
 * the resident types them. They are printed on the surat pengantar and shown to staff, so they
 * may hold only what such a line holds on paper: Latin letters (with diacritics), digits, spaces
 * and the punctuation of names and addresses. Links, emoji and invisible or direction-changing
 * characters are refused, as in a person's name (person-name.ts), for the same reasons.
 */

export type BusinessField = 'name' | 'kind' | 'address';

/** Shortest and longest accepted, in characters: a card line and a letter line hold the longest. */
export const BUSINESS_LIMITS: Readonly<Record<BusinessField, { min: number; max: number }>> = {
  name: { min: 3, max: 80 },
  kind: { min: 3, max: 60 },
  // The letter prints it on one line after "Alamat usaha", shrunk to fit: 70 letters print at about 10pt, 160 did at under 5pt.
  address: { min: 10, max: 70 },
};

export type BusinessError =
  | { code: 'invisible' }
  | { code: 'link' }
  | { code: 'symbol' }
  | { code: 'no_letters' }
  | { code: 'too_short'; min: number }
  | { code: 'too_long'; max: number; got: number };

export type BusinessResult = { ok: true; value: string } | { ok: false; error: BusinessError };

const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Cn}]/u;
const SPACING_CONTROLS = /[\t\n\r\v\f]/g;
const LINK = /(?:https?:|ftp:|www\.|:\/\/|@)/iu;
// "Toko.com" or "bit.ly" is a link to a chat app; "Jl. Merdeka" and "No.12" are not (a space, or digits).
const DOMAIN = /\p{L}{2,}\.\p{L}{2,}/u;
const LATIN_LETTER = /\p{Script=Latin}/u;
const LATIN_MARK = /[\u0300-\u036f]/u;
// What names and addresses of shops use: "Bengkel Jaya & Putra", "Jl. Mayor Zen No. 12, RT 03/RW 02", "Toko (Cabang 2)".
const ALLOWED_PUNCTUATION = /[\s'.,\-/&()#:"]/u;

/** Checks one field; an accepted text comes back with its spacing tidied, as typed otherwise. */
export function checkBusinessText(field: BusinessField, input: string): BusinessResult {
  const { min, max } = BUSINESS_LIMITS[field];
  if (input.length > max * 4) return fail({ code: 'too_long', max, got: [...input].length });
  const unified = input
    .replace(SPACING_CONTROLS, ' ')
    .normalize('NFC')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2010\u2011\u2013]/g, '-');
  if (LINK.test(unified) || DOMAIN.test(unified)) return fail({ code: 'link' });
  let invisible = false;
  for (const ch of unified) {
    if (INVISIBLE.test(ch)) invisible = true;
    else if (/\p{L}/u.test(ch) ? !LATIN_LETTER.test(ch) : !(/\p{Nd}/u.test(ch) || LATIN_MARK.test(ch) || ALLOWED_PUNCTUATION.test(ch))) {
      return fail({ code: 'symbol' });
    }
  }
  if (invisible) return fail({ code: 'invisible' });
  const value = unified.replace(/\s+/g, ' ').trim();
  const length = [...value].length;
  if (length < min) return fail({ code: 'too_short', min });
  if (!/\p{L}/u.test(value)) return fail({ code: 'no_letters' });
  if (length > max) return fail({ code: 'too_long', max, got: length });
  return { ok: true, value };
}

function fail(error: BusinessError): BusinessResult {
  return { ok: false, error };
}
