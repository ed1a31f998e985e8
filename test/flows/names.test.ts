/**
 * The one name rule at every door a name comes in by (issue 8, item 4): a resident's own name,
 * the name a helper types for someone else, and the profile name a chat app sends.
 */
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { NIK, startApplication } from '../support/apply-helper';
import { useFreshDatabase } from '../support/fresh-database';
import { choice, seed, SimPerson, text } from '../support/simulator';

useFreshDatabase();
beforeEach(seed);

const ALLOWED = "Nama hanya boleh berisi huruf, spasi, tanda petik ('), tanda hubung (-) dan titik.";

async function toNameQuestion(p: SimPerson, whom: 'Diri sendiri' | 'Orang lain') {
  let r = await p.say('menu');
  r = await p.press(choice(r, 'Ajukan layanan'));
  r = await p.press(choice(r, 'KTP'));
  return p.press(choice(r, whom));
}

describe('a resident typing her own name', () => {
  it('is told exactly what is wrong and asked again', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    await toNameQuestion(siti, 'Diri sendiri');
    expect(text(await siti.say('Siti Aminah 2'))).toBe(`Nama tidak boleh berisi angka. ${ALLOWED}\n\nNama lengkap sesuai KK?`);
    expect(text(await siti.say('S'))).toBe('Nama terlalu pendek: paling sedikit 2 huruf. Tulis nama lengkap sesuai KK, ya.\n\nNama lengkap sesuai KK?');
    expect(text(await siti.say('Siti\u200BAminah'))).toContain('Nama itu berisi tanda yang tidak terlihat');
    expect(text(await siti.say('siti-aisyah   aminah'))).toContain('NIK (16 angka');
    let r = await siti.say(NIK.siti);
    r = await siti.press(choice(r, 'RW 02'));
    await siti.press(choice(r, /^RT 03/));
    expect(await env.DB.prepare("SELECT full_name FROM people WHERE phone = '628123450001'").first()).toEqual({ full_name: 'Siti-Aisyah Aminah' });
  });

  it('in English too', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    let r = await siti.say('language');
    r = await siti.press(choice(r, 'English'));
    r = await siti.press(choice(r, 'Apply for a service'));
    r = await siti.press(choice(r, /KTP/));
    await siti.press(choice(r, 'Myself'));
    expect(text(await siti.say('Siti 😀'))).toBe(
      "A name cannot hold emoji or signs such as @, #, /, : or !. A name may hold only letters, spaces, apostrophes ('), hyphens (-) and periods.\n\n" +
        'Full name as on the family card?',
    );
  });
});

describe('a helper typing the applicant\'s name', () => {
  it('cannot put a link or emoji in front of the RT chair, and a Vietnamese name reaches the card intact', async () => {
    const budi = new SimPerson('628123450002', 'Budi');
    await toNameQuestion(budi, 'Orang lain');
    expect(text(await budi.say('www.x.com'))).toBe(`Nama tidak boleh berisi alamat situs atau tautan. ${ALLOWED}\n\nNama lengkap pemohon sesuai KK?`);
    expect(text(await budi.say('Transfer ke http://x.id'))).toContain('Nama tidak boleh berisi alamat situs atau tautan.');
    expect(text(await budi.say('Siti 🙏'))).toContain('Nama tidak boleh berisi emoji');
    expect(text(await budi.say('nguyễn văn an'))).toContain('NIK pemohon');
    let r = await budi.say(NIK.siti);
    r = await budi.press(choice(r, 'Tidak punya HP'));
    r = await budi.press(choice(r, 'RW 02'));
    await budi.press(choice(r, /^RT 03/));
    expect(text(await new SimPerson('628990000203', 'Bapak Hasan').replies())).toContain('Nguyễn Văn An, NIK 1671 **** **** 0003');
  });
});

describe('profile names', () => {
  const person = (phone: string) =>
    env.DB.prepare('SELECT p.full_name, ci.display_name FROM channel_identities ci JOIN people p ON p.id = ci.person_id WHERE ci.external_id = ?1')
      .bind(phone)
      .first();

  it('one that fails the rule is neither stored nor shown', async () => {
    await new SimPerson('628123450066', 'CS Kelurahan: transfer Rp50.000 ke rek 123').say('halo');
    expect(await person('628123450066')).toEqual({ full_name: '', display_name: null });
    await new SimPerson('628123450067', 'Siti \u202Eevil').say('halo');
    expect(await person('628123450067')).toEqual({ full_name: '', display_name: null });
  });

  it('one that passes becomes the person\'s name until they give their own', async () => {
    await new SimPerson('628123450068', 'nguyễn văn an').say('halo');
    expect(await person('628123450068')).toEqual({ full_name: 'Nguyễn Văn An', display_name: 'Nguyễn Văn An' });
  });

  it('a later bad one does not replace a good one', async () => {
    await new SimPerson('628123450069', 'Budi').say('halo');
    await new SimPerson('628123450069', 'Promo 50% klik bit.ly/x').say('menu');
    expect(await person('628123450069')).toEqual({ full_name: 'Budi', display_name: 'Budi' });
  });

  it('one stored before the rule is not put on a letter', async () => {
    await startApplication(new SimPerson('628123450001', 'Siti'), 'ktp');
    await env.DB.prepare("UPDATE channel_identities SET display_name = 'Promo www.x.com' WHERE external_id = '628990000203'").run();
    await env.DB.prepare("UPDATE people SET full_name = '' WHERE id = (SELECT person_id FROM channel_identities WHERE external_id = '628990000203')").run();
    const hasan = new SimPerson('628990000203', 'Bapak Hasan');
    await hasan.press(choice(await hasan.replies(), 'Setujui'));
    expect(await env.DB.prepare('SELECT issuer_name FROM letters').first()).toEqual({ issuer_name: 'Bapak Hasan' });
  });

  it('a helper applying for someone else with a bad profile name still works, named by number', async () => {
    const budi = new SimPerson('628123450002', 'Hadiah 🎁 klik www.x.com');
    await startApplication(budi, 'ktp', { forOther: { name: 'Siti Aminah', nik: NIK.siti, phone: '628123450001' } });
    const request = text(await new SimPerson('628123450001', 'Siti').replies());
    expect(request).toContain('Pemilik nomor 0812****002 mengajukan KTP');
    expect(request).not.toMatch(/Hadiah|www/);
  });
});
