import { createKernel, SamusError } from '@samus/kernel';
import { afterEach, describe, expect, it } from 'vitest';
import { OllamaContentGenerator } from './ollama-content-generator.js';
import { ollamaPlugin } from './ollama-plugin.js';
import { startFakeOllama, type FakeOllama } from './test-support/fake-ollama-server.js';

let fake: FakeOllama | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function baseUrlFor(env: Record<string, string>): string | undefined {
  return createKernel({ env }).register(ollamaPlugin).createContentGeneratorConfig('ollama').baseUrl;
}

describe('ollamaPlugin', () => {
  it('should register lazily for auth type "ollama" and create an OllamaContentGenerator on first use', async () => {
    fake = await startFakeOllama();
    const kernel = createKernel({ env: {} }).register(ollamaPlugin);
    expect(kernel.pluginFor('ollama')?.id).toBe('ollama');
    const generator = await kernel.createContentGenerator(kernel.createContentGeneratorConfig('ollama', { baseUrl: fake.url, model: 'gemma3:270m' }));
    expect(generator).toBeInstanceOf(OllamaContentGenerator);
    expect((await generator.generateContent({ model: 'gemma3:270m', contents: 'Hi' })).text).toBe('Hello world');
  });

  it('should default to http://localhost:11434 and llama3', () => {
    const config = createKernel({ env: {} }).register(ollamaPlugin).createContentGeneratorConfig('ollama');
    expect(config).toMatchObject({ baseUrl: 'http://localhost:11434', model: 'llama3', sources: { baseUrl: 'default', model: 'default' } });
  });

  it.each([
    ['0.0.0.0', 'http://127.0.0.1:11434'],
    ['0.0.0.0:11434', 'http://127.0.0.1:11434'],
    [':11434', 'http://127.0.0.1:11434'],
    ['127.0.0.1', 'http://127.0.0.1:11434'],
    ['127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['gpu-box', 'http://gpu-box:11434'],
    ['gpu-box:9999', 'http://gpu-box:9999'],
    ['http://gpu-box:9999/', 'http://gpu-box:9999'],
    ['http://127.0.0.1:11434/v1', 'http://127.0.0.1:11434'],
    ['https://ollama.example.test', 'https://ollama.example.test'],
    ['[::1]:11434', 'http://[::1]:11434'],
    ['::1', 'http://[::1]:11434'],
    ['[::]:11434', 'http://[::1]:11434'],
  ])('should read OLLAMA_HOST=%s as %s', (host, expected) => {
    expect(baseUrlFor({ OLLAMA_HOST: host })).toBe(expected);
  });

  it('should prefer OLLAMA_BASE_URL over OLLAMA_HOST, and an explicit option over both', () => {
    expect(baseUrlFor({ OLLAMA_BASE_URL: 'http://a:1', OLLAMA_HOST: 'b:2' })).toBe('http://a:1');
    const config = createKernel({ env: { OLLAMA_HOST: 'b:2', OLLAMA_MODEL: 'qwen3' } }).register(ollamaPlugin).createContentGeneratorConfig('ollama', { baseUrl: 'c:3' });
    expect(config).toMatchObject({ baseUrl: 'http://c:3', model: 'qwen3', sources: { baseUrl: 'option', model: 'env:OLLAMA_MODEL' } });
  });

  it.each(['ftp://host:11434', 'host:', 'host:99999', 'http://user:pw@host:11434', 'http://host:11434?x=1'])(
    'should refuse a malformed OLLAMA_HOST=%s with SAMUS_ERR_INVALID_CONFIG naming the variable',
    (host) => {
      let caught: unknown;
      try {
        baseUrlFor({ OLLAMA_HOST: host });
      } catch (error) {
        caught = error;
      }
      expect(SamusError.is(caught, 'SAMUS_ERR_INVALID_CONFIG')).toBe(true);
      expect((caught as SamusError).message).toContain('OLLAMA_HOST');
      expect((caught as SamusError).message).not.toContain('pw');
      expect((caught as SamusError).hint.length).toBeGreaterThan(10);
    },
  );

  it('should reach the server named by OLLAMA_HOST', async () => {
    fake = await startFakeOllama();
    const kernel = createKernel({ env: { OLLAMA_HOST: fake.url.replace('http://', ''), OLLAMA_MODEL: 'gemma3:270m' } }).register(ollamaPlugin);
    const generator = await kernel.createContentGenerator(kernel.createContentGeneratorConfig('ollama'));
    expect((await generator.generateContent({ model: 'gemma3:270m', contents: 'Hi' })).text).toBe('Hello world');
    expect(fake.requests.some((request) => request.path === '/api/chat')).toBe(true);
  });

  it('should refuse invalid Ollama providerOptions when the generator is created', async () => {
    const kernel = createKernel({ env: {} }).register(ollamaPlugin);
    const config = kernel.createContentGeneratorConfig('ollama', { providerOptions: { numCtx: -5 } });
    await expect(kernel.createContentGenerator(config)).rejects.toMatchObject({ code: 'SAMUS_ERR_INVALID_CONFIG', details: { field: 'numCtx' } });
  });
});

describe('ollamaPlugin (spec v2): config spec, capabilities, admin, fingerprint', () => {
  it('brings its own variables: OLLAMA_UTILITY_MODEL, OLLAMA_CONTEXT_LENGTH and OLLAMA_KEEP_ALIVE resolve through the kernel', () => {
    const kernel = createKernel({ env: { OLLAMA_UTILITY_MODEL: 'qwen3:0.6b', OLLAMA_CONTEXT_LENGTH: '16384', OLLAMA_KEEP_ALIVE: '10m' } }).register(ollamaPlugin);
    const config = kernel.createContentGeneratorConfig('ollama', { requestModel: 'configured' });
    expect(config).toMatchObject({
      utilityModel: 'qwen3:0.6b',
      requestModel: 'configured',
      providerOptions: { numCtx: 16384, keepAlive: '10m' },
      sources: { utilityModel: 'env:OLLAMA_UTILITY_MODEL', providerOptions: { numCtx: 'env:OLLAMA_CONTEXT_LENGTH', keepAlive: 'env:OLLAMA_KEEP_ALIVE' } },
    });
    let caught: unknown;
    try {
      createKernel({ env: { OLLAMA_CONTEXT_LENGTH: '8k' } }).register(ollamaPlugin).createContentGeneratorConfig('ollama');
    } catch (error) {
      caught = error;
    }
    expect(SamusError.is(caught, 'SAMUS_ERR_INVALID_CONFIG')).toBe(true);
    expect((caught as SamusError).hint).toContain('OLLAMA_CONTEXT_LENGTH');
  });

  it('declares every admin capability and its admin has each method', async () => {
    fake = await startFakeOllama({ loaded: { 'gemma3:270m': 4096 } });
    expect(ollamaPlugin.capabilities).toMatchObject({ modelListing: true, health: true, pull: true, load: true, unload: true, delete: true, ps: true });
    const admin = await createKernel({ env: { OLLAMA_HOST: fake.url } }).register(ollamaPlugin).createAdmin('ollama');
    expect((await admin.health()).ok).toBe(true);
    expect((await admin.listModels()).map((model) => model.id)).toContain('all-minilm:l6-v2');
    expect((await admin.ps!()).map((model) => [model.id, model.loadedContextLength])).toEqual([['gemma3:270m', 4096]]);
    const progress: string[] = [];
    expect(await admin.pull!('smollm2:135m', { onProgress: (p) => progress.push(p.phase) })).toEqual({ status: 'success' });
    expect(progress.at(-1)).toBe('success');
    await admin.delete!('smollm2:135m');
    await admin.load!('gemma3:270m', { keepAlive: '5m', contextLength: 2048 });
    await admin.unload!('gemma3:270m');
    expect(fake.requests.filter((r) => r.path === '/api/chat').map((r) => r.body)).toEqual([
      expect.objectContaining({ model: 'gemma3:270m', keep_alive: '5m', options: { num_ctx: 2048 } }),
      expect.objectContaining({ model: 'gemma3:270m', keep_alive: 0 }),
    ]);
  });

  it('fingerprints Ollama by its root text and version, and nothing else', async () => {
    fake = await startFakeOllama({ version: '0.11.4' });
    const kernel = createKernel({ env: {} }).register(ollamaPlugin);
    expect(await kernel.fingerprint('ollama', fake.url, AbortSignal.timeout(2_000))).toMatchObject({ version: '0.11.4', authRequired: false, apis: expect.arrayContaining(['native']) });
    const other = await startFakeOllama({ override: () => ({ status: 200, body: '{"lmstudio":true}', contentType: 'application/json' }) });
    try {
      expect(await kernel.fingerprint('ollama', other.url, AbortSignal.timeout(2_000))).toBeUndefined();
    } finally {
      await other.close();
    }
  });
});
