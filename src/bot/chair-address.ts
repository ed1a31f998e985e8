/**
 * How a message from someone else's chat addresses the RT chair of a case: "Bapak" for Bapak
 * Hasan, as his own chat does. The registry's name is staff's, never a chat profile name.
 */
import { addressOf } from '../domain/honorific';
import type { Session } from './session';

export function chairYou(s: Session, rtId: string | null): string {
  const r = rtId ? s.ctx.registry.find((x) => x.rtId === rtId) : undefined;
  return addressOf({ fullName: r?.chairName ?? null, nik: r?.chairNik ?? null }).honorific;
}
