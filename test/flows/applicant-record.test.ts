/**
 * What a helper types about someone else stays on the case until that person confirms it
 * (issue 8, item 3): their own record gets nothing on any branch, and everything that shows
 * the applicant still has a name to show.
 */
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { markUndeliverable } from '../../src/jobs/undeliverable';
import { NIK, startApplication } from '../support/apply-helper';
import { useFreshDatabase } from '../support/fresh-database';
import { choice, MONDAY_10_WIB, seed, SimPerson, text } from '../support/simulator';

useFreshDatabase();
beforeEach(seed);

/** A number Loket has never seen. */
const DEWI = '628123450077';
const HASAN = '628990000203';

const record = () =>
  env.DB.prepare(
    `SELECT p.full_name, p.nik, p.rt_id, ci.display_name FROM channel_identities ci JOIN people p ON p.id = ci.person_id
     WHERE ci.external_id = ?1`,
  )
    .bind(DEWI)
    .first();
const EMPTY = { full_name: '', nik: null, rt_id: null, display_name: null };

async function applyForDewi(budi: SimPerson): Promise<void> {
  await startApplication(budi, 'ktp', { forOther: { name: 'Dewi Lestari', nik: NIK.ani, phone: '0812 3450 077' } });
}

describe('a number new to Loket, applied for by a helper', () => {
  it('gets an empty record, while the RT card, the helper\'s status and the case carry the typed details', async () => {
    const budi = new SimPerson('628123450002', 'Budi');
    await applyForDewi(budi);
    expect(await record()).toEqual(EMPTY);
    expect(await env.DB.prepare('SELECT given_name, given_nik, rt_id IS NOT NULL AS has_rt FROM cases').first()).toEqual({
      given_name: 'Dewi Lestari',
      given_nik: NIK.ani,
      has_rt: 1,
    });
    expect(text(await new SimPerson(HASAN, 'Bapak Hasan').replies())).toContain('Dewi Lestari, NIK 1671 **** **** 0002');
    expect(text(await budi.say('status'))).toContain('KTP-2611-0001 - KTP (diajukan untuk Dewi Lestari)');
  });

  it('keeps it empty when she answers "Bukan saya"', async () => {
    await applyForDewi(new SimPerson('628123450002', 'Budi'));
    const dewi = new SimPerson(DEWI, 'Dewi');
    await dewi.press(choice(await dewi.replies(), 'Bukan saya'));
    expect(await record()).toEqual({ ...EMPTY, display_name: 'Dewi' });
  });

  it('keeps it empty when she never answers and the helper cancels', async () => {
    const budi = new SimPerson('628123450002', 'Budi');
    await applyForDewi(budi);
    expect(text(await budi.say('batal'))).toContain('Berkas KTP-2611-0001 sudah dibatalkan.');
    expect(await env.DB.prepare('SELECT state FROM cases').first()).toEqual({ state: 'cancelled' });
    expect(await record()).toEqual(EMPTY);
  });

  it('fills it from the case when she confirms', async () => {
    await applyForDewi(new SimPerson('628123450002', 'Budi'));
    const dewi = new SimPerson(DEWI, 'Dewi');
    await dewi.press(choice(await dewi.replies(), 'Ya, benar'));
    const rt = await env.DB.prepare('SELECT rt_id FROM cases').first<{ rt_id: string }>();
    expect(await record()).toEqual({ full_name: 'Dewi Lestari', nik: NIK.ani, rt_id: rt!.rt_id, display_name: 'Dewi' });
  });

  it('is still named by the case when the request cannot be delivered', async () => {
    await applyForDewi(new SimPerson('628123450002', 'Budi'));
    const hasan = new SimPerson(HASAN, 'Bapak Hasan');
    await hasan.replies();
    const request = await env.DB.prepare(
      "SELECT o.id FROM outbox o JOIN channel_identities ci ON ci.id = o.identity_id WHERE ci.external_id = ?1",
    )
      .bind(DEWI)
      .first<{ id: string }>();
    let n = 0;
    await markUndeliverable(env, request!.id, 131026, MONDAY_10_WIB + 60_000, { newId: () => `undeliverable-${n++}` });
    expect(text(await hasan.replies())).toBe('Pesan Loket untuk Dewi Lestari (berkas KTP-2611-0001) tidak sampai ke WhatsApp-nya. Mohon sampaikan langsung, ya.');
  });
});
