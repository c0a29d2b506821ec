import { describe, expect, it } from 'vitest';
import { toOllamaChatRequest } from './to-ollama-chat-request.js';

describe('toOllamaChatRequest', () => {
  it('refuses tools: [null] with SAMUS_ERR_INVALID_REQUEST naming config.tools[0] (not a TypeError)', async () => {
    await expect(toOllamaChatRequest({ model: 'm', contents: 'x', config: { tools: [null] as never } }, {}, true)).rejects.toMatchObject({
      code: 'SAMUS_ERR_INVALID_REQUEST',
      details: { field: 'config.tools[0]' },
    });
  });

  it('refuses malformed contents before anything is sent', async () => {
    await expect(toOllamaChatRequest({ model: 'm', contents: 42 as never }, {}, true)).rejects.toMatchObject({ code: 'SAMUS_ERR_INVALID_REQUEST', details: { field: 'contents' } });
  });

  it('trims tool names', async () => {
    const plan = await toOllamaChatRequest({ model: 'm', contents: 'x', config: { tools: [{ functionDeclarations: [{ name: ' ls ' }] }] } }, {}, true);
    expect(plan.body.tools?.map((tool) => tool.function.name)).toEqual(['ls']);
  });
});
