/**
 * Writes the demo kelurahan into D1 in one batch. Every statement is an upsert keyed on a fixed
 * id, so seeding twice leaves the same data; the staff password is re-hashed each time so the
 * printed local password always works.
 */
import type { BatchItem } from 'drizzle-orm/batch';
import { dbOf } from '../db/client';
import {
  insertHoliday, insertIdentity, insertRt, insertRw, linkStaffChatIfNone, setRtChair, upsertKelurahan, upsertPerson, upsertStaffUser,
} from '../db/seed';
import { staffPersonId } from '../staff/invites';
import { hashPassword } from '../staff/password';
import type { Instant, RandomSource } from '../framework/ports';
import { DEMO_KELURAHAN as K, DEMO_RTS, DEMO_STAFF, rtId, rwId } from './demo-data';
import { INDONESIA_HOLIDAYS } from './holidays-id';

export interface DemoSeedOptions {
  now: Instant;
  password: string;
  random: RandomSource;
  whatsappPhoneNumberId: string | null;
  /** The bot of TELEGRAM_BOT_TOKEN (adapters/telegram/bot-id.ts), so its updates find the demo kelurahan. */
  telegramBotId?: string | null;
  /**
   * Links the demo staff account to its simulator phone, so that escalations and the digest show
   * up there (`npm start`). Tests leave it out: they start as a new deployment does, with nobody
   * linked, and link a chat where they need one.
   */
  linkStaffChat?: boolean;
}

export async function seedDemo(d1: D1Database, opts: DemoSeedOptions): Promise<{ statements: number }> {
  const passwordHash = await hashPassword(opts.password, opts.random.bytes(16));
  const db = dbOf(d1);
  const first = upsertKelurahan(db, {
    id: K.id, name: K.name, kecamatan: K.kecamatan, city: K.city, lurahName: K.lurahName, address: K.address, phone: K.phone,
    whatsappPhoneNumberId: opts.whatsappPhoneNumberId || null, telegramBotId: opts.telegramBotId || null, createdAt: opts.now,
  });
  const s: BatchItem<'sqlite'>[] = [];
  for (const rw of new Set(DEMO_RTS.map((r) => r.rw))) s.push(insertRw(db, { id: rwId(rw), kelurahanId: K.id, number: rw }));
  for (const r of DEMO_RTS) {
    const id = rtId(r.rw, r.rt);
    s.push(
      insertRt(db, { id, kelurahanId: K.id, rwId: rwId(r.rw), number: r.rt }),
      upsertPerson(db, { id: r.chair.id, kelurahanId: K.id, fullName: r.chair.name, phone: r.chair.phone, rtId: id, createdAt: opts.now }),
      setRtChair(db, id, r.chair.id),
      insertIdentity(db, {
        id: `identity-sim-${r.chair.id}`, kelurahanId: K.id, personId: r.chair.id, channel: 'simulator', externalId: r.chair.phone,
        displayName: r.chair.name, createdAt: opts.now,
      }),
    );
  }
  const staffPerson = staffPersonId(K.id, DEMO_STAFF.id);
  const staffIdentity = `identity-sim-${DEMO_STAFF.id}`;
  s.push(
    upsertStaffUser(db, {
      id: DEMO_STAFF.id, kelurahanId: K.id, username: DEMO_STAFF.username, displayName: DEMO_STAFF.displayName,
      role: DEMO_STAFF.role, passwordHash, createdAt: opts.now,
    }),
    // The staff member's own phone in the simulator, as a code from the account page would link it.
    upsertPerson(db, { id: staffPerson, kelurahanId: K.id, fullName: DEMO_STAFF.displayName, phone: DEMO_STAFF.phone, createdAt: opts.now }),
    insertIdentity(db, {
      id: staffIdentity, kelurahanId: K.id, personId: staffPerson, channel: 'simulator', externalId: DEMO_STAFF.phone,
      displayName: DEMO_STAFF.displayName, createdAt: opts.now,
    }),
  );
  if (opts.linkStaffChat) s.push(linkStaffChatIfNone(db, { staffId: DEMO_STAFF.id, identityId: staffIdentity }));
  for (const h of INDONESIA_HOLIDAYS) s.push(insertHoliday(db, { kelurahanId: K.id, date: h.date, name: h.name, kind: h.kind }));
  await db.batch([first, ...s]);
  return { statements: s.length + 1 };
}
