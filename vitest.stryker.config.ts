/** The conformance suites as Stryker's test runner: mocks in the worker, one file at a time. */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['suites/{vinmake,machhub,vntana,enclaive}/**/*.test.ts'],
    setupFiles: ['suites/harness/in-process-mocks.ts'],
    fileParallelism: false,
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
