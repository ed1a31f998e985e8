/**
 * GET /scans/:id: a scan or output file of a case of the staff member's own kelurahan, streamed
 * from R2. Never cached (the browser and any proxy keep nothing), and every view is written on
 * the case's timeline with the staff member who opened it: scans hold NIKs and faces.
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { recordCaseEvent } from '../db/cases';
import { dbOf } from '../db/client';
import { scanOfKelurahan } from '../db/desk';
import { cryptoIds } from '../platform';
import type { DeskEnv } from './context';
import { requireStaff } from './session';

const ID = /^[0-9a-f-]{8,64}$/i;

export const scans = new Hono<DeskEnv>().use(requireStaff).get('/:id', async (c) => {
  const id = c.req.param('id');
  if (!ID.test(id)) throw new HTTPException(404, { message: 'not_found' });
  const db = dbOf(c.env.DB);
  const staff = c.var.staff;
  const doc = await scanOfKelurahan(db, staff.kelurahanId, id).get();
  if (!doc || doc.status !== 'stored') throw new HTTPException(404, { message: 'not_found' });
  const object = await c.env.SCANS.get(doc.r2Key);
  if (!object) throw new HTTPException(404, { message: 'not_found' });
  // Recorded before the file leaves: a view that cannot be recorded is not served.
  await recordCaseEvent(db, {
    id: cryptoIds.newId(), kelurahanId: staff.kelurahanId, caseId: doc.caseId, at: Date.now(), actorKind: 'staff', actorStaffId: staff.id,
    kind: 'scan_viewed', detail: JSON.stringify({ document_id: doc.id }),
  });
  return new Response(object.body, {
    headers: {
      'content-type': doc.contentType,
      'cache-control': 'no-store',
      'content-disposition': 'inline',
      'x-content-type-options': 'nosniff',
      // A scanned PDF or image runs no script and loads nothing else.
      'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    },
  });
});
