import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createContentGeneratorConfig, SamusEvents, type SamusEventMap } from '@samus/kernel';
import { generateContentResponseSchema } from '@samus/kernel/schemas';
import { collect, failure } from '@samus/test-server';
import { describe, expect, it } from 'vitest';
import { createOllama } from './create-ollama.js';
import { OllamaContentGenerator } from './ollama-content-generator.js';
import { OLLAMA_CONFIG_SPEC } from './ollama-config-spec.js';
import { setup, startFake } from './testing/fake-ollama-generator.js';
import { helloScript, type FakeOllama } from './test-support/fake-ollama-server.js';

const chatBodies = (server: FakeOllama) => server.requests.filter((request) => request.path === '/api/chat').map((request) => request.body as Record<string, unknown>);

describe('OllamaContentGenerator: native /api/chat', () => {
  it('should send sampling options natively and return text, STOP and usage', async () => {
    const { generator, fake } = await setup();
    const response = await generator.generateContent({ model: 'gemma3:270m', contents: 'Hi', config: { temperature: 0, seed: 42, maxOutputTokens: 16, topK: 5, stopSequences: ['\n\n'] } });
    generateContentResponseSchema.parse(response);
    expect(response.text).toBe('Hello world');
    expect(response.candidates?.[0]?.finishReason).toBe('STOP');
    expect(response.usageMetadata).toEqual({ promptTokenCount: 12, candidatesTokenCount: 2, totalTokenCount: 14 });
    expect(chatBodies(fake)[0]).toEqual({
      model: 'gemma3:270m',
      stream: true,
      messages: [{ role: 'user', content: 'Hi' }],
      options: { temperature: 0, seed: 42, num_predict: 16, top_k: 5, stop: ['\n\n'] },
    });
  });

  it('should stream text chunks, then one final chunk with the finish reason and usage', async () => {
    const { generator } = await setup();
    const chunks = await collect(generator.generateContentStream({ model: 'gemma3:270m', contents: 'Hi', config: { maxOutputTokens: 1 } }));
    for (const chunk of chunks) generateContentResponseSchema.parse(chunk);
    expect(chunks.map((chunk) => chunk.text ?? '')).toEqual(['Hello', '']);
    expect(chunks.map((chunk) => chunk.candidates?.[0]?.finishReason)).toEqual([undefined, 'MAX_TOKENS']);
    expect(chunks[1]!.usageMetadata?.candidatesTokenCount).toBe(1);
  });

  it('should emit server timings (load, prompt eval, eval) next to client TTFT and tokens/s', async () => {
    const events = new SamusEvents();
    const finished: SamusEventMap['response:finish'][] = [];
    const firstTokens: SamusEventMap['response:first-token'][] = [];
    events.on('response:finish', (event) => finished.push(event));
    events.on('response:first-token', (event) => firstTokens.push(event));
    const { generator } = await setup({ chat: (request) => helloScript(request, ['a', 'b', 'c', 'd']) }, { events });
    await generator.generateContent({ model: 'gemma3:270m', contents: 'Hi' });
    expect(firstTokens).toHaveLength(1);
    expect(finished).toHaveLength(1);
    expect(finished[0]).toMatchObject({
      provider: 'ollama',
      model: 'gemma3:270m',
      outputTokens: 4,
      finishReason: 'STOP',
      server: { loadMs: 100, promptEvalMs: 50, evalMs: 200, totalMs: 500, promptTokens: 12, evalTokens: 4, tokensPerSecond: 20 },
    });
    expect(finished[0]!.ttftMs).toBeGreaterThan(0);
    expect(finished[0]!.tokensPerSecond).toBeGreaterThan(0);
  });

  it('should send numCtx, keepAlive and think natively (providerOptions, then the providerOptions of the request)', async () => {
    const { generator, fake } = await setup({ models: [{ name: 'qwen3:0.6b', capabilities: ['completion', 'thinking'] }] }, { providerOptions: { numCtx: 8192, keepAlive: '10m' } });
    await generator.generateContent({ model: 'qwen3:0.6b', contents: 'Hi', config: { providerOptions: { think: true, keepAlive: '1h' } } });
    expect(chatBodies(fake)[0]).toMatchObject({ options: { num_ctx: 8192 }, keep_alive: '1h', think: true });
  });

  it('should return thinking as thought parts and tool calls as functionCall parts with object args', async () => {
    const { generator } = await setup({
      models: [{ name: 'qwen3:0.6b', capabilities: ['completion', 'tools', 'thinking'] }],
      chat: (request) => [
        { model: request.model, message: { role: 'assistant', content: '', thinking: 'Let me check.' }, done: false },
        { model: request.model, message: { role: 'assistant', content: '', tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Tokyo' } } }, { function: { index: 1, name: 'get_time', arguments: { tz: 'JST' } } }] }, done: false },
        { model: request.model, message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop', prompt_eval_count: 30, eval_count: 20 },
      ],
    });
    const response = await generator.generateContent({
      model: 'qwen3:0.6b',
      contents: 'Weather and time in Tokyo?',
      config: { tools: [{ functionDeclarations: [{ name: 'get_weather', parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } } } }, { name: 'get_time' }] }] },
    });
    const parts = response.candidates![0]!.content!.parts!;
    expect(parts[0]).toEqual({ text: 'Let me check.', thought: true });
    expect(response.functionCalls?.map((call) => [call.name, call.args])).toEqual([
      ['get_weather', { city: 'Tokyo' }],
      ['get_time', { tz: 'JST' }],
    ]);
    expect(response.functionCalls?.every((call) => typeof call.id === 'string' && call.id.length > 0)).toBe(true);
  });

  it('should send earlier function calls and responses back in native form (object args, tool_name)', async () => {
    const { generator, fake } = await setup();
    await generator.generateContent({
      model: 'smollm2:135m',
      contents: [
        { role: 'user', parts: [{ text: 'Weather?' }] },
        { role: 'model', parts: [{ functionCall: { id: 'c1', name: 'get_weather', args: { city: 'Paris' } } }] },
        { role: 'user', parts: [{ functionResponse: { id: 'c1', name: 'get_weather', response: { output: 'sunny' } } }] },
      ],
      config: { systemInstruction: 'Be brief.' },
    });
    expect(chatBodies(fake)[0]!.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Weather?' },
      { role: 'assistant', content: '', tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Paris' } } }] },
      { role: 'tool', content: 'sunny', tool_name: 'get_weather' },
    ]);
  });

  it('should send format for JSON output: a schema, or "json"', async () => {
    const { generator, fake } = await setup();
    const schema = { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] };
    await generator.generateContent({ model: 'gemma3:270m', contents: 'x', config: { responseMimeType: 'application/json', responseJsonSchema: schema } });
    await generator.generateContent({ model: 'gemma3:270m', contents: 'x', config: { responseMimeType: 'application/json' } });
    expect(chatBodies(fake).map((body) => body.format)).toEqual([schema, 'json']);
  });
});

