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
    expect(lmStudioPlugin).toMatchObject({ id: 'lm-studio', specificationVersion: 'v1', authTypes: ['lm-studio'] });
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
