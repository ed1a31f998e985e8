import { defineConfig } from 'vitest/config';

// Benchmarks of the pure core run in Node: workerd stops its clock during synchronous code
// (a Spectre mitigation), so timings taken inside it are meaningless. The domain has no Workers
// imports, and Node runs the same V8 engine.
export default defineConfig({
  test: {
    benchmark: { include: ['test/bench/**/*.bench.ts'] },
  },
});
