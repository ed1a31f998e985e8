/**
 * Indonesian mobile numbers: how people type them, how WhatsApp writes them (62 then 8xx), and
 * how Loket shows someone's number to another person (masked, in the local form people know).
 */

/** Indonesian mobile numbers as WhatsApp writes them: 62 then 8xx, 10 to 13 digits after 62. */
export function normalizePhone(text: string): string | null {
  let digits = text.replace(/[\s\-().]/g, '');
  if (digits.startsWith('+')) digits = digits.slice(1);
  if (!/^\d+$/.test(digits)) return null;
  if (digits.startsWith('0')) digits = `62${digits.slice(1)}`;
  return /^628\d{8,11}$/.test(digits) ? digits : null;
}

/**
 * "628123450002" -> "0812****002": enough for the owner of a number to recognise whose it is,
 * not enough for a stranger to write to it. The stars are always four, so the mask does not
 * tell the number's length either.
 */
export function maskPhone(phone: string | null | undefined): string {
  const digits = (phone ?? '').replace(/\D/g, '');
  const local = digits.startsWith('62') ? `0${digits.slice(2)}` : digits;
  if (local.length < 8) return '****';
  return `${local.slice(0, 4)}****${local.slice(-3)}`;
}
