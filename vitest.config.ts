import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { fileURLToPath } from 'node:url';
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
        },
      },
    })),
  ],
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['./test/support/apply-migrations.ts'],
    reporters: ['default', ['./test/support/summary-reporter.ts', { record: 'test-results/workerd-counts.json' }]],
  },
});
