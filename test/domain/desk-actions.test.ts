import { describe, expect, it } from 'vitest';
import { DAY_MS, workingCalendar } from '../../src/domain/calendar';
import {
  availableDeskActions,
  decideComplaintPress,
  decideDeskAction,
  type DeskAction,
  type DeskCase,
  type DeskContext,
  type DeskDecision,
  type DeskDone,
  type DeskRefusal,
} from '../../src/domain/desk/actions';
import { renderDeskMessage, type Recipient } from '../../src/domain/desk/messages';
import { deskRefusalText } from '../../src/domain/desk/refusal-text';
import type { Locale } from '../../src/domain/messages';

/**
 * Cases taken through the office's day at the desk: each action decided on the case as it now
 * is, its changes applied as the caller would write them, and what people are told read back in
 * the words they receive.
 */
const wib = (local: string) => Date.parse(`${local}:00+07:00`);
const MONDAY = wib('2026-11-30T10:00');

/** Draws that give pickup code 042917 (and a fixed letter code before it when one is made). */
const random = { bytes: (n: number) => (n === 4 ? Uint8Array.of(0, 0, 0xa7, 0xa5) : new Uint8Array(n).fill(7)) };

function context(now = MONDAY): DeskContext {
  return {
    now,
    calendar: workingCalendar(['2026-12-25']),
    random,
    kelurahan: { name: 'Bukit Sangkal', address: 'Jl. Bukit Sangkal No. 1, Palembang' },
  };
}

function openDesk(start: Partial<DeskCase> = {}, locales: Partial<Record<Recipient, Locale>> = {}) {
  let c: DeskCase = {
    id: 'case-1', code: 'SITU-2611-0001', kind: 'service', service: 'situ', state: 'submitted', version: 3,
    pengantarApproved: true, documentsComplete: true, delivery: 'pickup', hasHelper: false, chairLinked: false,
    day3DueAt: wib('2026-12-02T16:00'), dueAt: wib('2026-12-02T16:00'), pickupCode: null, pickupCodeAttempts: 0,
    answeredAt: null, letters: [],
    ...start,
  };
  let now = MONDAY;
  return {
    get case() {
      return c;
    },
    at(local: string) {
      now = wib(local);
    },
    decide(action: DeskAction, version = c.version): DeskDecision {
      return decideDeskAction(c, { ...action, version }, context(now));
    },
    /** Staff do `action`; the story expects it to work. Applies it as the caller would write it. */
    does(action: DeskAction): DeskDone & { told: Partial<Record<Recipient, string>> } {
      const d = this.decide(action);
      if (!d.ok) throw new Error(`${action.action} refused in ${c.state}: ${JSON.stringify(d.refusal)}`);
      c = {
        ...c,
        state: d.to,
        version: c.version + 1,
        ...(d.set.pickupCode !== undefined ? { pickupCode: d.set.pickupCode } : {}),
        ...(d.set.pickupCodeAttempts !== undefined ? { pickupCodeAttempts: d.set.pickupCodeAttempts } : {}),
        ...(d.set.pengantarApproved !== undefined ? { pengantarApproved: d.set.pengantarApproved } : {}),
        ...(d.set.dueAt !== undefined ? { dueAt: d.set.dueAt } : {}),
        ...(d.set.day3DueAt !== undefined ? { day3DueAt: d.set.day3DueAt } : {}),
        ...(d.set.answeredAt !== undefined ? { answeredAt: d.set.answeredAt } : {}),
      };
      const told: Partial<Record<Recipient, string>> = {};
      // The first message each person gets; the survey's invitation after the hand-over is asserted on its own.
      for (const m of d.messages) told[m.to] ??= renderDeskMessage(m, locales[m.to] ?? 'id').text;
      return { ...d, told };
    },
    /** Staff try `action`; the story expects a refusal, and nothing changes. */
    refused(action: DeskAction, version?: number): DeskRefusal {
      const d = this.decide(action, version);
      if (d.ok) throw new Error(`${action.action} was allowed in ${c.state} (-> ${d.to})`);
      return d.refusal;
    },
    /** A refusal that still counts (a wrong pickup code): written as the caller would. */
    counts(action: DeskAction): DeskRefusal {
      const d = this.decide(action);
      if (d.ok || !d.record) throw new Error(`${action.action} did not count`);
      c = { ...c, version: c.version + 1, pickupCodeAttempts: d.record.set.pickupCodeAttempts ?? c.pickupCodeAttempts };
      return d.refusal;
    },
  };
}

