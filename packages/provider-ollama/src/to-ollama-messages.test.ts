import { describe, expect, it } from 'vitest';
import { toOllamaMessages } from './to-ollama-messages.js';

describe('toOllamaMessages', () => {
  it('sends tool-result media (functionResponse.parts) as images after the tool message, with tool_name', () => {
    const messages = toOllamaMessages([
      { role: 'model', parts: [{ functionCall: { id: 'c1', name: 'screenshot', args: {} } }] },
      { role: 'user', parts: [{ functionResponse: { id: 'c1', name: 'screenshot', response: { output: 'ok' }, parts: [{ inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } }] } as never }] },
    ]);
    expect(messages).toEqual([
      { role: 'assistant', content: '', tool_calls: [{ function: { name: 'screenshot', arguments: {} } }] },
      { role: 'tool', content: 'ok', tool_name: 'screenshot' },
      { role: 'user', content: 'Attachments of tool call screenshot (c1):', images: ['iVBORw0KGgo='] },
    ]);
  });

  it('refuses media Ollama cannot take, naming the part: a PDF, an image URL', () => {
    expect(() => toOllamaMessages([{ role: 'user', parts: [{ inlineData: { mimeType: 'application/pdf', data: 'JVBERi0=' } }] }])).toThrow(
      expect.objectContaining({ code: 'SAMUS_ERR_CAPABILITY_MISSING', details: expect.objectContaining({ field: 'contents[0].parts[0].inlineData' }) }),
    );
    expect(() => toOllamaMessages([{ role: 'user', parts: [{ fileData: { mimeType: 'image/png', fileUri: 'https://example.invalid/a.png' } } as never] }])).toThrow(
      expect.objectContaining({ code: 'SAMUS_ERR_CAPABILITY_MISSING' }),
    );
  });

  it('refuses malformed contents with the offending path', () => {
    expect(() => toOllamaMessages([{ role: 'user', parts: null }] as never)).toThrow(expect.objectContaining({ code: 'SAMUS_ERR_INVALID_REQUEST', details: { field: 'contents[0].parts' } }));
  });
});
