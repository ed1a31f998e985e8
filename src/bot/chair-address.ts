/**
 * How a message from someone else's chat addresses the RT chair of a case: "Bapak" for Bapak
 * Hasan, as his own chat does. The registry's name is staff's, never a chat profile name.
 */
import { addressOf } from '../domain/honorific';
import { chairHoursFrom } from '../domain/notice-hours';
import type { Session } from './session';

export function chairYou(s: Session, rtId: string | null): string {
  const r = rtId ? s.ctx.registry.find((x) => x.rtId === rtId) : undefined;
  return addressOf({ fullName: r?.chairName ?? null, nik: r?.chairNik ?? null }).honorific;
}

/**
 * When a message may reach an RT chair: at once by day, else at 07:00 (undefined: now). Chairs
 * are volunteers, many of them older; a resident applying at 23:00 must not wake them.
 */
export function chairNotBefore(s: Session): number | undefined {
  const at = chairHoursFrom(s.ctx.now, s.ctx.calendar);
  return at > s.ctx.now ? at : undefined;
}
