import type { MockLMStudio } from '@samus/mock-lmstudio';
import { createContentGeneratorConfig, SamusEvents, type SamusEventMap } from '@samus/kernel';
import { errorCodes } from '@samus/provider-core/internal';
import { collect, failure } from '@samus/test-server';
import { describe, expect, it } from 'vitest';
import { LMStudioContentGenerator } from './lm-studio-content-generator.js';
import { CHAT, setup, startMock } from './testing/mock-generator.js';
import { closedPortUrl } from './testing/scripted-server.js';
import { LM_STUDIO_CONFIG_SPEC } from './lm-studio-config-spec.js';

const COLD = 'google/gemma-3-4b';
const EMBED = 'text-embedding-nomic-embed-text-v1.5';

const inferenceModels = (server: MockLMStudio) =>
  server.requests.filter((request) => /\/(chat\/completions|embeddings)$/.test(request.path)).map((request) => (request.body as { model?: string }).model);

describe('LM Studio: request-model policy', () => {
  it('answers hosted names with the configured model, utility roles with the utility model, and reports the choice', async () => {
    const { generator, events, server } = await setup({}, { utilityModel: COLD });
    const starts: SamusEventMap['request:start'][] = [];
    events.on('request:start', (event) => starts.push(event));
    await generator.generateContent({ model: 'gemini-2.5-pro', contents: 'Hi' }, 'p1', 'main');
    await collect(generator.generateContentStream({ model: 'gemini-2.5-flash-lite', contents: 'Hi' }, 'p1', 'utility_router'));
    await generator.generateContent({ model: CHAT, contents: 'Hi' }, 'p1', 'utility_compressor');
    await generator.embedContent({ model: 'gemini-embedding-001', contents: ['a'] }).catch(() => undefined);
    expect(inferenceModels(server)).toEqual([CHAT, COLD, CHAT, CHAT]);
    expect(starts.slice(0, 3).map((event) => [event.requestedModel, event.model, event.modelSource, event.role])).toEqual([
      ['gemini-2.5-pro', CHAT, 'configured', 'main'],
      ['gemini-2.5-flash-lite', COLD, 'utility', 'utility_router'],
      [CHAT, CHAT, 'request', 'utility_compressor'],
    ]);
  });

  it('reads LM_STUDIO_UTILITY_MODEL', async () => {
    const server = await startMock();
    const config = createContentGeneratorConfig('lm-studio', { spec: LM_STUDIO_CONFIG_SPEC, env: { LM_STUDIO_BASE_URL: server.url, LM_STUDIO_MODEL: CHAT, LM_STUDIO_UTILITY_MODEL: EMBED }, maxRetries: 0 });
    await new LMStudioContentGenerator({ config }).embedContent({ model: 'gemini-embedding-001', contents: ['a'] }).catch(() => undefined);
    await new LMStudioContentGenerator({ config }).generateContent({ model: 'gemini-2.5-flash', contents: 'Hi' }, 'p', 'utility_next_speaker').catch(() => undefined);
    expect(inferenceModels(server)).toEqual([CHAT, EMBED]);
  });
});

describe('LM Studio: getContextWindow', () => {
  it('gives the loaded context length, or the default for a model that is not loaded, capped by its maximum', async () => {
    const { generator, server } = await setup();
    expect(await generator.getContextWindow(CHAT)).toEqual({ model: CHAT, tokens: 4096, source: 'loaded', trained: 32768 });
    expect(await generator.getContextWindow('gemini-2.5-pro')).toMatchObject({ model: CHAT, source: 'loaded' });
    expect(await generator.getContextWindow(COLD)).toEqual({ model: COLD, tokens: 4096, source: 'default', trained: 131072 });
    server.loadModel(COLD, { contextLength: 16384 });
    expect(await generator.getContextWindow(COLD)).toEqual({ model: COLD, tokens: 16384, source: 'loaded', trained: 131072 });
    expect(await generator.getContextWindow(EMBED)).toEqual({ model: EMBED, tokens: 2048, source: 'default', trained: 2048 });
  });

  it('falls back to the default when the server cannot tell', async () => {
    const config = createContentGeneratorConfig('lm-studio', { spec: LM_STUDIO_CONFIG_SPEC, env: {}, baseUrl: await closedPortUrl(), model: CHAT, maxRetries: 0 });
    expect(await new LMStudioContentGenerator({ config }).getContextWindow()).toEqual({ model: CHAT, tokens: 4096, source: 'default' });
  });
});

describe('LM Studio: errors a host understands, and maxRetries: 0', () => {
  it('makes one request for a 503 with maxRetries 0 and gives the status, on every path', async () => {
    const { generator, server } = await setup({ faults: { status: 503, paths: ['/v1/', '/api/v0/chat'] } });
    const chat = await failure(() => generator.generateContent({ model: CHAT, contents: 'Hi' }));
    expect(chat).toMatchObject({ code: 'SAMUS_ERR_SERVER_ERROR', status: 503 });
    const stream = await failure(() => collect(generator.generateContentStream({ model: CHAT, contents: 'Hi' })));
    expect(stream.status).toBe(503);
    const embed = await failure(() => generator.embedContent({ model: EMBED, contents: ['a'] }));
    expect(embed.status).toBe(503);
    expect(server.requests.filter((request) => /chat\/completions|embeddings/.test(request.path))).toHaveLength(3);
  });

  it('gives 4xx statuses (an unknown model) while keeping the SAMUS_ERR code', async () => {
    const { generator } = await setup();
    const error = await failure(() => generator.generateContent({ model: 'no-such-model', contents: 'Hi' }));
    expect(error.code).toBe('SAMUS_ERR_MODEL_NOT_FOUND');
    expect(error.status).toBeGreaterThanOrEqual(400);
  });

  it('makes one connection attempt for a refused connection, keeps ECONNREFUSED in the cause chain, never says "fetch failed"', async () => {
    const events = new SamusEvents();
    let starts = 0;
    events.on('request:start', () => (starts += 1));
    const config = createContentGeneratorConfig('lm-studio', { spec: LM_STUDIO_CONFIG_SPEC, env: {}, baseUrl: await closedPortUrl(), model: CHAT, maxRetries: 0 });
    const generator = new LMStudioContentGenerator({ config, events });
    for (const call of [() => generator.generateContent({ model: CHAT, contents: 'Hi' }), () => collect(generator.generateContentStream({ model: CHAT, contents: 'Hi' }))]) {
      const error = await failure(call);
      expect(error.code).toBe('SAMUS_ERR_SERVER_NOT_RUNNING');
      expect(error.status).toBeUndefined();
      expect(errorCodes(error.cause)).toContain('ECONNREFUSED');
      expect(error.message.toLowerCase()).not.toContain('fetch failed');
    }
    expect(starts).toBe(2);
  });
});