describe('OllamaContentGenerator: errors and bad input', () => {
  it('should report an unknown model with SAMUS_ERR_MODEL_NOT_FOUND, the nearest local names and the pull hint', async () => {
    const { generator } = await setup();
    for (const action of [
      () => generator.generateContent({ model: 'gemma3:1b', contents: 'Hi' }),
      () => collect(generator.generateContentStream({ model: 'gemma3:1b', contents: 'Hi' })),
    ]) {
      const error = await failure(action);
      expect(error.code).toBe('SAMUS_ERR_MODEL_NOT_FOUND');
      expect((error.details.suggestions as string[])[0]).toBe('gemma3:270m');
      expect(error.hint).toContain('gemma3:270m');
      expect(error.hint).toContain('ollama pull gemma3:1b');
    }
  });

  it('should report tools on a model without tools as SAMUS_ERR_CAPABILITY_MISSING', async () => {
    const { generator } = await setup();
    const error = await failure(() =>
      generator.generateContent({ model: 'gemma3:270m', contents: 'Hi', config: { tools: [{ functionDeclarations: [{ name: 'f' }] }] } }),
    );
    expect(error).toMatchObject({ code: 'SAMUS_ERR_CAPABILITY_MISSING', details: { capability: 'tools' } });
    expect(error.hint).toContain('"tools"');
  });

  it('should report think on a model without thinking as SAMUS_ERR_CAPABILITY_MISSING', async () => {
    const { generator } = await setup({}, { providerOptions: { think: true } });
    await expect(generator.generateContent({ model: 'gemma3:270m', contents: 'Hi' })).rejects.toMatchObject({ code: 'SAMUS_ERR_CAPABILITY_MISSING', details: { capability: 'thinking' } });
  });

  it('should throw an {"error":…} line inside a 200 stream after delivering the text before it', async () => {
    const { generator } = await setup({
      chat: (request) => [{ model: request.model, message: { role: 'assistant', content: 'Part' }, done: false }, { error: 'llama runner process has terminated: signal: killed' }],
    });
    const seen: string[] = [];
    const error = await failure(async () => {
      for await (const chunk of await generator.generateContentStream({ model: 'gemma3:270m', contents: 'Hi' })) seen.push(chunk.text ?? '');
    });
    expect(seen).toEqual(['Part']);
    // A failure the server reports after output reached the caller is an interrupted stream, on every path.
    expect(error.code).toBe('SAMUS_ERR_STREAM_INTERRUPTED');
    expect(error.details.reported).toBe('SAMUS_ERR_SERVER_ERROR');
    expect(error.message).toContain('llama runner process has terminated');
    expect(error.details.partialText).toBe('Part');
  });

  it('should deliver the text decoded before a malformed line in the same read, then SAMUS_ERR_INVALID_RESPONSE', async () => {
    const line = (content: string) => `${JSON.stringify({ model: 'gemma3:270m', message: { role: 'assistant', content }, done: false })}\n`;
    const { generator } = await setup({
      override: (request) => (request.url === '/api/chat' ? { status: 200, contentType: 'application/x-ndjson', body: `${line('One')}${line(' two')}{"model":\n${line('never')}` } : undefined),
    });
    const seen: string[] = [];
    const error = await failure(async () => {
      for await (const chunk of await generator.generateContentStream({ model: 'gemma3:270m', contents: 'Hi' })) seen.push(chunk.text ?? '');
    });
    expect(seen).toEqual(['One', ' two']);
    expect(error.code).toBe('SAMUS_ERR_INVALID_RESPONSE');
  });

  it('should throw an {"error":…} line as soon as it is read, ignoring the lines after it', async () => {
    const line = (value: Record<string, unknown>) => `${JSON.stringify(value)}\n`;
    const body = line({ model: 'gemma3:270m', message: { role: 'assistant', content: 'Part' }, done: false }) + line({ error: 'llama runner process has terminated: signal: killed' }) + line({ model: 'gemma3:270m', message: { role: 'assistant', content: 'late' }, done: true, done_reason: 'stop' });
    const { generator } = await setup({ override: (request) => (request.url === '/api/chat' ? { status: 200, contentType: 'application/x-ndjson', body } : undefined) });
    const seen: string[] = [];
    const error = await failure(async () => {
      for await (const chunk of await generator.generateContentStream({ model: 'gemma3:270m', contents: 'Hi' })) seen.push(chunk.text ?? '');
    });
    expect(seen).toEqual(['Part']);
    expect(error).toMatchObject({ code: 'SAMUS_ERR_STREAM_INTERRUPTED', details: { partialText: 'Part', reported: 'SAMUS_ERR_SERVER_ERROR' } });
  });

  it('should refuse a stream that ends without its done line (SAMUS_ERR_STREAM_INTERRUPTED)', async () => {
    const { generator } = await setup({ chat: (request) => [{ model: request.model, message: { role: 'assistant', content: 'Hel' }, done: false }] });
    const error = await failure(() => generator.generateContent({ model: 'gemma3:270m', contents: 'Hi' }));
    expect(error.code).toBe('SAMUS_ERR_STREAM_INTERRUPTED');
    expect(error.details.partialText).toBe('Hel');
  });

  it('should refuse a prompt larger than the context window before sending (SAMUS_ERR_CONTEXT_OVERFLOW)', async () => {
    const { generator, fake } = await setup();
    const long = 'The committee reviewed the proposal and asked for a revised budget. '.repeat(400);
    const error = await failure(() => generator.generateContent({ model: 'gemma3:270m', contents: long }));
    expect(error.code).toBe('SAMUS_ERR_CONTEXT_OVERFLOW');
    expect(error.details).toMatchObject({ contextWindow: 4096, source: 'modelfile', trainedContext: 32_768 });
    expect(error.hint).toMatch(/numCtx: \d+/);
    expect(chatBodies(fake)).toHaveLength(0);
    const explicit = await failure(() => generator.generateContent({ model: 'gemma3:270m', contents: 'word '.repeat(600), config: { providerOptions: { numCtx: 256 } } }));
    expect(explicit.details).toMatchObject({ contextWindow: 256, source: 'numCtx' });
    const allowed = await generator.generateContent({ model: 'gemma3:270m', contents: long, config: { providerOptions: { numCtx: 32768 } } });
    expect(allowed.text).toBe('Hello world');
  });

  it('should flag truncation after the fact when Ollama evaluated far fewer prompt tokens than were sent', async () => {
    const { generator } = await setup({}, { providerOptions: { contextGuard: false } });
    const response = await generator.generateContent({ model: 'gemma3:270m', contents: 'The committee reviewed the proposal. '.repeat(300) });
    expect(response.candidates?.[0]?.finishMessage).toMatch(/evaluated 12 prompt tokens.*truncated/);
    const short = await generator.generateContent({ model: 'gemma3:270m', contents: 'Hi' });
    expect(short.candidates?.[0]?.finishMessage).toBeUndefined();
  });

  it('should refuse an invalid keepAlive: in providerOptions at construction, in a request providerOptions before sending', async () => {
    const fake = await startFake();
    expect(() => createOllama({ baseUrl: fake.url, env: {}, providerOptions: { keepAlive: '10' } })).toThrow(expect.objectContaining({ code: 'SAMUS_ERR_INVALID_CONFIG' }));
    const generator = createOllama({ baseUrl: fake.url, env: {} });
    await expect(generator.generateContent({ model: 'gemma3:270m', contents: 'Hi', config: { providerOptions: { keepAlive: '10' } } })).rejects.toMatchObject({ code: 'SAMUS_ERR_INVALID_REQUEST', details: { field: 'keepAlive' } });
    expect(fake.requests).toHaveLength(0);
  });

  it('should map a keep_alive the server rejects (400 time: missing unit) with the keepAlive hint', async () => {
    const { generator } = await setup({
      override: (request) => (request.url === '/api/chat' ? { status: 400, body: '{"error":"time: missing unit in duration \\"10\\""}' } : undefined),
    });
    const error = await failure(() => generator.generateContent({ model: 'gemma3:270m', contents: 'Hi' }));
    expect(error).toMatchObject({ code: 'SAMUS_ERR_INVALID_REQUEST', details: { field: 'keepAlive' } });
  });

  it('should report a base URL pointing at a non-Ollama server as SAMUS_ERR_WRONG_BASE_URL', async () => {
    const { generator } = await setup({ override: () => ({ status: 404, body: '<html><body>Not Found</body></html>', contentType: 'text/html' }) });
    await expect(generator.generateContent({ model: 'gemma3:270m', contents: 'Hi' })).rejects.toMatchObject({ code: 'SAMUS_ERR_WRONG_BASE_URL' });
    const health = await generator.admin.health();
    expect(health.error?.code).toBe('SAMUS_ERR_WRONG_BASE_URL');
  });

  it('should say "Ollama is not running at <url>" when nothing listens', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const generator = createOllama({ baseUrl: `http://127.0.0.1:${port}`, env: {}, maxRetries: 0 });
    const error = await failure(() => generator.generateContent({ model: 'gemma3:270m', contents: 'Hi' }));
    expect(error.code).toBe('SAMUS_ERR_SERVER_NOT_RUNNING');
    expect(error.message).toBe(`Ollama is not running at http://127.0.0.1:${port} — start it with \`ollama serve\``);
  });

  it('should report insufficient memory with the parsed sizes', async () => {
    const { generator } = await setup({
      override: (request) => (request.url === '/api/chat' ? { status: 500, body: '{"error":"model requires more system memory (5.6 GiB) than is available (3.2 GiB)"}' } : undefined),
    });
    const error = await failure(() => generator.generateContent({ model: 'gemma3:270m', contents: 'Hi' }));
    expect(error).toMatchObject({ code: 'SAMUS_ERR_INSUFFICIENT_MEMORY', details: { required: '5.6 GiB', available: '3.2 GiB' } });
  });

  it('should close the connection when the caller aborts mid-stream (Ollama then stops generating)', async () => {
    const { generator, fake } = await setup({
      chat: (request) => [{ model: request.model, message: { role: 'assistant', content: 'one' }, done: false }, { delayMs: 10_000 }, ...helloScript(request)],
    });
    const controller = new AbortController();
    const error = await failure(async () => {
      for await (const chunk of await generator.generateContentStream({ model: 'gemma3:270m', contents: 'Hi', config: { abortSignal: controller.signal } })) {
        if (chunk.text) controller.abort();
      }
    });
    expect(error.code).toBe('SAMUS_ERR_ABORTED');
    await expect.poll(() => fake.openStreams(), { timeout: 2_000 }).toBe(0);
  });

  it('should time out the first byte with the phase named', async () => {
    const { generator } = await setup({ chat: (request) => [{ delayMs: 5_000 }, ...helloScript(request)] }, { timeouts: { firstByteMs: 200 } });
    const error = await failure(() => generator.generateContent({ model: 'gemma3:270m', contents: 'Hi' }));
    expect(error).toMatchObject({ code: 'SAMUS_ERR_TIMEOUT', details: { phase: 'first-byte' } });
  });

  it('should time out a silent stream (idle) after output started', async () => {
    const { generator } = await setup(
      { chat: (request) => [{ model: request.model, message: { role: 'assistant', content: 'one' }, done: false }, { delayMs: 5_000 }, ...helloScript(request)] },
      { timeouts: { idleMs: 200 } },
    );
    const error = await failure(() => collect(generator.generateContentStream({ model: 'gemma3:270m', contents: 'Hi' })));
    expect(error).toMatchObject({ code: 'SAMUS_ERR_TIMEOUT', details: { phase: 'idle', partialText: 'one' } });
  });
});

