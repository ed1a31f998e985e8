import { describe, expect, it } from 'vitest';
import { renderMedia, renderTemplate, renderText, splitText, templateParameter } from '../../adapters/whatsapp/render';
import { LOCALES, t } from '../../src/domain/messages';
import { SERVICE_IDS } from '../../src/domain/services';

const c = (n: number, label = (i: number) => `Pilihan ${i}`) => Array.from({ length: n }, (_, i) => ({ id: `x:${i}`, label: label(i + 1) }));

describe('rendering for WhatsApp', () => {
  it('plain text, preview off', () => {
    expect(renderText('628', 'Halo')).toEqual([{ to: '628', type: 'text', text: { body: 'Halo', preview_url: false } }]);
  });

  it('up to 3 choices with titles of at most 20 characters become reply buttons', () => {
    const [m] = renderText('628', 'Pilih', c(3));
    expect(m).toMatchObject({ type: 'interactive', interactive: { type: 'button', body: { text: 'Pilih' } } });
    expect((m!.interactive as { action: { buttons: unknown[] } }).action.buttons).toHaveLength(3);
  });

  it('4 to 10 choices, or a title over 20, become a list with rows of at most 24 characters', () => {
    expect(renderText('628', 'Pilih', c(4))[0]).toMatchObject({ interactive: { type: 'list' } });
    expect(renderText('628', 'Pilih', c(1, () => 'Dua puluh satu huruf!'))[0]).toMatchObject({ interactive: { type: 'list' } });
    expect(renderText('628', 'Pilih', c(10))[0]).toMatchObject({ interactive: { type: 'list' } });
  });

  it('beyond that, numbered lines the resident can answer by typing', () => {
    const [m] = renderText('628', 'Pilih', c(11));
    expect(m!.type).toBe('text');
    expect((m!.text as { body: string }).body).toContain('Pilih\n\n1. Pilihan 1\n');
    expect((m!.text as { body: string }).body).toContain('11. Pilihan 11');
    const [long] = renderText('628', 'Pilih', c(2, () => 'Label yang jauh lebih panjang dari batas'));
    expect(long!.type).toBe('text');
  });

  it('a body too long for buttons falls back to a list or numbered text, never cut', () => {
    const body = 'x'.repeat(1500);
    const [m] = renderText('628', body, c(2));
    expect(m).toMatchObject({ interactive: { type: 'list', body: { text: body } } });
  });

  it('says how to answer in the form the choices take: tap under buttons and a list, the number under numbered lines', () => {
    const hint = { tap: 'Ketuk salah satu pilihan, atau ketik "bantuan".', type: 'Balas angkanya, atau ketik "bantuan".' };
    expect(renderText('628', 'Untuk siapa?', c(2), hint)[0]).toMatchObject({
      interactive: { type: 'button', body: { text: 'Untuk siapa?\n\nKetuk salah satu pilihan, atau ketik "bantuan".' } },
    });
    expect(renderText('628', 'Layanan apa?', c(4), hint)[0]).toMatchObject({
      interactive: { type: 'list', body: { text: 'Layanan apa?\n\nKetuk salah satu pilihan, atau ketik "bantuan".' } },
    });
    const [numbered] = renderText('628', 'Pilih', c(11), hint);
    const body = (numbered!.text as { body: string }).body;
    expect(body.endsWith('11. Pilihan 11\n\nBalas angkanya, atau ketik "bantuan".')).toBe(true);
    expect(body).not.toContain('Ketuk');
  });

  it('counts the hint within the 1024 characters of a button body: past them, a list that still says tap', () => {
    const hint = { tap: 'Ketuk salah satu pilihan, atau ketik "bantuan".', type: 'Balas angkanya, atau ketik "bantuan".' };
    const text = 'x'.repeat(1000);
    expect(renderText('628', text, c(2))[0]).toMatchObject({ interactive: { type: 'button' } });
    const [m] = renderText('628', text, c(2), hint);
    expect(m).toMatchObject({ interactive: { type: 'list', body: { text: `${text}\n\n${hint.tap}` } } });
  });

  it('splits long text and keeps every character', () => {
    const text = 'kata '.repeat(2000).trim();
    const parts = splitText(text);
    expect(parts.length).toBe(3);
    expect(parts.every((p) => p.length <= 4096)).toBe(true);
    expect(parts.join(' ')).toBe(text);
  });

  it('media by id, with caption and filename', () => {
    expect(renderMedia('628', { kind: 'document', r2Key: 'k', filename: 'a.pdf', mimeType: 'application/pdf', caption: 'Surat' }, 'm1')).toEqual({
      to: '628', type: 'document', document: { id: 'm1', filename: 'a.pdf', caption: 'Surat' },
    });
    expect(renderMedia('628', { kind: 'image', r2Key: 'k', mimeType: 'image/png' }, 'm2')).toEqual({ to: '628', type: 'image', image: { id: 'm2' } });
  });

  it('templates, whose parameters may not hold line breaks, tabs or long runs of spaces', () => {
    expect(templateParameter('a\n\nb\tc      d')).toBe('a · b c   d');
    expect(templateParameter('x'.repeat(1000)).length).toBe(900);
    expect(renderTemplate('628', 'loket_kabar_berkas', 'id', ['Bukit Sangkal', 'Halo'])).toEqual({
      to: '628', type: 'template',
      template: { name: 'loket_kabar_berkas', language: { code: 'id' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Bukit Sangkal' }, { type: 'text', text: 'Halo' }] }] },
    });
  });
});

describe('the service picker on WhatsApp', () => {
  it('is a list, in both languages: every service fits a list row', () => {
    for (const locale of LOCALES) {
      const choices = SERVICE_IDS.map((id) => ({ id: `svc:${id}`, label: t(locale, `choice.service.${id}`) }));
      const [message] = renderText('628123450001', t(locale, 'apply.which'), choices);
      expect(message).toMatchObject({ type: 'interactive', interactive: { type: 'list' } });
    }
  });
});
