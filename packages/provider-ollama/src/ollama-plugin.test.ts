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
