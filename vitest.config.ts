import { defineConfig } from 'vitest/config';

const sourceConditions = { resolve: { conditions: ['@samus/source'] }, ssr: { resolve: { conditions: ['@samus/source'] } } };

export default defineConfig({
  test: {
    projects: [
      {
        ...sourceConditions,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'tooling/*/src/**/*.test.ts', 'contracts/src/**/*.test.ts'],
          typecheck: { enabled: true, include: ['packages/*/src/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
          testTimeout: 15_000,
        },
      },
      {
        ...sourceConditions,
        test: {
          name: 'contract',
          include: ['contracts/test/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'tooling/*/test/**/*.test.ts'],
          globalSetup: [],
          testTimeout: 180_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
