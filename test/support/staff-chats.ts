/**
 * Staff members with a linked chat: the demo kelurahan's, and one of a second kelurahan in the
 * same deployment, for tests that a notice reaches only the staff of the case's own kelurahan.
 */
import { env } from 'cloudflare:test';
import { SimPerson } from './simulator';

export const OTHER_STAFF_PHONE = '628555000009';

export async function staffChats(): Promise<{ staff: SimPerson; otherStaff: SimPerson; otherIdentityId: string }> {
  const staff = new SimPerson('628555000001', 'Staf');
  await staff.say('halo');
  await staff.replies();
  await env.DB.batch([
    env.DB.prepare("UPDATE staff_users SET identity_id = (SELECT id FROM channel_identities WHERE external_id = '628555000001') WHERE id = 'staff-demo'"),
    // Created later than the demo kelurahan, so the simulator keeps serving the demo one.
    env.DB.prepare(
      `INSERT INTO kelurahan (id, name, kecamatan, city, lurah_name, address, created_at)
       VALUES ('kel-lain', 'Sungai Buah', 'Ilir Timur II', 'Kota Palembang', 'Ibu Lurah', 'Jl. Lain', 9999999999999)`,
    ),
    env.DB.prepare("INSERT INTO people (id, kelurahan_id, full_name, created_at) VALUES ('person-staf-lain', 'kel-lain', 'Staf Lain', 0)"),
    env.DB.prepare(
      `INSERT INTO channel_identities (id, kelurahan_id, person_id, channel, external_id, created_at)
       VALUES ('identity-staf-lain', 'kel-lain', 'person-staf-lain', 'simulator', ?1, 0)`,
    ).bind(OTHER_STAFF_PHONE),
    env.DB.prepare(
      `INSERT INTO staff_users (id, kelurahan_id, username, display_name, role, password_hash, identity_id, created_at)
       VALUES ('staff-lain', 'kel-lain', 'lain', 'Staf Lain', 'staff', 'x', 'identity-staf-lain', 0)`,
    ),
  ]);
  return { staff, otherStaff: new SimPerson(OTHER_STAFF_PHONE, 'Staf Lain'), otherIdentityId: 'identity-staf-lain' };
}
