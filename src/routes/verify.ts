/**
 * GET /verify/:code: the public check printed as a QR code on every letter Loket issues. It says
 * whether the letter is genuine, revoked or unknown, what it is and who issued it when; the
 * applicant's name is masked and no scan or NIK is ever shown.
 */
import { Hono } from 'hono';
import { html } from 'hono/html';
import { localMoment } from '../domain/calendar';
import { formatLongDate } from '../domain/messages/dates';

const KIND_LABEL: Record<string, string> = {
  pengantar_rt: 'Surat pengantar RT',
  output: 'Dokumen keluaran kelurahan',
};

/** "Siti Aminah Putri" -> "Siti A. P.": enough to recognise, not enough to collect. */
export function maskName(name: string): string {
  const [first, ...rest] = name.trim().split(/\s+/);
  return [first, ...rest.map((w) => `${w.charAt(0)}.`)].join(' ');
}

export function normalizeVerificationCode(code: string): string | null {
  const c = code.trim().toUpperCase();
  return /^[0-9A-F]{5}-[0-9A-F]{5}$/.test(c) ? c : null;
}

type Row = {
  kind: string; number: string; issued_at: number; issuer_name: string; issuer_role: string; revoked_at: number | null;
  revoked_reason: string | null; case_code: string; applicant_name: string; kelurahan_name: string; utc_offset_minutes: number;
};

export const verify = new Hono<{ Bindings: Env }>().get('/:code', async (c) => {
  const code = normalizeVerificationCode(c.req.param('code'));
  const row = code
    ? await c.env.DB.prepare(
        `SELECT l.kind, l.number, l.issued_at, l.issuer_name, l.issuer_role, l.revoked_at, l.revoked_reason,
                cs.code AS case_code, coalesce(cs.given_name, p.full_name) AS applicant_name, k.name AS kelurahan_name, k.utc_offset_minutes
         FROM letters l JOIN cases cs ON cs.id = l.case_id JOIN people p ON p.id = cs.applicant_person_id
         JOIN kelurahan k ON k.id = l.kelurahan_id WHERE l.verification_code = ?1`,
      )
        .bind(code)
        .first<Row>()
    : null;
  const status = !row ? 'unknown' : row.revoked_at ? 'revoked' : 'genuine';
  c.header('cache-control', 'no-store');
  c.header('x-robots-tag', 'noindex');
  return c.html(page(status, code ?? c.req.param('code').slice(0, 20), row), status === 'unknown' ? 404 : 200);
});

function page(status: 'genuine' | 'revoked' | 'unknown', code: string, r: Row | null) {
  const headline = {
    genuine: ['Surat ini asli', 'This letter is genuine', '#0b6b3a'],
    revoked: ['Surat ini sudah dicabut', 'This letter has been revoked', '#a15c00'],
    unknown: ['Kode tidak dikenal', 'Unknown code: this letter was not issued by Loket', '#a11'],
  }[status];
  return html`<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cek surat ${code} - Loket</title>
<style>
body{font:17px/1.5 system-ui,sans-serif;margin:0;background:#f4f1ec;color:#1b1b1b}
main{max-width:560px;margin:0 auto;padding:20px}
.card{background:#fff;border-radius:12px;padding:18px;box-shadow:0 1px 3px #0002}
h1{margin:0 0 4px;font-size:24px;color:${headline[2]}}
p.en{margin:0 0 14px;color:#555;font-size:15px}
dl{display:grid;grid-template-columns:auto 1fr;gap:6px 14px;margin:0}
dt{color:#555}dd{margin:0;font-weight:600}
</style></head>
<body><main><div class="card" data-status="${status}">
<h1>${headline[0]}</h1><p class="en">${headline[1]}</p>
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
