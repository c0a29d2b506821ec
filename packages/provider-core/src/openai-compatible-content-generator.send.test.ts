import { createContentGeneratorConfig, SamusError, type TimeoutConfig } from '@samus/kernel';
import { describe, expect, it } from 'vitest';
import { OpenAICompatibleContentGenerator } from './openai-compatible-content-generator.js';
import { failure, json, serve } from './testing/generator-fixtures.js';

/** Uses the runtime's `send` with a per-request timeout override, the way a provider does for a slow first request. */
class Probe extends OpenAICompatibleContentGenerator {
  async models(timeouts?: Partial<TimeoutConfig>): Promise<unknown> {
    const metrics = this.runtime.createMetrics('m');
    const opened = await this.runtime.send({ path: '/models', method: 'GET', metrics, ...(timeouts === undefined ? {} : { timeouts }) });
    return this.runtime.readJson(opened, 'm', 'data');
  }
}

function probeFor(origin: string, maxRetries = 0): Probe {
  const config = createContentGeneratorConfig('openai', { baseUrl: origin, model: 'm', env: {}, maxRetries, timeouts: { firstByteMs: 150 } });
  return new Probe({ config, retry: { initialDelayMs: 5 } });
}

/** A server whose answers are held back `delayMs`, after `failures` quick 503 answers. */
async function slowServer(delayMs: number, failures = 0): Promise<Awaited<ReturnType<typeof serve>>> {
  let count = 0;
  return serve((_request, response) => {
    count += 1;
    if (count <= failures) {
      json(response, 503, { error: { message: 'busy', type: 'server_error' } });
      return;
    }
    const timer = setTimeout(() => json(response, 200, { object: 'list', data: [] }), delayMs);
    response.on('close', () => clearTimeout(timer));
  });
}

describe('send(): per-request timeouts', () => {
  it('uses the request timeouts merged over config.timeouts for that request only', async () => {
    const server = await slowServer(400);
    const probe = probeFor(server.origin);
    await expect(probe.models({ firstByteMs: 5_000 })).resolves.toEqual({ object: 'list', data: [] });
    const error = await failure(probe.models());
    expect(error).toMatchObject({ code: 'SAMUS_ERR_TIMEOUT', details: { phase: 'first-byte', timeoutMs: 150 } });
    expect(probe.config.timeouts.firstByteMs).toBe(150);
  });

  it('keeps the per-request limit on retried attempts of the same request', async () => {
    const server = await slowServer(400, 1);
    const probe = probeFor(server.origin, 1);
    await expect(probe.models({ firstByteMs: 5_000 })).resolves.toEqual({ object: 'list', data: [] });
    expect(server.requests).toHaveLength(2);
  });

  it('names the per-request limit in a timeout, and an explicit undefined keeps the configured value', async () => {
    const server = await slowServer(5_000);
    const probe = probeFor(server.origin);
    const error = await failure(probe.models({ firstByteMs: 250, idleMs: undefined }));
    expect(SamusError.is(error, 'SAMUS_ERR_TIMEOUT')).toBe(true);
    expect(error.details).toMatchObject({ phase: 'first-byte', timeoutMs: 250 });
    const fallback = await failure(probe.models({ firstByteMs: undefined }));
    expect(fallback.details).toMatchObject({ phase: 'first-byte', timeoutMs: 150 });
  });
});
