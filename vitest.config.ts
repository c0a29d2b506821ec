import { defineConfig } from 'vitest/config';

// Testcontainers settings, read by testcontainers in the main process (global setup) and, through
// `test.env` below, in the workers. Its reaper (ryuk) image cannot be pulled here, so it is disabled:
// @samus/test-ollama stops every container it starts (and its global teardown sweeps what a run left).
// The host override keeps testcontainers from looking for a `bridge` network gateway when /.dockerenv
// exists (our dockerd runs with --bridge=none); only for a local engine.
const testcontainersEnv: Record<string, string> = { TESTCONTAINERS_RYUK_DISABLED: 'true' };
if (!process.env.DOCKER_HOST || process.env.DOCKER_HOST.startsWith('unix:')) testcontainersEnv.TESTCONTAINERS_HOST_OVERRIDE = '127.0.0.1';
for (const [key, value] of Object.entries(testcontainersEnv)) process.env[key] ??= value;
/** Owner label of the containers of this run (see @samus/test-ollama `containerOwner`). */
const containerOwner = String(process.pid);

const sourceConditions = { resolve: { conditions: ['@samus/source'] }, ssr: { resolve: { conditions: ['@samus/source'] } } };

export default defineConfig({
  test: {
    projects: [
      {
        ...sourceConditions,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'tooling/*/src/**/*.test.ts', 'contracts/src/**/*.test.ts'],
          typecheck: { enabled: true, include: ['packages/*/src/**/*.test-d.ts', 'contracts/src/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
          testTimeout: 15_000,
        },
      },
      {
        ...sourceConditions,
        test: {
          name: 'contract',
          include: ['contracts/test/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'tooling/*/test/**/*.test.ts'],
          globalSetup: ['./tooling/test-ollama/src/global-setup.ts', './tooling/test-llamacpp/src/global-setup.ts'],
          env: { ...testcontainersEnv, SAMUS_TEST_OLLAMA_OWNER: containerOwner },
          testTimeout: 180_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
