import { defineConfig } from 'vitest/config';

// Three tiers, named by file suffix (STYLE.md §11). Integration and e2e tests share one
// PostgreSQL and one Temporal dev server started by tests/support/global-setup.ts.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: [
            '{domain,workflows,activities,eventstore,projections,api,scripts,tests}/**/*.unit.test.ts',
            'web/src/**/*.unit.test.ts',
          ],
        },
      },
      {
        test: {
          name: 'int',
          sequence: { groupOrder: 1 },
          include: ['{domain,workflows,activities,eventstore,projections,api,scripts,tests}/**/*.int.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          sequence: { groupOrder: 2 },
          include: ['tests/e2e/**/*.e2e.test.ts'],
          globalSetup: ['tests/support/global-setup-e2e.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