describe('a SITU picked up at the counter, its RT chair not linked to Loket', () => {
  it('is received on day 1, found valid by the office, made as a letter, and handed over against the code', () => {
    const desk = openDesk();

    const received = desk.does({ action: 'archive' });
    expect(received).toMatchObject({ event: 'archive', from: 'submitted', to: 'verifying', set: { remindersSent: 0, nextActionAt: MONDAY } });
    expect(received.told.applicant).toBe('Berkas SITU-2611-0001 sudah kami terima dan arsipkan. Sekarang Ketua RT memeriksanya. Ini hari ke-2 dari 3.');

    const valid = desk.does({ action: 'verify_valid', reason: 'Ketua RT sedang dirawat di rumah sakit; data dicek dengan KK.' });
    expect(valid).toMatchObject({ event: 'verify_valid', to: 'processing', detail: { override: true } });
    expect(valid.told.applicant).toBe(
      'Kantor kelurahan sudah memeriksa berkas SITU-2611-0001, menggantikan Ketua RT. Data dinyatakan sah.\n' +
        'Catatan: Ketua RT sedang dirawat di rumah sakit; data dicek dengan KK.\n' +
        'Hari ke-3: dokumen sedang dibuat. Paling lambat selesai Rabu, 2 Desember 2026.',
    );
    expect(valid.messages.map((m) => m.to)).toEqual(['applicant']);

    const made = desk.does({ action: 'produce', output: { kind: 'letter' } });
    expect(made).toMatchObject({ event: 'produce', to: 'ready', set: { pickupCode: '042917', pickupCodeAttempts: 0 } });
    expect(made.effects).toEqual([{ type: 'issue_output_letter', verificationCode: expect.stringMatching(/^\w{4}-\w{4}-\w{4}$/) }]);
    expect(made.told.applicant).toBe(
      'SITU (Surat Izin Tempat Usaha) Bapak/Ibu sudah siap diambil (berkas SITU-2611-0001).\n' +
        'Kode ambil: 042 917\n' +
        'Tunjukkan kode ini kepada petugas. Jangan berikan kepada orang lain, kecuali orang yang Bapak/Ibu minta mengambilnya.\n' +
        'Tempat: Kantor Kelurahan Bukit Sangkal, Jl. Bukit Sangkal No. 1, Palembang.\n' +
        'Jam buka: Senin sampai Jumat, pukul 08.00 sampai 16.00, kecuali hari libur.',
    );
    // The code is a secret between the resident and the counter: not in the timeline.
    expect(JSON.stringify(made.detail)).not.toContain('042917');

    desk.at('2026-12-02T11:00');
    expect(desk.refused({ action: 'hand_over' })).toEqual({ reason: 'pickup_code_missing' });
    const handed = desk.does({ action: 'hand_over', pickupCode: '042 917' });
    expect(handed).toMatchObject({ event: 'hand_over', to: 'completed', set: { pickupCode: null }, detail: { proof: 'pickup_code' } });
    expect(handed.told.applicant).toBe(
      'Berkas SITU-2611-0001 selesai. SITU (Surat Izin Tempat Usaha) sudah diserahkan.\nTerima kasih sudah memakai Loket Kelurahan Bukit Sangkal.',
    );
    // Then, once, the satisfaction survey's invitation, with its three buttons naming the case.
    const invitation = handed.messages.filter((m) => m.key === 'skm.invite');
    expect(invitation.map((m) => m.to)).toEqual(['applicant']);
    expect(renderDeskMessage(invitation[0]!, 'id')).toEqual({
      kind: 'text',
      text:
        'Boleh kami minta pendapat Bapak/Ibu tentang layanan berkas SITU-2611-0001?\n' +
        'Ada 9 pertanyaan singkat, cukup tekan tombol. Jawaban Bapak/Ibu tidak memengaruhi layanan apa pun.',
      choices: [
        { id: `skm:y:${desk.case.id}`, label: 'Ya' },
        { id: `skm:l:${desk.case.id}`, label: 'Nanti saja' },
        { id: `skm:n:${desk.case.id}`, label: 'Tidak' },
      ],
      hint: { tap: 'Ketuk salah satu pilihan, atau ketik "bantuan".', type: 'Balas angkanya, atau ketik "bantuan".' },
    });
    expect(availableDeskActions(desk.case, MONDAY)).toEqual(['reply']);
  });

  it('a wrong code counts; after five the code is locked until a new one is sent', () => {
    const desk = openDesk({ state: 'ready', pickupCode: '042917' });
    for (let left = 4; left >= 0; left--) {
      expect(desk.counts({ action: 'hand_over', pickupCode: '042 918' })).toEqual({ reason: 'pickup_code_wrong', left });
    }
    // Even the right code: guessing must not be rewarded.
    expect(desk.refused({ action: 'hand_over', pickupCode: '042917' })).toEqual({ reason: 'pickup_code_locked' });
    const renewed = desk.does({ action: 'new_pickup_code' });
    expect(renewed).toMatchObject({ event: 'new_pickup_code', from: 'ready', to: 'ready', set: { pickupCodeAttempts: 0 } });
    expect(renewed.told.applicant).toBe('Kode ambil baru untuk berkas SITU-2611-0001: 042 917\nKode yang lama tidak berlaku lagi.');
    expect(desk.does({ action: 'hand_over', pickupCode: '042917' }).to).toBe('completed');
  });

  it('nothing is handed over before it is ready, whatever code is typed', () => {
    for (const state of ['submitted', 'verifying', 'processing'] as const) {
      const desk = openDesk({ state, pickupCode: '042917' });
      expect(desk.refused({ action: 'hand_over', pickupCode: '042917' })).toEqual({ reason: 'not_allowed_in_state' });
    }
    expect(openDesk({ state: 'processing' }).refused({ action: 'new_pickup_code' })).toEqual({ reason: 'not_allowed_in_state' });
  });

  it('a SITU is not sent to Disdukcapil, and is not handed a KTP card', () => {
    const desk = openDesk({ state: 'processing' });
    expect(desk.refused({ action: 'hand_off', reference: 'ABC-1', expectedDate: '2026-12-04' })).toEqual({ reason: 'not_disdukcapil_service' });
    expect(desk.refused({ action: 'produce', output: { kind: 'card' } })).toEqual({ reason: 'output_not_for_service' });
    expect(desk.does({ action: 'produce', output: { kind: 'upload', documentId: 'doc-9' } }).detail).toEqual({ output: 'upload', delivery: 'pickup', documentId: 'doc-9' });
  });
});

