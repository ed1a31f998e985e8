/**
 * The staff desk takes a case from day 1 to "selesai": each action moves the case, is recorded
 * with the staff member, and is told to the resident in words; a stale form, a form without its
 * token and a wrong pickup code are refused.
 */
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dbOf } from '../../src/db/client';
import { currentDocuments, storedDocuments } from '../../src/db/documents';
import { readInbound } from '../../src/db/inbound';
import { completeApplication } from '../support/apply-helper';
import { Browser, formToken } from '../support/desk';
import { pdfText } from '../support/pdf-text';
import { useFreshDatabase } from '../support/fresh-database';
import { choice, drainQueue, seed, setClock, SimPerson, testEnv, text } from '../support/simulator';

useFreshDatabase();
afterEach(() => vi.restoreAllMocks());

const wib = (iso: string) => Date.parse(`${iso}:00+07:00`);
let now = wib('2026-11-30T10:00');
/** The desk and the simulator on one clock. */
function at(t: number) {
  now = t;
  setClock(t);
}
const row = (sql: string) => env.DB.prepare(sql).first<Record<string, unknown>>();

let siti: SimPerson;
let staff: Browser;
let code: string;

beforeEach(async () => {
  await seed();
  at(wib('2026-11-30T10:00'));
  vi.spyOn(Date, 'now').mockImplementation(() => now);
  siti = new SimPerson('628123450001', 'Siti');
  code = await completeApplication(siti, 'ktp');
  await drainQueue();
  await siti.replies();
  staff = new Browser('https://loket.test', '203.0.113.10', undefined, testEnv());
  const res = await staff.signIn('staf', 'test-password');
  expect(res.status).toBe(303);
});

/** Opens the case page and sends the form of `action` with these fields, as the page would. */
async function act(action: string, fields: Record<string, string> = {}) {
  const page = await (await staff.get(`/status/cases/${code}`)).text();
  const form = new RegExp(`<form method="post" action="/status/cases/${code}/act" data-action="${action}">([\\s\\S]*?)</form>`).exec(page);
  if (!form) throw new Error(`no ${action} form on the page`);
  const version = /name="version" value="(\d+)"/.exec(form[1]!)![1]!;
  return staff.post(`/status/cases/${code}/act`, { _csrf: formToken(form[1]!), action, version, ...fields });
}
const state = async () => (await row(`SELECT state FROM cases WHERE code = '${code}'`))!.state;

describe('a KTP case from day 1 to "selesai" at the desk', () => {
  it('walks every step, tells Siti each time, and ends with her pickup code checked', async () => {
    // The RT chair has not answered: the office approves the pengantar for him, with a reason.
    let res = await act('approve_pengantar', { reason: 'Ketua RT sedang dirawat di rumah sakit.' });
    expect(res.status).toBe(303);
    expect(await state()).toBe('submitted');
    expect(text(await siti.replies())).toMatch(/kantor kelurahan/i);

    res = await act('archive');
    expect(res.status).toBe(303);
    expect(await state()).toBe('verifying');

    res = await act('verify_valid', { reason: 'Data cocok dengan arsip KK kelurahan.' });
    expect(await state()).toBe('processing');
    expect(text(await siti.replies())).toMatch(/sah/i);

    res = await act('hand_off', { reference: 'DKC/2026/00123', expectedDate: '2026-12-07' });
    expect(res.status).toBe(303);
    expect(await state()).toBe('at_disdukcapil');
    expect(text(await siti.replies())).toContain('DKC/2026/00123');

    // Monday: the card is back. A new working day, a new sign-in.
    at(wib('2026-12-07T09:00'));
    expect((await staff.signIn('staf', 'test-password')).status).toBe(303);
    res = await act('produce', { output: 'card' });
    expect(await state()).toBe('ready');
    const ready = text(await siti.replies());
    expect(ready).toMatch(/siap diambil/i);
    const pickup = /Kode ambil: (\d{3} \d{3})/.exec(ready)![1]!.replace(/\D/g, '');
    expect(ready).toContain('08.00');

    // A wrong code is refused and counted; the right one hands it over.
    res = await act('hand_over', { pickupCode: pickup === '000000' ? '111111' : '000000' });
    expect(res.status).toBe(422);
    expect(await res.text()).toMatch(/salah/i);
    expect((await row(`SELECT pickup_code_attempts AS n FROM cases WHERE code = '${code}'`))!.n).toBe(1);
    res = await act('hand_over', { pickupCode: pickup });
    expect(res.status).toBe(303);
    expect(await state()).toBe('completed');
    expect(text(await siti.replies())).toMatch(/selesai/i);

    // Every step is on the timeline with the staff member who did it.
    const events = await env.DB.prepare(`SELECT kind, actor_staff_id FROM case_events WHERE actor_kind = 'staff' ORDER BY at, rowid`).all();
    expect(events.results.map((e) => e.kind)).toEqual(['approve_pengantar', 'archive', 'verify_valid', 'hand_off', 'produce', 'pickup_code_wrong', 'hand_over']);
    expect(new Set(events.results.map((e) => e.actor_staff_id))).toEqual(new Set(['staff-demo']));
  });

  it('refuses a form from a page older than the case, and says so', async () => {
    const page = await (await staff.get(`/status/cases/${code}`)).text();
    const token = formToken(page);
    const version = /name="version" value="(\d+)"/.exec(page)![1]!;
    expect((await act('approve_pengantar', { reason: 'Ketua RT berhalangan.' })).status).toBe(303);
    const res = await staff.post(`/status/cases/${code}/act`, { _csrf: token, action: 'refuse_pengantar', version, reason: 'Alamat tidak cocok.' });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('sudah berubah');
    expect(await state()).toBe('submitted');
  });

  it('refuses an action without the form token, and changes nothing', async () => {
    const page = await (await staff.get(`/status/cases/${code}`)).text();
    const version = /name="version" value="(\d+)"/.exec(page)![1]!;
    const res = await staff.post(`/status/cases/${code}/act`, { action: 'approve_pengantar', version, reason: 'Tanpa token.' });
    expect(res.status).toBe(403);
    expect(await state()).toBe('awaiting_pengantar');
  });

  it('refuses an override without a reason', async () => {
    const res = await act('approve_pengantar', { reason: '   ' });
    expect(res.status).toBe(422);
    expect(await state()).toBe('awaiting_pengantar');
  });
});

