/**
 * Prints the plain closing line CI reads, `N passed, N failed`, after vitest's own summary.
 * Counts come from vitest's results, never from the exit code. `npm test` runs two vitest
 * configs (workerd, then the browser test); the first writes its counts to a file and the
 * second, configured with `combine`, prints the total of both as the last line.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

interface Options {
  /** Write this run's counts here for a later run to add. */
  record?: string;
  /** Add the counts a previous run recorded here, then remove the file. */
  combine?: string;
}
type Counts = { passed: number; failed: number; skipped: number };

export default class SummaryReporter implements Reporter {
  constructor(private readonly options: Options = {}) {}

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    const counts: Counts = { passed: 0, failed: 0, skipped: 0 };
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') counts.failed++;
        else counts.skipped++;
      }
      // A file that failed to load has no tests but is a failure all the same.
      if (mod.state() === 'failed' && [...mod.children.allTests()].length === 0) counts.failed++;
    }
    counts.failed += unhandledErrors.length;
    const line = (c: Counts) => `${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ''}`;

    if (this.options.record) {
      mkdirSync(dirname(this.options.record), { recursive: true });
      writeFileSync(this.options.record, JSON.stringify(counts));
    }
    let previous: Counts | null = null;
    if (this.options.combine) {
      try {
        previous = JSON.parse(readFileSync(this.options.combine, 'utf8')) as Counts;
        rmSync(this.options.combine);
      } catch {
        previous = null;
      }
    }
    if (!previous) {
      process.stdout.write(`\n${line(counts)}\n`);
      return;
    }
    const total = { passed: counts.passed + previous.passed, failed: counts.failed + previous.failed, skipped: counts.skipped + previous.skipped };
    process.stdout.write(`\nbrowser: ${line(counts)}\nTotal: ${line(total)}\n`);
  }
}