describe('a KTP applied for by a helper, printed by Disdukcapil and brought by courier', () => {
  const ktp = () =>
    openDesk(
      { code: 'KTP-2611-0042', service: 'ktp', state: 'processing', delivery: 'courier', hasHelper: true },
      { applicant: 'id', helper: 'en' },
    );

  it('goes to Disdukcapil with its reference and date, comes back, and is delivered against the receiver\'s name', () => {
    const desk = ktp();
    expect(desk.refused({ action: 'produce', output: { kind: 'card' }, courierName: 'Joko Susilo' })).toEqual({ reason: 'disdukcapil_first' });
    expect(availableDeskActions(desk.case, MONDAY)).toContain('hand_off');
    expect(availableDeskActions(desk.case, MONDAY)).not.toContain('produce');

    const handed = desk.does({ action: 'hand_off', reference: ' 1671/lu/2026-00042 ', expectedDate: '2026-12-09' });
    expect(handed).toMatchObject({
      event: 'hand_off', from: 'processing', to: 'at_disdukcapil',
      set: { disdukcapilReference: '1671/LU/2026-00042', disdukcapilExpectedDate: '2026-12-09', dueAt: wib('2026-12-09T16:00'), nextActionAt: wib('2026-12-09T16:00') },
      detail: { reference: '1671/LU/2026-00042', expectedDate: '2026-12-09' },
    });
    expect(handed.told.applicant).toBe(
      'Berkas KTP-2611-0042: data Bapak/Ibu sudah kami serahkan ke Disdukcapil. KTP dicetak di sana.\n' +
        'Nomor dari Disdukcapil: 1671/LU/2026-00042\nPerkiraan jadi: Rabu, 9 Desember 2026. Tanggal ini dari Disdukcapil dan menggantikan tanggal selesai yang kami janjikan sebelumnya.\n' +
        'Kami kabari lagi bila sudah siap.',
    );
    // The helper reads English: the same news in their language.
    expect(handed.told.helper).toBe(
      'Case KTP-2611-0042: we handed your details to Disdukcapil, which prints the Identity card (KTP).\n' +
        'Disdukcapil reference: 1671/LU/2026-00042\nExpected ready: Wednesday, 9 December 2026. This date is Disdukcapil\'s and replaces the date we promised before.\n' +
        'We will tell you when it is ready.',
    );

    desk.at('2026-12-09T15:00');
    const moved = desk.does({ action: 'hand_off', reference: '1671/LU/2026-00042', expectedDate: '2026-12-11' });
    expect(moved.told.applicant).toBe('Berkas KTP-2611-0042: Disdukcapil memberi tanggal baru.\nPerkiraan KTP jadi: Jumat, 11 Desember 2026.\nNomor dari Disdukcapil: 1671/LU/2026-00042');

    desk.at('2026-12-11T10:00');
    expect(desk.refused({ action: 'produce', output: { kind: 'card' }, courierName: 'Kurir 1' })).toEqual({ reason: 'courier_name_invalid', error: { code: 'digits' } });
    expect(desk.refused({ action: 'produce', output: { kind: 'letter' }, courierName: 'Joko Susilo' })).toEqual({ reason: 'output_not_for_service' });
    const onTheWay = desk.does({ action: 'produce', output: { kind: 'card' }, courierName: 'joko  susilo' });
    expect(onTheWay).toMatchObject({ to: 'ready', set: { courierName: 'Joko Susilo' } });
    expect(onTheWay.set.pickupCode).toBeUndefined();
    expect(onTheWay.told.applicant).toBe('KTP Bapak/Ibu (berkas KTP-2611-0042) sedang diantar oleh kurir kami, Joko Susilo.\nMohon ada orang di rumah untuk menerimanya.');
    expect(desk.refused({ action: 'new_pickup_code' })).toEqual({ reason: 'not_pickup' });

    expect(desk.refused({ action: 'hand_over' })).toEqual({ reason: 'proof_required' });
    expect(desk.refused({ action: 'hand_over', receiverName: 'Bu Siti 👍' })).toEqual({ reason: 'receiver_name_invalid', error: { code: 'symbol' } });
    const delivered = desk.does({ action: 'hand_over', receiverName: 'Siti Aminah' });
    expect(delivered).toMatchObject({ to: 'completed', set: { receivedBy: 'Siti Aminah' }, detail: { delivery: 'courier', proof: 'receiver_name' } });
    // Names go to the case row, never into the timeline.
    expect(JSON.stringify(delivered.detail)).not.toContain('Siti');
    expect(delivered.told.applicant).toContain('Berkas KTP-2611-0042 selesai.');
    expect(delivered.told.helper).toBe('Case KTP-2611-0042 is complete. Your Identity card (KTP) has been handed over.\nThank you for using Loket of Kelurahan Bukit Sangkal.');
    // The survey asks the resident served, not the helper who applied for them.
    expect(delivered.messages.filter((m) => m.key === 'skm.invite').map((m) => m.to)).toEqual(['applicant']);
  });

  it('a photo of the hand-over is proof enough', () => {
    const desk = ktp();
    desk.does({ action: 'hand_off', reference: 'X1', expectedDate: '2026-12-01' });
    desk.does({ action: 'produce', output: { kind: 'card' }, courierName: 'Joko Susilo' });
    expect(desk.does({ action: 'hand_over', proofDocumentId: 'doc-77' }).detail).toEqual({ delivery: 'courier', proof: 'photo', proofDocumentId: 'doc-77' });
  });

  it("refuses a reference or a date Disdukcapil could not have given", () => {
    const desk = ktp();
    for (const reference of ['', '   ', '///', 'ABC 123', 'ABC_123', 'A'.repeat(41), 'ABC\u202E123']) {
      expect(desk.refused({ action: 'hand_off', reference, expectedDate: '2026-12-04' }), reference).toEqual({ reason: 'reference_invalid' });
    }
    const date = (expectedDate: string) => desk.refused({ action: 'hand_off', reference: 'ABC-1', expectedDate });
    expect(date('2026-11-27')).toEqual({ reason: 'date_past' });
    expect(date('2026-12-05')).toEqual({ reason: 'date_not_working_day' });
    expect(date('2026-12-25')).toEqual({ reason: 'date_not_working_day' });
    expect(date('2026-02-30')).toEqual({ reason: 'date_invalid' });
    expect(date('4 Des')).toEqual({ reason: 'date_invalid' });
    // Today is not past: a card may come back the same day.
    expect(desk.does({ action: 'hand_off', reference: 'ABC-1', expectedDate: '2026-11-30' }).to).toBe('at_disdukcapil');
  });
});

