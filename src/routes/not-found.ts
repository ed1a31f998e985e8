/**
 * A page that does not exist. A browser (Accept: text/html) gets a short page in Bahasa
 * Indonesia, with English, and a way back; API clients and providers keep getting JSON.
 */
import type { Context } from 'hono';
import { html } from 'hono/html';

export function wantsHtml(c: Context): boolean {
  return /\btext\/html\b/.test(c.req.header('accept') ?? '');
}

export function notFoundPage(c: Context) {
  if (!wantsHtml(c)) return c.json({ error: 'not_found' }, 404);
  return c.html(
    html`<!doctype html>
      <html lang="id">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>Halaman tidak ditemukan - Loket</title>
          <style>
            body{margin:0;font:17px/1.5 system-ui,sans-serif;background:#f4f1ec;color:#1b1b1b}
            main{max-width:560px;margin:10vh auto;padding:0 18px}
            a{color:#0b5a8a}.en{color:#555}
          </style>
        </head>
        <body>
          <main>
            <h1>Halaman tidak ditemukan</h1>
            <p>Alamat ini tidak ada di Loket. Periksa lagi alamatnya, atau kembali ke halaman awal.</p>
            <p class="en" lang="en">This page does not exist in Loket. Check the address, or go back to the start.</p>
            <p><a href="/">Kembali ke halaman awal</a></p>
          </main>
        </body>
      </html>`,
    404,
  );
}
