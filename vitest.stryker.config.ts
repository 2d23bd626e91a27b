/** Stryker's test runner: the conformance suites (mocks in the worker, one file at a time) and the contract unit tests. */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The per-API suites, and the unit tests written against the contracts of the mutated modules.
    include: [
      'suites/{vinmake,machhub,vntana,enclaive}/**/*.test.ts',
      'tests/unit/{issuer,issuer-contract,passwords,machhub-permissions,operation-security,seams,faults}.test.ts',
    ],
    setupFiles: ['suites/harness/in-process-mocks.ts'],
    fileParallelism: false,
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