describe('the office acting for an RT chair', () => {
  it('approves a waiting pengantar with a reason: day 1 starts, the resident and the linked chair are told', () => {
    const desk = openDesk({ state: 'awaiting_pengantar', pengantarApproved: false, chairLinked: true, day3DueAt: null, dueAt: null });
    expect(desk.refused({ action: 'approve_pengantar', reason: '  \n ' })).toEqual({ reason: 'text_required' });
    const approved = desk.does({ action: 'approve_pengantar', reason: 'Ketua RT pindah; surat pengantar kertas sudah kami terima.' });
    expect(approved).toMatchObject({
      event: 'approve_pengantar', from: 'awaiting_pengantar', to: 'submitted',
      set: { pengantarApproved: true, submittedAt: MONDAY, day1DueAt: wib('2026-11-30T16:00'), day3DueAt: wib('2026-12-02T16:00'), dueAt: wib('2026-12-02T16:00'), nextActionAt: wib('2026-11-30T16:00') },
      detail: { override: true, reason: 'Ketua RT pindah; surat pengantar kertas sudah kami terima.' },
    });
    expect(approved.told.applicant).toBe(
      'Kantor kelurahan menyetujui surat pengantar untuk berkas SITU-2611-0001, menggantikan Ketua RT.\n' +
        'Alasan: Ketua RT pindah; surat pengantar kertas sudah kami terima.\n' +
        'Berkas mulai diproses. Paling lambat selesai Rabu, 2 Desember 2026.',
    );
    expect(approved.told.rt_chair).toBe(
      'Berkas SITU-2611-0001 sudah diputuskan oleh kantor kelurahan: surat pengantar disetujui. Bapak/Ibu tidak perlu menjawab lagi. Terima kasih.',
    );
  });

  it("cannot refuse a pengantar the chair already approved: that is a rejection, with its own reason", () => {
    const desk = openDesk({ state: 'draft', pengantarApproved: true });
    expect(desk.refused({ action: 'refuse_pengantar', reason: 'Data tidak cocok.' })).toEqual({ reason: 'pengantar_already_approved' });
    const refused = openDesk({ state: 'awaiting_pengantar', pengantarApproved: false }).does({ action: 'refuse_pengantar', reason: 'Pemohon bukan warga RT 03.' });
    expect(refused).toMatchObject({ to: 'rejected', set: { nextActionAt: null } });
    expect(refused.told.applicant).toContain('Kantor kelurahan tidak menyetujui surat pengantar untuk berkas SITU-2611-0001.');
    expect(refused.told.applicant).toContain('Alasan: Pemohon bukan warga RT 03.');
  });

  it('finds a document not valid and names it: the resident is asked for it again', () => {
    const desk = openDesk({ state: 'neighbour_check' });
    expect(desk.refused({ action: 'verify_invalid', requirement: 'surat_pindah', reason: 'Buram.' })).toEqual({ reason: 'requirement_unknown' });
    const invalid = desk.does({ action: 'verify_invalid', requirement: 'pas_photo', reason: 'Foto bukan pemohon.' });
    expect(invalid).toMatchObject({ to: 'needs_revision', set: { revisionRequirement: 'pas_photo', revisionReason: 'Foto bukan pemohon.', remindersSent: 0, nextActionAt: MONDAY + DAY_MS } });
    expect(invalid.told.applicant).toBe(
      'Berkas SITU-2611-0001 perlu perbaikan.\nKantor kelurahan: Foto bukan pemohon.\nSilakan kirim lagi Pas foto yang baru di chat ini.\n' +
        'Hitungan 3 hari kerja berhenti dulu. Setelah perbaikan kami terima, hitungannya dimulai lagi dari awal.',
    );
    // The applicant's data is typed again, not sent as a photo.
    const data = openDesk({ state: 'verifying' }).does({ action: 'verify_invalid', requirement: null, reason: 'Nama tidak sesuai KK.' });
    expect(data.told.applicant).toBe(
      'Berkas SITU-2611-0001 perlu perbaikan data pemohon.\nKantor kelurahan: Nama tidak sesuai KK.\n' +
        'Ketik nama lengkap yang benar (sesuai KK), atau NIK yang benar (16 angka), di chat ini. Tidak perlu foto.\n' +
        'Hitungan 3 hari kerja berhenti dulu. Setelah perbaikan kami terima, hitungannya dimulai lagi dari awal.',
    );
  });
});

