import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Real provider payloads kept beside the project (../shared/fixtures), replayed in place when
// the folder exists; the suite passes without it.
function sharedFixtures(provider: 'whatsapp' | 'telegram'): string {
  const dir = fileURLToPath(new URL(`../shared/fixtures/${provider}`, import.meta.url));
  if (!existsSync(dir)) return '{}';
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  return JSON.stringify(Object.fromEntries(files.map((f) => [f, JSON.parse(readFileSync(`${dir}/${f}`, 'utf8'))])));
}
import { defineConfig } from 'vitest/config';

// Every test runs inside workerd with the bindings of wrangler.toml's [env.local]: real local
// D1, R2 and Queue, the migrations applied in the setup file, storage isolated per test file.
export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      wrangler: { configPath: './wrangler.toml', environment: 'local' },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations(fileURLToPath(new URL('./migrations', import.meta.url))),
          SHARED_WHATSAPP_FIXTURES: sharedFixtures('whatsapp'),
          SHARED_TELEGRAM_FIXTURES: sharedFixtures('telegram'),
        },
      },
    })),
  ],
  test: {
    include: ['test/**/*.test.ts'],
    // Flows import the whole Worker (the letters' PDF library included) and drive many messages;
    // on a busy 2-core CI machine the default 5 s is too tight to mean anything.
    testTimeout: 20_000,
    setupFiles: ['./test/support/apply-migrations.ts'],
    reporters: ['default', ['./test/support/summary-reporter.ts', { record: 'test-results/workerd-counts.json' }]],
  },
});
