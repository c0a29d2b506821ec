import { startMockLMStudio, type MockLMStudio } from '@samus/mock-lmstudio';
import { afterEach, describe, expect, it } from 'vitest';
import { lmStudioEmptyStreamError, lmStudioModelMismatch, modelMismatchError } from './lm-studio-response-checks.js';

let mock: MockLMStudio | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

describe('lmStudioModelMismatch', () => {
  it('should report another model, and ignore spellings of the same one', () => {
    expect(lmStudioModelMismatch('google/gemma-3-4b', 'qwen2.5-7b-instruct')).toEqual({ requested: 'google/gemma-3-4b', answered: 'qwen2.5-7b-instruct' });
    for (const same of ['qwen2.5-7b-instruct', 'Qwen2.5-7B-Instruct', 'lmstudio-community/qwen2.5-7b-instruct', 'qwen2.5-7b-instruct@q4_k_m', 'qwen2.5-7b-instruct:2']) {
      expect(lmStudioModelMismatch('qwen2.5-7b-instruct', same), same).toBeUndefined();
    }
    expect(lmStudioModelMismatch(undefined, 'x')).toBeUndefined();
    expect(lmStudioModelMismatch('x', undefined)).toBeUndefined();
  });

  it('should catch the mock\'s answerWithLoadedModel fault from the response model, with a strict-mode error', async () => {
    mock = await startMockLMStudio({ answerWithLoadedModel: true });
    const res = await fetch(`${mock.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'google/gemma-3-4b', messages: [{ role: 'user', content: 'hi' }] }),
      signal: AbortSignal.timeout(5_000),
    });
    const body = (await res.json()) as { model: string };
    const mismatch = lmStudioModelMismatch('google/gemma-3-4b', body.model);
    expect(mismatch).toEqual({ requested: 'google/gemma-3-4b', answered: 'qwen2.5-7b-instruct' });
    const error = modelMismatchError(mismatch!);
    expect(error.code).toBe('SAMUS_ERR_MODEL_NOT_LOADED');
    expect(error.hint).toContain('lms load google/gemma-3-4b');
    expect(error.details).toMatchObject({ requestedModel: 'google/gemma-3-4b', answeredModel: 'qwen2.5-7b-instruct' });
  });
});

describe('lmStudioEmptyStreamError', () => {
  const empty = { finishReason: 'stop', textLength: 0, reasoningLength: 0, toolCalls: 0 };

  it('should call a stream of empty deltas ending with stop a context overflow', () => {
    const error = lmStudioEmptyStreamError({ ...empty, events: 5, model: 'tiny' });
    expect(error?.code).toBe('SAMUS_ERR_CONTEXT_OVERFLOW');
    expect(error?.hint).toContain('lms load tiny --context-length');
    expect(error?.details).toMatchObject({ emptyStream: true, events: 5 });
  });

  it('should call even a single empty finish chunk an overflow when the prompt is known to exceed the loaded context', () => {
    expect(lmStudioEmptyStreamError({ ...empty, events: 1, promptTokens: 900, loadedContextLength: 64 })?.details).toMatchObject({ promptTokens: 900, contextLength: 64 });
    expect(lmStudioEmptyStreamError({ ...empty, events: 1, promptTokens: 10, loadedContextLength: 64 })).toBeUndefined();
  });

  it('should leave real answers, tool calls, reasoning-only, length stops and a lone finish chunk alone', () => {
    expect(lmStudioEmptyStreamError({ ...empty, events: 5, textLength: 3 })).toBeUndefined();
    expect(lmStudioEmptyStreamError({ ...empty, events: 5, toolCalls: 1, finishReason: 'tool_calls' })).toBeUndefined();
    expect(lmStudioEmptyStreamError({ ...empty, events: 5, reasoningLength: 10 })).toBeUndefined();
    expect(lmStudioEmptyStreamError({ ...empty, events: 5, finishReason: 'length' })).toBeUndefined();
    expect(lmStudioEmptyStreamError({ ...empty, events: 1 })).toBeUndefined();
  });

  it('should recognise the mock\'s empty-deltas overflow stream (the summary a decoder would build)', async () => {
    mock = await startMockLMStudio({ contextOverflow: 'empty-deltas', models: [{ id: 'tiny', type: 'llm', loaded: true, maxContextLength: 64, loadedContextLength: 64 }] });
    const res = await fetch(`${mock.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'tiny', stream: true, messages: [{ role: 'user', content: 'word '.repeat(400) }] }),
      signal: AbortSignal.timeout(5_000),
    });
    const chunks = (await res.text())
      .split('\n\n')
      .map((frame) => frame.replace(/^data: /, ''))
      .filter((data) => data !== '' && data !== '[DONE]')
      .map((data) => JSON.parse(data) as { choices: { delta: { content?: string }; finish_reason: string | null }[] });
    const summary = {
      events: chunks.length,
      finishReason: chunks.at(-1)?.choices[0]?.finish_reason ?? undefined,
      textLength: chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('').length,
      reasoningLength: 0,
      toolCalls: 0,
      model: 'tiny',
    };
    expect(summary.textLength).toBe(0);
    expect(lmStudioEmptyStreamError(summary)?.code).toBe('SAMUS_ERR_CONTEXT_OVERFLOW');
  });
});