describe('asking for a document again', () => {
  it('names a document of the service, with the note cleaned of what would read differently than stored', () => {
    const desk = openDesk({ state: 'submitted', service: 'ktp', code: 'KTP-2611-0001', hasHelper: true });
    expect(desk.refused({ action: 'request_resend', requirement: 'surat_pindah', note: 'Kirim lagi.' })).toEqual({ reason: 'requirement_unknown' });
    expect(desk.refused({ action: 'request_resend', requirement: 'pengantar_rt', note: 'Kirim lagi.' })).toEqual({ reason: 'requirement_unknown' });
    const asked = desk.does({ action: 'request_resend', requirement: 'kk_copy', note: 'Foto \u202eburam\u200b,   tulisan\tNIK tidak terbaca.\u0007' });
    expect(asked).toMatchObject({ event: 'request_resend', to: 'needs_revision', detail: { requirement: 'kk_copy', note: 'Foto buram, tulisan NIK tidak terbaca.' } });
    expect(asked.told.applicant).toBe(
      'Berkas KTP-2611-0001: petugas kelurahan meminta Bapak/Ibu mengirim ulang Fotokopi KK.\n' +
        'Catatan petugas: Foto buram, tulisan NIK tidak terbaca.\nKirim foto atau PDF-nya di chat ini, ya.',
    );
    expect(asked.messages.map((m) => m.to)).toEqual(['applicant', 'helper']);
  });
});

