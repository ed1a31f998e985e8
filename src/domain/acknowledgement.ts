/**
 * Replies that only acknowledge or greet ("baik pak", "ok", "terima kasih", "siap bu"). They pass
 * the name rule, so a text typed while Loket waits for a name is checked against them first.
 */
const WORDS = new Set([
  'ok', 'oke', 'okey', 'okay', 'okeh', 'sip', 'siap', 'baik', 'baiklah', 'ya', 'iya', 'yaa', 'iyaa', 'y', 'yup', 'yes', 'nggih', 'inggih',
  'betul', 'benar', 'sudah', 'udah', 'noted', 'terima', 'kasih', 'makasih', 'trims', 'thanks', 'thank', 'you', 'mohon', 'maaf', 'sama',
  'pak', 'bu', 'bapak', 'ibu', 'mas', 'mbak', 'kak', 'bang', 'dik', 'min', 'admin', 'deh', 'dong', 'sih', 'nih', 'kok',
  'halo', 'hallo', 'hai', 'hi', 'selamat', 'pagi', 'siang', 'sore', 'malam', 'assalamualaikum',
]);

/** True when every word of `text` is one of those replies (punctuation and emoji aside). */
export function isAcknowledgement(text: string): boolean {
  const words = text.toLocaleLowerCase('id').split(/[^\p{L}]+/u).filter(Boolean);
  return words.length > 0 && words.every((w) => WORDS.has(w));
}
