/**
 * A voice note. Loket cannot listen, and the people who send one are often those who find typing
 * hard: the answer names who can help instead (Tabel 6 c: a neighbour, or their own RT chair by
 * name) and how to reach the office.
 */
import { addressOf } from '../../domain/honorific';
import type { ChairParam } from '../../domain/messages/menu.id';
import { office, type Session } from '../session';

const pad2 = (n: number) => String(n).padStart(2, '0');

export function answerVoice(s: Session): void {
  s.say(s.t('unsupported.voice', { chair: chairOf(s), ...office(s) }));
}

function chairOf(s: Session): ChairParam {
  const { person, registry, cases } = s.ctx;
  if (registry.some((r) => r.chairPersonId === person.id)) return 'self';
  // Someone a helper applied for may have no RT on record yet; their application names it.
  const rtId = person.rtId ?? cases.find((c) => c.applicantPersonId === person.id && c.rtId)?.rtId ?? null;
  const rt = registry.find((r) => r.rtId === rtId);
  // Named as the chair is addressed elsewhere: "Bapak Hasan Basri", whatever staff typed.
  return rt?.chairName ? { rt: `${pad2(rt.rtNumber)}/RW ${pad2(rt.rwNumber)}`, name: addressOf({ fullName: rt.chairName, nik: rt.chairNik }).name } : null;
}