describe('ending a case', () => {
  it('rejects or cancels with a reason the resident reads; an endless reason is refused, not cut', () => {
    const rejected = openDesk({ state: 'verifying' }).does({ action: 'reject', reason: 'Usaha berada di luar wilayah kelurahan.' });
    expect(rejected.told.applicant).toBe(
      'Maaf, berkas SITU-2611-0001 ditolak oleh kantor kelurahan.\nAlasan: Usaha berada di luar wilayah kelurahan.\nAda pertanyaan? Ketik "pengaduan".',
    );
    const ready = openDesk({ state: 'ready', pickupCode: '042917' });
    expect(ready.refused({ action: 'cancel', reason: 'x'.repeat(501) })).toEqual({ reason: 'text_too_long', max: 500 });
    const cancelled = ready.does({ action: 'cancel', reason: 'x'.repeat(500) });
    expect(cancelled).toMatchObject({ event: 'cancel', from: 'ready', to: 'cancelled', set: { nextActionAt: null } });
    expect(cancelled.told.applicant).toContain('Berkas SITU-2611-0001 dibatalkan oleh kantor kelurahan.');
  });

  it('revokes a letter with a reason for the resident, and only general words for the public check', () => {
    const letters = [
      { id: 'l1', kind: 'pengantar_rt' as const, number: 'PGT-RT03RW02-2026-0001', revokedAt: null },
      { id: 'l2', kind: 'output' as const, number: 'SITU-2026-0007', revokedAt: MONDAY },
    ];
    const desk = openDesk({ state: 'completed', letters });
    expect(desk.refused({ action: 'revoke_letter', letterId: 'nope', reason: 'Salah nama.' })).toEqual({ reason: 'letter_unknown' });
    expect(desk.refused({ action: 'revoke_letter', letterId: 'l2', reason: 'Salah nama.' })).toEqual({ reason: 'letter_already_revoked' });
    const revoked = desk.does({ action: 'revoke_letter', letterId: 'l1', reason: 'Nama pemohon salah tulis.' });
    expect(revoked).toMatchObject({ event: 'revoke_letter', from: 'completed', to: 'completed', detail: { letterId: 'l1', letterKind: 'pengantar_rt' } });
    expect(revoked.effects).toEqual([{ type: 'revoke_letter', letterId: 'l1', publicReason: 'letter.revoked_by_office' }]);
    expect(revoked.told.applicant).toBe(
      'Surat nomor PGT-RT03RW02-2026-0001 (berkas SITU-2611-0001) dicabut oleh kantor kelurahan. Surat itu tidak berlaku lagi.\nAlasan: Nama pemohon salah tulis.',
    );
  });

  it('replies in free text in any state, introduced as the office', () => {
    const desk = openDesk({ state: 'rejected' });
    const reply = desk.does({ action: 'reply', text: 'Silakan datang ke kantor hari Senin.\n\n\n\nBawa KTP asli.' });
    expect(reply).toMatchObject({ event: 'reply', from: 'rejected', to: 'rejected' });
    expect(reply.told.applicant).toBe('Pesan dari kantor kelurahan tentang berkas SITU-2611-0001:\nSilakan datang ke kantor hari Senin.\n\nBawa KTP asli.');
    expect(desk.refused({ action: 'reply', text: 'a'.repeat(701) })).toEqual({ reason: 'text_too_long', max: 700 });
  });
});

