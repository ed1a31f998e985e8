import { defineConfig } from 'vitest/config';

// End-to-end tests: plain Node (no workerd pool). Each test starts Loket with scripts/start.mjs
// on a free port and fresh local storage, and drives the simulator page with Debian's Chromium
// through playwright-core.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
    reporters: ['default', ['./test/support/summary-reporter.ts', { combine: 'test-results/workerd-counts.json' }]],
  },
});