describe('a SITU delivered by courier, with the office\'s own upload', () => {
  const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);

  async function upload(kind: string, bytes: Uint8Array, name: string, type: string) {
    const got = await staff.get(`/status/cases/${code}`);
    const page = await got.text();
    const form = new FormData();
    form.set('_csrf', formToken(page));
    form.set('kind', kind);
    form.set('file', new File([bytes], name, { type }));
    return staff.postMultipart(`/status/cases/${code}/upload`, form);
  }

  beforeEach(async () => {
    await seed();
    siti = new SimPerson('628123450001', 'Siti');
    code = await completeApplication(siti, 'situ', { courier: 'Jl. Mawar No. 5, RT 03/RW 02' });
    await drainQueue();
    await siti.replies();
    staff = new Browser('https://loket.test', '203.0.113.11', undefined, testEnv());
    expect((await staff.signIn('staf', 'test-password')).status).toBe(303);
    await act('approve_pengantar', { reason: 'Ketua RT berhalangan.' });
    await act('archive');
    await act('verify_valid', { reason: 'Dokumen lengkap dan cocok.' });
    await siti.replies();
  });

  it('stores the output, sends the courier with his name, and closes with the receiver and a photo', async () => {
    expect((await upload('output', new TextEncoder().encode('just text'), 'situ.txt', 'text/plain')).status).toBe(422);
    expect((await upload('output', PDF, 'situ-siti.pdf', 'application/pdf')).status).toBe(303);
    const doc = (await row(`SELECT id, r2_key, status FROM case_documents WHERE requirement = 'output'`))!;
    expect(doc.status).toBe('stored');
    expect(await env.SCANS.get(String(doc.r2_key))).not.toBeNull();

    let res = await act('produce', { output: `upload:${doc.id}`, courierName: 'Joko Susilo' });
    expect(res.status).toBe(303);
    expect(await state()).toBe('ready');
    expect(text(await siti.replies())).toContain('Joko Susilo');

    // The courier is back: no name and no photo is not a hand-over.
    res = await act('hand_over', {});
    expect(res.status).toBe(422);
    expect((await upload('handover_proof', JPEG, 'terima.jpg', 'image/jpeg')).status).toBe(303);
    const proof = (await row(`SELECT id FROM case_documents WHERE requirement = 'handover_proof'`))!;
    res = await act('hand_over', { receiverName: 'Ahmad Fauzi', proofDocumentId: String(proof.id) });
    expect(res.status).toBe(303);
    expect(await state()).toBe('completed');
    expect(text(await siti.replies())).toMatch(/selesai/i);
    expect((await row(`SELECT received_by FROM cases WHERE code = '${code}'`))!.received_by).toBe('Ahmad Fauzi');
  });

  it("never lists the office's files among the resident's or the chair's documents", async () => {
    await upload('output', PDF, 'situ-siti.pdf', 'application/pdf');
    const db = dbOf(env.DB);
    const caseId = String((await row(`SELECT id FROM cases WHERE code = '${code}'`))!.id);
    const requirements = (rows: { requirement: string }[]) => rows.map((r) => r.requirement).sort();
    expect(requirements(await currentDocuments(db, caseId))).toEqual(['ktp_copy', 'pas_photo']);
    expect(requirements(await storedDocuments(db, caseId))).toEqual(['ktp_copy', 'pas_photo']);
    const [, , , , , own] = await readInbound(db, {
      kelurahanId: 'kel-bukit-sangkal', channel: 'simulator', externalId: '628123450001', messageId: 'm-x', pressedCaseId: null, pressedQuestionId: null,
      inviteCode: null, holidaysFrom: '2026-01-01', holidaysTo: '2027-12-31', requestsSince: 0, deniedSince: 0, throttleKey: null, nik: null,
    });
    expect(requirements((own as { caseId: string; requirement: string }[]).filter((d) => d.caseId === caseId))).toEqual(['ktp_copy', 'pas_photo']);
  });
});

