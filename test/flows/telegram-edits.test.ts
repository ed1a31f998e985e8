/**
 * Edited messages on Telegram, through the webhook and the pipeline: an edit of the person's
 * latest message, while the question it answered still stands (it was refused), is the answer;
 * any other edit gets a short note and changes nothing.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { NIK } from '../support/apply-helper';
import { useFreshDatabase } from '../support/fresh-database';
import { seed } from '../support/simulator';
import { choiceId, choicesIn, SITI_TG, tg, TgPerson, textOf } from '../support/telegram';
import { clearTelegramBotCache } from '../../src/telegram-kelurahan';
import editedNik from '../telegram/fixtures/edited_message_nik.json';

useFreshDatabase();
beforeEach(async () => {
  await seed();
  clearTelegramBotCache();
});

const NOTE = 'Maaf, pesan yang diubah tidak kami baca. Kalau ada yang perlu diganti, kirim lagi sebagai pesan baru.';
const RW_QUESTION = /Tinggal di RW berapa\?/;


/** Siti on Telegram, asked for her NIK for a KTP. */
async function atNikQuestion(): Promise<TgPerson> {
  const siti = new TgPerson(SITI_TG);
  let r = await siti.say('halo');
  r = await siti.press(choiceId(r, 'Ajukan layanan'));
  r = await siti.press(choiceId(r, 'KTP'));
  r = await siti.press(choiceId(r, 'Diri sendiri'));
  // A Telegram resident shares her number once before applying (test/flows/telegram-identity.test.ts).
  r = await siti.send(tg.contact(SITI_TG, '6281234500001'));
  expect(textOf(r)).toContain('Nama lengkap sesuai KK?');
  r = await siti.say('Siti Aminah');
  expect(textOf(r)).toContain('NIK (16 angka, ada di KTP atau KK)?');
  return siti;
}

describe('an edited message on Telegram', () => {
  it('takes the corrected NIK when the NIK it changes was refused and is her latest message', async () => {
    const siti = await atNikQuestion();
    const typo = await siti.sayKept('1671 0245 0879 000');
    expect(textOf(typo.replies)).toBe('NIK harus 16 angka. Yang Bapak/Ibu kirim 15 angka. Coba lagi, ya.');

    // Still wrong: refused again, and the question still stands, so a second edit is read too.
    expect(textOf(await siti.edit(typo.messageId, '1671 0245 0879 00031'))).toBe('NIK harus 16 angka. Yang Bapak/Ibu kirim 17 angka. Coba lagi, ya.');
    const taken = await siti.edit(typo.messageId, NIK.siti);
    expect(textOf(taken)).toMatch(RW_QUESTION);
    expect(choicesIn(taken).map((c) => c.label)).toContain('RW 02');

    // Once taken, the message has been answered: a later edit of it is not read.
    expect(textOf(await siti.edit(typo.messageId, '1671021203850001'))).toBe(NOTE);
  });

  it('reads the fixture\'s edit (a NIK corrected in place) as the answer to the NIK refused in that message', async () => {
    const siti = await atNikQuestion();
    const fixture = editedNik as { edited_message: { message_id: number } };
    // The message the fixture edits: the same chat and message_id, sent with a digit missing.
    const refused = await siti.send({
      update_id: 510000099,
      message: { ...fixture.edited_message, edit_date: undefined, text: '167102450879000', date: Math.floor(Date.now() / 1000) },
    });
    expect(textOf(refused)).toMatch(/^NIK harus 16 angka\./);
    expect(textOf(await siti.send({ ...editedNik, edited_message: { ...fixture.edited_message, date: Math.floor(Date.now() / 1000) } }))).toMatch(RW_QUESTION);
  });

  it('gets a note, and changes nothing, for an edit of an answer Loket took', async () => {
    const siti = await atNikQuestion();
    const nik = await siti.sayKept(NIK.siti);
    expect(textOf(nik.replies)).toMatch(RW_QUESTION);
    expect(textOf(await siti.edit(nik.messageId, '1671021203850001'))).toBe(NOTE);
    // The RW question is still the open one.
    const r = await siti.say('RW 02');
    expect(textOf(r)).toMatch(/RT/);
  });

  it('gets a note for an edit of a refused answer she has written after', async () => {
    const siti = await atNikQuestion();
    const first = await siti.sayKept('12345');
    const second = await siti.sayKept('123456');
    expect(textOf(second.replies)).toMatch(/^NIK harus 16 angka\./);
    expect(textOf(await siti.edit(first.messageId, NIK.siti))).toBe(NOTE);
    // The latest one is still hers to correct.
    expect(textOf(await siti.edit(second.messageId, NIK.siti))).toMatch(RW_QUESTION);
  });

  it('gets a note for an edit of a refused answer when she pressed a button since', async () => {
    const siti = await atNikQuestion();
    const typo = await siti.sayKept('12345');
    await siti.press('menu:apply');
    expect(textOf(await siti.edit(typo.messageId, NIK.siti))).toBe(NOTE);
  });
});
