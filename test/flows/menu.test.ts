/**
 * The resident's menu (issue 11 items 9, 10 and 11): a voice note answered with who can help and
 * how to reach the office, a draft offered again after "menu" and "status", and the complaint
 * picker's lines. Everything through the simulator, asserting the words people receive.
 */
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { startApplication } from '../support/apply-helper';
import { useFreshDatabase } from '../support/fresh-database';
import { seed, SimPerson, text } from '../support/simulator';

useFreshDatabase();
beforeEach(seed);

const OFFICE_PHONE = 'Bisa juga telepon kantor kelurahan di nomor 0711-555-0123.';
const OFFICE_ADDRESS = 'Bisa juga datang ke kantor kelurahan di Jl. Residen H. Najamudin, Bukit Sangkal, Palembang.';

describe('a voice note', () => {
  it('names the resident’s own RT chair and the office’s phone', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    await startApplication(siti, 'ktp');
    expect(text(await siti.sendUnsupported('voice'))).toBe(
      'Maaf, Loket belum bisa mendengar pesan suara.\nSilakan ketik pesannya, atau balas dengan angka pilihan.\n' +
        `Sulit mengetik? Minta tolong tetangga, atau Ketua RT 03/RW 02, Bapak Hasan, untuk mengetikkannya. ${OFFICE_PHONE}\n` +
        'Ketik "menu" untuk kembali ke awal.',
    );
  });

  it('tells a newcomer, whose RT Loket does not know yet, to ask a neighbour or their RT chair', async () => {
    const rudi = new SimPerson('628123450003', 'Rudi');
    const said = text(await rudi.sendUnsupported('voice'));
    expect(said).toContain(`Sulit mengetik? Minta tolong tetangga atau Ketua RT untuk mengetikkannya. ${OFFICE_PHONE}`);
  });

  it('does not send an RT chair to themselves', async () => {
    const hasan = new SimPerson('628990000203', 'Hasan');
    const said = text(await hasan.sendUnsupported('voice'));
    expect(said).toContain(`Sulit mengetik? Minta tolong tetangga untuk mengetikkannya. ${OFFICE_PHONE}`);
    expect(said).not.toContain('Ketua RT');
  });

  it('is answered in English for a resident who chose it', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    await startApplication(siti, 'ktp');
    await siti.say('bahasa');
    await siti.say('English');
    expect(text(await siti.sendUnsupported('audio'))).toContain(
      'Hard to type? Ask a neighbour, or the chair of RT 03/RW 02, Bapak Hasan, to type it for you. Or call the kelurahan office on 0711-555-0123.',
    );
  });

  it('sends the resident to the office’s address when the kelurahan has no phone set, and "bantuan" says the same', async () => {
    await env.DB.prepare('UPDATE kelurahan SET phone = NULL').run();
    const rudi = new SimPerson('628123450003', 'Rudi');
    expect(text(await rudi.sendUnsupported('voice'))).toContain(OFFICE_ADDRESS);
    expect(text(await rudi.say('bantuan'))).toContain(
      '- Sulit memakai Loket? Minta tolong tetangga atau Ketua RT, atau datang ke kantor kelurahan di Jl. Residen H. Najamudin, Bukit Sangkal, Palembang.',
    );
  });
});

describe('"bantuan"', () => {
  it('gives the office’s phone', async () => {
    const rudi = new SimPerson('628123450003', 'Rudi');
    expect(text(await rudi.say('bantuan'))).toContain(
      '- Sulit memakai Loket? Minta tolong tetangga atau Ketua RT, atau telepon kantor kelurahan di nomor 0711-555-0123.',
    );
  });
});