describe('a complaint answered at the desk', () => {
  it('sends the answer with Buka lagi / Selesai, and the resident can close it', async () => {
    const rudi = new SimPerson('628123450009', 'Rudi');
    await rudi.say('halo');
    await rudi.say('pengaduan');
    let r = await rudi.say('Lampu jalan di depan rumah mati sejak minggu lalu.');
    r = await rudi.press(choice(r, 'Lewati'));
    const m = /Nomor: ([A-Z]+-\d{4}-\d{4})/.exec(text(r));
    code = m![1]!;
    const list = await (await staff.get('/status')).text();
    expect(list).toMatch(new RegExp(`data-section="complaints">[\\s\\S]*data-code="${code}"`));

    const res = await act('answer', { answer: 'Lampu sudah diganti petugas kemarin sore.' });
    expect(res.status).toBe(303);
    expect(await state()).toBe('answered');
    const answer = await rudi.replies();
    expect(text(answer)).toContain('Lampu sudah diganti petugas kemarin sore.');
    r = await rudi.press(choice(answer, 'Selesai'));
    expect(await state()).toBe('closed');
    expect(text(r)).toContain('sudah selesai');
  });
});

describe('every other action moves the case and tells the resident', () => {
  /** Puts the KTP case where an action applies, as the desk itself would have. */
  async function to(stage: 'submitted' | 'verifying' | 'processing' | 'ready') {
    await act('approve_pengantar', { reason: 'Ketua RT berhalangan.' });
    if (stage === 'submitted') return;
    await act('archive');
    if (stage === 'verifying') return;
    await act('verify_valid', { reason: 'Cocok dengan arsip.' });
    if (stage === 'processing') return;
    await act('hand_off', { reference: 'DKC-1', expectedDate: '2026-12-04' });
    await act('produce', { output: 'card' });
  }
  const told = async () => text(await siti.replies());

  it('refuse_pengantar: rejected, with the reason', async () => {
    expect((await act('refuse_pengantar', { reason: 'Bukan warga RT 03.' })).status).toBe(303);
    expect(await state()).toBe('rejected');
    expect(await told()).toContain('tidak menyetujui surat pengantar');
  });

  it('request_resend: back to the resident for the named document, with the note', async () => {
    await to('verifying');
    await siti.replies();
    expect((await act('request_resend', { requirement: 'pas_photo', note: 'Foto buram, mohon foto ulang.' })).status).toBe(303);
    expect(await state()).toBe('needs_revision');
    const words = await told();
    expect(words).toContain('Pas foto');
    expect(words).toContain('Foto buram, mohon foto ulang.');
  });

  it("verify_invalid: needs revision, the chair's decision taken by the office", async () => {
    await to('verifying');
    await siti.replies();
    expect((await act('verify_invalid', { requirement: 'kk_copy', reason: 'KK sudah tidak berlaku.' })).status).toBe(303);
    expect(await state()).toBe('needs_revision');
    expect(await told()).toContain('KK sudah tidak berlaku.');
  });

  it('reject and cancel: the case ends with the reason, and its letters are revoked', async () => {
    await to('processing');
    await siti.replies();
    expect((await act('reject', { reason: 'Data tidak cocok dengan Disdukcapil.' })).status).toBe(303);
    expect(await state()).toBe('rejected');
    expect(await told()).toContain('ditolak oleh kantor kelurahan');
  });

  it('cancel: cancelled by the office with the reason', async () => {
    await to('submitted');
    await siti.replies();
    expect((await act('cancel', { reason: 'Warga minta dibatalkan lewat telepon.' })).status).toBe(303);
    expect(await state()).toBe('cancelled');
    expect(await told()).toContain('dibatalkan oleh kantor kelurahan');
  });

  it('reply: the text reaches the resident, the stage stays', async () => {
    await to('processing');
    await siti.replies();
    expect((await act('reply', { text: 'Mohon bawa KTP lama saat mengambil.' })).status).toBe(303);
    expect(await state()).toBe('processing');
    expect(await told()).toContain('Pesan dari kantor kelurahan');
  });

  it('new_pickup_code: a new code, and the old one no longer works', async () => {
    await to('ready');
    const first = /Kode ambil: (\d{3} \d{3})/.exec(await told())![1]!.replace(' ', '');
    expect((await act('new_pickup_code')).status).toBe(303);
    const second = /Kode ambil baru untuk berkas [^:]+: (\d{3} \d{3})/.exec(await told())![1]!.replace(' ', '');
    if (first !== second) expect((await act('hand_over', { pickupCode: first })).status).toBe(422);
    expect((await act('hand_over', { pickupCode: second })).status).toBe(303);
    expect(await state()).toBe('completed');
  });

  it('revoke_letter: the chair\'s letter is revoked with the reason, and /verify says so', async () => {
    const hasan = new SimPerson('628990000203', 'Bapak Hasan');
    await hasan.press(choice(await hasan.replies(), 'Setujui'));
    await drainQueue();
    await siti.replies();
    const letter = (await row(`SELECT id, verification_code FROM letters`))!;
    expect((await act('revoke_letter', { letterId: String(letter.id), reason: 'Nomor surat salah ketik.' })).status).toBe(303);
    expect((await row(`SELECT revoked_at FROM letters`))!.revoked_at).not.toBeNull();
    expect(await told()).toContain('dicabut oleh kantor kelurahan');
    const verify = await staff.get(`/verify/${letter.verification_code}`);
    expect(await verify.text()).toContain('dicabut');
  });
});

