import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './suites/harness/rule-reporter.ts'],
    // A rule selection (--rule, --tag, --level) leaves some files without rules. Only a project that
    // extends the root inherits it.
    passWithNoTests: true,
    projects: [
      {
        extends: true,
        test: {
          name: 'conformance',
          include: ['suites/**/*.test.ts'],
          globalSetup: ['suites/harness/embedded-mocks.ts'],
          // Rules share one target and move its clock: run files one at a time, rules in order.
          fileParallelism: false,
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          // One Chromium at a time on a small machine.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
    ],
  },
});
