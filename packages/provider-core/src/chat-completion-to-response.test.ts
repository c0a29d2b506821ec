import { describe, expect, it } from 'vitest';
import { chatCompletionToResponse } from './chat-completion-to-response.js';
import { DEFAULT_CAPABILITIES } from './openai-compatible-capabilities.js';

describe('chatCompletionToResponse', () => {
  it('maps choices, usage with reasoning tokens, ids and time', () => {
    const response = chatCompletionToResponse({
      id: 'chatcmpl-1',
      model: 'qwen3',
      created: 1_700_000_000,
      choices: [{ index: 0, message: { content: 'Hi', tool_calls: [] }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 10, completion_tokens: 7, total_tokens: 17, completion_tokens_details: { reasoning_tokens: 5 }, prompt_tokens_details: { cached_tokens: 4 } },
    });
    expect(response.candidates).toEqual([{ content: { role: 'model', parts: [{ text: 'Hi' }] }, finishReason: 'STOP', index: 0 }]);
    expect(response.usageMetadata).toEqual({ promptTokenCount: 10, candidatesTokenCount: 2, thoughtsTokenCount: 5, cachedContentTokenCount: 4, totalTokenCount: 17 });
    expect(response.responseId).toBe('chatcmpl-1');
    expect(response.modelVersion).toBe('qwen3');
    expect(response.createTime).toBe('2023-11-14T22:13:20.000Z');
  });

  it('gives responses the @google/genai getters (text without thoughts, functionCalls) and plain JSON', () => {
    const response = chatCompletionToResponse({
      choices: [{ message: { content: '<think>t</think>answer', tool_calls: [{ id: 'c', function: { name: 'f', arguments: '{"a":1}' } }] }, finish_reason: 'tool_calls' }],
    });
    expect(response.text).toBe('answer');
    expect(response.functionCalls).toEqual([{ id: 'c', name: 'f', args: { a: 1 } }]);
    expect(response.data).toBeUndefined();
    expect(response.executableCode).toBeUndefined();
    // Data fields only; a completion without an id still gets a responseId.
    expect(Object.keys(JSON.parse(JSON.stringify(response)) as object)).toEqual(['candidates', 'responseId']);
  });

  it('generates a responseId when the completion has none, and merges adjacent thought parts into one', () => {
    const response = chatCompletionToResponse({
      choices: [{ message: { reasoning_content: 'Plan: ', content: '<think>check the sum</think>4' }, finish_reason: 'stop' }],
    });
    expect(response.responseId).toMatch(/^resp-[0-9a-f-]{36}$/);
    expect(response.candidates?.[0]?.content?.parts).toEqual([{ text: 'Plan: check the sum', thought: true }, { text: '4' }]);
  });

  it('gives undefined text when there are no text parts', () => {
    expect(chatCompletionToResponse({ choices: [] }).text).toBeUndefined();
  });

  it('takes the generator capabilities: text tool calls recovered for the declared tools, think tags configurable', () => {
    const requestBody = { tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }] };
    const content = 'On it.\n<tool_call>{"name":"get_weather","arguments":{"city":"Paris"}}</tool_call>';
    const recovered = chatCompletionToResponse({ choices: [{ message: { content }, finish_reason: 'stop' }] }, { capabilities: DEFAULT_CAPABILITIES, requestBody });
    expect(recovered.text).toBe('On it.');
    expect(recovered.functionCalls).toEqual([{ id: expect.stringMatching(/^call_samus_/) as string, name: 'get_weather', args: { city: 'Paris' } }]);
    const off = chatCompletionToResponse({ choices: [{ message: { content }, finish_reason: 'stop' }] }, { capabilities: DEFAULT_CAPABILITIES, providerOptions: { textToolCalls: false }, requestBody });
    expect(off.text).toBe(content);
    const noTags = chatCompletionToResponse({ choices: [{ message: { content: '<think>a</think>b' }, finish_reason: 'stop' }] }, { capabilities: { ...DEFAULT_CAPABILITIES, thinkTags: false } });
    expect(noTags.text).toBe('<think>a</think>b');
  });

  it('reads usage given inside the choice', () => {
    const response = chatCompletionToResponse({ choices: [{ message: { content: 'x' }, finish_reason: 'stop', usage: { prompt_tokens: 2, completion_tokens: 1, total_tokens: 3 } }] });
    expect(response.usageMetadata).toEqual({ promptTokenCount: 2, candidatesTokenCount: 1, totalTokenCount: 3 });
  });
});
