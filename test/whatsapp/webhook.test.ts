import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app';
import { clearChannelCaches } from '../../src/channels';
import worker from '../../src/index';
import { useFreshDatabase } from '../support/fresh-database';
import { drainQueue, JPEG, MONDAY_10_WIB, PNG, recorded, seed, testEnv } from '../support/simulator';
import { base64Sha256, envelope, FakeGraph, post, shown, wa } from '../support/whatsapp';

useFreshDatabase();
const graph = new FakeGraph();
beforeEach(async () => {
  await seed();
  clearChannelCaches();
  graph.calls = [];
  graph.failNext = [];
  graph.media.clear();
  graph.install();
});
afterEach(() => vi.restoreAllMocks());

const SITI = '6281234500001';
const HASAN = '628990000203';
const app = createApp();
const count = async (sql: string) => Number((await env.DB.prepare(sql).first<{ n: number }>())!.n);

/** Sends one message as `from` and delivers Loket's answers through the fake Graph API. */
async function say(from: string, message: Record<string, unknown>, name = 'Siti') {
  const before = graph.sentTo(from).length;
  const res = await post(envelope({ messages: [message] }, { waId: from, name }));
  expect(res.status).toBe(200);
  await drainQueue();
  return graph.sentTo(from).slice(before);
}
const replyIds = (m: Record<string, unknown>) => {
  const i = m.interactive as { type: string; action: { buttons?: { reply: { id: string; title: string } }[]; sections?: { rows: { id: string; title: string }[] }[] } };
  return i.type === 'button' ? i.action.buttons!.map((b) => b.reply) : i.action.sections![0]!.rows.map((r) => ({ id: r.id, title: r.title }));
};

describe('GET /webhooks/whatsapp (subscription handshake)', () => {
  it('echoes the challenge for the right verify token, and refuses anything else', async () => {
    const ok = await app.request('/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=local-verify-token&hub.challenge=1158201444', {}, testEnv());
    expect([ok.status, await ok.text()]).toEqual([200, '1158201444']);
    for (const q of ['hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1', 'hub.mode=unsubscribe&hub.verify_token=local-verify-token&hub.challenge=1', '']) {
      expect((await app.request(`/webhooks/whatsapp?${q}`, {}, testEnv())).status).toBe(403);
    }
  });
});

describe('POST /webhooks/whatsapp signatures', () => {
  it('refuses a missing or wrong X-Hub-Signature-256 with 401 and stores nothing', async () => {
    const payload = envelope({ messages: [wa.text(SITI, 'halo')] }, { waId: SITI, name: 'Siti' });
    expect((await post(payload, null)).status).toBe(401);
    expect((await post(payload, 'sha256=' + '0'.repeat(64))).status).toBe(401);
    expect((await post(JSON.stringify(payload), await (await import('../support/whatsapp')).sign(JSON.stringify(payload), 'another-secret'))).status).toBe(401);
    expect((await post(payload, 'sha1=abc')).status).toBe(401);
    expect(await count('SELECT count(*) AS n FROM processed_messages')).toBe(0);
    expect((await post(payload)).status).toBe(200);
    expect(await count('SELECT count(*) AS n FROM processed_messages')).toBe(1);
  });

  it('answers 200 to a signed body that is not JSON: a retry would not fix it', async () => {
    expect((await post('not json at all')).status).toBe(200);
  });
});