describe("a marriage letter made by the kelurahan itself", () => {
  it('issues the Lurah\'s letter, files it, and sends it to the resident with "siap diambil"', async () => {
    code = await completeApplication(new SimPerson('628123450009', 'Rudi'), 'nikah', { name: 'Rudi Hartono', nik: '1671021203850009' });
    const rudi = new SimPerson('628123450009', 'Rudi');
    await drainQueue();
    await rudi.replies();
    await act('approve_pengantar', { reason: 'Ketua RT berhalangan.' });
    await act('archive');
    await act('verify_valid', { reason: 'Dokumen lengkap.' });
    await rudi.replies();

    // No letter yet: "Hasil siap" cannot name one.
    expect((await act('produce', { output: 'letter' })).status).toBe(422);
    const page = await (await staff.get(`/status/cases/${code}`)).text();
    expect((await staff.post(`/status/cases/${code}/letter`, { _csrf: formToken(page) })).status).toBe(303);
    // Drawn and filed by the queue; nobody is told anything yet.
    await drainQueue();
    const letter = (await row(`SELECT number, r2_key, made_at, verification_code FROM letters WHERE kind = 'output'`))!;
    expect(letter.made_at).not.toBeNull();
    expect(String(letter.number)).toMatch(/^0001\/KEL-2026$/);
    const pdf = await env.SCANS.get(String(letter.r2_key));
    const words = await pdfText(new Uint8Array(await pdf!.arrayBuffer()));
    expect(words).toContain('SURAT KETERANGAN');
    expect(words).toContain('Rudi Hartono');
    expect(await rudi.replies()).toEqual([]);

    expect((await act('produce', { output: 'letter' })).status).toBe(303);
    const told = await rudi.replies();
    expect(text(told)).toMatch(/siap diambil/i);
    expect(told.map((m) => m.message.kind)).toEqual(['text', 'document']);
    expect(await state()).toBe('ready');
    const verify = await staff.get(`/verify/${letter.verification_code}`);
    expect(await verify.text()).toMatch(/asli|sah|genuine/i);
  });
});
