import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SamusEvents, type SamusEventMap } from '@samus/kernel';
import { errorCodes } from '@samus/provider-core/internal';
import { collect, failure } from '@samus/test-server';
import { describe, expect, it } from 'vitest';
import { createOllama } from './create-ollama.js';
import { setup } from './testing/fake-ollama-generator.js';
import type { FakeOllama } from './test-support/fake-ollama-server.js';

const bodies = (server: FakeOllama, path: string) => server.requests.filter((request) => request.path === path).map((request) => request.body as Record<string, unknown>);

describe('Ollama: request-model policy on the native path', () => {
  it('answers hosted names with the configured model, utility roles with the utility model, and says so in the event', async () => {
    const events = new SamusEvents();
    const starts: SamusEventMap['request:start'][] = [];
    events.on('request:start', (event) => starts.push(event));
    const { fake, generator } = await setup({}, { utilityModel: 'smollm2:135m', events });
    await generator.generateContent({ model: 'gemini-2.5-pro', contents: 'Hi' }, 'p1', 'main');
    await collect(generator.generateContentStream({ model: 'gemini-2.5-flash-lite', contents: 'Hi' }, 'p1', 'utility_router'));
    await collect(generator.generateContentStream({ model: 'auto-gemini-2.5', contents: 'Hi' }, 'p1', 'utility_next_speaker'));
    await generator.generateContent({ model: 'llama3', contents: 'Hi' }, 'p1', 'utility_loop_detector');
    expect(bodies(fake, '/api/chat').map((body) => body.model)).toEqual(['gemma3:270m', 'smollm2:135m', 'smollm2:135m', 'llama3']);
    expect(starts.map((event) => [event.requestedModel, event.model, event.modelSource])).toEqual([
      ['gemini-2.5-pro', 'gemma3:270m', 'configured'],
      ['gemini-2.5-flash-lite', 'smollm2:135m', 'utility'],
      ['auto-gemini-2.5', 'smollm2:135m', 'utility'],
      ['llama3', 'llama3', 'request'],
    ]);
  });

  it('sends a local name the caller gave as is: the not-found error with suggestions stays', async () => {
    const { generator } = await setup();
    const error = await failure(() => generator.generateContent({ model: 'gemma3:27b', contents: 'Hi' }, 'p1', 'main'));
    expect(error.code).toBe('SAMUS_ERR_MODEL_NOT_FOUND');
    expect(error.status).toBe(404);
    expect(error.details.suggestions).toContain('gemma3:270m');
  });

  it('uses the policy for embeddings and the OpenAI-compatible path too', async () => {
    const { fake, generator } = await setup({}, { model: 'all-minilm:l6-v2' });
    await generator.embedContent({ model: 'gemini-embedding-001', contents: ['a'] });
    expect(bodies(fake, '/api/embed').map((body) => body.model)).toEqual(['all-minilm:l6-v2']);
    const openai = createOllama({ baseUrl: fake.url, model: 'gemma3:270m', env: {}, maxRetries: 0, providerOptions: { api: 'openai' } });
    await openai.generateContent({ model: 'gemini-2.5-flash', contents: 'Hi' }, 'p1', 'utility_router');
    expect(bodies(fake, '/v1/chat/completions').map((body) => body.model)).toEqual(['gemma3:270m']);
  });
});

describe('Ollama: OLLAMA_CONTEXT_LENGTH and OLLAMA_KEEP_ALIVE', () => {
  it('sends num_ctx and keep_alive from the environment on every request', async () => {
    const { fake, generator } = await setup({}, { env: { OLLAMA_CONTEXT_LENGTH: '8192', OLLAMA_KEEP_ALIVE: '3600' } });
    expect(generator.settings).toMatchObject({ numCtx: 8192, keepAlive: 3600 });
    await generator.generateContent({ model: 'gemma3:270m', contents: 'Hi' });
    await generator.embedContent({ model: 'all-minilm:l6-v2', contents: ['a'] });
    expect(bodies(fake, '/api/chat')[0]).toMatchObject({ options: { num_ctx: 8192 }, keep_alive: 3600 });
    expect(bodies(fake, '/api/embed')[0]).toMatchObject({ options: { num_ctx: 8192 }, keep_alive: 3600 });
  });

  it('refuses a bad variable with a coded error naming it', () => {
    expect(() => createOllama({ env: { OLLAMA_CONTEXT_LENGTH: 'lots' } })).toThrow(
      expect.objectContaining({ code: 'SAMUS_ERR_INVALID_CONFIG', message: expect.stringContaining('OLLAMA_CONTEXT_LENGTH') }),
    );
    expect(() => createOllama({ env: { OLLAMA_KEEP_ALIVE: '10 min' } })).toThrow(expect.objectContaining({ code: 'SAMUS_ERR_INVALID_CONFIG', hint: expect.stringContaining('OLLAMA_KEEP_ALIVE') }));
  });
});

