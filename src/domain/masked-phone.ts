/**
 * A phone number as it may be shown to someone other than its owner: enough to recognise it
 * ("0812****001"), not enough to dial it. Pure, so it is the same in messages and tests.
 */
export function maskPhone(value: string | null | undefined): string {
  const digits = (value ?? '').replace(/\D/g, '');
  if (digits.length < 8) return '****';
  const local = digits.startsWith('62') ? `0${digits.slice(2)}` : digits;
  return `${local.slice(0, 4)}****${local.slice(-3)}`;
}
