import { startMockLMStudio, type MockLMStudio } from '@samus/mock-lmstudio';
import { createKernel, type SamusEventMap } from '@samus/kernel';
import { afterEach, describe, expect, it } from 'vitest';
import { LMStudioContentGenerator } from './lm-studio-content-generator.js';
import { lmStudioPlugin } from './lm-studio-plugin.js';

let mock: MockLMStudio | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

describe('lmStudioPlugin', () => {
  it('should register for auth type lm-studio and load its implementation lazily', () => {
    expect(lmStudioPlugin).toMatchObject({ id: 'lm-studio', specificationVersion: 'v2', authTypes: ['lm-studio'] });
    expect(lmStudioPlugin.createContentGenerator).toBeUndefined();
    expect(typeof lmStudioPlugin.load).toBe('function');
  });

  it('should create a generator from LM_STUDIO_BASE_URL (typed with /v1), LM_STUDIO_MODEL and LM_API_TOKEN', async () => {
    mock = await startMockLMStudio({ apiToken: 'sk-lm-env:token' });
    const env = { LM_STUDIO_BASE_URL: `${mock.url}/v1/`, LM_STUDIO_MODEL: 'qwen2.5-7b-instruct', LM_API_TOKEN: 'sk-lm-env:token' };
    const kernel = createKernel({ env }).register(lmStudioPlugin);
    const finished: SamusEventMap['response:finish'][] = [];
    kernel.events.on('response:finish', (event) => finished.push(event));
    const config = kernel.createContentGeneratorConfig('lm-studio');
    expect(config).toMatchObject({ baseUrl: mock.url, model: 'qwen2.5-7b-instruct', sources: { apiKey: 'env:LM_API_TOKEN', baseUrl: 'env:LM_STUDIO_BASE_URL' } });
    const generator = await kernel.createContentGenerator(config);
    expect(generator).toBeInstanceOf(LMStudioContentGenerator);
    expect((generator as LMStudioContentGenerator).apiBaseUrl).toBe(`${mock.url}/v1`);
    const response = await generator.generateContent({ model: config.model, contents: 'Say hi.' });
    expect(response.candidates?.[0]?.content?.parts?.length).toBeGreaterThan(0);
    expect(mock.requests.at(-1)!.headers.authorization).toBe('Bearer sk-lm-env:token');
    expect(finished[0]).toMatchObject({ provider: 'lm-studio', baseUrl: mock.url });
  });

  it('should let options beat the environment and default to localhost:1234 without any', () => {
    const kernel = createKernel({ env: { LM_STUDIO_BASE_URL: 'http://10.0.0.9:1234', LM_STUDIO_MODEL: 'from-env' } }).register(lmStudioPlugin);
    expect(kernel.createContentGeneratorConfig('lm-studio', { model: 'from-option' }).model).toBe('from-option');
    expect(createKernel({ env: {} }).register(lmStudioPlugin).createContentGeneratorConfig('lm-studio')).toMatchObject({
      baseUrl: 'http://localhost:1234',
      model: 'local-model',
    });
  });
});

describe('lmStudioPlugin (spec v2): capabilities, admin, fingerprint', () => {
  it('declares what LM Studio can do over REST (no delete) and its admin matches', async () => {
    mock = await startMockLMStudio({ models: [{ id: 'qwen2.5-7b-instruct', type: 'llm', loaded: true }, { id: 'nomic-embed', type: 'embeddings' }], downloadDurationMs: 50 });
    expect(lmStudioPlugin.capabilities).toMatchObject({ modelListing: true, health: true, pull: true, load: true, unload: true, ps: true });
    expect(lmStudioPlugin.capabilities?.delete).toBeFalsy();
    const admin = await createKernel({ env: { LM_STUDIO_BASE_URL: mock.url } }).register(lmStudioPlugin).createAdmin('lm-studio');
    expect(admin.delete).toBeUndefined();
    expect((await admin.health()).ok).toBe(true);
    expect((await admin.listModels()).map((model) => [model.id, model.kind])).toEqual([
      ['qwen2.5-7b-instruct', 'chat'],
      ['nomic-embed', 'embedding'],
    ]);
    expect((await admin.ps!()).map((model) => model.id)).toEqual(['qwen2.5-7b-instruct']);
    const phases: string[] = [];
    const pulled = await admin.pull!('qwen/qwen3-4b', { onProgress: (progress) => phases.push(progress.phase) });
    expect(pulled.status).toBe('completed');
    expect(phases.at(-1)).toBe('success');
    await admin.unload!('qwen2.5-7b-instruct');
    expect((await admin.ps!()).map((model) => model.id)).toEqual([]);
    await admin.load!('qwen2.5-7b-instruct', { contextLength: 4096 });
    expect((await admin.ps!()).map((model) => model.id)).toEqual(['qwen2.5-7b-instruct']);
  });

  it('fingerprints LM Studio by its greeting and tells when it wants a token', async () => {
    mock = await startMockLMStudio({ apiToken: 'sk-lm-a:b' });
    const kernel = createKernel({ env: {} }).register(lmStudioPlugin);
    expect(await kernel.fingerprint('lm-studio', mock.url, AbortSignal.timeout(2_000))).toMatchObject({ authRequired: true, apis: expect.arrayContaining(['api/v1']) });
    const nothing = kernel.fingerprint('lm-studio', 'http://127.0.0.1:9', AbortSignal.timeout(2_000));
    await expect(nothing).rejects.toMatchObject({ code: 'SAMUS_ERR_SERVER_NOT_RUNNING' });
  });
});
