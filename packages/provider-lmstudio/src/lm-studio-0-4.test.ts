// Issue #13, end to end: the LM Studio generator against the mock in its 0.3.x / 0.4.x modes.
import { collect, failure } from '@samus/test-server';
import { describe, expect, it } from 'vitest';
import { lmStudioModelMismatch } from './lm-studio-response-checks.js';
import { setup } from './testing/mock-generator.js';

const TINY = { id: 'tiny-ctx', type: 'llm' as const, loaded: true, maxContextLength: 64, loadedContextLength: 64 };
const TOKEN = 'sk-lm-AbCd1234:abcdefghij0123456789';

describe('LM Studio 0.4.x context overflow → SAMUS_ERR_CONTEXT_OVERFLOW with the numbers', () => {
  it.each([
    ['0.4.1 (400 string body, n_keep)', { version: '0.4.1' }],
    ['0.4.21 (200 with the error body)', { version: '0.4.21' }],
    ['0.4.x "Cannot truncate prompt"', { version: '0.4.5', contextOverflow: 'cannot-truncate' }],
    ['0.3.x (legacy wording)', { version: '0.3.x' }],
  ] as const)('%s', async (_name, options) => {
    const { generator } = await setup({ ...options, models: [TINY] });
    const error = await failure(() => generator.generateContent({ model: 'tiny-ctx', contents: 'word '.repeat(400) }));
    expect(error.code).toBe('SAMUS_ERR_CONTEXT_OVERFLOW');
    expect(error.details).toMatchObject({ promptTokens: expect.any(Number), contextLength: 64 });
    expect(error.details.promptTokens as number).toBeGreaterThan(64);
    const streamed = await failure(() => collect(generator.generateContentStream({ model: 'tiny-ctx', contents: 'word '.repeat(400) })));
    expect(streamed.code).toBe('SAMUS_ERR_CONTEXT_OVERFLOW');
  });
});

describe('LM Studio 0.4.x API tokens', () => {
  it('missing and malformed tokens give distinct SAMUS_ERR_UNAUTHORIZED messages; the right token works', async () => {
    const { generator: without, server: first } = await setup({ apiToken: TOKEN });
    const missing = await failure(() => without.generateContent({ model: 'qwen2.5-7b-instruct', contents: 'Say hi' }));
    await first.close();
    const { generator: malformedGenerator, server: second } = await setup({ apiToken: TOKEN }, { apiKey: 'lm-studio' });
    const malformed = await failure(() => malformedGenerator.generateContent({ model: 'qwen2.5-7b-instruct', contents: 'Say hi' }));
    expect([missing.code, malformed.code]).toEqual(['SAMUS_ERR_UNAUTHORIZED', 'SAMUS_ERR_UNAUTHORIZED']);
    expect(missing.message).toMatch(/requires an API token/);
    expect(malformed.message).toMatch(/malformed/);
    expect(malformed.hint).toContain('sk-lm-XXXXXXXX:XXXXXXXXXXXXXXXXXXXX');
    expect(JSON.stringify(malformed.toJSON())).not.toContain('lm-studio"');
    await second.close();
    const { generator: good } = await setup({ apiToken: TOKEN }, { apiKey: TOKEN });
    const response = await good.generateContent({ model: 'qwen2.5-7b-instruct', contents: 'Say hi' });
    expect(response.candidates?.[0]?.content?.parts?.[0]?.text).toBe('hi');
  });
});

describe('LM Studio answering with another model', () => {
  it('the response names the model that answered (modelVersion), so the mismatch can be seen', async () => {
    const { generator } = await setup({ answerWithLoadedModel: true });
    const response = await generator.generateContent({ model: 'google/gemma-3-4b', contents: 'Say ok' });
    expect(response.modelVersion).toBe('qwen2.5-7b-instruct');
    expect(lmStudioModelMismatch('google/gemma-3-4b', response.modelVersion)).toEqual({ requested: 'google/gemma-3-4b', answered: 'qwen2.5-7b-instruct' });
  });
});

describe('JIT off, another model loaded', () => {
  it('a downloaded model that is not loaded is SAMUS_ERR_MODEL_NOT_LOADED with `lms load`, on every generation path', async () => {
    const { generator } = await setup(
      { jit: false, models: [{ id: 'qwen2.5-7b-instruct', type: 'llm', loaded: false }, { ...TINY, maxContextLength: 4096, loadedContextLength: 4096 }] },
      { model: 'qwen2.5-7b-instruct' },
    );
    const whole = await failure(() => generator.generateContent({ model: 'qwen2.5-7b-instruct', contents: 'Hi' }));
    const streamed = await failure(() => collect(generator.generateContentStream({ model: 'qwen2.5-7b-instruct', contents: 'Hi' })));
    for (const error of [whole, streamed]) {
      expect(error.code).toBe('SAMUS_ERR_MODEL_NOT_LOADED');
      expect(error.hint).toContain('lms load qwen2.5-7b-instruct');
    }
  });
});

describe('GGUF context overflow as a stream of empty deltas', () => {
  it('is SAMUS_ERR_CONTEXT_OVERFLOW with the `lms load --context-length` hint, not a normal STOP', async () => {
    const { generator } = await setup({ contextOverflow: 'empty-deltas', models: [TINY] }, { model: 'tiny-ctx' });
    const error = await failure(() => collect(generator.generateContentStream({ model: 'tiny-ctx', contents: 'word '.repeat(400) })));
    expect(error.code).toBe('SAMUS_ERR_CONTEXT_OVERFLOW');
    expect(error.hint).toContain('--context-length');
  });

  it('an ordinary short answer still ends normally', async () => {
    const { generator } = await setup({ models: [{ ...TINY, maxContextLength: 4096, loadedContextLength: 4096 }] }, { model: 'tiny-ctx' });
    const chunks = await collect(generator.generateContentStream({ model: 'tiny-ctx', contents: 'Hi' }));
    expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe('STOP');
  });
});

describe('an answer from another model than the requested one', () => {
  it('is reported as answeredModel on response:finish, streamed or not; the same model spelled differently is not', async () => {
    const { generator, events } = await setup({ answerWithLoadedModel: true });
    const finished: Array<{ answeredModel?: string }> = [];
    events.on('response:finish', (event) => finished.push(event));
    await generator.generateContent({ model: 'google/gemma-3-4b', contents: 'Say ok' });
    await collect(generator.generateContentStream({ model: 'google/gemma-3-4b', contents: 'Say ok' }));
    await generator.generateContent({ model: 'qwen2.5-7b-instruct', contents: 'Say ok' });
    expect(finished.map((event) => event.answeredModel)).toEqual(['qwen2.5-7b-instruct', 'qwen2.5-7b-instruct', undefined]);
  });
});
