/** What the staff desk's handlers know about the request: the signed-in staff member and the language. */
import type { Locale } from '../domain/messages';

export type StaffRole = 'staff' | 'lurah' | 'admin';

export interface SignedInStaff {
  id: string;
  username: string;
  displayName: string;
  role: StaffRole;
  /** Every staff member belongs to exactly one kelurahan and sees nothing of another. */
  kelurahanId: string;
  kelurahanName: string;
  /** The session's form token: every POST form of the desk carries it as `_csrf`. */
  csrf: string;
}

export type DeskEnv = { Bindings: Env; Variables: { staff: SignedInStaff; locale: Locale } };

/** Where the staff desk lives: every path under these needs a signed-in staff member. */
export const DESK_PREFIXES = ['/status', '/scans'] as const;

export function isDeskPath(path: string): boolean {
  return DESK_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));
}
