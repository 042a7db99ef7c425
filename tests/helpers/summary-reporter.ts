/**
 * Prints one plain closing line, "vitest: N passed, N failed, N skipped", that any CI log reader
 * understands, after Vitest's own report.
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    // A file that fails before its tests run (an import error) has no failed test: count it apart.
    let unloaded = 0;
    for (const m of modules) {
      if (m.state() === 'failed' && ![...m.children.allTests()].some((t) => t.result().state === 'failed')) unloaded++;
      for (const test of m.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
    }
    process.stdout.write(`\nvitest: ${passed} passed, ${failed} failed, ${skipped} skipped${unloaded ? `, ${unloaded} test files failed to load` : ''}\n`);
  }
}
