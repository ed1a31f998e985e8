/**
 * GET /verify/:code: the public check printed as a QR code on every letter Loket issues. It says
 * whether the letter is genuine, still being made, could not be made, revoked or unknown, what it
 * is and who issued it when; the applicant's name is masked and no scan or NIK is ever shown.
 * Each client may ask a limited number of times a minute (verify-limit.ts), so codes cannot be
 * guessed by trying.
 */
import { Hono } from 'hono';
import { html, raw } from 'hono/html';
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

type Row = {
  kind: string; number: string; issued_at: number; issuer_name: string; issuer_role: string; revoked_at: number | null;
  revoked_reason: string | null; made_at: number | null; failed_at: number | null; case_code: string; applicant_name: string;
  kelurahan_name: string; utc_offset_minutes: number;
};
type Status = 'genuine' | 'pending' | 'failed' | 'revoked' | 'unknown';

export const verify = new Hono<{ Bindings: Env }>().get('/:code', async (c) => {
  c.header('cache-control', 'no-store');
  c.header('x-robots-tag', 'noindex');
  if (!(await allowVerify(c.env.VERIFY_LIMITER, clientKey(c.req.header('cf-connecting-ip')), Date.now()))) {
    c.header('retry-after', '60');
    return c.html(tooMany(), 429);
  }
  const code = normalizeVerificationCode(c.req.param('code'));
  const row = code
    ? await c.env.DB.prepare(
        `SELECT l.kind, l.number, l.issued_at, l.issuer_name, l.issuer_role, l.revoked_at, l.revoked_reason, l.made_at, l.failed_at,
                cs.code AS case_code, coalesce(cs.given_name, p.full_name) AS applicant_name, k.name AS kelurahan_name, k.utc_offset_minutes
         FROM letters l JOIN cases cs ON cs.id = l.case_id JOIN people p ON p.id = cs.applicant_person_id
         JOIN kelurahan k ON k.id = l.kelurahan_id WHERE l.verification_code = ?1`,
      )
        .bind(code)
        .first<Row>()
    : null;
  // Genuine only once the PDF exists: a code is never vouched for before its letter is made.
  const status: Status = !row ? 'unknown' : row.revoked_at ? 'revoked' : row.failed_at ? 'failed' : row.made_at === null ? 'pending' : 'genuine';
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

function page(status: Status, code: string, r: Row | null) {
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
      ? html`<p>Surat ini gagal dibuat oleh sistem, jadi tidak sah. Silakan hubungi kantor Kelurahan ${r.kelurahan_name}.</p>`
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
<dt>Nomor berkas</dt><dd>${r.case_code}</dd>
<dt>Atas nama</dt><dd>${maskName(r.applicant_name)}</dd>
<dt>Diterbitkan</dt><dd>${formatLongDate('id', localMoment(r.issued_at, r.utc_offset_minutes).date)}</dd>
<dt>Oleh</dt><dd>${r.issuer_name}, ${r.issuer_role}</dd>
<dt>Kelurahan</dt><dd>${r.kelurahan_name}</dd>
${r.revoked_at ? html`<dt>Dicabut</dt><dd>${formatLongDate('id', localMoment(r.revoked_at, r.utc_offset_minutes).date)}${r.revoked_reason ? html`: ${r.revoked_reason}` : ''}</dd>` : ''}
<dt>Kode cek</dt><dd>${code}</dd>
</dl>`
      : html`<p>Kode <strong>${code}</strong> tidak ada dalam catatan Loket. Periksa lagi kodenya, atau tanyakan ke kantor kelurahan.</p>`
}
</div></main></body></html>`;
}
