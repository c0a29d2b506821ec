import { SamusError, type ErrorCode, type GenerateContentParameters, type Kernel, type TimeoutConfig } from '@samus/kernel';
import { FAILURE_MODES, MALFORMED_INPUT_MODES, SECRET_ECHO_MODES, STREAM_FAILURE_MODES, type FailureMode, type FailurePath } from '@samus/test-server';
import { afterEach, describe, expect, it } from 'vitest';

/** Options of {@link describeFailureMatrix}. */
export interface FailureMatrixOptions {
  /** A kernel with the plugins under test registered (every plugin of it is checked). */
  kernel: () => Kernel;
  /** The failure modes (default: every mode of `@samus/test-server`). */
  modes?: readonly FailureMode[];
}

type PathName = FailurePath;

const BASE_TIMEOUTS: Partial<TimeoutConfig> = { connectMs: 2_000, firstByteMs: 5_000, idleMs: 5_000, totalMs: 10_000 };

/** Every string an error exposes: message, hint, stack, details and the whole cause chain. */
function exposed(error: unknown, depth = 0): string {
  if (depth > 8 || error === null || error === undefined) return '';
  if (typeof error !== 'object') return String(error);
  const record = error as { message?: unknown; stack?: unknown; hint?: unknown; details?: unknown; cause?: unknown };
  return [String(record.message ?? ''), String(record.stack ?? ''), String(record.hint ?? ''), JSON.stringify(record.details ?? {}), exposed(record.cause, depth + 1)].join('\n');
}

async function codeOf(run: () => Promise<unknown>, secret: string | undefined): Promise<{ code: string; status: number | undefined; message: string }> {
  try {
    await run();
  } catch (error) {
    if (secret !== undefined && exposed(error).includes(secret)) return { code: 'LEAKED THE SECRET', status: undefined, message: exposed(error).slice(0, 300) };
    if (SamusError.is(error)) return { code: error.code, status: error.status, message: error.message };
    return { code: `not a SamusError: ${String(error)}`, status: undefined, message: String(error) };
  }
  return { code: 'no error', status: undefined, message: '' };
}

/**
 * The failure matrix of the one transport: every failure mode, provoked by a loopback server, through every path
 * of every plugin registered in the kernel (generation, streaming, embeddings, admin listing and health) must give
 * one and the same code, with the HTTP status when there was an answer, and a redirect must never reach the other
 * origin. Plugins are read from the kernel (their capabilities say which paths exist); no provider is named here.
 */
export function describeFailureMatrix(options: FailureMatrixOptions): void {
  const modes = options.modes ?? [...FAILURE_MODES, ...STREAM_FAILURE_MODES, ...SECRET_ECHO_MODES, ...MALFORMED_INPUT_MODES];
  describe('failure matrix: one code per failure, on every path of every plugin', () => {
    const open: Array<() => Promise<void>> = [];
    afterEach(async () => {
      for (const close of open.splice(0)) await close();
    });

    for (const mode of modes) {
      it(`${mode.id}: ${mode.description} → ${mode.code}`, { timeout: 60_000 }, async () => {
        const kernel = options.kernel();
        const started = await mode.start();
        open.push(() => started.close());
        const timeouts = { ...BASE_TIMEOUTS, ...mode.timeouts };
        const contents = ('contents' in mode ? mode.contents : 'hi') as GenerateContentParameters['contents'];
        const requestConfig = mode.requestConfig as GenerateContentParameters['config'];
        const seen: Array<{ plugin: string; path: PathName; code: string; status: number | undefined; message: string }> = [];
        for (const plugin of kernel.plugins()) {
          const authType = plugin.authTypes[0];
          if (authType === undefined) continue;
          const config = kernel.createContentGeneratorConfig(authType, { baseUrl: started.baseUrl, model: 'm', maxRetries: 0, timeouts, ...(mode.apiKey ? { apiKey: mode.apiKey } : {}) });
          const generator = await kernel.createContentGenerator(config);
          const runs: Array<[PathName, () => Promise<unknown>]> = [
            ['generateContent', () => generator.generateContent({ model: 'm', contents, ...(requestConfig ? { config: requestConfig } : {}) }, 'matrix')],
            [
              'generateContentStream',
              async () => {
                for await (const _chunk of await generator.generateContentStream({ model: 'm', contents, ...(requestConfig ? { config: requestConfig } : {}) }, 'matrix')) {
                  // drain
                }
              },
            ],
          ];
          if (plugin.capabilities?.embeddings === true) runs.push(['embedContent', () => generator.embedContent({ model: 'm', contents: ['hi'] })]);
          const implementation = await kernel.implementation(plugin.id);
          if (implementation.createAdmin) {
            const admin = await kernel.createAdmin(authType, { baseUrl: started.baseUrl, timeouts, ...(mode.apiKey ? { apiKey: mode.apiKey } : {}) });
            runs.push(['admin.listModels', () => admin.listModels()]);
            runs.push([
              'admin.health',
              async () => {
                const health = await admin.health();
                if (health.error) throw new SamusError(health.error.code as ErrorCode, health.error.message);
              },
            ]);
          }
          for (const [path, run] of runs) {
            if (mode.paths && !mode.paths.includes(path)) continue;
            seen.push({ plugin: plugin.id, path, ...(await codeOf(run, mode.apiKey)) });
          }
        }
        const wrong = seen.filter((entry) => entry.code !== mode.code);
        expect(wrong, JSON.stringify(wrong, null, 1)).toEqual([]);
        const withStatus = seen.filter((entry) => entry.path !== 'admin.health');
        const wrongStatus = withStatus.filter((entry) => entry.status !== mode.status);
        expect(wrongStatus.map(({ plugin, path, status }) => ({ plugin, path, status })), `status should be ${mode.status}`).toEqual([]);
        if (started.elsewhere) expect(started.elsewhere(), 'requests that reached the other origin').toBe(0);
        if (mode.maxRequests !== undefined) expect(started.requests?.() ?? 0, 'requests the server received').toBeLessThanOrEqual(mode.maxRequests);
      });
    }
  });
}
