/**
 * Writes the demo kelurahan into D1 in one batch. Every statement is an upsert keyed on a fixed
 * id, so seeding twice leaves the same data; the staff password is re-hashed each time so the
 * printed local password always works.
 */
import { hashPassword } from '../staff/password';
import type { Instant, RandomSource } from '../domain/ports';
import { DEMO_KELURAHAN as K, DEMO_RTS, DEMO_STAFF, rtId, rwId } from './demo-data';
import { INDONESIA_HOLIDAYS } from './holidays-id';

export interface DemoSeedOptions {
  now: Instant;
  password: string;
  random: RandomSource;
  whatsappPhoneNumberId: string | null;
}

export async function seedDemo(d1: D1Database, opts: DemoSeedOptions): Promise<{ statements: number }> {
  const passwordHash = await hashPassword(opts.password, opts.random.bytes(16));
  const s: D1PreparedStatement[] = [];
  s.push(
    d1
      .prepare(
        `INSERT INTO kelurahan (id, name, kecamatan, city, lurah_name, address, whatsapp_phone_number_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (id) DO UPDATE SET name = ?2, kecamatan = ?3, city = ?4, lurah_name = ?5, address = ?6,
           whatsapp_phone_number_id = ?7`,
      )
      .bind(K.id, K.name, K.kecamatan, K.city, K.lurahName, K.address, opts.whatsappPhoneNumberId || null, opts.now),
  );
  for (const rw of new Set(DEMO_RTS.map((r) => r.rw))) {
    s.push(
      d1
        .prepare('INSERT INTO rw (id, kelurahan_id, number) VALUES (?1, ?2, ?3) ON CONFLICT (id) DO NOTHING')
        .bind(rwId(rw), K.id, rw),
    );
  }
  for (const r of DEMO_RTS) {
    const id = rtId(r.rw, r.rt);
    s.push(
      d1
        .prepare('INSERT INTO rt (id, kelurahan_id, rw_id, number) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (id) DO NOTHING')
        .bind(id, K.id, rwId(r.rw), r.rt),
      d1
        .prepare(
          `INSERT INTO people (id, kelurahan_id, full_name, phone, rt_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
           ON CONFLICT (id) DO UPDATE SET full_name = ?3, phone = ?4, rt_id = ?5`,
        )
        .bind(r.chair.id, K.id, r.chair.name, r.chair.phone, id, opts.now),
      d1.prepare('UPDATE rt SET chair_person_id = ?1 WHERE id = ?2').bind(r.chair.id, id),
      d1
        .prepare(
          `INSERT INTO channel_identities (id, kelurahan_id, person_id, channel, external_id, display_name, created_at)
           VALUES (?1, ?2, ?3, 'simulator', ?4, ?5, ?6) ON CONFLICT (id) DO NOTHING`,
        )
        .bind(`identity-sim-${r.chair.id}`, K.id, r.chair.id, r.chair.phone, r.chair.name, opts.now),
    );
  }
  s.push(
    d1
      .prepare(
        `INSERT INTO staff_users (id, kelurahan_id, username, display_name, role, password_hash, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (id) DO UPDATE SET password_hash = ?6, display_name = ?4, role = ?5`,
      )
      .bind(DEMO_STAFF.id, K.id, DEMO_STAFF.username, DEMO_STAFF.displayName, DEMO_STAFF.role, passwordHash, opts.now),
  );
  for (const h of INDONESIA_HOLIDAYS) {
    s.push(
      d1
        .prepare('INSERT INTO holidays (kelurahan_id, date, name, kind) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (kelurahan_id, date) DO NOTHING')
        .bind(K.id, h.date, h.name, h.kind),
    );
  }
  await d1.batch(s);
  return { statements: s.length };
}
