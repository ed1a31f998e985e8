import { describe, expect, it } from 'vitest';
import type { Choice } from '../../adapters/channel';
import { CallbackDataError, render, renderMedia, renderText, type TgCall } from '../../adapters/telegram/render';

const chat = '123456789';
const c = (n: number, label = (i: number) => `Pilihan ${i}`): Choice[] => Array.from({ length: n }, (_, i) => ({ id: `x:${i}`, label: label(i + 1) }));
const params = (call: TgCall | undefined) => call!.params as Record<string, unknown>;
const keyboard = (call: TgCall | undefined) => (params(call).reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] } | undefined)?.inline_keyboard;

describe('rendering for Telegram', () => {
  it('plain text, no parse mode, no link preview', () => {
    expect(renderText(chat, 'Halo')).toEqual([
      { method: 'sendMessage', params: { chat_id: chat, text: 'Halo', link_preview_options: { is_disabled: true } } },
    ]);
  });

  it('what a resident typed reaches staff exactly as typed, never as markup', () => {
    const typed = 'Nama: <b>Budi</b> *_[klik](http://x.example)_* & </i>';
    const [m] = renderText(chat, `Pesan dari warga: ${typed}`);
    expect(params(m).text).toBe(`Pesan dari warga: ${typed}`);
    expect(params(m)).not.toHaveProperty('parse_mode');
  });

  it('choices become an inline keyboard, with no 3-button limit: one per row, two when short', () => {
    const [yesNo] = renderText(chat, 'Setuju?', [{ id: 'ac:y:1', label: 'Ya' }, { id: 'ac:n:1', label: 'Tidak' }]);
    expect(keyboard(yesNo)).toEqual([[{ text: 'Ya', callback_data: 'ac:y:1' }, { text: 'Tidak', callback_data: 'ac:n:1' }]]);
    const services = c(5, (i) => `Surat pengantar nomor ${i}`);
    const [m] = renderText(chat, 'Pilih layanan', services);
    expect(params(m).text).toBe('Pilih layanan');
    expect(keyboard(m)).toEqual(services.map((s) => [{ text: s.label, callback_data: s.id }]));
  });

  it('says how to answer in the form the choices take: tap over an inline keyboard, the number under numbered lines', () => {
    const hint = { tap: 'Ketuk salah satu pilihan, atau ketik "bantuan".', type: 'Balas angkanya, atau ketik "bantuan".' };
    const [inline] = renderText(chat, 'Untuk siapa?', c(2), { hint });
    expect(params(inline).text).toBe('Untuk siapa?\n\nKetuk salah satu pilihan, atau ketik "bantuan".');
    // Waiting on the share-my-number keyboard, the choices are written out as numbered lines.
    const [sharing] = renderText(chat, 'Untuk siapa?', c(2), { hint, askPhone: { label: 'Kirim nomor saya' } });
    expect(params(sharing).text).toBe('Untuk siapa?\n\n1. Pilihan 1\n2. Pilihan 2\n\nBalas angkanya, atau ketik "bantuan".');
  });

  it('beyond a dozen, numbered lines the resident can answer by typing, and no keyboard', () => {
    const [m] = renderText(chat, 'Pilih', c(13));
    expect(params(m).text).toContain('Pilih\n\n1. Pilihan 1\n');
    expect(params(m).text).toContain('13. Pilihan 13');
    expect(keyboard(m)).toBeUndefined();
  });

  it('a long text is split at word boundaries, every character kept, buttons on the last part only', () => {
    const text = 'kata '.repeat(2000).trim();
    const calls = renderText(chat, text, c(2));
    expect(calls).toHaveLength(3);
    const texts = calls.map((m) => params(m).text as string);
    expect(texts.every((t) => t.length <= 4096 && !t.startsWith(' ') && !t.endsWith(' '))).toBe(true);
    expect(texts.join(' ')).toBe(text);
    expect(calls.map((m) => keyboard(m)?.flat().length)).toEqual([undefined, undefined, 2]);
  });

  it('a hard cut never splits an emoji in two', () => {
    const text = `${'x'.repeat(4095)}🙂${'y'.repeat(10)}`;
    const texts = renderText(chat, text).map((m) => params(m).text as string);
    // Lengths, not the strings: a half emoji would not even survive the test runner's report.
    expect(texts.map((t) => t.length)).toEqual([4095, 12]);
    expect(texts.join('')).toBe(text);
  });

  it('callback_data is counted in UTF-8 bytes: 64 fit, 65 are refused, never cut', () => {
    const ascii64 = 'a'.repeat(64);
    expect(keyboard(renderText(chat, 'Pilih', [{ id: ascii64, label: 'Ya' }])[0])![0]![0]!.callback_data).toBe(ascii64);
    // 33 characters, 66 bytes: fits a character count, not Telegram's byte limit.
    const accented = 'é'.repeat(33);
    expect(() => renderText(chat, 'Pilih', [{ id: accented, label: 'Ya' }])).toThrow(CallbackDataError);
    expect(() => renderText(chat, 'Pilih', [{ id: 'a'.repeat(65), label: 'Ya' }])).toThrow(/65 bytes/);
    expect(() => renderText(chat, 'Pilih', [{ id: '', label: 'Ya' }])).toThrow(CallbackDataError);
    // Refused too when the choices would have gone out as numbered lines.
    expect(() => renderText(chat, 'Pilih', [...c(13), { id: accented, label: 'Ya' }])).toThrow(CallbackDataError);
  });

  it('documents and photos from R2 with their caption', () => {
    expect(renderMedia(chat, { kind: 'document', r2Key: 'letters/a.pdf', filename: 'Surat Pengantar.pdf', mimeType: 'application/pdf', caption: 'Surat pengantar Bapak.' })).toEqual([
      { method: 'sendDocument', params: { chat_id: chat, caption: 'Surat pengantar Bapak.' }, file: { r2Key: 'letters/a.pdf', filename: 'Surat Pengantar.pdf', mimeType: 'application/pdf' } },
    ]);
    expect(renderMedia(chat, { kind: 'image', r2Key: 'scans/k.jpg', mimeType: 'image/jpeg' })).toEqual([
      { method: 'sendPhoto', params: { chat_id: chat }, file: { r2Key: 'scans/k.jpg', mimeType: 'image/jpeg' } },
    ]);
  });

  it('a caption over 1024 characters goes first as text, whole, and the file follows without one', () => {
    const caption = 'kalimat '.repeat(200).trim();
    const calls = renderMedia(chat, { kind: 'document', r2Key: 'k', filename: 'a.pdf', mimeType: 'application/pdf', caption });
    expect(calls.map((m) => m.method)).toEqual(['sendMessage', 'sendDocument']);
    expect(params(calls[0]).text).toBe(caption);
    expect(params(calls[1])).toEqual({ chat_id: chat });
    const fits = 'x'.repeat(1024);
    expect(renderMedia(chat, { kind: 'image', r2Key: 'k', mimeType: 'image/png', caption: fits })).toEqual([
      { method: 'sendPhoto', params: { chat_id: chat, caption: fits }, file: { r2Key: 'k', mimeType: 'image/png' } },
    ]);
  });

  it('any outbound message, by kind', () => {
    expect(render(chat, { kind: 'text', text: 'Halo', choices: c(1) }).map((m) => m.method)).toEqual(['sendMessage']);
    expect(render(chat, { kind: 'image', r2Key: 'k', mimeType: 'image/png' }).map((m) => m.method)).toEqual(['sendPhoto']);
  });

  it('asks for the person\'s own number with a one-time reply keyboard whose one button shares the contact', () => {
    const calls = render(chat, { kind: 'text', text: 'Kirim nomor HP Anda.', askPhone: { label: 'Kirim nomor HP saya' } });
    expect(calls).toEqual([
      {
        method: 'sendMessage',
        params: {
          chat_id: chat, text: 'Kirim nomor HP Anda.', link_preview_options: { is_disabled: true },
          reply_markup: { keyboard: [[{ text: 'Kirim nomor HP saya', request_contact: true }]], one_time_keyboard: true, resize_keyboard: true },
        },
      },
    ]);
  });

  it('a message carries one keyboard: with the share button, choices are numbered lines, not an inline keyboard', () => {
    const [m] = render(chat, { kind: 'text', text: 'Kirim nomor HP Anda.', choices: [{ id: 'x:1', label: 'Batal' }], askPhone: { label: 'Kirim nomor HP saya' } });
    expect(params(m).text).toBe('Kirim nomor HP Anda.\n\n1. Batal');
    expect(params(m).reply_markup).toEqual(expect.objectContaining({ keyboard: [[{ text: 'Kirim nomor HP saya', request_contact: true }]] }));
    expect(keyboard(m)).toBeUndefined();
  });

  it('takes the share button away once the number came, on the last part only', () => {
    const calls = render(chat, { kind: 'text', text: `${'kata '.repeat(1000)}akhir`, removeKeyboard: true });
    expect(calls.length).toBe(2);
    expect(params(calls[0])).not.toHaveProperty('reply_markup');
    expect(params(calls[1]).reply_markup).toEqual({ remove_keyboard: true });
  });
});
