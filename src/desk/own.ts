/**
 * A staff member sees only their own kelurahan. For anything reached by an id that is unique
 * across the deployment (a scan, a letter, an event), this check after loading it answers 404
 * for another kelurahan's: the desk's one 404 page (app.ts renders it for every 404 under the
 * desk), as for an id that does not exist, so nobody learns that it does. Case codes repeat
 * across kelurahan, so cases are looked up within the staff member's kelurahan instead
 * (db/desk.ts deskCase).
 */
import { HTTPException } from 'hono/http-exception';
import type { SignedInStaff } from './context';

export function notFoundUnlessOwn(staff: Pick<SignedInStaff, 'kelurahanId'>, kelurahanId: string | null | undefined): void {
  if (!kelurahanId || kelurahanId !== staff.kelurahanId) throw new HTTPException(404, { message: 'not_found' });
}
