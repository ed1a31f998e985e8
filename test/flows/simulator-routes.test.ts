import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { useFreshDatabase } from '../support/fresh-database';
import { drainQueue, seed, setClock, SimPerson, testEnv } from '../support/simulator';

useFreshDatabase();
beforeEach(seed);
const app = createApp();

describe('simulator routes', () => {
  it('serve the page and its API only where local tools are on', async () => {
    const page = await app.request('/simulator', {}, testEnv());
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Loket - Simulator</title>');
    for (const path of ['/simulator', '/simulator/api/people', '/simulator/api/inbox?id=628123450001']) {
      const res = await app.request(path, {}, { ...testEnv(), LOCAL_TOOLS: 'false' });
      expect(res.status, path).toBe(404);
    }
    const post = await app.request('/simulator/api/messages', { method: 'POST', body: '{}' }, { ...testEnv(), LOCAL_TOOLS: 'false' });
    expect(post.status).toBe(404);
  });

  it('list the simulated people: a resident, a helper, the RT chairs and the staff member', async () => {
    const res = await app.request('/simulator/api/people', {}, testEnv());
    const { people } = await res.json<{ people: { id: string; name: string; role: string }[] }>();
    expect(people.slice(0, 2).map((p) => p.role)).toEqual(['resident', 'helper']);
    expect(people).toContainEqual({ id: '628990000203', name: 'Bapak Hasan', role: 'rt_chair', rt: 3, rw: 2 });
    expect(people.at(-1)).toEqual({ id: '628990000900', name: 'Staf Pelayanan Bukit Sangkal', role: 'staff' });
  });

  it('link to the staff desk, in a new tab', async () => {
    const page = await (await app.request('/simulator', {}, testEnv())).text();
    expect(page).toContain('<a class="desk" href="/status" target="_blank" rel="noopener">Meja layanan staf</a>');
  });

  it('serve a document Loket sent, and nothing else', async () => {
    const p = new SimPerson('628123450001', 'Siti');
    await p.say('halo');
    const identity = await env.DB.prepare("SELECT id FROM channel_identities WHERE external_id = '628123450001'").first<{ id: string }>();
    await env.SCANS.put('letters/k/x.pdf', '%PDF-1.4 letter');
    await env.DB.prepare(
      `INSERT INTO outbox (id, kelurahan_id, identity_id, payload, not_before, created_at, updated_at)
       VALUES ('doc1', 'kel-bukit-sangkal', ?1, ?2, 0, 0, 0)`,
    )
      .bind(identity!.id, JSON.stringify({ kind: 'document', r2Key: 'letters/k/x.pdf', filename: 'pengantar.pdf', mimeType: 'application/pdf' }))
      .run();
    const res = await app.request('/simulator/api/files/doc1', {}, testEnv());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(await res.text()).toBe('%PDF-1.4 letter');
    const other = await app.request('/simulator/api/files/nope', {}, testEnv());
    expect(other.status).toBe(404);
  });

  it('answer 400 to a message of a kind no channel sends, and record nothing', async () => {
    const post = (body: unknown) => app.request('/simulator/api/messages', { method: 'POST', body: JSON.stringify(body) }, testEnv());
    const bad = await post({ from: { id: '628123450001', name: 'Siti' }, unsupported: 'hologram', messageId: 'sim-bad-kind' });
    expect(bad.status).toBe(400);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM processed_messages WHERE message_id = 'sim-bad-kind'").first()).toEqual({ n: 0 });
    const voice = await post({ from: { id: '628123450001', name: 'Siti' }, unsupported: 'voice', messageId: 'sim-voice' });
    expect(voice.status).toBe(200);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM processed_messages WHERE message_id = 'sim-voice'").first()).toEqual({ n: 1 });
  });

  it('answer 400 to an upload without a file', async () => {
    const form = new FormData();
    form.append('from_id', '628123450001');
    const res = await app.request('/simulator/api/media', { method: 'POST', body: form }, testEnv());
    expect(res.status).toBe(400);
  });
});

describe('simulator clock', () => {
  it('runs the schedule at a later moment on request', async () => {
    const { completeApplication } = await import('../support/apply-helper');
    const siti = new SimPerson('628123450001', 'Siti');
    await completeApplication(siti, 'ktp');
    await env.DB.prepare("UPDATE cases SET state = 'submitted', pengantar_approved = 1, next_action_at = day1_due_at, day1_due_at = ?1").bind(Date.parse('2026-11-30T16:00:00+07:00')).run();
    const res = await app.request('/simulator/api/clock', { method: 'POST', body: JSON.stringify({ at: Date.parse('2026-11-30T16:30:00+07:00'), digest: true }) }, testEnv());
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, cases: 1 });
    expect(await env.DB.prepare('SELECT state FROM cases').first()).toEqual({ state: 'verifying' });
    const bad = await app.request('/simulator/api/clock', { method: 'POST', body: '{}' }, testEnv());
    expect(bad.status).toBe(400);
  });
});

describe('a chair\'s card held overnight on the simulator', () => {
  const wib = (iso: string) => Date.parse(`${iso}:00+07:00`);
  type Inbox = { messages: { message: { text?: string } }[]; held: { count: number; until: number } | null; next: number };
  const inbox = async (id: string) => (await app.request(`/simulator/api/inbox?id=${id}`, {}, testEnv())).json<Inbox>();

  it('is announced on the chair\'s phone with its hour, and sent when the clock is moved to the morning', async () => {
    const { completeApplication } = await import('../support/apply-helper');
    setClock(wib('2026-11-30T23:00'));
    const code = await completeApplication(new SimPerson('628123450001', 'Siti'), 'ktp');
    await drainQueue();
    const night = await inbox('628990000203');
    expect(night.messages).toEqual([]);
    expect(night.held).toEqual({ count: 1, until: wib('2026-12-01T07:00') });

    const early = await app.request('/simulator/api/clock', { method: 'POST', body: JSON.stringify({ at: wib('2026-12-01T06:00') }) }, testEnv());
    expect(await early.json()).toMatchObject({ requeued: 0 });
    const morning = await app.request('/simulator/api/clock', { method: 'POST', body: JSON.stringify({ at: wib('2026-12-01T07:00') }) }, testEnv());
    expect(await morning.json()).toMatchObject({ ok: true, requeued: 1 });
    await drainQueue();
    const after = await inbox('628990000203');
    expect(after.held).toBeNull();
    expect(after.messages.map((m) => m.message.text ?? '').join('\n')).toContain(`Permintaan surat pengantar`);
    expect(after.messages.map((m) => m.message.text ?? '').join('\n')).toContain(code);
  });
});