describe('a batch', () => {
  it('handles every entry, message and status, and one bad item does not fail the others', async () => {
    const payload = envelope({ messages: [wa.text(SITI, 'halo'), { type: 'text', text: { body: 'no id or sender' } }, wa.text('6281234500002', 'halo')] }, { waId: SITI, name: 'Siti' });
    const second = envelope({ statuses: [{ id: 'wamid.unknown', status: 'read', timestamp: '1', recipient_id: SITI }] });
    payload.entry.push(second.entry[0]!);
    const res = await post(payload);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, messages: 2, statuses: 1 });
    expect(await count('SELECT count(*) AS n FROM processed_messages')).toBe(2);
  });

  it('processes a repeated delivery of the same message once', async () => {
    const m = wa.text(SITI, 'halo');
    await say(SITI, m);
    expect(await say(SITI, m)).toEqual([]);
    expect(await count('SELECT count(*) AS n FROM processed_messages')).toBe(1);
  });

  it('ignores a number that belongs to no kelurahan', async () => {
    const payload = envelope({ messages: [wa.text(SITI, 'halo')] });
    (payload.entry[0]!.changes[0]!.value.metadata as { phone_number_id: string }).phone_number_id = '999';
    expect((await post(payload)).status).toBe(200);
    expect(await count('SELECT count(*) AS n FROM processed_messages')).toBe(0);
  });
});

describe('the resident\'s application over WhatsApp, and the RT chair\'s buttons', () => {
  it('walks the whole KTP flow against the fake Graph API', async () => {
    // WhatsApp's path reads the system clock: pinned to the simulated Monday, a second per read,
    // so the case code and the three days do not depend on the day the suite runs.
    let clock = MONDAY_10_WIB;
    vi.spyOn(Date, 'now').mockImplementation(() => (clock += 1000));
    let out = await say(SITI, wa.text(SITI, 'halo'));
    // Seven menu choices: more than three buttons, so a list.
    expect(out[0]).toMatchObject({ to: SITI, type: 'interactive', interactive: { type: 'list', action: { button: 'Pilih' } } });
    expect(shown(out[0]!)).toContain('Selamat datang di Loket Kelurahan Bukit Sangkal.');
    out = await say(SITI, wa.list(SITI, replyIds(out[0]!)[0]!.id, 'Ajukan layanan'));
    // Four services: a list, each row's title within WhatsApp's 24 characters.
    expect(out[0]).toMatchObject({ type: 'interactive', interactive: { type: 'list' } });
    expect(replyIds(out[0]!).map((r) => r.title)).toEqual(['KTP', 'Kartu Keluarga', 'Surat pengantar nikah', 'SITU (Izin Tempat Usaha)']);
    out = await say(SITI, wa.list(SITI, 'svc:ktp', 'KTP'));
    expect(out[0]).toMatchObject({ type: 'interactive', interactive: { type: 'button' } });
    expect(replyIds(out[0]!).map((b) => b.title)).toEqual(['Diri sendiri', 'Orang lain']);
    out = await say(SITI, wa.button(SITI, 'whom:self'));
    out = await say(SITI, wa.text(SITI, 'Siti Aminah'));
    out = await say(SITI, wa.text(SITI, '1671024508790003'));
    out = await say(SITI, wa.button(SITI, 'rw:2'));
    const rt = replyIds(out[0]!).find((b) => b.title.startsWith('RT 03'))!;
    expect(rt.title.length).toBeLessThanOrEqual(20);
    out = await say(SITI, wa.button(SITI, rt.id));
    expect(shown(out[0]!)).toContain('Sekarang kirim Fotokopi KK.');

    // Three photos: fetched by the consumer from the Graph API into R2, hashes checked.
    const files = [JPEG, PNG, JPEG];
    for (const [i, bytes] of files.entries()) {
      graph.media.set(`media.in.${i}`, { bytes, mime: i === 1 ? 'image/png' : 'image/jpeg' });
      out = await say(SITI, wa.image(SITI, `media.in.${i}`, await base64Sha256(bytes), i === 1 ? 'image/png' : 'image/jpeg'));
    }
    const stored = await env.DB.prepare("SELECT status, content_type FROM case_documents ORDER BY created_at").all();
    expect(stored.results).toEqual([
      { status: 'stored', content_type: 'image/jpeg' },
      { status: 'stored', content_type: 'image/png' },
      { status: 'stored', content_type: 'image/jpeg' },
    ]);
    expect(graph.calls.filter((c) => c.method === 'GET' && c.path.startsWith('media.in.'))).toHaveLength(3);
    out = await say(SITI, wa.button(SITI, 'deliver:pickup'));
    out = await say(SITI, wa.button(SITI, 'summary:send'));
    expect(shown(out[0]!)).toContain('Terkirim. Nomor berkas: KTP-2611-0001.');

    // Bapak Hasan links his WhatsApp with an invitation code, then approves with a button.
    const invite = await app.request('/__local/invites', { method: 'POST', body: JSON.stringify({ rw: 2, rt: 3 }) }, testEnv());
    const { code } = await invite.json<{ code: string }>();
    out = await say(HASAN, wa.text(HASAN, code), 'Hasan');
    expect(shown(out[0]!)).toContain('sebagai Ketua RT 03/RW 02');
    out = await say(HASAN, wa.text(HASAN, 'halo'), 'Hasan');
    expect(shown(out[0]!)).toContain('Permintaan surat pengantar');
    const approve = replyIds(out[0]!).find((b) => b.title === 'Setujui')!;
    out = await say(HASAN, wa.button(HASAN, approve.id, 'Setujui'), 'Hasan');
    expect(shown(out[0]!)).toContain('Surat pengantarnya sedang dibuat');
    // Once the queue has filed the PDF, the chair hears that it was sent.
    expect(out.map((m) => shown(m)).join('\n')).toContain('Surat pengantar untuk berkas KTP-2611-0001 sudah dibuat, dikirim ke Siti Aminah, dan disimpan di kelurahan.');
    // The letter reaches Siti as a document uploaded to the media endpoint.
    const toSiti = graph.sentTo(SITI);
    expect(toSiti.some((m) => m.type === 'document' && (m.document as { filename: string }).filename === 'surat-pengantar-KTP-2611-0001.pdf')).toBe(true);
    expect(graph.calls.some((c) => c.path.endsWith('/media') && c.form?.type === 'application/pdf')).toBe(true);
    // A stranger pressing the same button is refused.
    out = await say('6281234500009', wa.button('6281234500009', approve.id, 'Setujui'), 'Eve');
    expect(shown(out[0]!)).toContain('tidak berhak');
  });
});

