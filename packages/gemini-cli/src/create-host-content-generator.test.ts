import { closedPortUrl } from '@samus/contracts';
import { createKernel, SamusError } from '@samus/kernel';
import { ollamaPlugin } from '@samus/provider-ollama';
import { startMockLMStudio, type MockLMStudio } from '@samus/mock-lmstudio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressionThresholdFor, HOST_DEFAULT_TOKEN_LIMIT } from './compression-threshold.js';
import { createHostContentGenerator } from './create-host-content-generator.js';
import { HostNetworkError } from './to-host-error.js';

let mock: MockLMStudio;
beforeAll(async () => {
  mock = await startMockLMStudio({ tokenDelayMs: 1, seed: 3 });
});
afterAll(() => mock.close());

const lmEnv = (url = mock.url): Record<string, string> => ({ SAMUS_AUTH_TYPE: 'lm-studio', LM_STUDIO_BASE_URL: url, LM_STUDIO_MODEL: 'qwen2.5-7b-instruct' });

describe('createHostContentGenerator', () => {
  it('builds from env only and answers a hosted model name with the configured model', async () => {
    const generator = await createHostContentGenerator({ env: lmEnv() });
    expect(generator.authType).toBe('lm-studio');
    expect(generator.model).toBe('qwen2.5-7b-instruct');
    const starts: { requestedModel?: string; model: string }[] = [];
    generator.events.on('request:start', (event) => starts.push(event));
    const response = await generator.generateContent({ model: 'gemini-2.5-flash', contents: 'Say hello.' }, 'p1', 'utility_router');
    expect(response.text?.length).toBeGreaterThan(0);
    expect(starts).toMatchObject([{ requestedModel: 'gemini-2.5-flash', model: 'qwen2.5-7b-instruct' }]);
    expect(mock.requests.at(-1)?.body).toMatchObject({ model: 'qwen2.5-7b-instruct' });
  });

  it('uses the utility model for utility roles when one is configured', async () => {
    const generator = await createHostContentGenerator({ env: { ...lmEnv(), LM_STUDIO_UTILITY_MODEL: 'google/gemma-3-4b' } });
    expect(generator.utilityModel).toBe('google/gemma-3-4b');
    await generator.generateContent({ model: 'gemini-2.5-flash-lite', contents: 'Classify: hi' }, 'p1', 'utility_router');
    expect(mock.requests.at(-1)?.body).toMatchObject({ model: 'google/gemma-3-4b' });
    await generator.generateContent({ model: 'gemini-2.5-pro', contents: 'hi' }, 'p1', 'main');
    expect(mock.requests.at(-1)?.body).toMatchObject({ model: 'qwen2.5-7b-instruct' });
  });

  it('resolves the stream promise with a stream whose return() closes the request before the first chunk', async () => {
    const generator = await createHostContentGenerator({ env: lmEnv() });
    const stream = await generator.generateContentStream({ model: 'gemini-2.5-pro', contents: 'Count to one hundred.' }, 'p1', 'main');
    await expect(stream.return(undefined)).resolves.toMatchObject({ done: true });
    await expect(stream.next()).resolves.toMatchObject({ done: true });
  });

  it('makes one request per call by default (the host retries), and a 503 carries status for the host', async () => {
    const generator = await createHostContentGenerator({ env: lmEnv() });
    mock.setFaults({ status: 503, paths: ['/v1/chat/completions'] });
    const before = mock.requests.filter((request) => request.path.startsWith('/v1/chat/completions')).length;
    try {
      const error = await generator.generateContentStream({ model: 'gemini-2.5-pro', contents: 'hi' }, 'p1', 'main').catch((caught: unknown) => caught);
      expect(SamusError.is(error)).toBe(true);
      expect((error as SamusError).status).toBe(503);
    } finally {
      mock.setFaults(undefined);
    }
    expect(mock.requests.filter((request) => request.path.startsWith('/v1/chat/completions')).length - before).toBe(1);
  });

  it('gives a refused connection to the host with the socket code where its retry logic looks', async () => {
    const generator = await createHostContentGenerator({ env: lmEnv(await closedPortUrl()) });
    const error = await generator.generateContent({ model: 'gemini-2.5-pro', contents: 'hi' }, 'p1', 'main').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HostNetworkError);
    const hostError = error as HostNetworkError;
    expect(hostError.code).toBe('ECONNREFUSED');
    expect(hostError.samusCode).toBe('SAMUS_ERR_SERVER_NOT_RUNNING');
    expect(SamusError.is(hostError.cause, 'SAMUS_ERR_SERVER_NOT_RUNNING')).toBe(true);
    expect(hostError.message).not.toMatch(/fetch failed/i);
  });

  it('refuses an unknown SAMUS_AUTH_TYPE with a coded error naming the variable', async () => {
    const error = await createHostContentGenerator({ env: { SAMUS_AUTH_TYPE: 'gemini-api-key' } }).catch((caught: unknown) => caught);
    expect(SamusError.is(error, 'SAMUS_ERR_INVALID_CONFIG')).toBe(true);
    expect((error as SamusError).message).toContain('SAMUS_AUTH_TYPE');
    expect((error as SamusError).hint).toContain('ollama, lm-studio, llama-cpp, openai, auto');
  });

  it('serves llama-server (llama-cpp) from the default kernel, and with your own kernel exactly its plugins', async () => {
    const generator = await createHostContentGenerator({ authType: 'llama-cpp', env: {}, baseUrl: await closedPortUrl(), model: 'm' });
    const error = await generator.generateContent({ model: 'gemini-2.5-pro', contents: 'hi' }, 'p1', 'main').catch((caught: unknown) => caught);
    expect((error as HostNetworkError).samusCode).toBe('SAMUS_ERR_SERVER_NOT_RUNNING');
    const own = await createHostContentGenerator({ authType: 'llama-cpp', env: {}, kernel: createKernel({ env: {} }).register(ollamaPlugin) }).catch((caught: unknown) => caught);
    expect(SamusError.is(own, 'SAMUS_ERR_INVALID_CONFIG')).toBe(true);
    expect((own as SamusError).hint).toContain('ollama, auto');
  });

  it('finds a running server with auto and reports the context window where the backend tells it', async () => {
    const generator = await createHostContentGenerator({ env: { SAMUS_MODEL: 'qwen2.5-7b-instruct' }, authType: 'auto', baseUrl: mock.url });
    try {
      expect(generator.authType).toBe('samus-pool');
      const response = await generator.generateContent({ model: 'gemini-2.5-pro', contents: 'Say hello.' }, 'p1', 'main');
      expect(response.text?.length).toBeGreaterThan(0);
      expect(await generator.getContextWindow()).toBeUndefined();
    } finally {
      generator.close();
    }
    const direct = await createHostContentGenerator({ env: lmEnv() });
    expect(await direct.getContextWindow()).toMatchObject({ model: 'qwen2.5-7b-instruct', tokens: expect.any(Number) });
  });
});

describe('compressionThresholdFor', () => {
  it("turns a local window into the host's fraction of its 1,048,576-token default limit", () => {
    expect(compressionThresholdFor(8192) * HOST_DEFAULT_TOKEN_LIMIT).toBe(4096);
    expect(compressionThresholdFor(32768, 0.7) * HOST_DEFAULT_TOKEN_LIMIT).toBeCloseTo(22937.6);
    expect(() => compressionThresholdFor(0)).toThrow(RangeError);
    expect(() => compressionThresholdFor(8192, 1.5)).toThrow(RangeError);
  });
});