describe('a page loaded before the case changed', () => {
  it('is refused as stale, whatever the action, before anything else is checked', () => {
    const desk = openDesk({ state: 'processing', version: 7 });
    expect(desk.refused({ action: 'produce', output: { kind: 'letter' } }, 6)).toEqual({ reason: 'stale' });
    expect(desk.refused({ action: 'reply', text: '' }, 8)).toEqual({ reason: 'stale' });
    expect(desk.refused({ action: 'archive' }, 6)).toEqual({ reason: 'stale' });
    expect(desk.decide({ action: 'produce', output: { kind: 'letter' } }, 7).ok).toBe(true);
  });
});

describe('a complaint', () => {
  const complaint = () => openDesk({ id: 'cmp-1', code: 'ADU-2611-0003', kind: 'complaint', service: null, state: 'open', delivery: null, pengantarApproved: false });

  it('is answered with the text going to the resident, with buttons to reopen within 7 days or close', () => {
    const desk = complaint();
    const answered = desk.does({ action: 'answer', answer: 'Lampu jalan di RT 03 sudah diperbaiki hari ini.' });
    // The cron closes it once the 7 days to reopen it have passed.
    expect(answered).toMatchObject({ event: 'answer', to: 'answered', set: { answeredAt: MONDAY, nextActionAt: MONDAY + 7 * 86_400_000 } });
    const [m] = answered.messages;
    expect(renderDeskMessage(m!, 'id')).toEqual({
      kind: 'text',
      text:
        'Jawaban kantor kelurahan untuk pengaduan ADU-2611-0003:\nLampu jalan di RT 03 sudah diperbaiki hari ini.\n\n' +
        'Belum puas? Tekan "Buka lagi" dalam 7 hari.\nSudah beres? Tekan "Selesai".',
      choices: [
        { id: 'cp:ro:cmp-1', label: 'Buka lagi' },
        { id: 'cp:cl:cmp-1', label: 'Selesai' },
      ],
      hint: { tap: 'Ketuk salah satu pilihan, atau ketik "bantuan".', type: 'Balas angkanya, atau ketik "bantuan".' },
    });
    expect(renderDeskMessage(m!, 'en').choices).toEqual([
      { id: 'cp:ro:cmp-1', label: 'Reopen' },
      { id: 'cp:cl:cmp-1', label: 'Done' },
    ]);
  });

  it('the resident reopens it within 7 days and gets a new answer date; after that, not any more', () => {
    const desk = complaint();
    desk.does({ action: 'answer', answer: 'Sudah kami teruskan ke dinas.' });
    const calendar = workingCalendar();
    const reopened = decideComplaintPress(desk.case, 'reopen', 'resident', { now: wib('2026-12-07T09:00'), calendar });
    expect(reopened).toMatchObject({ ok: true, event: 'reopen', from: 'answered', to: 'open', set: { dueAt: wib('2026-12-11T16:00'), nextActionAt: wib('2026-12-11T16:00') } });
    expect(reopened.ok && renderDeskMessage(reopened.messages[0]!, 'id').text).toBe('Pengaduan ADU-2611-0003 dibuka lagi. Kami jawab paling lambat Jumat, 11 Desember 2026.');

    const late = decideComplaintPress(desk.case, 'reopen', 'resident', { now: MONDAY + 7 * DAY_MS + 60_000, calendar });
    expect(late).toEqual({ ok: false, refusal: { reason: 'reopen_window_closed' } });
  });

  it('is closed by the office or by the resident, and told so; the office cannot reopen it', () => {
    const desk = complaint();
    expect(desk.refused({ action: 'close' })).toEqual({ reason: 'not_allowed_in_state' });
    desk.does({ action: 'answer', answer: 'Sudah diperbaiki.' });
    const byResident = decideComplaintPress(desk.case, 'close', 'resident', { now: MONDAY, calendar: workingCalendar() });
    expect(byResident.ok && renderDeskMessage(byResident.messages[0]!, 'id').text).toBe('Pengaduan ADU-2611-0003 sudah selesai. Terima kasih atas masukan Bapak/Ibu.');
    const closed = desk.does({ action: 'close' });
    expect(closed).toMatchObject({ event: 'close', to: 'closed' });
    expect(closed.told.applicant).toBe('Pengaduan ADU-2611-0003 sudah selesai. Terima kasih atas masukan Bapak/Ibu.');
    expect(availableDeskActions(desk.case, MONDAY)).toEqual(['reply']);
    expect(desk.refused({ action: 'produce', output: { kind: 'letter' } })).toEqual({ reason: 'wrong_kind' });
  });
});