describe('every message type gets an answer', () => {
  it.each([
    ['voice note', wa.voice(SITI), 'Maaf, Loket belum bisa mendengar pesan suara.'],
    ['sticker', wa.sticker(SITI), 'Maaf, Loket belum bisa membaca pesan seperti itu.'],
    ['location', wa.location(SITI), 'Silakan ketik, atau balas angka pilihan.'],
    ['unknown type', { from: SITI, id: 'wamid.unknown.1', timestamp: '1', type: 'unsupported', errors: [{ code: 131051 }] }, 'Maaf, Loket belum bisa membaca pesan seperti itu.'],
  ])('a %s is answered politely', async (_, message, expected) => {
    const out = await say(SITI, message as Record<string, unknown>);
    expect(shown(out[0]!)).toContain(expected);
  });
});

describe('errors a retry can fix', () => {
  it('answer 500 so that Meta delivers the batch again; recorded messages are not run twice', async () => {
    const failing = { ...testEnv(), DB: new Proxy(env.DB, { get: (t, k) => (k === 'batch' ? () => Promise.reject(new Error('D1 is overloaded')) : Reflect.get(t, k).bind(t)) }) };
    const body = JSON.stringify(envelope({ messages: [wa.text(SITI, 'halo')] }, { waId: SITI, name: 'Siti' }));
    const { sign } = await import('../support/whatsapp');
    const headers = { 'content-type': 'application/json', 'x-hub-signature-256': await sign(body) };
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await app.request('/webhooks/whatsapp', { method: 'POST', headers, body }, failing);
    expect(res.status).toBe(500);
    const retry = await app.request('/webhooks/whatsapp', { method: 'POST', headers, body }, testEnv());
    expect(retry.status).toBe(200);
    expect(await count('SELECT count(*) AS n FROM processed_messages')).toBe(1);
  });
});

