/**
 * A resident on Telegram, where Loket does not know their number, shares it once with the
 * button before applying; with it they are one person with their WhatsApp chat, and a helper's
 * request naming the number reaches their Telegram chat. Driven through the inbound pipeline
 * with Telegram and WhatsApp events as their adapters make them.
 */
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { InboundBody, OutboundMessage, Sender } from '../../adapters/channel';
import { processInbound, type PipelineDeps } from '../../src/pipeline/process-inbound';
import { cryptoIds, cryptoRandom } from '../../src/platform';
import { useFreshDatabase } from '../support/fresh-database';
import { MONDAY_10_WIB, seed } from '../support/simulator';

useFreshDatabase();
beforeEach(seed);

const K = 'kel-bukit-sangkal';
const SITI_PHONE = '6281234500001';
let clock = MONDAY_10_WIB;
let seq = 0;
const deps: PipelineDeps = {
  db: env.DB,
  queue: { send: async () => {}, sendBatch: async () => {} } as unknown as Queue,
  clock: { now: () => clock },
  ids: cryptoIds,
  random: cryptoRandom,
  maxUploadBytes: 10 * 1024 * 1024,
  defaultLocale: 'id',
};

type Row = { message: OutboundMessage; text: string };

/** Someone writing to Loket on one channel; `send` returns what Loket wrote back to this chat. */
class Chat {
  private seen = 0;
  constructor(readonly sender: Sender) {}

  async send(body: InboundBody): Promise<Row[]> {
    clock += 1000;
    await processInbound(deps, K, { ...body, messageId: `${this.sender.channel}:${++seq}`, sender: this.sender, at: clock } as never);
    const all = await outboxOf(this.sender.channel, this.sender.externalId);
    const fresh = all.slice(this.seen);
    this.seen = all.length;
    return fresh;
  }
  say = (text: string) => this.send({ kind: 'text', text });
  press = (choiceId: string) => this.send({ kind: 'choice', choiceId });
  share = (phone: string) => this.send({ kind: 'phone', phone });
}

async function outboxOf(channel: string, externalId: string): Promise<Row[]> {
  const { results } = await env.DB.prepare(
    `SELECT o.payload FROM outbox o JOIN channel_identities ci ON ci.id = o.identity_id
     WHERE ci.channel = ? AND ci.external_id = ? ORDER BY o.rowid`,
  ).bind(channel, externalId).all<{ payload: string }>();
  return results.map((r) => {
    const message = JSON.parse(r.payload) as OutboundMessage;
    return { message, text: message.kind === 'text' ? message.text : '' };
  });
}

const words = (rows: Row[]) => rows.map((r) => r.text).join('\n---\n');
const last = (rows: Row[]) => rows[rows.length - 1]!.message as Extract<OutboundMessage, { kind: 'text' }>;
const choiceId = (rows: Row[], label: RegExp) => {
  const found = (last(rows).choices ?? []).find((c) => label.test(c.label));
  if (!found) throw new Error(`no ${label} in ${JSON.stringify(last(rows).choices)}`);
  return found.id;
};

const telegramSiti = () => new Chat({ channel: 'telegram', externalId: '700000001', displayName: 'Siti Aminah' });
const whatsappSiti = () => new Chat({ channel: 'whatsapp', externalId: SITI_PHONE, displayName: 'Siti Aminah', phone: SITI_PHONE });
const whatsappBudi = () => new Chat({ channel: 'whatsapp', externalId: '6281234500002', displayName: 'Budi Santoso', phone: '6281234500002' });

/** Menu, KTP, and for whom: where the number is asked on Telegram. */
async function startKtp(chat: Chat, whom: 'self' | 'other'): Promise<Row[]> {
  await chat.say('halo');
  await chat.say('1');
  await chat.press('svc:ktp');
  return chat.press(`whom:${whom}`);
}

/** A complaint, which never asks for the number; returns its code. */
async function complain(chat: Chat): Promise<string> {
  await chat.say('halo');
  await chat.say('pengaduan');
  await chat.say('Lampu jalan di depan rumah mati sejak minggu lalu.');
  await chat.press('complaint:skip');
  return (await env.DB.prepare("SELECT code FROM cases WHERE kind = 'complaint' ORDER BY created_at DESC").first<{ code: string }>())!.code;
}