describe('the buttons the desk offers', () => {
  it('are only those that will work', () => {
    const offered = (start: Partial<DeskCase>) => availableDeskActions(openDesk(start).case, MONDAY);
    expect(offered({ state: 'awaiting_pengantar', pengantarApproved: false })).toEqual(['approve_pengantar', 'refuse_pengantar', 'reject', 'cancel', 'reply']);
    expect(offered({ state: 'submitted' })).toEqual(['archive', 'request_resend', 'reject', 'cancel', 'reply']);
    expect(offered({ state: 'verifying' })).toEqual(['request_resend', 'verify_valid', 'verify_invalid', 'reject', 'cancel', 'reply']);
    expect(offered({ state: 'processing' })).toEqual(['produce', 'reject', 'cancel', 'reply']);
    expect(offered({ state: 'processing', service: 'kk' })).toEqual(['hand_off', 'reject', 'cancel', 'reply']);
    expect(offered({ state: 'at_disdukcapil', service: 'kk' })).toEqual(['hand_off', 'produce', 'reject', 'cancel', 'reply']);
    expect(offered({ state: 'ready', pickupCode: '042917', letters: [{ id: 'l', kind: 'output', number: 'N', revokedAt: null }] })).toEqual([
      'new_pickup_code', 'hand_over', 'reject', 'cancel', 'revoke_letter', 'reply',
    ]);
    expect(offered({ state: 'ready', delivery: 'courier' })).toEqual(['hand_over', 'reject', 'cancel', 'reply']);
  });
});

describe('a refusal, as the staff member reads it', () => {
  it('says what is wrong and what to do, in the desk\'s words or the machine\'s', () => {
    const ready = openDesk({ state: 'ready', pickupCode: '042917' });
    expect(deskRefusalText('id', ready.refused({ action: 'archive' }, 2))).toBe('Berkas ini sudah berubah sejak halaman dibuka. Muat ulang halaman, lalu coba lagi.');
    expect(deskRefusalText('id', ready.refused({ action: 'hand_over', pickupCode: '111111' }))).toBe('Kode ambil salah. Sisa percobaan: 4.');
    expect(deskRefusalText('en', ready.refused({ action: 'reply', text: 'a'.repeat(701) }))).toBe('The text is too long: at most 700 characters.');
    expect(deskRefusalText('id', ready.refused({ action: 'archive' }))).toBe('Berkas ini sudah diproses. Tidak bisa diubah lagi.');
    const courier = openDesk({ state: 'processing', delivery: 'courier' });
    expect(deskRefusalText('id', courier.refused({ action: 'produce', output: { kind: 'letter' }, courierName: '' }))).toBe(
      'Nama kurir belum benar. Tulis nama orang saja, tanpa angka atau tanda lain.',
    );
  });
});