describe('media checks', () => {
  it('refuses a file larger than the limit without storing it', async () => {
    await say(SITI, wa.text(SITI, 'halo'));
    const big = new Uint8Array(Number(env.MAX_UPLOAD_BYTES) + 1);
    big.set([0xff, 0xd8, 0xff]);
    const doc = await seedCaseWithDocument('media.big', '');
    graph.media.set('media.big', { bytes: big, mime: 'image/jpeg' });
    await runConsumer({ type: 'fetch_media', documentId: doc });
    expect(await env.DB.prepare('SELECT status, reject_reason FROM case_documents').first()).toEqual({ status: 'rejected', reject_reason: 'too_large' });
  });

  it('rejects a file whose hash does not match Meta\'s', async () => {
    await say(SITI, wa.text(SITI, 'halo'));
    await env.DB.prepare("UPDATE conversations SET step = 'apply.documents'").run();
    // Straight to the consumer: a document whose bytes changed on the way.
    const caseRow = await seedCaseWithDocument('media.bad', await base64Sha256(PNG));
    graph.media.set('media.bad', { bytes: JPEG, mime: 'image/jpeg' });
    await runConsumer({ type: 'fetch_media', documentId: caseRow });
    expect(await env.DB.prepare('SELECT status, reject_reason FROM case_documents').first()).toEqual({ status: 'rejected', reject_reason: 'sha256_mismatch' });
    expect((await env.SCANS.list({ prefix: 'scans/' })).objects).toEqual([]);
    const told = await env.DB.prepare("SELECT payload FROM outbox WHERE case_id = 'c1'").first<{ payload: string }>();
    expect(JSON.parse(told!.payload).text).toMatch(/^Maaf, Fotokopi KK yang Bapak\/Ibu kirim rusak saat dikirim, jadi tidak bisa kami buka\.\n/);
  });
});

