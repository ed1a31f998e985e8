/**
 * Privacy by retention (UU 27/2022): the daily cron deletes a case's files from R2 once the case
 * has been over for its kelurahan's retention_days, records it on the case, and keeps the case
 * and its letters, so /verify still answers. Open cases keep everything; a failed R2 delete
 * leaves the case for the next run; a purged case is never read again.
 */
import { createScheduledController, env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app';
import { runScheduled } from '../../src/jobs/scheduled';
import { PURGE_BUDGET, purgeExpiredFiles } from '../../src/jobs/retention';
import { FixedClock, SequentialIds } from '../../src/framework/ports';
import { completeApplication } from '../support/apply-helper';
import { deskDoes } from '../support/desk-decision';
import { addKelurahan, Browser } from '../support/desk';
import { useFreshDatabase } from '../support/fresh-database';
import { choice, drainQueue, seed, setClock, SimPerson, testEnv, text } from '../support/simulator';

useFreshDatabase();
beforeEach(seed);
afterEach(() => vi.restoreAllMocks());

const DAY = 24 * 3600_000;
const wib = (iso: string) => Date.parse(`${iso}:00+07:00`);
const HANDED_OVER = wib('2026-12-03T10:00');
const all = async <T = Record<string, unknown>>(sql: string, ...args: unknown[]) => (await env.DB.prepare(sql).bind(...args).all<T>()).results;

/** The R2 bucket as the Worker sees it, counting deletes; `fail` makes every delete throw as an R2 outage would. */
function bucket(o: { fail?: boolean } = {}) {
  const deleted: string[][] = [];
  const scans = new Proxy(env.SCANS, {
    get(target, prop) {
      if (prop === 'delete') {
        return async (keys: string | string[]) => {
          deleted.push([keys].flat());
          if (o.fail) throw new Error('R2 unavailable');
          return target.delete(keys);
        };
      }
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  return { env: { ...testEnv(), SCANS: scans } as Env, deleted };
}

/** The 07:00 WIB run (00:00 UTC) on the day of `at`. */
async function dailyCron(at: number, e: Env = testEnv()) {
  const morning = Date.parse(new Date(at).toISOString().slice(0, 10) + 'T00:00:00Z');
  await runScheduled(createScheduledController({ cron: '0 0 * * *', scheduledTime: morning }), e);
}

async function stored(keys: string[]): Promise<boolean[]> {
  return Promise.all(keys.map(async (k) => (await env.SCANS.head(k)) !== null));
}

/** Siti's KTP (by courier) with its three scans and the RT chair's letter in R2. */
async function handedOverCase() {
  const siti = new SimPerson('628123450001', 'Siti');
  const hasan = new SimPerson('628990000203', 'Bapak Hasan');
  const code = await completeApplication(siti, 'ktp', { courier: 'Jl. Mayor Zen No. 12, RT 03/RW 02' });
  await drainQueue();
  await hasan.press(choice(await hasan.replies(), 'Setujui'));
  await drainQueue();
  const keys = (await all<{ r2_key: string }>('SELECT r2_key FROM case_documents UNION ALL SELECT r2_key FROM letters')).map((r) => r.r2_key);
  const letter = (await all<{ verification_code: string }>('SELECT verification_code FROM letters'))[0]!.verification_code;
  return { siti, hasan, code, keys, letter };
}

async function handOver(code: string) {
  await env.DB.prepare(`UPDATE cases SET state = 'ready' WHERE code = ?`).bind(code).run();
  setClock(HANDED_OVER);
  await deskDoes(code, { action: 'hand_over', receiverName: 'Siti Aminah' }, HANDED_OVER);
  await drainQueue();
}

let client = 0;
async function verifyPage(code: string) {
  const res = await createApp().request(`/verify/${code}`, { headers: { 'cf-connecting-ip': `192.0.2.${++client}` } }, testEnv());
  return { status: res.status, body: await res.text() };
}

async function deskPage(code: string) {
  vi.spyOn(Date, 'now').mockImplementation(() => HANDED_OVER + 100 * DAY);
  const b = new Browser('https://loket.test', '203.0.113.10', undefined, testEnv());
  expect((await b.signIn('staf', 'test-password')).status).toBe(303);
  const page = await (await b.get(`/status/cases/${code}`)).text();
  vi.restoreAllMocks();
  return page;
}

const purgeEvents = () => all<{ kind: string; detail: string; actor_kind: string }>("SELECT kind, detail, actor_kind FROM case_events WHERE kind = 'files_purged'");

describe('the files of a finished case', () => {
  it('are kept 89 days after it ended, deleted by the daily cron once it ended 91 days ago; the case, its letter and /verify stay', async () => {
    const { code, keys, letter } = await handedOverCase();
    expect(keys).toHaveLength(4);
    await handOver(code);
    expect(await stored(keys)).toEqual([true, true, true, true]);

    await dailyCron(HANDED_OVER + 89 * DAY);
    expect(await stored(keys)).toEqual([true, true, true, true]);
    expect(await purgeEvents()).toEqual([]);

    await dailyCron(HANDED_OVER + 91 * DAY);
    expect(await stored(keys)).toEqual([false, false, false, false]);
    expect(await purgeEvents()).toEqual([{ kind: 'files_purged', detail: JSON.stringify({ documents: 3, letters: 1 }), actor_kind: 'system' }]);
    // The case and its letter are kept: number and check code still answer.
    expect(await all('SELECT state FROM cases WHERE code = ?', code)).toEqual([{ state: 'completed' }]);
    expect(await all('SELECT count(*) AS n FROM letters')).toEqual([{ n: 1 }]);
    expect(await all('SELECT count(*) AS n FROM case_documents')).toEqual([{ n: 3 }]);
    const verify = await verifyPage(letter);
    expect(verify.status).toBe(200);
    expect(verify.body).toContain('Surat ini asli');
    expect(verify.body).toContain('Dihapus sesuai masa simpan');

    // The desk says the files are gone, and links to none of them.
    const page = await deskPage(code);
    expect(page).toContain('File berkas ini sudah dihapus pada Kamis, 4 Maret 2027 sesuai masa simpan');
    expect(page.match(/file dihapus sesuai masa simpan/g)).toHaveLength(4);
    expect(page).not.toContain('/scans/');
    expect(page).toContain('File dihapus sesuai masa simpan');
  });

  it('says nothing of deletion on /verify and the desk while the files are kept', async () => {
    const { code, letter } = await handedOverCase();
    await handOver(code);
    await dailyCron(HANDED_OVER + 89 * DAY);
    expect((await verifyPage(letter)).body).not.toContain('masa simpan');
    const page = await deskPage(code);
    expect(page).not.toContain('masa simpan');
    expect(page).toContain('/scans/');
  });

  it('keeps everything of an open case however old it is', async () => {
    const { keys } = await handedOverCase();
    await dailyCron(HANDED_OVER + 400 * DAY);
    expect(await stored(keys)).toEqual([true, true, true, true]);
    expect(await purgeEvents()).toEqual([]);
  });

  it('counts from the cancelling of a case the resident cancelled', async () => {
    const siti = new SimPerson('628123450001', 'Siti');
    const code = await completeApplication(siti, 'ktp');
    await drainQueue();
    const keys = (await all<{ r2_key: string }>('SELECT r2_key FROM case_documents')).map((r) => r.r2_key);
    const cancelledAt = wib('2026-12-10T10:00');
    setClock(cancelledAt);
    let r = await siti.say('menu');
    r = await siti.press(choice(r, 'Batalkan berkas'));
    r = await siti.say('1');
    r = await siti.press(choice(r, 'Ya, batalkan'));
    expect(text(r)).toBe(`Berkas ${code} sudah dibatalkan.`);
    // 90 days after it was filed, but not yet after it was cancelled.
    await dailyCron(cancelledAt + 89 * DAY);
    expect(await stored(keys)).toEqual([true, true, true]);
    await dailyCron(cancelledAt + 91 * DAY);
    expect(await stored(keys)).toEqual([false, false, false]);
    expect(await all('SELECT state FROM cases')).toEqual([{ state: 'cancelled' }]);
  });

  it('does nothing on a second run: the purged case is not read, no R2 call, no second event', async () => {
    const { code, keys } = await handedOverCase();
    await handOver(code);
    await dailyCron(HANDED_OVER + 91 * DAY);
    expect(await stored(keys)).toEqual([false, false, false, false]);
    const second = bucket();
    await dailyCron(HANDED_OVER + 92 * DAY, second.env);
    expect(second.deleted).toEqual([]);
    expect(await purgeEvents()).toHaveLength(1);
  });

  it('leaves the case for the next run when R2 fails: nothing marked, nothing recorded, every file deleted the day after', async () => {
    const { code, keys } = await handedOverCase();
    await handOver(code);
    const failing = bucket({ fail: true });
    await dailyCron(HANDED_OVER + 91 * DAY, failing.env);
    expect(failing.deleted).toHaveLength(1);
    expect(await stored(keys)).toEqual([true, true, true, true]);
    expect(await purgeEvents()).toEqual([]);
    expect(await all('SELECT purged_at FROM cases')).toEqual([{ purged_at: null }]);

    await dailyCron(HANDED_OVER + 92 * DAY);
    expect(await stored(keys)).toEqual([false, false, false, false]);
    expect(await purgeEvents()).toHaveLength(1);
  });
});

/** A case that ended `daysAgo` days before `now` in kelurahan `k`, with `files` scans in R2. */
async function endedCase(k: string, id: string, endedAt: number, files = 2): Promise<string[]> {
  await env.DB.batch([
    env.DB.prepare('INSERT OR IGNORE INTO people (id, kelurahan_id, full_name, created_at) VALUES (?1, ?2, ?3, 0)').bind(`p-${k}`, k, 'Warga'),
    env.DB.prepare(
      "INSERT INTO cases (id, kelurahan_id, code, kind, service, state, applicant_person_id, created_at, updated_at, ended_at) VALUES (?1, ?2, ?3, 'service', 'ktp', 'completed', ?4, 0, ?5, ?5)",
    ).bind(id, k, `KTP-2612-${id}`, `p-${k}`, endedAt),
  ]);
  const keys = Array.from({ length: files }, (_, i) => `scans/${k}/${id}/${i}.jpg`);
  for (const [i, key] of keys.entries()) {
    await env.SCANS.put(key, 'x');
    await env.DB.prepare(
      "INSERT INTO case_documents (id, kelurahan_id, case_id, requirement, status, source_channel, source_ref, r2_key, content_type, created_at) VALUES (?1, ?2, ?3, 'ktp_photo', 'stored', 'simulator', 'ref', ?4, 'image/jpeg', 0)",
    ).bind(`d-${id}-${i}`, k, id, key).run();
  }
  return keys;
}

describe('retention per kelurahan, in batches within a budget per run', () => {
  const NOW = Date.parse('2027-06-01T00:00:00Z');

  it("follows each kelurahan's retention_days", async () => {
    await addKelurahan('k-short', 'Kelurahan Singkat');
    await addKelurahan('k-default', 'Kelurahan Biasa');
    await env.DB.prepare("UPDATE kelurahan SET retention_days = 30 WHERE id = 'k-short'").run();
    const short = await endedCase('k-short', 'c1', NOW - 31 * DAY);
    const kept = await endedCase('k-default', 'c2', NOW - 31 * DAY);
    const shortButRecent = await endedCase('k-short', 'c3', NOW - 29 * DAY);
    await dailyCron(NOW);
    expect(await stored(short)).toEqual([false, false]);
    expect(await stored(kept)).toEqual([true, true]);
    expect(await stored(shortButRecent)).toEqual([true, true]);
    expect(await all('SELECT id FROM cases WHERE purged_at IS NOT NULL')).toEqual([{ id: 'c1' }]);
  });

  it('purges in one daily run more due cases than one batch holds, in batch after batch', async () => {
    await addKelurahan('k1', 'Kelurahan Satu');
    const due = PURGE_BUDGET.casesPerBatch + 5;
    const keys: string[] = [];
    for (let i = 0; i < due; i++) keys.push(...(await endedCase('k1', `c${i}`, NOW - (100 + i) * DAY, 1)));
    const seen = bucket();
    await dailyCron(NOW, seen.env);
    expect(seen.deleted.length).toBeGreaterThan(1);
    expect((await stored(keys)).filter(Boolean)).toEqual([]);
    expect(await all('SELECT count(*) AS n FROM cases WHERE purged_at IS NULL')).toEqual([{ n: 0 }]);
    expect(await purgeEvents()).toHaveLength(due);
  });

  /** Five due cases: in k-a, 100, 120 and 300 days over; in k-b, 200 and 150 days over. */
  async function twoKelurahan() {
    await addKelurahan('k-a', 'Kelurahan A');
    await addKelurahan('k-b', 'Kelurahan B');
    for (const [k, id, days] of [['k-a', 'a100', 100], ['k-a', 'a120', 120], ['k-a', 'a300', 300], ['k-b', 'b200', 200], ['k-b', 'b150', 150]] as const) {
      await endedCase(k, id, NOW - days * DAY);
    }
  }
  const stillKept = async () => (await all<{ id: string }>('SELECT id FROM cases WHERE purged_at IS NULL AND ended_at IS NOT NULL ORDER BY id')).map((r) => r.id);

  it('takes the longest ended first across every kelurahan when the batches run out, the rest the next day', async () => {
    await twoKelurahan();
    const ids = new SequentialIds('purge');
    const budget = { casesPerBatch: 2, batches: 2, ms: 10_000 };
    expect(await purgeExpiredFiles(env, NOW, ids, budget, new FixedClock(NOW))).toEqual({ cases: 4, files: 8, stoppedEarly: true });
    // k-a comes first in the kelurahan table, yet k-b's older cases went before k-a's newer ones.
    expect(await stillKept()).toEqual(['a100']);
    expect(await purgeExpiredFiles(env, NOW + DAY, ids, budget, new FixedClock(NOW))).toEqual({ cases: 1, files: 2, stoppedEarly: false });
    expect(await stillKept()).toEqual([]);
    expect(await purgeExpiredFiles(env, NOW + 2 * DAY, ids, budget, new FixedClock(NOW))).toEqual({ cases: 0, files: 0, stoppedEarly: false });
    expect(await all("SELECT count(*) AS n FROM case_events WHERE kind = 'files_purged'")).toEqual([{ n: 5 }]);
  });

  it('starts no batch once the run has taken its time budget', async () => {
    await twoKelurahan();
    // Each look at the clock finds 4 s more gone: two batches start before 10 s are up.
    let t = NOW;
    const slow = { now: () => (t += 4_000) };
    const budget = { casesPerBatch: 2, batches: 20, ms: 10_000 };
    expect(await purgeExpiredFiles(env, NOW, new SequentialIds('purge'), budget, slow)).toEqual({ cases: 4, files: 8, stoppedEarly: true });
    expect(await stillKept()).toEqual(['a100']);
  });
});

describe('the daily jobs', () => {
  it('purge even when the digest fails that morning', async () => {
    const { code, keys } = await handedOverCase();
    await handOver(code);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    // The digest's read is the run's first D1 batch: D1 refuses it, and only it.
    let batches = 0;
    const db = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === 'batch') {
          return (statements: D1PreparedStatement[]) => {
            if (++batches === 1) throw new Error('D1_ERROR: overloaded');
            return target.batch(statements);
          };
        }
        const v = Reflect.get(target, prop, target) as unknown;
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    await dailyCron(HANDED_OVER + 91 * DAY, { ...testEnv(), DB: db } as Env);
    expect(errors.mock.calls.map((c) => JSON.parse(String(c[0])) as unknown)).toContainEqual({ level: 'error', msg: 'cron.digest_failed', error: { error: 'Error' } });
    expect(await stored(keys)).toEqual([false, false, false, false]);
    expect(await purgeEvents()).toHaveLength(1);
  });
});
