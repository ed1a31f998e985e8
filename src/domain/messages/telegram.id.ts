/**
 * What only Telegram's features call for: an edited message, and the short note Telegram shows
 * over the chat when a button press is refused. Keys mirror telegram.en.ts.
 */
export const telegramId = {
  'edit.not_read': 'Maaf, pesan yang diubah tidak kami baca. Kalau ada yang perlu diganti, kirim lagi sebagai pesan baru.',
  'press.refused': 'Tombol ini tidak berlaku lagi.',
};
