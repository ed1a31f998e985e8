/** Why the desk refused an action, in words for the staff member who tried it. */
import { messageKeys, t, type Locale } from '../messages';
import type { DeskRefusal } from './actions';

const DESK_REASONS = new Set<string>(messageKeys('id').filter((k) => k.startsWith('desk.refusal.')));

/** The desk's own reasons (desk.refusal.*), or the case machine's (refusal.*). */
export function deskRefusalText(locale: Locale, refusal: DeskRefusal): string {
  if ('max' in refusal) return t(locale, 'desk.refusal.text_too_long', { max: refusal.max });
  if ('left' in refusal) return t(locale, 'desk.refusal.pickup_code_wrong', { left: refusal.left });
  const key = `desk.refusal.${refusal.reason}`;
  return (t as (l: Locale, k: string) => string)(locale, DESK_REASONS.has(key) ? key : `refusal.${refusal.reason}`);
}