const personRow = (id: string) =>
  env.DB.prepare('SELECT full_name AS fullName, nik, rt_id AS rtId, phone FROM people WHERE id = ?').bind(id).first();
const holdersOf = async (phone: string) =>
  (await env.DB.prepare('SELECT count(*) AS n FROM people WHERE phone = ?').bind(phone).first<{ n: number }>())!.n;
const SITI_NIK = '1671024508790003';

const personOfChat = async (channel: string, externalId: string) =>
  (await env.DB.prepare('SELECT person_id AS personId FROM channel_identities WHERE channel = ? AND external_id = ?').bind(channel, externalId).first<{ personId: string }>())!.personId;

describe('Telegram: sharing one\'s number once', () => {
  it('is asked with the button before the application goes on, saying why', async () => {
    const siti = telegramSiti();
    const asked = await startKtp(siti, 'self');
    expect(words(asked)).toContain('kirim nomor HP Anda sekali saja dengan tombol di bawah');
    expect(words(asked)).toContain('Ketua RT dan tetangga mengenal warga dari nomornya');
    expect(last(asked).askPhone).toEqual({ label: 'Kirim nomor HP saya' });
    expect(words(asked)).not.toContain('Nama lengkap');
  });

  it('refuses a typed number, saying why, and shows the button again', async () => {
    const siti = telegramSiti();
    await startKtp(siti, 'self');
    const typed = await siti.say('0812 3450 0001');
    expect(words(typed)).toContain('Nomor yang diketik belum bisa kami pastikan milik Anda');
    expect(last(typed).askPhone).toEqual({ label: 'Kirim nomor HP saya' });
    const person = await personOfChat('telegram', '700000001');
    expect(await env.DB.prepare('SELECT phone FROM people WHERE id = ?').bind(person).first()).toEqual({ phone: null });
  });

  it('takes the shared number, removes the button and goes on where the application was', async () => {
    const siti = telegramSiti();
    await startKtp(siti, 'self');
    const shared = await siti.share(SITI_PHONE);
    expect(shared[0]).toMatchObject({ text: 'Terima kasih, nomor Anda sudah kami catat.', message: { removeKeyboard: true } });
    expect(words(shared)).toContain('Nama lengkap sesuai KK?');
    const person = await personOfChat('telegram', '700000001');
    expect(await env.DB.prepare('SELECT phone FROM people WHERE id = ?').bind(person).first()).toEqual({ phone: SITI_PHONE });
    // Asked once: the next application goes straight to the name.
    await siti.say('menu');
    const again = await startKtp(siti, 'other');
    expect(words(again)).toContain('Nama lengkap pemohon');
    expect(words(again)).not.toContain('tombol di bawah');
  });

  it('the number is kept, and a WhatsApp person joined, in the message\'s two D1 round trips', async () => {
    await whatsappSiti().say('halo');
    const siti = telegramSiti();
    await startKtp(siti, 'self');
    const statement = Object.getPrototypeOf(env.DB.prepare('SELECT 1')) as Record<string, unknown>;
    const spies = [vi.spyOn(env.DB, 'batch'), ...(['first', 'all', 'run', 'raw'] as const).map((m) => vi.spyOn(statement as never, m as never))];
    try {
      clock += 1000;
      await processInbound(deps, K, { kind: 'phone', phone: SITI_PHONE, messageId: 'tg:trips', sender: siti.sender, at: clock });
      expect(spies.reduce((n, s) => n + s.mock.calls.length, 0)).toBe(2);
    } finally {
      spies.forEach((s) => s.mockRestore());
    }
    expect(await personOfChat('telegram', '700000001')).toBe(await personOfChat('whatsapp', SITI_PHONE));
  });

  it('someone else\'s card at the share step is refused, saying why, and the button is shown again', async () => {
    const siti = telegramSiti();
    await startKtp(siti, 'self');
    const card = await siti.send({ kind: 'unsupported', what: 'contact' });
    expect(words(card)).toContain('Itu kontak orang lain. Kami perlu nomor Anda sendiri: tekan tombol "Kirim nomor HP saya" di bawah.');
    expect(last(card).askPhone).toEqual({ label: 'Kirim nomor HP saya' });
    expect(await personRow(await personOfChat('telegram', '700000001'))).toMatchObject({ phone: null });
  });

  it('is not asked for the menu, status or a complaint', async () => {
    const siti = telegramSiti();
    const replies = [...(await siti.say('halo')), ...(await siti.say('status')), ...(await siti.say('pengaduan'))];
    expect(words(replies)).not.toContain('tombol di bawah');
    expect(replies.some((r) => r.message.kind === 'text' && r.message.askPhone)).toBe(false);
  });
});

