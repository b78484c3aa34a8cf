import { defineConfig } from 'vitest/config';

// Three tiers, one runner: pure unit tests, integration tests through the real HTTP
// layer and real databases, and browser tests in Chromium.
export default defineConfig({
  test: {
    env: { TZ: 'UTC' },
    // Integration and browser suites share one scratch database and one Chromium.
    fileParallelism: false,
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'src/domain/**/*.test.ts', 'src/shared/**/*.test.ts', 'src/services/security/**/*.test.ts', 'src/training/**/*.test.ts', 'client/src/**/*.test.ts',
            // The test harnesses' own logic: the CI rule for the integration suite, the crash test's verdicts.
            'tests/support/**/*.test.ts', 'tests/crash/**/*.test.ts', 'tests/lint/**/*.test.ts',
          ],
          env: { TZ: 'UTC' },
          // A limit for a hung test, not a speed check: a busy two-core machine runs some at a tenth of their speed.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['src/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          exclude: ['src/domain/**', 'src/shared/**', 'src/services/security/**', 'src/training/**'],
          // In CI, refuses to run without PostgreSQL rather than pass on SQLite alone.
          globalSetup: ['tests/support/integration-setup.ts'],
          env: { TZ: 'UTC' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          env: { TZ: 'UTC' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
