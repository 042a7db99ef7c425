import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Every test file in the repository, wherever it sits next to what it tests.
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', '.astro/**', 'test-output/**'],
    testTimeout: 30_000,
    hookTimeout: 600_000,
    // The build and browser suites share dist/; keep files sequential on 2 cores.
    fileParallelism: false,
    reporters: ['default', './tests/helpers/summary-reporter.ts'],
  },
});
