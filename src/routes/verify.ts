/**
 * GET /verify/:code: the public check printed as a QR code on every letter Loket issues. It says
 * whether the letter is genuine, still being made, could not be made, revoked or unknown, what it
 * is and who issued it when; the applicant's name is masked and no scan or NIK is ever shown.
 * Once the case's files were deleted after the retention period it still answers, and says the
 * digital copy is gone (the page never offers the file itself).
 * Each client may ask a limited number of times a minute (verify-limit.ts), so codes cannot be
 * guessed by trying.
 */
import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import { dbOf } from '../db/client';
import { letterForVerification, type LetterCheck } from '../db/letters';
import { localMoment } from '../domain/calendar';
import { formatLongDate } from '../domain/messages/dates';
import { normalizeVerificationCode } from '../domain/verification-code';
import { allowVerify, clientKey } from './verify-limit';

const KIND_LABEL: Record<string, string> = {
  pengantar_rt: 'Surat pengantar RT',
  output: 'Dokumen keluaran kelurahan',
};

/** "Siti Aminah Putri" -> "Siti A. P.": enough to recognise, not enough to collect. */
export function maskName(name: string): string {
  const [first, ...rest] = name.trim().split(/\s+/);
  return [first, ...rest.map((w) => `${w.charAt(0)}.`)].join(' ');
}

type Status = 'genuine' | 'pending' | 'failed' | 'revoked' | 'unknown';

export const verify = new Hono<{ Bindings: Env }>().get('/:code', async (c) => {
  c.header('cache-control', 'no-store');
  c.header('x-robots-tag', 'noindex');
  if (!(await allowVerify(c.env.VERIFY_LIMITER, clientKey(c.req.header('cf-connecting-ip')), Date.now()))) {
    c.header('retry-after', '60');
    return c.html(tooMany(), 429);
  }
  const code = normalizeVerificationCode(c.req.param('code'));
  const row = code ? ((await letterForVerification(dbOf(c.env.DB), code).get()) ?? null) : null;
  // Genuine only once the PDF exists: a code is never vouched for before its letter is made.
  const status: Status = !row ? 'unknown' : row.revokedAt ? 'revoked' : row.failedAt ? 'failed' : row.madeAt === null ? 'pending' : 'genuine';
  return c.html(page(status, code ?? c.req.param('code').slice(0, 20), row), status === 'unknown' ? 404 : 200);
});

const STYLE = `body{font:17px/1.5 system-ui,sans-serif;margin:0;background:#f4f1ec;color:#1b1b1b}
main{max-width:560px;margin:0 auto;padding:20px}
.card{background:#fff;border-radius:12px;padding:18px;box-shadow:0 1px 3px #0002}
h1{margin:0 0 4px;font-size:24px}
p.en{margin:0 0 14px;color:#555;font-size:15px}
dl{display:grid;grid-template-columns:auto 1fr;gap:6px 14px;margin:0}
dt{color:#555}dd{margin:0;font-weight:600}`;

function tooMany() {
  return html`<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Terlalu banyak permintaan - Loket</title><style>${raw(STYLE)}</style></head>
<body><main><div class="card" data-status="rate_limited">
<h1 style="color:#a15c00">Terlalu banyak permintaan</h1><p class="en">Too many requests</p>
<p>Halaman ini sudah dibuka terlalu sering dari jaringan Anda. Tunggu satu menit, lalu coba lagi.</p>
</div></main></body></html>`;
}

function page(status: Status, code: string, r: LetterCheck | null) {
  const [title, english, colour] = {
    genuine: ['Surat ini asli', 'This letter is genuine', '#0b6b3a'],
    pending: ['Surat ini sedang dibuat', 'This letter is still being made', '#8a6d00'],
    failed: ['Surat ini tidak berlaku', 'This letter is not valid', '#a11'],
    revoked: ['Surat ini sudah dicabut', 'This letter has been revoked', '#a15c00'],
    unknown: ['Kode tidak dikenal', 'Unknown code: this letter was not issued by Loket', '#a11'],
  }[status];
  const note = {
    pending: html`<p>Surat ini baru disetujui dan sedang dibuat. Coba lagi beberapa menit lagi.</p>`,
    failed: r
      ? html`<p>Surat ini gagal dibuat oleh sistem, jadi tidak sah. ${
          r.kelurahanPhone
            ? html`Silakan hubungi kantor Kelurahan ${r.kelurahanName} di nomor ${r.kelurahanPhone}.`
            : html`Silakan datang ke kantor Kelurahan ${r.kelurahanName}, ${r.kelurahanAddress}.`
        }</p>`
      : '',
  } as Partial<Record<Status, unknown>>;
  return html`<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cek surat ${code} - Loket</title>
<style>${raw(STYLE)}</style></head>
<body><main><div class="card" data-status="${status}">
<h1 style="color:${colour}">${title}</h1><p class="en">${english}</p>
${note[status] ?? ''}
${
  r
    ? html`<dl>
<dt>Jenis</dt><dd>${KIND_LABEL[r.kind] ?? r.kind}</dd>
<dt>Nomor surat</dt><dd>${r.number}</dd>
<dt>Nomor berkas</dt><dd>${r.caseCode}</dd>
<dt>Atas nama</dt><dd>${maskName(r.applicantName)}</dd>
<dt>Diterbitkan</dt><dd>${formatLongDate('id', localMoment(r.issuedAt, r.utcOffsetMinutes).date)}</dd>
<dt>Oleh</dt><dd>${r.issuerName}, ${r.issuerRole}</dd>
<dt>Kelurahan</dt><dd>${r.kelurahanName}</dd>
${r.purgedAt ? html`<dt>Salinan PDF</dt><dd data-purged>Dihapus sesuai masa simpan data pribadi (UU 27/2022)</dd>` : ''}
${r.revokedAt ? html`<dt>Dicabut</dt><dd>${formatLongDate('id', localMoment(r.revokedAt, r.utcOffsetMinutes).date)}${r.revokedReason ? html`: ${r.revokedReason}` : ''}</dd>` : ''}
<dt>Kode cek</dt><dd>${code}</dd>
</dl>`
      : html`<p>Kode <strong>${code}</strong> tidak ada dalam catatan Loket. Periksa lagi kodenya, atau tanyakan ke kantor kelurahan.</p>`
}
</div></main></body></html>`;
}