describe('sending rules', () => {
  it('outside the 24-hour window sends the approved template, without line breaks in its parameters', async () => {
    await say(SITI, wa.text(SITI, 'halo'));
    await env.DB.prepare('UPDATE channel_identities SET last_inbound_at = ?1').bind(Date.now() - 25 * 3600_000).run();
    const outboxId = await queueText(SITI, 'Berkas KTP-2611-0001\nsudah diperiksa.');
    await runConsumer({ type: 'deliver', outboxId });
    const sent = graph.sentTo(SITI).at(-1)!;
    expect(sent).toMatchObject({ type: 'template', template: { name: 'loket_kabar_berkas', language: { code: 'id' } } });
    const params = (sent.template as { components: { parameters: { text: string }[] }[] }).components[0]!.parameters.map((p) => p.text);
    expect(params).toEqual(['Bukit Sangkal', 'Berkas KTP-2611-0001 · sudah diperiksa.']);
  });

  it('outside the window a document is announced by template and follows the person\'s reply', async () => {
    await say(SITI, wa.text(SITI, 'halo'));
    await env.DB.prepare('UPDATE channel_identities SET last_inbound_at = ?1').bind(Date.now() - 25 * 3600_000).run();
    await env.SCANS.put('letters/k/c/l.pdf', '%PDF-1.4 surat');
    const id = crypto.randomUUID();
    await env.DB.prepare(
      `INSERT INTO outbox (id, kelurahan_id, identity_id, payload, not_before, created_at, updated_at)
       SELECT ?1, 'kel-bukit-sangkal', id, ?2, 0, 0, 0 FROM channel_identities WHERE external_id = ?3`,
    ).bind(id, JSON.stringify({ kind: 'document', r2Key: 'letters/k/c/l.pdf', filename: 'surat.pdf', mimeType: 'application/pdf', caption: 'Surat pengantar.' }), SITI).run();
    await runConsumer({ type: 'deliver', outboxId: id });
    expect(graph.sentTo(SITI).at(-1)).toMatchObject({ type: 'template' });
    expect(await env.DB.prepare('SELECT status FROM outbox WHERE id = ?1').bind(id).first()).toEqual({ status: 'deferred' });
    const out = await say(SITI, wa.text(SITI, 'ya'));
    expect(out.some((m) => m.type === 'document' && (m.document as { filename: string }).filename === 'surat.pdf')).toBe(true);
    expect(await env.DB.prepare('SELECT status FROM outbox WHERE id = ?1').bind(id).first()).toEqual({ status: 'sent' });
  });

  it('switches to the template when Meta answers 131047 (re-engagement)', async () => {
    await say(SITI, wa.text(SITI, 'halo'));
    graph.failNext = [{ code: 131047 }];
    const outboxId = await queueText(SITI, 'Halo');
    await runConsumer({ type: 'deliver', outboxId });
    expect(graph.sentTo(SITI).slice(-2).map((m) => m.type)).toEqual(['text', 'template']);
    expect(await env.DB.prepare('SELECT status FROM outbox WHERE id = ?1').bind(outboxId).first()).toEqual({ status: 'sent' });
  });

  it.each([130429, 131056])('retries later through the queue with backoff on throughput limit %i', async (code) => {
    await say(SITI, wa.text(SITI, 'halo'));
    graph.failNext = [{ code, status: 429 }];
    const outboxId = await queueText(SITI, 'Halo');
    const result = await runConsumer({ type: 'deliver', outboxId });
    expect(result.retryMessages.map((m: { msgId: string }) => m.msgId)).toEqual(['q']);
    expect(await env.DB.prepare('SELECT status, attempts, last_error FROM outbox WHERE id = ?1').bind(outboxId).first()).toMatchObject({
      status: 'pending', attempts: 1, last_error: expect.stringContaining(String(code)),
    });
    await runConsumer({ type: 'deliver', outboxId });
    expect(await env.DB.prepare('SELECT status FROM outbox WHERE id = ?1').bind(outboxId).first()).toEqual({ status: 'sent' });
  });

  it('marks an undeliverable message failed and tells the RT chair', async () => {
    const { completeApplication } = await import('../support/apply-helper');
    const { SimPerson } = await import('../support/simulator');
    await completeApplication(new SimPerson('628123450001', 'Siti'), 'ktp');
    // Siti is also on WhatsApp; a message about her case cannot be delivered there.
    await say(SITI, wa.text(SITI, 'halo'));
    const caseId = (await env.DB.prepare('SELECT id FROM cases').first<{ id: string }>())!.id;
    graph.failNext = [{ code: 131026 }];
    const outboxId = await queueText(SITI, 'Kabar berkas', caseId);
    const result = await runConsumer({ type: 'deliver', outboxId });
    expect(result.explicitAcks).toEqual(['q']);
    expect(await env.DB.prepare('SELECT status, last_error FROM outbox WHERE id = ?1').bind(outboxId).first()).toEqual({ status: 'failed', last_error: 'undeliverable 131026' });
    const notice = await env.DB.prepare("SELECT o.payload FROM outbox o JOIN channel_identities ci ON ci.id = o.identity_id WHERE ci.external_id = '628990000203' AND o.payload LIKE '%tidak sampai%'").first<{ payload: string }>();
    expect(JSON.parse(notice!.payload).text).toContain('(berkas KTP-2611-0001) tidak sampai ke WhatsApp-nya');
    expect(await count("SELECT count(*) AS n FROM case_events WHERE kind = 'undeliverable'")).toBe(1);
  });

  it('tells the RT chair when Meta reports 131026 later, in a status webhook', async () => {
    const { completeApplication } = await import('../support/apply-helper');
    const { SimPerson } = await import('../support/simulator');
    await completeApplication(new SimPerson('628123450001', 'Siti'), 'ktp');
    await say(SITI, wa.text(SITI, 'halo'));
    const caseId = (await env.DB.prepare('SELECT id FROM cases').first<{ id: string }>())!.id;
    const outboxId = await queueText(SITI, 'Kabar berkas', caseId);
    await runConsumer({ type: 'deliver', outboxId });
    const { provider_message_id } = (await env.DB.prepare('SELECT provider_message_id FROM outbox WHERE id = ?1').bind(outboxId).first<{ provider_message_id: string }>())!;
    await post(envelope({ statuses: [{ id: provider_message_id, status: 'failed', timestamp: '1', recipient_id: SITI, errors: [{ code: 131026, title: 'Message undeliverable' }] }] }));
    expect(await env.DB.prepare('SELECT status FROM outbox WHERE id = ?1').bind(outboxId).first()).toEqual({ status: 'failed' });
    expect(await count("SELECT count(*) AS n FROM case_events WHERE kind = 'undeliverable'")).toBe(1);
    expect(await count("SELECT count(*) AS n FROM outbox WHERE payload LIKE '%tidak sampai%'")).toBe(1);
  });

  it('reports a rejected access token loudly and keeps the message for a retry', async () => {
    await say(SITI, wa.text(SITI, 'halo'));
    graph.failNext = [{ code: 190, status: 401 }];
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const outboxId = await queueText(SITI, 'Halo');
    const result = await runConsumer({ type: 'deliver', outboxId });
    expect(result.retryMessages).toHaveLength(1);
    expect(errors.mock.calls.flat().join('\n')).toContain('whatsapp.access_token_rejected');
    expect(errors.mock.calls.flat().join('\n')).not.toContain(env.WHATSAPP_ACCESS_TOKEN!);
  });

  it('splits text longer than 4096 characters', async () => {
    await say(SITI, wa.text(SITI, 'halo'));
    const long = Array.from({ length: 700 }, (_, i) => `baris ${i}`).join('\n');
    await runConsumer({ type: 'deliver', outboxId: await queueText(SITI, long) });
    const parts = graph.sentTo(SITI).slice(-2);
    expect(parts.map((p) => p.type)).toEqual(['text', 'text']);
    expect(parts.every((p) => (p.text as { body: string }).body.length <= 4096)).toBe(true);
    expect(parts.map((p) => (p.text as { body: string }).body).join('\n')).toBe(long);
  });
});