describe('OllamaContentGenerator: /v1, embeddings, tokens', () => {
  it('should use /v1 with api "openai" unless numCtx, keepAlive or think is set', async () => {
    const { generator, fake } = await setup({}, { providerOptions: { api: 'openai' } });
    expect((await generator.generateContent({ model: 'gemma3:270m', contents: 'Hi' })).text).toBe('Hello world');
    const streamed = await collect(generator.generateContentStream({ model: 'gemma3:270m', contents: 'Hi' }));
    expect(streamed.map((chunk) => chunk.text ?? '').join('')).toBe('Hello world');
    await generator.generateContent({ model: 'gemma3:270m', contents: 'Hi', config: { providerOptions: { numCtx: 8192 } } });
    expect(fake.requests.map((request) => request.path).filter((path) => path !== '/api/show' && path !== '/api/ps')).toEqual(['/v1/chat/completions', '/v1/chat/completions', '/api/chat']);
    await expect(generator.generateContent({ model: 'nope:1b', contents: 'Hi' })).rejects.toMatchObject({ code: 'SAMUS_ERR_MODEL_NOT_FOUND' });
  });

  it('should suggest the nearest installed names for an unknown model on /v1, streaming or not, in the error and its event', async () => {
    const fake = await startFake();
    const events = new SamusEvents();
    const reported: SamusEventMap['request:error'][] = [];
    events.on('request:error', (event) => reported.push(event));
    const config = createContentGeneratorConfig('ollama', { baseUrl: fake.url, model: 'gemma3:270m', env: {}, maxRetries: 0, providerOptions: { api: 'openai' } });
    const generator = new OllamaContentGenerator({ config, events });
    for (const action of [
      () => generator.generateContent({ model: 'gemma3:1b', contents: 'Hi' }),
      () => collect(generator.generateContentStream({ model: 'gemma3:1b', contents: 'Hi' })),
    ]) {
      const error = await failure(action);
      expect(error.code).toBe('SAMUS_ERR_MODEL_NOT_FOUND');
      expect((error.details.suggestions as string[])[0]).toBe('gemma3:270m');
      expect(error.hint).toContain('gemma3:270m');
      expect(error.hint).toContain('ollama pull gemma3:1b');
    }
    expect(fake.requests.filter((request) => request.path === '/v1/chat/completions')).toHaveLength(2);
    expect(reported.map((event) => (event.error.details.suggestions as string[] | undefined)?.[0])).toEqual(['gemma3:270m', 'gemma3:270m']);
  });

  it('should embed over /api/embed with truncate false, one vector per input', async () => {
    const { generator, fake } = await setup();
    const response = await generator.embedContent({ model: 'all-minilm:l6-v2', contents: ['a', 'bb'] });
    expect(response.embeddings).toHaveLength(2);
    expect(fake.requests.at(-1)).toMatchObject({ path: '/api/embed', body: { model: 'all-minilm:l6-v2', input: ['a', 'bb'], truncate: false } });
  });

  it('should report an over-long embedding input as SAMUS_ERR_CONTEXT_OVERFLOW and an unknown model as SAMUS_ERR_MODEL_NOT_FOUND', async () => {
    const { generator } = await setup();
    await expect(generator.embedContent({ model: 'all-minilm:l6-v2', contents: 'x'.repeat(3000) })).rejects.toMatchObject({ code: 'SAMUS_ERR_CONTEXT_OVERFLOW' });
    await expect(generator.embedContent({ model: 'minilm', contents: 'x' })).rejects.toMatchObject({ code: 'SAMUS_ERR_MODEL_NOT_FOUND' });
  });

  it('should estimate tokens, growing with the input', async () => {
    const { generator } = await setup();
    const short = await generator.countTokens({ model: 'gemma3:270m', contents: 'Hello there.' });
    const long = await generator.countTokens({ model: 'gemma3:270m', contents: 'Hello there. '.repeat(50) });
    expect(short.totalTokens).toBeGreaterThan(0);
    expect(long.totalTokens).toBeGreaterThan(short.totalTokens! * 20);
  });

  it('should need a base URL', () => {
    const config = { ...createContentGeneratorConfig('ollama', { env: {}, spec: OLLAMA_CONFIG_SPEC }) };
    delete config.baseUrl;
    expect(() => new OllamaContentGenerator({ config })).toThrow(expect.objectContaining({ code: 'SAMUS_ERR_INVALID_CONFIG' }));
  });
});
