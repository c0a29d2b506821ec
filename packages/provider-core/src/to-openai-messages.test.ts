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

  it('reads functionResponse.parts: text joins the tool message, media follows in a user message; response null is fine', () => {
    const messages = toOpenAIMessages([
      { role: 'model', parts: [{ functionCall: { id: 'c1', name: 'screenshot', args: {} } }, { functionCall: { id: 'c2', name: 'noop', args: {} } }] },
      {
        role: 'user',
        parts: [
          { functionResponse: { id: 'c1', name: 'screenshot', response: { output: 'Captured.' }, parts: [{ text: '[image 1 of 1]' }, { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } }] } as never },
          { functionResponse: { id: 'c2', name: 'noop', response: null } as never },
        ],
      },
    ]);
    expect(messages).toEqual([
      { role: 'assistant', content: null, tool_calls: [expect.objectContaining({ id: 'c1' }), expect.objectContaining({ id: 'c2' })] },
      { role: 'tool', tool_call_id: 'c1', content: 'Captured.\n[image 1 of 1]' },
      { role: 'tool', tool_call_id: 'c2', content: '' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Attachments of tool call screenshot (c1):' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
        ],
      },
    ]);
  });

  it('repairs the history: unanswered calls dropped, separated results moved to their call, orphan results as text', () => {
    const messages = toOpenAIMessages([
      { role: 'user', parts: [{ text: 'go' }] },
      { role: 'model', parts: [{ text: 'Running.' }, { functionCall: { id: 'a', name: 'ls', args: {} } }, { functionCall: { id: 'lost', name: 'rm', args: {} } }] },
      { role: 'user', parts: [{ text: 'meanwhile…' }] },
      { role: 'user', parts: [{ functionResponse: { id: 'a', name: 'ls', response: { output: 'a.ts' } } }] },
      { role: 'user', parts: [{ functionResponse: { id: 'ghost', name: 'grep', response: { output: 'hit' } } }] },
    ]);
    expect(messages).toEqual([
      { role: 'user', content: 'go' },
      { role: 'assistant', content: 'Running.', tool_calls: [{ id: 'a', type: 'function', function: { name: 'ls', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'a', content: 'a.ts' },
      { role: 'user', content: 'meanwhile…\n\nResult of tool call grep (ghost):\nhit' },
    ]);
  });

  it('merges consecutive model turns, leaves out empty messages, sends a duplicated call once', () => {
    const call = { functionCall: { id: 'c1', name: 'ls', args: { path: '.' } } };
    const messages = toOpenAIMessages([
      { role: 'user', parts: [{ text: 'hi' }] },
      { role: 'user', parts: [] },
      { role: 'model', parts: [{ text: 'Let me look.' }] },
      { role: 'model', parts: [call, call] },
      { role: 'user', parts: [{ functionResponse: { id: 'c1', name: 'ls', response: { output: 'x' } } }] },
      { role: 'model', parts: [{ text: '' }] },
      { role: 'user', parts: [{ text: '' }] },
    ]);
    expect(messages).toEqual([
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'Let me look.', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'ls', arguments: '{"path":"."}' } }] },
      { role: 'tool', tool_call_id: 'c1', content: 'x' },
    ]);
  });

  it('gives a second, different call that reuses an id a fresh id, and its result follows it', () => {
    const messages = toOpenAIMessages([
      { role: 'model', parts: [{ functionCall: { id: 'dup', name: 'a', args: {} } }, { functionCall: { id: 'dup', name: 'b', args: {} } }] },
      { role: 'user', parts: [{ functionResponse: { id: 'dup', name: 'a', response: { output: '1' } } }, { functionResponse: { id: 'dup', name: 'b', response: { output: '2' } } }] },
    ]);
    const assistant = messages[0] as { tool_calls: Array<{ id: string }> };
    expect(assistant.tool_calls[0]!.id).toBe('dup');
    expect(assistant.tool_calls[1]!.id).not.toBe('dup');
    expect(messages.slice(1)).toEqual([
      { role: 'tool', tool_call_id: 'dup', content: '1' },
      { role: 'tool', tool_call_id: assistant.tool_calls[1]!.id, content: '2' },
    ]);
  });

  it('sends media by MIME type: images as image_url, text decoded, others only where supported, else CAPABILITY_MISSING', () => {
    const pdf = { inlineData: { mimeType: 'application/pdf', data: 'JVBERi0=' } };
    const wav = { inlineData: { mimeType: 'audio/wav', data: 'UklGRg==' } };
    const text = { inlineData: { mimeType: 'text/plain', data: Buffer.from('notes').toString('base64') } };
    const url = { fileData: { mimeType: 'image/jpeg', fileUri: 'https://example.invalid/cat.jpg' } } as never;
    expect(toOpenAIMessages([{ role: 'user', parts: [text, url] }])).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'notes' }, { type: 'image_url', image_url: { url: 'https://example.invalid/cat.jpg' } }] },
    ]);
    expect(() => toOpenAIMessages([{ role: 'user', parts: [{ text: 'read' }, pdf] }])).toThrow(expect.objectContaining({ code: 'SAMUS_ERR_CAPABILITY_MISSING', details: expect.objectContaining({ field: 'contents[0].parts[1].inlineData' }) }));
    expect(() => toOpenAIMessages([{ role: 'user', parts: [wav] }])).toThrow(expect.objectContaining({ code: 'SAMUS_ERR_CAPABILITY_MISSING' }));
    expect(() => toOpenAIMessages([{ role: 'user', parts: [{ fileData: { mimeType: 'video/mp4', fileUri: 'gs://b/v.mp4' } } as never] }])).toThrow(expect.objectContaining({ code: 'SAMUS_ERR_CAPABILITY_MISSING' }));
    expect(toOpenAIMessages([{ role: 'user', parts: [pdf, wav] }], undefined, { media: { audio: true, files: true } })).toEqual([
      {
        role: 'user',
        content: [
          { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0=', filename: 'attachment.pdf' } },
          { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } },
        ],
      },
    ]);
  });

  it('takes a generator capability set: sendReasoning sends earlier thoughts back', () => {
    const contents = [{ role: 'model', parts: [{ text: 'hmm', thought: true }, { text: 'answer' }] }];
    expect(toOpenAIMessages(contents, undefined, { sendReasoning: true, audioInput: false, fileInput: false })).toEqual([{ role: 'assistant', content: 'answer', reasoning_content: 'hmm' }]);
    expect(toOpenAIMessages(contents, undefined, { sendReasoning: false, audioInput: false, fileInput: false })).toEqual([{ role: 'assistant', content: 'answer' }]);
  });
});