describe('delivery statuses', () => {
  it('are recorded on the outbox row, only forward, with failure codes', async () => {
    await say(SITI, wa.text(SITI, 'halo'));
    const row = (await env.DB.prepare("SELECT id, provider_message_id FROM outbox WHERE status = 'sent'").first<{ id: string; provider_message_id: string }>())!;
    const status = (s: string, errors?: unknown[]) => post(envelope({ statuses: [{ id: row.provider_message_id, status: s, timestamp: '1', recipient_id: SITI, ...(errors ? { errors } : {}) }] }));
    const state = () => env.DB.prepare('SELECT status, last_error FROM outbox WHERE id = ?1').bind(row.id).first();
    await status('delivered');
    expect(await state()).toEqual({ status: 'delivered', last_error: null });
    await status('read');
    await status('delivered');
    expect(await state()).toEqual({ status: 'read', last_error: null });
    await status('played');
    expect(await state()).toMatchObject({ status: 'read' });
    await status('failed', [{ code: 131049, title: 'Meta chose not to deliver' }]);
    expect(await state()).toEqual({ status: 'failed', last_error: '131049 Meta chose not to deliver' });
  });

  it('a failure another try can cure is tried again, tells nobody, and after 131047 goes as a template', async () => {
    await say(SITI, wa.text(SITI, 'halo'));
    const outboxId = await queueText(SITI, 'Kabar berkas Anda');
    await runConsumer({ type: 'deliver', outboxId });
    const sent = (await env.DB.prepare('SELECT provider_message_id FROM outbox WHERE id = ?1').bind(outboxId).first<{ provider_message_id: string }>())!;
    await post(envelope({ statuses: [{ id: sent.provider_message_id, status: 'failed', timestamp: '1', recipient_id: SITI, errors: [{ code: 131047, title: 'Re-engagement message' }] }] }));
    expect(await env.DB.prepare('SELECT status, last_error FROM outbox WHERE id = ?1').bind(outboxId).first()).toEqual({ status: 'pending', last_error: '131047 Re-engagement message' });
    expect(await count("SELECT count(*) AS n FROM outbox WHERE payload LIKE '%tidak sampai%'")).toBe(0);

    const before = graph.sentTo(SITI).length;
    await runConsumer({ type: 'deliver', outboxId });
    const again = graph.sentTo(SITI).slice(before);
    expect(again.map((m) => m.type)).toEqual(['template']);
    expect(await env.DB.prepare('SELECT status FROM outbox WHERE id = ?1').bind(outboxId).first()).toEqual({ status: 'sent' });
  });

  it('a failure with any code reaches a person: staff, when the message had no case and RT', async () => {
    const staff = new (await import('../support/simulator')).SimPerson('628555000001', 'Staf');
    await staff.say('halo');
    await env.DB.prepare("UPDATE staff_users SET identity_id = (SELECT id FROM channel_identities WHERE external_id = '628555000001')").run();
    await say(SITI, wa.text(SITI, 'halo'));
    const row = (await env.DB.prepare("SELECT id, provider_message_id FROM outbox WHERE status = 'sent' AND identity_id IN (SELECT id FROM channel_identities WHERE external_id = ?1)").bind(SITI).first<{ id: string; provider_message_id: string }>())!;
    await post(envelope({ statuses: [{ id: row.provider_message_id, status: 'failed', timestamp: '1', recipient_id: SITI, errors: [{ code: 131049, title: 'Meta chose not to deliver' }] }] }));
    const told = await env.DB.prepare(
      "SELECT payload FROM outbox WHERE identity_id = (SELECT id FROM channel_identities WHERE external_id = '628555000001') AND payload LIKE '%tidak sampai%'",
    ).all<{ payload: string }>();
    expect(told.results).toHaveLength(1);
    // A repeated status webhook tells nobody twice.
    await post(envelope({ statuses: [{ id: row.provider_message_id, status: 'failed', timestamp: '2', recipient_id: SITI, errors: [{ code: 131049, title: 'Meta chose not to deliver' }] }] }));
    expect(await count("SELECT count(*) AS n FROM outbox WHERE payload LIKE '%tidak sampai%'")).toBe(1);
  });
});

