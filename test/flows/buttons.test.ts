import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { completeApplication } from '../support/apply-helper';
import { useFreshDatabase } from '../support/fresh-database';
import { choice, choicesOf, drainQueue, seed, SimPerson, text } from '../support/simulator';

useFreshDatabase();
beforeEach(seed);

const STALE = 'Tombol itu sudah tidak berlaku.';

describe('a pressed button Loket does not know', () => {
  it('is answered as no longer valid, followed by the menu, whatever its prefix', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    await siti.say('halo');
    await siti.replies();
    const { id } = (await env.DB.prepare('SELECT id FROM rt LIMIT 1').first<{ id: string }>())!;
    for (const pressed of [`rt:zz:${id}`, 'rt:zz:', `nb:q:${id}`, 'nb:y:no-such-question', 'xx:1', 'ac:q:1', 'rt:constructor:x']) {
      const r = await siti.press(pressed);
      expect(text(r), pressed).toContain(STALE);
      expect(text(r), pressed).toContain('Mau apa hari ini?');
      expect(choicesOf(r).map((c) => c.label), pressed).toContain('Ajukan layanan');
    }
  });

  it('puts the RT chair back before the card waiting for him', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    const hasan = new SimPerson('628990000203', 'Bapak Hasan');
    const code = await completeApplication(siti, 'ktp');
    await drainQueue();
    const card = await hasan.replies();
    const caseId = choice(card, 'Setujui').id.split(':')[2]!;
    const r = await hasan.press(`rt:zz:${caseId}`);
    expect(text(r)).toContain(STALE);
    expect(text(r)).toContain(`Nomor berkas: ${code}`);
    expect(choicesOf(r).map((c) => c.label)).toEqual(['Setujui', 'Tolak']);
    expect(await env.DB.prepare('SELECT state FROM cases').first()).toEqual({ state: 'awaiting_pengantar' });
  });

  it('in the middle of a question, repeats that question', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    let r = await siti.say('menu');
    r = await siti.press(choice(r, 'Ajukan layanan'));
    r = await siti.press('xx:1');
    expect(text(r)).toContain(STALE);
    expect(text(r)).toContain('Layanan apa?');
  });
});