describe('Ollama: getContextWindow', () => {
  it('gives numCtx when configured (capped by the trained length), else the Modelfile, loaded or default window', async () => {
    const { fake, generator } = await setup({ loaded: { 'llama3:latest': 6144 } });
    expect(await generator.getContextWindow('gemma3:270m')).toEqual({ model: 'gemma3:270m', tokens: 4096, source: 'modelfile', trained: 32_768 });
    expect(await generator.getContextWindow('smollm2:135m')).toEqual({ model: 'smollm2:135m', tokens: 4096, source: 'default', trained: 8192 });
    expect(await generator.getContextWindow('llama3:latest')).toEqual({ model: 'llama3:latest', tokens: 6144, source: 'loaded', trained: 8192 });
    // Absent or hosted names go through the policy: the configured model's window.
    expect((await generator.getContextWindow()).model).toBe('gemma3:270m');
    expect((await generator.getContextWindow('gemini-2.5-pro')).model).toBe('gemma3:270m');
    const fromEnv = createOllama({ baseUrl: fake.url, model: 'smollm2:135m', utilityModel: 'gemma3:270m', env: { OLLAMA_CONTEXT_LENGTH: '65536' } });
    expect(await fromEnv.getContextWindow()).toEqual({ model: 'smollm2:135m', tokens: 8192, source: 'numCtx', trained: 8192 });
    expect(await fromEnv.getContextWindow('gemini-2.5-flash', { role: 'utility_compressor' })).toEqual({ model: 'gemma3:270m', tokens: 32_768, source: 'numCtx', trained: 32_768 });
  });

  it('falls back to Ollama\'s default when the server cannot tell', async () => {
    const { fake, generator } = await setup();
    await fake.close();
    expect(await generator.getContextWindow('gemma3:270m')).toEqual({ model: 'gemma3:270m', tokens: 4096, source: 'default' });
  });

  it('refuses a prompt larger than the window with a hint naming OLLAMA_CONTEXT_LENGTH', async () => {
    const { fake, generator } = await setup({}, { model: 'smollm2:135m' });
    const error = await failure(() => generator.generateContent({ model: 'gemini-2.5-pro', contents: 'word '.repeat(6000) }, 'p1', 'main'));
    expect(error.code).toBe('SAMUS_ERR_CONTEXT_OVERFLOW');
    expect(error.hint).toContain('OLLAMA_CONTEXT_LENGTH=');
    expect(error.details).toMatchObject({ model: 'smollm2:135m', contextWindow: 4096, source: 'default' });
    expect(bodies(fake, '/api/chat')).toHaveLength(0);
  });
});

describe('Ollama: errors a host understands, and maxRetries: 0', () => {
  it('makes one request for a 503 or a 500 with maxRetries 0, and gives the status', async () => {
    let status = 503;
    const { fake, generator } = await setup({
      override: (request) => (request.url?.startsWith('/api/chat') ? { status, body: JSON.stringify({ error: status === 503 ? 'server busy, please try again.  maximum pending requests exceeded' : 'llama runner process has terminated' }) } : undefined),
    });
    const busy = await failure(() => generator.generateContent({ model: 'gemma3:270m', contents: 'Hi' }));
    expect(busy.status).toBe(503);
    expect(bodies(fake, '/api/chat')).toHaveLength(1);
    const streamBusy = await failure(() => collect(generator.generateContentStream({ model: 'gemma3:270m', contents: 'Hi' })));
    expect(streamBusy.status).toBe(503);
    expect(bodies(fake, '/api/chat')).toHaveLength(2);
    status = 500;
    const crashed = await failure(() => generator.generateContent({ model: 'gemma3:270m', contents: 'Hi' }));
    expect(crashed).toMatchObject({ code: 'SAMUS_ERR_SERVER_ERROR', status: 500 });
    expect(bodies(fake, '/api/chat')).toHaveLength(3);
    // With our retries on (the default layer), the same call makes maxRetries + 1 requests.
    const retrying = createOllama({ baseUrl: fake.url, model: 'gemma3:270m', env: {}, maxRetries: 2 });
    await failure(() => retrying.generateContent({ model: 'gemma3:270m', contents: 'Hi' }));
    expect(bodies(fake, '/api/chat')).toHaveLength(6);
  });

  it('makes one connection attempt for a refused connection, keeps ECONNREFUSED in the cause chain, never says "fetch failed"', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const events = new SamusEvents();
    let starts = 0;
    events.on('request:start', () => (starts += 1));
    const generator = createOllama({ baseUrl: `http://127.0.0.1:${port}`, model: 'gemma3:270m', env: {}, maxRetries: 0, events });
    for (const call of [() => generator.generateContent({ model: 'gemma3:270m', contents: 'Hi' }), () => collect(generator.generateContentStream({ model: 'gemma3:270m', contents: 'Hi' }))]) {
      const error = await failure(call);
      expect(error.code).toBe('SAMUS_ERR_SERVER_NOT_RUNNING');
      expect(error.status).toBeUndefined();
      expect(errorCodes(error.cause)).toContain('ECONNREFUSED');
      expect(error.message.toLowerCase()).not.toContain('fetch failed');
    }
    expect(starts).toBe(2);
  });
});

describe('Ollama: a hosted name sent as requested', () => {
  it('gets a model-not-found hint naming the request-model policy and OLLAMA_MODEL', async () => {
    const { generator } = await setup({}, { requestModel: 'request' });
    const error = await failure(() => generator.generateContent({ model: 'gemini-2.5-flash', contents: 'Hi' }, 'p1', 'utility_router'));
    expect(error.code).toBe('SAMUS_ERR_MODEL_NOT_FOUND');
    expect(error.status).toBe(404);
    expect(error.hint).toContain('requestModel');
    expect(error.hint).toContain('OLLAMA_MODEL');
  });
});
