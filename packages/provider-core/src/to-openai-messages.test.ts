import { describe, expect, it } from 'vitest';
import { toOpenAIMessages } from './to-openai-messages.js';

describe('toOpenAIMessages', () => {
  it('accepts every content union form', () => {
    expect(toOpenAIMessages('hi')).toEqual([{ role: 'user', content: 'hi' }]);
    expect(toOpenAIMessages(['a', { text: 'b' }])).toEqual([{ role: 'user', content: 'ab' }]);
    expect(toOpenAIMessages({ role: 'user', parts: [{ text: 'c' }] })).toEqual([{ role: 'user', content: 'c' }]);
  });

  it('puts the system instruction first and keeps system turns', () => {
    expect(toOpenAIMessages([{ role: 'system', parts: [{ text: 'S2' }] }, { role: 'user', parts: [{ text: 'u' }] }], { parts: [{ text: 'S1' }] })).toEqual([
      { role: 'system', content: 'S1' },
      { role: 'system', content: 'S2' },
      { role: 'user', content: 'u' },
    ]);
  });

  it('sends inline images as data URLs in content parts', () => {
    expect(toOpenAIMessages([{ role: 'user', parts: [{ text: 'What is this?' }, { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } }] }])).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
        ],
      },
    ]);
  });

  it('drops earlier reasoning unless asked to send it back', () => {
    const contents = [{ role: 'model', parts: [{ text: 'hmm', thought: true }, { text: 'answer' }] }];
    expect(toOpenAIMessages(contents)).toEqual([{ role: 'assistant', content: 'answer' }]);
    expect(toOpenAIMessages(contents, undefined, { includeThoughts: true })).toEqual([{ role: 'assistant', content: 'answer', reasoning_content: 'hmm' }]);
  });

  it('sends tool output before any text of the same turn, and JSON for structured responses', () => {
    expect(
      toOpenAIMessages([
        { role: 'model', parts: [{ functionCall: { id: 'c1', name: 'ls', args: {} } }] },
        { role: 'user', parts: [{ text: 'thanks' }, { functionResponse: { id: 'c1', name: 'ls', response: { files: ['a'] } } }] },
      ]),
    ).toEqual([
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'ls', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'c1', content: '{"files":["a"]}' },
      { role: 'user', content: 'thanks' },
    ]);
  });
});
