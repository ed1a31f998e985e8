/**
 * The one name rule for everyone Loket writes a name for: residents typing their own name,
 * helpers typing an applicant's, and the profile name a chat app sends along. A name goes into
 * messages to other people, onto RT cards and into letters, so it may hold only what a name on a
 * KK holds: Latin letters with their diacritics (é, ñ, ễ), spaces, apostrophes, hyphens and
 * periods. Anything else (digits, links, emoji, invisible or direction-changing characters) is a
 * way to smuggle a message or to make text read differently than it is stored.
 */

export const NAME_MIN_LENGTH = 2;
/** Long enough for the longest names on Indonesian KKs, short enough for a card line. */
export const NAME_MAX_LENGTH = 60;

export type NameError =
  | { code: 'invisible' }
  | { code: 'link' }
  /** Letters, a dot and letters with no space: a domain ("Bansos.icu") or a name typed without the space ("Moh.Rizal"). */
  | { code: 'dot_space' }
  | { code: 'digits' }
  | { code: 'symbol' }
  | { code: 'script' }
  | { code: 'no_letters' }
  | { code: 'too_short'; min: number }
  | { code: 'too_long'; max: number; got: number };

export type NameResult = { ok: true; value: string } | { ok: false; error: NameError };

// Tabs and line breaks are how a pasted name arrives; they are only spacing. Every other control
// or format character (zero-width space, joiners, bidi overrides, BOM, soft hyphen) is invisible
// and would make a name display differently from what is stored.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Cn}]/u;
const SPACING_CONTROLS = /[\t\n\r\v\f]/g;
const LINK = /(?:https?:|ftp:|www\.|:\/\/)/iu;
// A dot between two runs of letters with no space ("Bansos.icu", "Linktr.ee") is how a domain
// looks, whatever its ending, and chat apps make it a link; initials ("R.A. Kartini", "H. Abdul")
// have one letter before the dot. A real name typed so ("Moh.Rizal") only needs the space.
const DOT_WITHOUT_SPACE = /\p{L}{2,}\.\p{L}{2,}/u;
const DIGIT = /\p{N}/u;
// Combining marks of Latin diacritics, for the few letters that have no precomposed form.
const LATIN_MARK = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\ufe20-\ufe2f]/u;
const LATIN_LETTER = /\p{Script=Latin}/u;

/** Checks `input` against the rule; an accepted name comes back tidied and capitalised ("siti   aminah" -> "Siti Aminah"). */
export function checkPersonName(input: string): NameResult {
  // Far past any name: refused before the walk below spends time on it.
  if (input.length > NAME_MAX_LENGTH * 4) return fail({ code: 'too_long', max: NAME_MAX_LENGTH, got: [...input].length });
  const unified = input
    .replace(SPACING_CONTROLS, ' ')
    .normalize('NFC')
    // Phones type typographic apostrophes and hyphens; the KK has the plain ones.
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u2010\u2011]/g, '-');
  if (LINK.test(unified)) return fail({ code: 'link' });
  if (DOT_WITHOUT_SPACE.test(unified)) return fail({ code: 'dot_space' });
  if (DIGIT.test(unified)) return fail({ code: 'digits' });

  let marks = 0;
  let previousIsLetter = false;
  let invisible = false;
  let otherScript = false;
  for (const ch of unified) {
    if (INVISIBLE.test(ch)) {
      invisible = true;
      previousIsLetter = false;
      continue;
    }
    if (/\p{L}/u.test(ch)) {
      if (!LATIN_LETTER.test(ch)) otherScript = true;
      previousIsLetter = true;
      marks = 0;
      continue;
    }
    if (LATIN_MARK.test(ch)) {
      // A mark belongs on a letter; a pile of them is decoration, not a name.
      if (!previousIsLetter || ++marks > 2) return fail({ code: 'symbol' });
      continue;
    }
    previousIsLetter = false;
    marks = 0;
    if (/[\s'.-]/u.test(ch)) continue;
    return fail({ code: 'symbol' });
  }
  if (invisible) return fail({ code: 'invisible' });
  if (otherScript) return fail({ code: 'script' });

  const name = unified.replace(/\s+/g, ' ').trim();
  if (!/\p{L}/u.test(name)) return name.length === 0 ? fail({ code: 'too_short', min: NAME_MIN_LENGTH }) : fail({ code: 'no_letters' });
  const length = [...name].length;
  if (length < NAME_MIN_LENGTH) return fail({ code: 'too_short', min: NAME_MIN_LENGTH });
  if (length > NAME_MAX_LENGTH) return fail({ code: 'too_long', max: NAME_MAX_LENGTH, got: length });
  return { ok: true, value: capitalise(name) };
}

/** A name if `input` passes the rule, otherwise nothing: for profile names, which nobody is asked to fix. */
export function usablePersonName(input: string | null | undefined): string | null {
  if (!input) return null;
  const result = checkPersonName(input);
  return result.ok ? result.value : null;
}

/** Names are written as on the KK: each part after a space, hyphen or period (initials) starts with a capital. */
function capitalise(name: string): string {
  return name.toLowerCase().replace(/(^|[ .-])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}

function fail(error: NameError): NameResult {
  return { ok: false, error };
}
