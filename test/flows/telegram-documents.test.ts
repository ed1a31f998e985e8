/**
 * A Telegram document is let in by its first bytes, never by the type its sender declared: a PDF
 * sent with no mime_type, or as application/octet-stream, is fetched and stored; a file that is
 * no scan is refused by the consumer and the resident is told which one to send again. What the
 * sender's own phone calls something else (a Word file) is refused at once, at the question.
 */
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearTelegramBotCache } from '../../src/telegram-kelurahan';
import { NIK } from '../support/apply-helper';
import { useFreshDatabase } from '../support/fresh-database';
import { drainQueue, PDF, seed } from '../support/simulator';
import { choiceId, SITI_TG, tg, TgPerson, textOf, type TgUpdate } from '../support/telegram';
import { FakeBotApi } from '../support/telegram-api';

useFreshDatabase();
const bot = new FakeBotApi();
beforeEach(async () => {
  await seed();
  clearTelegramBotCache();
  bot.install();
});
afterEach(() => vi.restoreAllMocks());


/** Siti on Telegram, through the questions of a KTP, asked for her first document. */
async function askedForDocuments(): Promise<TgPerson> {
  const siti = new TgPerson(SITI_TG);
  let r = await siti.say('halo');
  r = await siti.press(choiceId(r, 'Ajukan layanan'));
  r = await siti.press(choiceId(r, 'KTP'));
  r = await siti.press(choiceId(r, 'Diri sendiri'));
  r = await siti.send(tg.contact(SITI_TG, '6281234500001'));
  r = await siti.say('Siti Aminah');
  r = await siti.say(NIK.siti);
  r = await siti.press(choiceId(r, 'RW 02'));
  r = await siti.press(choiceId(r, /^RT 03/));
  expect(textOf(r)).toContain('Sekarang kirim Fotokopi KK.');
  return siti;
}

/** A document update carrying `bytes`, its declared type set to `mimeType` or left out. */
function documentOf(bytes: Uint8Array, mimeType: string | null): TgUpdate {
  const u = tg.document(SITI_TG, 'kk', mimeType ?? 'x');
  const doc = (u.message as { document: { file_id: string; mime_type?: string } }).document;
  if (mimeType === null) delete doc.mime_type;
  bot.addFile(doc.file_id, bytes);
  return u;
}

/** The first bytes of a .docx (a zip), whatever it is called. */
const WORD = new TextEncoder().encode('PK\u0003\u0004 word/document.xml');

const kkCopy = () => env.DB.prepare("SELECT status, content_type, reject_reason FROM case_documents WHERE requirement = 'kk_copy'").first();

describe('a document on Telegram', () => {
  it('sent with no declared type is fetched, and stored as the PDF its bytes show', async () => {
    const siti = await askedForDocuments();
    expect(textOf(await siti.send(documentOf(PDF, null)))).toContain('Fotokopi KK diterima, sedang kami periksa.');
    await drainQueue();
    expect(await kkCopy()).toEqual({ status: 'stored', content_type: 'application/pdf', reject_reason: null });
  });

  it('declared application/octet-stream is stored as the PDF it is', async () => {
    const siti = await askedForDocuments();
    expect(textOf(await siti.send(documentOf(PDF, 'application/octet-stream')))).toContain('Fotokopi KK diterima, sedang kami periksa.');
    await drainQueue();
    expect(await kkCopy()).toEqual({ status: 'stored', content_type: 'application/pdf', reject_reason: null });
  });

  it('that its sender\'s phone calls a Word file is refused at once, and Siti is asked for the KK again', async () => {
    const siti = await askedForDocuments();
    const r = await siti.send(documentOf(WORD, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'));
    expect(textOf(r)).toContain('Itu bukan foto atau PDF, jadi tidak bisa kami terima. Kirim foto dokumennya, ya.');
    expect(textOf(r)).toContain('Sekarang kirim Fotokopi KK.');
    expect(bot.calls.filter((c) => c.method === 'getFile')).toEqual([]);
    expect(await kkCopy()).toBeNull();
  });

  it('that is no scan and came with no declared type is refused by its bytes, and Siti is asked for it again', async () => {
    const siti = await askedForDocuments();
    await siti.send(documentOf(WORD, null));
    await drainQueue();
    expect(await kkCopy()).toEqual({ status: 'rejected', content_type: expect.any(String), reject_reason: 'bad_type' });
    expect(textOf(await siti.replies())).toContain(
      'Maaf, Fotokopi KK yang Bapak/Ibu kirim bukan foto atau PDF, jadi tidak bisa kami buka.\nSilakan kirim lagi Fotokopi KK di chat ini. Tidak perlu mengulang dari awal.',
    );
  });
});
