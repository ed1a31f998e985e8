/**
 * A simulated phone played as WhatsApp or as Telegram: the inbox route returns, per message, the
 * bubbles the real renderers would send on that channel.
 */
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Choice, OutboundMessage } from '../../adapters/channel';
import type { Bubble } from '../../adapters/simulator/looks';
import { createApp } from '../../src/app';
import { useFreshDatabase } from '../support/fresh-database';
import { seed, SimPerson, testEnv } from '../support/simulator';

useFreshDatabase();
beforeEach(seed);
const app = createApp();
const SITI = '628123450001';

interface InboxMessage {
  id: string;
  seq: number;
  bubbles: Bubble[];
}

async function inbox(look: string | null, after = 0): Promise<{ look: string; messages: InboxMessage[] }> {
  const query = `id=${SITI}&after=${after}${look ? `&look=${look}` : ''}`;
  const res = await app.request(`/simulator/api/inbox?${query}`, {}, testEnv());
  expect(res.status).toBe(200);
  return res.json();
}

/** Siti has talked to Loket; Loket's next message to her is `text` with `choices` (or `message`). Returns its outbox id. */
let counter = 0;
async function sentToSiti(text: string, choices: Choice[]): Promise<string> {
  return queuedForSiti({ kind: 'text', text, choices });
}

async function queuedForSiti(message: OutboundMessage): Promise<string> {
  const identity = await env.DB.prepare("SELECT id FROM channel_identities WHERE channel = 'simulator' AND external_id = ?1").bind(SITI).first<{ id: string }>();
  const id = `look-${++counter}`;
  await env.DB.prepare(
    `INSERT INTO outbox (id, kelurahan_id, identity_id, payload, not_before, created_at, updated_at)
     VALUES (?1, 'kel-bukit-sangkal', ?2, ?3, 0, 0, 0)`,
  )
    .bind(id, identity!.id, JSON.stringify(message))
    .run();
  return id;
}

async function bubblesOf(look: string, outboxId: string): Promise<Bubble[]> {
  const { messages } = await inbox(look);
  return messages.find((m) => m.id === outboxId)!.bubbles;
}

const SERVICES: Choice[] = [
  { id: 'svc:ktp', label: 'KTP' },
  { id: 'svc:kk', label: 'Kartu Keluarga' },
  { id: 'svc:akta', label: 'Akta Kelahiran' },
  { id: 'svc:pindah', label: 'Surat Pindah' },
  { id: 'svc:sktm', label: 'SKTM' },
];

