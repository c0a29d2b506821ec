import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GenerateContentResponse } from '@samus/kernel';
import { failure } from '@samus/test-server';
import { describe, expect, it } from 'vitest';
import { createOllama } from './create-ollama.js';
import { setup } from './testing/fake-ollama-generator.js';
import { helloScript } from './test-support/fake-ollama-server.js';

async function texts(stream: AsyncGenerator<GenerateContentResponse>): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.text ?? '';
  return text;
}

async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

// The promise generateContentStream() returns settles with the request (gemini-cli-core awaits it inside its retry
// loop); what the body brings comes from the iterator. Both the native /api/chat path and /v1.
describe('OllamaContentGenerator.generateContentStream: request errors reject the promise', () => {
  for (const api of ['native', 'openai'] as const) {
    it(`rejects an unknown model with SAMUS_ERR_MODEL_NOT_FOUND and suggestions (${api})`, async () => {
      const { generator } = await setup({}, { providerOptions: { api } });
      const error = await failure(generator.generateContentStream({ model: 'gemma3:1b', contents: 'Hi' }));
      expect(error.code).toBe('SAMUS_ERR_MODEL_NOT_FOUND');
      expect((error.details.suggestions as string[])[0]).toBe('gemma3:270m');
    });

    it(`rejects an HTTP 500, after one request with maxRetries 0 (${api})`, async () => {
      const { generator, fake } = await setup({
        override: (request) => (request.url?.endsWith('/chat') || request.url?.endsWith('/chat/completions') ? { status: 500, body: '{"error":"llama runner process has terminated"}' } : undefined),
      }, { providerOptions: { api } });
      const error = await failure(generator.generateContentStream({ model: 'gemma3:270m', contents: 'Hi' }));
      expect(error.code).toBe('SAMUS_ERR_SERVER_ERROR');
      expect(fake.requests.filter((request) => request.path.endsWith('/chat') || request.path.endsWith('/chat/completions'))).toHaveLength(1);
    });
  }

  it('rejects a refused connection with SAMUS_ERR_SERVER_NOT_RUNNING', async () => {
    const generator = createOllama({ baseUrl: await refusedUrl(), model: 'gemma3:270m', env: {}, maxRetries: 0 });
    expect((await failure(generator.generateContentStream({ model: 'gemma3:270m', contents: 'Hi' }))).code).toBe('SAMUS_ERR_SERVER_NOT_RUNNING');
  });

  it('rejects a prompt larger than the context window before sending it (SAMUS_ERR_CONTEXT_OVERFLOW)', async () => {
    const { generator, fake } = await setup();
    const long = 'The committee reviewed the proposal and asked for a revised budget. '.repeat(400);
    expect((await failure(generator.generateContentStream({ model: 'gemma3:270m', contents: long }))).code).toBe('SAMUS_ERR_CONTEXT_OVERFLOW');
    expect(fake.requests.filter((request) => request.path === '/api/chat')).toHaveLength(0);
  });

  it('resolves with the accepted stream; a stall after output is the iterator’s error', async () => {
    const { generator } = await setup(
      { chat: (request) => [{ model: request.model, message: { role: 'assistant', content: 'one' }, done: false }, { delayMs: 5_000 }, ...helloScript(request)] },
      { timeouts: { idleMs: 200 } },
    );
    const stream = await generator.generateContentStream({ model: 'gemma3:270m', contents: 'Hi' });
    const error = await failure(texts(stream));
    expect(error).toMatchObject({ code: 'SAMUS_ERR_TIMEOUT', details: { phase: 'idle', partialText: 'one' } });
  });

  it('streams as before once resolved', async () => {
    const { generator } = await setup();
    expect(await texts(await generator.generateContentStream({ model: 'gemma3:270m', contents: 'Hi' }))).toBe('Hello world');
  });
});
