import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { useFreshDatabase } from '../support/fresh-database';
import { choice, MONDAY_10_WIB, seed, setClock, SimPerson, testEnv, text } from '../support/simulator';

useFreshDatabase();
beforeEach(seed);

async function newInvite(): Promise<string> {
  const res = await createApp().request('/__local/invites', { method: 'POST', body: JSON.stringify({ rw: 1, rt: 2 }) }, testEnv());
  return (await res.json<{ code: string }>()).code;
}
const linkedToChair = async () =>
  Number(
    (await env.DB.prepare(
      `SELECT count(*) AS n FROM channel_identities i JOIN rt ON rt.chair_person_id = i.person_id
       JOIN rw ON rw.id = rt.rw_id WHERE rw.number = 1 AND rt.number = 2`,
    ).first<{ n: number }>())!.n,
  );

describe('an invitation code sent by many chats at once', () => {
  it('links exactly one of them; every other chat is told the code is spent', async () => {
    const code = await newInvite();
    const before = await linkedToChair();
    const phones = Array.from({ length: 20 }, (_, i) => new SimPerson(`62877700${String(1000 + i)}`, `HP ${i}`));
    const answers = await Promise.all(phones.map(async (p) => text(await p.say(`/start ${code}`))));
    expect(await linkedToChair()).toBe(before + 1);
    expect(answers.filter((a) => a.startsWith('Terima kasih, Ibu Nurhasanah'))).toHaveLength(1);
    expect(answers.filter((a) => a.startsWith('Kode undangan tidak dikenal atau sudah dipakai'))).toHaveLength(19);
  });
});

describe('wrong invitation codes', () => {
  it('do not include eight-letter names typed as answers', async () => {
    const siti = new SimPerson('628777002003', 'Siti');
    // Older users often type in capitals.
    for (let i = 0; i < 3; i++) await siti.say('Mulyanto');
    for (let i = 0; i < 3; i++) await siti.say('MULYANTO');
    let r = await siti.say('menu');
    r = await siti.press(choice(r, 'Ajukan layanan'));
    r = await siti.press(choice(r, 'KTP'));
    r = await siti.press(choice(r, 'Diri sendiri'));
    expect(text(await siti.say('MULYANTO'))).toContain('NIK');
    expect(await env.DB.prepare('SELECT count(*) AS n FROM throttles').first()).toEqual({ n: 0 });
  });


  it('are throttled per sender: after five wrong codes even the right one waits an hour, others are not affected', async () => {
    const code = await newInvite();
    const guesser = new SimPerson('628777002000', 'Penebak');
    for (const wrong of ['AAAA-BBBB', 'CCCC-DDDD', 'EEEE-FFFF', 'GGGG-HHHH', 'JJJJ-KKKK']) {
      expect(text(await guesser.say(`/start ${wrong}`))).toContain('Kode undangan tidak dikenal');
    }
    expect(text(await guesser.say(`/start ${code}`))).toBe(
      'Sudah terlalu banyak kode yang salah dari nomor ini. Coba lagi satu jam lagi. Untuk kode baru, telepon kantor kelurahan di nomor 0711-555-0123.',
    );
    // Typed without /start, a code-shaped guess is refused the same way once throttled.
    expect(text(await guesser.say(code))).toContain('terlalu banyak kode yang salah');
    expect(await linkedToChair()).toBe(1);

    // Someone else with the right code is not held back by the guesser.
    const chair = new SimPerson('628777002001', 'HP baru Bu Nur');
    expect(text(await chair.say(`/start ${code}`))).toContain('Terima kasih, Ibu Nurhasanah');
  });

  it('typed guesses without /start count too', async () => {
    const guesser = new SimPerson('628777002002', 'Penebak');
    for (const wrong of ['AAAA2BBB', 'CCCC3DDD', 'EEEE4FFF', 'GGGG5HHH', 'JJJJ6KKK']) await guesser.say(wrong);
    expect(text(await guesser.say('/start MMMM-NNNN'))).toContain('terlalu banyak kode yang salah');
    // An hour later the window has passed and the sender's codes are looked at again.
    setClock(MONDAY_10_WIB + 61 * 60_000);
    expect(text(await guesser.say('/start MMMM-NNNN'))).toContain('Kode undangan tidak dikenal');
  });
});
