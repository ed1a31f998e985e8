/**
 * What Loket says to an RT chair who asks for what waits for them (the word "rt"), in Bahasa
 * Indonesia. `chair` is how the chair is addressed ("Bapak Hasan"), `you` the honorific that
 * stands for "you" ("Bapak"): see domain/honorific.ts.
 */
export const chairId = {
  'chair.waiting': (p: { chair: string; you: string; count: number }) =>
    `${p.chair}, ada ${p.count} berkas yang menunggu ${p.you}. Jawab dengan tombol di bawah setiap berkas.`,
  'chair.nothing_waiting': (p: { chair: string; you: string }) => `${p.chair}, saat ini tidak ada berkas yang menunggu ${p.you}. Terima kasih.`,
  'chair.more': (p: { shown: number }) => `Di bawah ini ${p.shown} berkas yang paling lama. Setelah menjawabnya, ketik "rt" lagi untuk melihat sisanya.`,
} satisfies Record<string, string | ((params: never) => string)>;
