/**
 * wrangler.toml's deployed environments. Wrangler inherits no binding into an environment, so each
 * of staging and production must name all of its own, and staging must never reach production's
 * data. `npm run build:check` dry-runs both deploys; this says what the dry-run cannot.
 */
import { describe, expect, it } from 'vitest';
import { cronJob } from '../../src/jobs/crons';

declare global {
  interface ImportMeta {
    glob(patterns: string[], options: { query: '?raw'; import: 'default'; eager: true }): Record<string, unknown>;
  }
}
const wranglerToml = Object.values(import.meta.glob(['/wrangler.toml'], { query: '?raw', import: 'default', eager: true }))[0] as string;

/** Every `key = value` line of one environment's tables, as "table.key" -> raw values. */
function settingsOf(env: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let table: string | null = null;
  for (const line of wranglerToml.split('\n')) {
    const header = /^\[\[?([^\]]+)\]\]?\s*$/.exec(line);
    if (header) {
      const name = header[1]!;
      table = name === `env.${env}` ? '' : name.startsWith(`env.${env}.`) ? name.slice(`env.${env}.`.length) : null;
      continue;
    }
    const kv = /^([A-Za-z_]+)\s*=\s*(.+)$/.exec(line);
    if (table === null || !kv) continue;
    const key = table ? `${table}.${kv[1]}` : kv[1]!;
    out.set(key, [...(out.get(key) ?? []), kv[2]!.trim()]);
  }
  return out;
}
const one = (s: Map<string, string[]>, key: string) => (s.get(key) ?? []).map((v) => v.replace(/^"|"$/g, ''));

describe('wrangler.toml environments', () => {
  const deployed = ['staging', 'production'] as const;

  it('gives staging and production each their own worker, database, bucket, queues and limiter', () => {
    const seen = new Map<string, string>();
    for (const env of deployed) {
      const s = settingsOf(env);
      expect(one(s, 'd1_databases.binding'), env).toEqual(['DB']);
      expect(one(s, 'r2_buckets.binding'), env).toEqual(['SCANS']);
      expect(one(s, 'queues.producers.binding'), env).toEqual(['OUTBOX']);
      expect(one(s, 'ratelimits.name'), env).toEqual(['VERIFY_LIMITER']);
      for (const key of ['name', 'd1_databases.database_name', 'd1_databases.database_id', 'r2_buckets.bucket_name', 'queues.producers.queue', 'ratelimits.namespace_id']) {
        const [value] = one(s, key);
        expect(value, `${env} ${key}`).toBeTruthy();
        expect(seen.get(`${key}=${value}`), `${env} ${key} is also another environment's`).toBeUndefined();
        seen.set(`${key}=${value}`, env);
      }
    }
  });

  it('consumes the outbox and its dead-letter queue, which src/index.ts knows by "-dlq"', () => {
    for (const env of deployed) {
      const s = settingsOf(env);
      const [outbox] = one(s, 'queues.producers.queue');
      const [dlq] = one(s, 'queues.consumers.dead_letter_queue');
      expect(dlq, env).toBe(`${outbox}-dlq`);
      expect(one(s, 'queues.consumers.queue'), env).toEqual([outbox, dlq]);
    }
  });

  it('runs the same cron triggers as local, each of them a job', () => {
    const crons = (env: string) => one(settingsOf(env), 'triggers.crons');
    for (const env of deployed) {
      expect(crons(env), env).toEqual(crons('local'));
      const expressions = JSON.parse(crons(env)[0] ?? '[]') as string[];
      expect(expressions.length, env).toBeGreaterThan(0);
      for (const e of expressions) expect(cronJob(e), `${env}: ${e}`).not.toBeNull();
    }
  });

  it("prints in letters the address production is served on", () => {
    const s = settingsOf('production');
    const [base] = one(s, 'vars.PUBLIC_BASE_URL');
    const route = /pattern = "([^"]+)"/.exec((s.get('routes') ?? [''])[0]!)?.[1];
    expect(base).toMatch(/^https:\/\/[^/]+$/);
    // Either the custom domain of `routes`, or workers.dev when there is none (DEPLOY.md step 3).
    if (route) expect(new URL(base!).host).toBe(route);
    else expect(one(s, 'workers_dev')).toEqual(['true']);
  });

  it('names no secret in a deployed environment: they are set with wrangler secret put', () => {
    for (const env of deployed) {
      const keys = [...settingsOf(env).keys()];
      expect(keys.filter((k) => /SECRET|TOKEN/.test(k)), env).toEqual([]);
    }
  });
});