async function queueText(to: string, text: string, caseId: string | null = null): Promise<string> {
  const id = crypto.randomUUID();
  await env.DB.prepare(
    `INSERT INTO outbox (id, kelurahan_id, identity_id, case_id, payload, not_before, created_at, updated_at)
     SELECT ?1, 'kel-bukit-sangkal', id, ?2, ?3, ?5, ?5, ?5 FROM channel_identities WHERE channel = 'whatsapp' AND external_id = ?4`,
  )
    .bind(id, caseId, JSON.stringify({ kind: 'text', text }), to, Date.now())
    .run();
  return id;
}

async function runConsumer(body: unknown) {
  recorded.length = 0;
  const batch = createMessageBatch('loket-outbox-local', [{ id: 'q', timestamp: new Date(0), attempts: 1, body }]);
  const ctx = createExecutionContext();
  await worker.queue(batch as MessageBatch<unknown>, testEnv());
  return getQueueResult(batch, ctx);
}

async function seedCaseWithDocument(mediaRef: string, sha256: string): Promise<string> {
  await env.DB.batch([
    env.DB.prepare("INSERT INTO cases (id, kelurahan_id, code, kind, service, state, applicant_person_id, created_at, updated_at) SELECT 'c1', 'kel-bukit-sangkal', 'KTP-2611-0009', 'service', 'ktp', 'draft', person_id, 0, 0 FROM channel_identities WHERE external_id = ?1").bind(SITI),
    env.DB.prepare("INSERT INTO case_documents (id, kelurahan_id, case_id, requirement, status, source_channel, source_ref, r2_key, content_type, sha256, created_at) VALUES ('d1', 'kel-bukit-sangkal', 'c1', 'kk_copy', 'pending', 'whatsapp', ?1, 'scans/k/c1/d1', 'image/jpeg', ?2, 0)").bind(mediaRef, sha256),
  ]);
  return 'd1';
}