describe('one person on WhatsApp and Telegram', () => {
  it('a number already on WhatsApp: the Telegram chat joins that person, and the WhatsApp case shows in Telegram\'s status', async () => {
    const wa = whatsappSiti();
    await wa.say('halo');
    await wa.say('pengaduan');
    await wa.say('Lampu jalan di depan rumah mati sejak minggu lalu.');
    await wa.press('complaint:skip');
    const { code } = (await env.DB.prepare("SELECT code FROM cases WHERE kind = 'complaint'").first<{ code: string }>())!;

    const tg = telegramSiti();
    await startKtp(tg, 'self');
    await tg.share(SITI_PHONE);
    expect(await personOfChat('telegram', '700000001')).toBe(await personOfChat('whatsapp', SITI_PHONE));
    expect(await env.DB.prepare("SELECT count(*) AS n FROM people WHERE phone = ?").bind(SITI_PHONE).first()).toEqual({ n: 1 });
    const status = await tg.say('status');
    expect(words(status)).toContain(code);
  });

  it('her complaint filed on Telegram before she shared moves with her chat to her WhatsApp person, and WhatsApp\'s status lists it', async () => {
    const wa = whatsappSiti();
    await wa.say('halo');
    const tg = telegramSiti();
    const code = await complain(tg);
    const telegramPerson = await personOfChat('telegram', '700000001');
    await startKtp(tg, 'self');
    await tg.share(SITI_PHONE);

    const waPerson = await personOfChat('whatsapp', SITI_PHONE);
    expect(waPerson).not.toBe(telegramPerson);
    expect(await env.DB.prepare('SELECT applicant_person_id AS p FROM cases WHERE code = ?').bind(code).first()).toEqual({ p: waPerson });
    const status = await wa.say('status');
    expect(words(status)).toContain('Berkas Bapak/Ibu:');
    expect(words(status)).toContain(`${code} - `);
  });

  it('what she gave on Telegram (name, NIK, RT) fills her WhatsApp record, and the record her chat left keeps none of it', async () => {
    // A WhatsApp profile without a name: her record there has no name, NIK or RT yet.
    const wa = new Chat({ channel: 'whatsapp', externalId: SITI_PHONE, phone: SITI_PHONE });
    await wa.say('halo');
    const tg = telegramSiti();
    await tg.say('halo');
    const telegramPerson = await personOfChat('telegram', '700000001');
    // Given before the share step existed, or from a case she confirmed: her Telegram record knows her.
    await env.DB.prepare("UPDATE people SET full_name = 'Siti Aminah', nik = ?, rt_id = (SELECT rt_id FROM people WHERE id = 'person-chair-0203') WHERE id = ?")
      .bind(SITI_NIK, telegramPerson).run();
    const rtId = (await personRow('person-chair-0203') as { rtId: string }).rtId;

    await startKtp(tg, 'self');
    await tg.share(SITI_PHONE);
    const waPerson = await personOfChat('whatsapp', SITI_PHONE);
    expect(await personOfChat('telegram', '700000001')).toBe(waPerson);
    expect(await personRow(waPerson)).toEqual({ fullName: 'Siti Aminah', nik: SITI_NIK, rtId, phone: SITI_PHONE });
    expect(await personRow(telegramPerson)).toEqual({ fullName: '', nik: null, rtId: null, phone: null });
    expect((await env.DB.prepare('SELECT count(*) AS n FROM people WHERE nik = ?').bind(SITI_NIK).first<{ n: number }>())!.n).toBe(1);
  });

  it('a Telegram record whose number reaches nobody keeps its name, NIK and RT when she shares it', async () => {
    const tg = telegramSiti();
    await tg.say('halo');
    const person = await personOfChat('telegram', '700000001');
    await env.DB.prepare("UPDATE people SET full_name = 'Siti Aminah', nik = ? WHERE id = ?").bind(SITI_NIK, person).run();
    await startKtp(tg, 'self');
    const shared = await tg.share(SITI_PHONE);
    expect(words(shared)).toContain('nomor Anda sudah kami catat');
    expect(await personOfChat('telegram', '700000001')).toBe(person);
    expect(await personRow(person)).toMatchObject({ fullName: 'Siti Aminah', nik: SITI_NIK, phone: SITI_PHONE });
  });

  it('a number shared on Telegram first: her first WhatsApp message is already hers, with her Telegram case, and makes nobody new', async () => {
    const tg = telegramSiti();
    const code = await complain(tg);
    await startKtp(tg, 'self');
    await tg.share(SITI_PHONE);
    await tg.say('batal');
    const people = async () => (await env.DB.prepare('SELECT count(*) AS n FROM people').first<{ n: number }>())!.n;
    const before = await people();

    const status = await whatsappSiti().say('status');
    expect(words(status)).toContain('Berkas Bapak/Ibu:');
    expect(words(status)).toContain(`${code} - `);
    expect(words(status)).toContain('(Siti Aminah)');
    expect(await personOfChat('whatsapp', SITI_PHONE)).toBe(await personOfChat('telegram', '700000001'));
    expect(await people()).toBe(before);
    expect(await holdersOf(SITI_PHONE)).toBe(1);
  });

  it('a first WhatsApp message joins nobody when two records hold its number, or the record is an RT chair\'s', async () => {
    const tg = telegramSiti();
    await startKtp(tg, 'self');
    await tg.share(SITI_PHONE);
    // An empty record with her number too (a case typed for her long ago): which one is hers is unknown.
    await env.DB.prepare("INSERT INTO people (id, kelurahan_id, full_name, phone, created_at) VALUES ('p-typed', ?, '', ?, 0)").bind(K, SITI_PHONE).run();
    await whatsappSiti().say('halo');
    const waPerson = await personOfChat('whatsapp', SITI_PHONE);
    expect([await personOfChat('telegram', '700000001'), 'p-typed']).not.toContain(waPerson);

    // Bapak Hasan's number is on his record, typed by the office; only his invitation code links a chat to it.
    const hasan = new Chat({ channel: 'whatsapp', externalId: '628990000203', displayName: 'Hasan', phone: '628990000203' });
    const hello = await hasan.say('halo');
    expect(await personOfChat('whatsapp', '628990000203')).not.toBe('person-chair-0203');
    expect(words(hello)).not.toContain('RT 03');
  });

  it('a new simulator phone is not the record of whoever shared that number: its id is typed, not proven', async () => {
    const tg = telegramSiti();
    await startKtp(tg, 'self');
    await tg.share(SITI_PHONE);
    await new Chat({ channel: 'simulator', externalId: SITI_PHONE, displayName: 'Siti Aminah', phone: SITI_PHONE }).say('halo');
    expect(await personOfChat('simulator', SITI_PHONE)).not.toBe(await personOfChat('telegram', '700000001'));
  });

  it('an RT chair\'s Telegram chat stays the chair\'s when the number shared is on a resident\'s WhatsApp', async () => {
    await whatsappSiti().say('halo');
    await env.DB.batch([
      env.DB.prepare("UPDATE people SET phone = NULL WHERE id = 'person-chair-0203'"),
      env.DB.prepare(
        "INSERT INTO channel_identities (id, kelurahan_id, person_id, channel, external_id, created_at) VALUES ('tg-hasan', ?, 'person-chair-0203', 'telegram', '700000003', 0)",
      ).bind(K),
    ]);
    const replies = await new Chat({ channel: 'telegram', externalId: '700000003' }).share(SITI_PHONE);
    expect(words(replies)).toContain('nomor Anda sudah kami catat');
    expect(await personOfChat('telegram', '700000003')).toBe('person-chair-0203');
  });

  it('a staff member\'s Telegram chat stays the staff member\'s when the number shared is on a resident\'s WhatsApp', async () => {
    await whatsappSiti().say('halo');
    const staffChat = new Chat({ channel: 'telegram', externalId: '700000009', displayName: 'Staf' });
    await staffChat.say('halo');
    const staffPerson = await personOfChat('telegram', '700000009');
    await env.DB.prepare("UPDATE staff_users SET identity_id = (SELECT id FROM channel_identities WHERE external_id = '700000009') WHERE id = 'staff-demo'").run();
    const replies = await staffChat.share(SITI_PHONE);
    expect(words(replies)).toContain('nomor Anda sudah kami catat');
    expect(await personOfChat('telegram', '700000009')).toBe(staffPerson);
  });

  it('a resident\'s Telegram chat never joins an RT chair\'s or staff member\'s record that holds the number she shares', async () => {
    // Bapak Hasan's record holds 628990000203, typed by the office; say it is really hers.
    const tg = telegramSiti();
    await startKtp(tg, 'self');
    const replies = await tg.share('628990000203');
    expect(words(replies)).toContain('nomor Anda sudah kami catat');
    const mine = await personOfChat('telegram', '700000001');
    expect(mine).not.toBe('person-chair-0203');
    expect(words(await tg.say('rt'))).not.toContain('Ketua RT 03');

    // A staff member's record, reached by a chat linked to the desk, is not joined either.
    const staffChat = new Chat({ channel: 'whatsapp', externalId: '6281234500077', displayName: 'Staf', phone: '6281234500077' });
    await staffChat.say('halo');
    await env.DB.prepare("UPDATE staff_users SET identity_id = (SELECT id FROM channel_identities WHERE external_id = '6281234500077') WHERE id = 'staff-demo'").run();
    const budi = new Chat({ channel: 'telegram', externalId: '700000002', displayName: 'Budi' });
    await startKtp(budi, 'self');
    await budi.share('6281234500077');
    expect(await personOfChat('telegram', '700000002')).not.toBe(await personOfChat('whatsapp', '6281234500077'));
  });

  it('a helper\'s "Orang lain" naming a Telegram-only number asks its owner in their Telegram chat, and makes nobody new', async () => {
    const tg = telegramSiti();
    await startKtp(tg, 'self');
    await tg.share(SITI_PHONE);
    await tg.say('batal');
    const people = async () => (await env.DB.prepare('SELECT count(*) AS n FROM people').first<{ n: number }>())!.n;

    const budi = whatsappBudi();
    await startKtp(budi, 'other');
    await budi.say('Siti Aminah');
    await budi.say('1671024508790003');
    const rw = await budi.say('0812 3450 0001');
    const before = await people();
    const rt = await budi.press(choiceId(rw, /RW 02/));
    const made = await budi.press(choiceId(rt, /RT 03/));
    expect(words(made)).toContain('Kami sudah meminta Siti Aminah mengonfirmasi dari HP-nya sendiri.');
    // The empty row that anchors the case is the only one a helper's request may make, and here not even that.
    expect(await people()).toBe(before);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM channel_identities WHERE external_id = ?").bind(SITI_PHONE).first()).toEqual({ n: 0 });

    const { results } = await env.DB.prepare(
      `SELECT ci.channel, ci.external_id AS externalId, o.payload FROM outbox o JOIN channel_identities ci ON ci.id = o.identity_id
       WHERE o.payload LIKE '%mengajukan KTP%'`,
    ).all<{ channel: string; externalId: string; payload: string }>();
    expect(results.map((r) => [r.channel, r.externalId])).toEqual([['telegram', '700000001']]);
    const question = JSON.parse(results[0]!.payload) as { text: string };
    expect(question.text).toContain('Pemilik nomor 0812****002 mengajukan KTP di Loket untuk Bapak/Ibu, atas nama Siti Aminah.');
    const applicant = await env.DB.prepare("SELECT applicant_person_id AS p FROM cases WHERE kind = 'service'").first<{ p: string }>();
    expect(applicant!.p).toBe(await personOfChat('telegram', '700000001'));

    // Typing "ya" in her Telegram chat answers it: the question waits there.
    await tg.say('ya');
    expect(await env.DB.prepare("SELECT applicant_confirmed_at IS NOT NULL AS confirmed FROM cases WHERE kind = 'service'").first()).toEqual({ confirmed: 1 });
  });
});