describe('a simulated phone shown as WhatsApp or Telegram', () => {
  beforeEach(async () => {
    await new SimPerson(SITI, 'Siti').say('halo');
  });

  it('shows five choices as a list behind "Pilih" on WhatsApp and as five inline buttons on Telegram', async () => {
    const id = await sentToSiti('Layanan apa?', SERVICES);
    expect(await bubblesOf('whatsapp', id)).toEqual([
      {
        type: 'list',
        text: 'Layanan apa?',
        button: 'Pilih',
        rows: SERVICES.map((c) => ({ id: c.id, label: c.label })),
      },
    ]);
    const telegram = await bubblesOf('telegram', id);
    expect(telegram).toEqual([
      {
        type: 'keyboard',
        text: 'Layanan apa?',
        rows: [
          [{ id: 'svc:ktp', label: 'KTP' }, { id: 'svc:kk', label: 'Kartu Keluarga' }],
          [{ id: 'svc:akta', label: 'Akta Kelahiran' }, { id: 'svc:pindah', label: 'Surat Pindah' }],
          [{ id: 'svc:sktm', label: 'SKTM' }],
        ],
      },
    ]);
  });

  it('shows two choices as two reply buttons on WhatsApp and as one inline row on Telegram', async () => {
    const id = await sentToSiti('Apakah data ini benar?', [
      { id: 'ok:y', label: 'Ya' },
      { id: 'ok:n', label: 'Tidak' },
    ]);
    expect(await bubblesOf('whatsapp', id)).toEqual([
      { type: 'buttons', text: 'Apakah data ini benar?', buttons: [{ id: 'ok:y', label: 'Ya' }, { id: 'ok:n', label: 'Tidak' }] },
    ]);
    expect(await bubblesOf('telegram', id)).toEqual([
      { type: 'keyboard', text: 'Apakah data ini benar?', rows: [[{ id: 'ok:y', label: 'Ya' }, { id: 'ok:n', label: 'Tidak' }]] },
    ]);
  });

  it('writes fourteen choices as numbered lines on both, with no buttons', async () => {
    const rts = Array.from({ length: 14 }, (_, i) => ({ id: `rt:${i + 1}`, label: `RT ${String(i + 1).padStart(2, '0')}` }));
    const id = await sentToSiti('RT berapa?', rts);
    const numbered = `RT berapa?\n\n${rts.map((c, i) => `${i + 1}. ${c.label}`).join('\n')}`;
    expect(numbered).toContain('14. RT 14');
    expect(await bubblesOf('whatsapp', id)).toEqual([{ type: 'text', text: numbered }]);
    expect(await bubblesOf('telegram', id)).toEqual([{ type: 'text', text: numbered }]);
  });

  it('splits a text longer than 4096 characters on Telegram, the keyboard under the last part', async () => {
    const long = `${'Persyaratan. '.repeat(300)}\n\n${'Catatan akhir. '.repeat(60)}`;
    expect(long.length).toBeGreaterThan(4096);
    const id = await sentToSiti(long, [{ id: 'ok:y', label: 'Ya' }]);
    const telegram = await bubblesOf('telegram', id);
    expect(telegram.map((b) => b.type)).toEqual(['text', 'keyboard']);
    expect(telegram.every((b) => 'text' in b && b.text.length <= 4096)).toBe(true);
    // WhatsApp's list body takes 4096 at most: longer, the choice becomes a numbered line.
    const whatsapp = await bubblesOf('whatsapp', id);
    expect(whatsapp.map((b) => b.type)).toEqual(['text', 'text']);
    expect(whatsapp.at(-1)).toMatchObject({ text: expect.stringMatching(/1\. Ya$/) });
  });

  it('shows a letter as a file on both, its long caption first as text on Telegram', async () => {
    const caption = `Surat pengantar Anda. ${'Bawa surat ini ke kantor kelurahan. '.repeat(40)}`.trim();
    expect(caption.length).toBeGreaterThan(1024);
    const id = await queuedForSiti({ kind: 'document', r2Key: 'letters/k/x.pdf', filename: 'pengantar.pdf', mimeType: 'application/pdf', caption });
    expect(await bubblesOf('whatsapp', id)).toEqual([{ type: 'file', kind: 'document', filename: 'pengantar.pdf', caption }]);
    expect(await bubblesOf('telegram', id)).toEqual([
      { type: 'text', text: caption },
      { type: 'file', kind: 'document', filename: 'pengantar.pdf' },
    ]);
  });

  it('shows what Telegram would refuse (a choice id over 64 bytes) instead of failing the inbox', async () => {
    const id = await sentToSiti('Pilih', [{ id: `x:${'é'.repeat(40)}`, label: 'Ya' }]);
    const [refused] = await bubblesOf('telegram', id);
    expect(refused).toMatchObject({ type: 'refused', reason: expect.stringContaining('callback_data') });
    expect((await bubblesOf('whatsapp', id))[0]!.type).toBe('buttons');
  });

  it('plays WhatsApp unless asked for Telegram', async () => {
    const id = await sentToSiti('Apakah data ini benar?', [{ id: 'ok:y', label: 'Ya' }]);
    for (const look of [null, 'sms']) {
      const res = await inbox(look);
      expect(res.look).toBe('whatsapp');
      expect(res.messages.find((m) => m.id === id)!.bubbles[0]!.type).toBe('buttons');
    }
  });

  it('shows Loket\'s real menu on both, and an inline button sends the choice id as today', async () => {
    const { messages } = await inbox('telegram');
    const menu = messages.at(-1)!.bubbles.at(-1)!;
    expect(menu.type).toBe('keyboard');
    const apply = (menu as Extract<Bubble, { type: 'keyboard' }>).rows.flat().find((b) => b.label === 'Ajukan layanan')!;
    expect((await inbox('whatsapp')).messages.at(-1)!.bubbles.at(-1)).toMatchObject({ type: 'list', button: 'Pilih' });

    const before = messages.at(-1)!.seq;
    const res = await app.request(
      '/simulator/api/messages',
      { method: 'POST', body: JSON.stringify({ from: { id: SITI, name: 'Siti' }, choiceId: apply.id }) },
      testEnv(),
    );
    expect(res.status).toBe(200);
    const answer = (await inbox('telegram', before)).messages.flatMap((m) => m.bubbles).at(-1)!;
    expect(answer).toMatchObject({ type: 'keyboard', text: expect.stringContaining('Layanan apa?') });
    expect((answer as Extract<Bubble, { type: 'keyboard' }>).rows.flat().map((b) => b.label)).toContain('KTP');
  });
});
