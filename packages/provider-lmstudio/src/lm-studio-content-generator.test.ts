import { createContentGeneratorConfig, type GenerateContentResponse, type SamusEventMap } from '@samus/kernel';
import { generateContentResponseSchema } from '@samus/kernel/schemas';
import { collect, failure } from '@samus/test-server';
import { describe, expect, it } from 'vitest';
import { LMStudioContentGenerator } from './lm-studio-content-generator.js';
import { CHAT, setup } from './testing/mock-generator.js';
import { closedPortUrl } from './testing/scripted-server.js';
import { LM_STUDIO_CONFIG_SPEC } from './lm-studio-config-spec.js';

const COLD = 'google/gemma-3-4b';
const EMBED = 'text-embedding-nomic-embed-text-v1.5';

function text(response: GenerateContentResponse): string {
  return (response.candidates?.[0]?.content?.parts ?? []).map((part) => part.text ?? '').join('');
}

const hi = { contents: 'Say hello.', config: { temperature: 0, seed: 1, maxOutputTokens: 16 } };

describe('LMStudioContentGenerator: URLs and request shapes', () => {
  it('should send OpenAI requests under /v1 whatever base URL form the user typed', async () => {
    const { server } = await setup();
    for (const baseUrl of [server.url, `${server.url}/`, `${server.url}/v1`, `${server.url}/v1/`, `${server.url}/api/v0`]) {
      const generator = new LMStudioContentGenerator({ config: createContentGeneratorConfig('lm-studio', { spec: LM_STUDIO_CONFIG_SPEC, env: {}, baseUrl, model: CHAT }) });
      expect(generator.apiBaseUrl).toBe(`${server.url}/v1`);
      expect(generator.baseUrl).toBe(server.url);
      await collect(generator.generateContentStream({ model: CHAT, ...hi }));
    }
    expect(new Set(server.requests.map((request) => request.path))).toEqual(new Set(['/v1/chat/completions']));
  });

  it('should send non-streaming chat to /api/v0 and merge the server stats into response:finish', async () => {
    const { generator, events, server } = await setup();
    const finished: SamusEventMap['response:finish'][] = [];
    events.on('response:finish', (event) => finished.push(event));
    const response = await generator.generateContent({ model: CHAT, ...hi });
    generateContentResponseSchema.parse(response);
    expect(server.requests.at(-1)!.path).toBe('/api/v0/chat/completions');
    expect(finished).toHaveLength(1);
    expect(finished[0]).toMatchObject({ provider: 'lm-studio', model: CHAT });
    expect(finished[0]!.server?.tokensPerSecond).toBeGreaterThan(0);
    expect(finished[0]!.server?.timeToFirstTokenMs).toBeGreaterThan(0);
    expect(finished[0]!.server?.promptTokens).toBeGreaterThan(0);
  });

  it('should use /v1 for non-streaming chat when nativeStats is false (usage still in the event)', async () => {
    const { generator, events, server } = await setup({}, { providerOptions: { nativeStats: false } });
    const finished: SamusEventMap['response:finish'][] = [];
    events.on('response:finish', (event) => finished.push(event));
    await generator.generateContent({ model: CHAT, ...hi });
    expect(server.requests.at(-1)!.path).toBe('/v1/chat/completions');
    expect(finished[0]!.server?.tokensPerSecond).toBeUndefined();
    expect(finished[0]!.server?.evalTokens).toBeGreaterThan(0);
  });

  it('should fall back to /v1 once on an LM Studio without /api/v0 (before 0.3.6)', async () => {
    const { generator, server } = await setup({ version: '0.3.5' });
    expect(text(await generator.generateContent({ model: CHAT, ...hi })).length).toBeGreaterThan(0);
    expect(text(await generator.generateContent({ model: CHAT, ...hi })).length).toBeGreaterThan(0);
    expect(server.requests.map((request) => request.path)).toEqual(['/api/v0/chat/completions', '/v1/chat/completions', '/v1/chat/completions']);
  });

  it('should fall back to /v1 on an old server for a request with tools too', async () => {
    const { generator, server } = await setup({ version: '0.3.5', replies: [{ toolCalls: [{ name: 'f', arguments: { a: 1 } }] }] });
    const tools = [{ functionDeclarations: [{ name: 'f', parametersJsonSchema: { type: 'object', properties: {} } }] }];
    const response = await generator.generateContent({ model: CHAT, contents: 'Call f.', config: { tools } });
    expect(response.candidates![0]!.content!.parts![0]!.functionCall).toMatchObject({ name: 'f', args: { a: 1 } });
    expect(server.requests.map((request) => request.path)).toEqual(['/api/v0/chat/completions', '/v1/chat/completions']);
  });

  it('should turn JSON mode into json_schema (LM Studio rejects json_object) and get JSON back', async () => {
    const { generator, server } = await setup();
    const response = await generator.generateContent({
      model: CHAT,
      contents: 'Return a JSON object.',
      config: { responseMimeType: 'application/json', maxOutputTokens: 64 },
    });
    expect(() => JSON.parse(text(response)) as unknown).not.toThrow();
    expect((server.requests.at(-1)!.body as { response_format: unknown }).response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'response', schema: { type: 'object' } },
    });
  });

  it('should send ttl and draft_model from providerOptions, and a per-request ttl label', async () => {
    const { generator, server } = await setup({}, { providerOptions: { ttl: 600, draftModel: 'tiny-draft' } });
    await generator.generateContent({ model: CHAT, ...hi });
    expect(server.requests.at(-1)!.body).toMatchObject({ ttl: 600, draft_model: 'tiny-draft' });
    await collect(generator.generateContentStream({ model: CHAT, contents: 'Hi', config: { providerOptions: { ttl: 30 } } }));
    expect(server.requests.at(-1)!.body).toMatchObject({ ttl: 30, stream: true, stream_options: { include_usage: true } });
    await generator.embedContent({ model: EMBED, contents: 'x' });
    expect(server.requests.at(-1)!.body).toMatchObject({ ttl: 600, encoding_format: 'float' });
  });

  it('should refuse a bad per-request option as SAMUS_ERR_INVALID_REQUEST without sending anything', async () => {
    const { generator, server } = await setup();
    const chats = () => server.requests.filter((request) => request.path.endsWith('/chat/completions')).length;
    const bad = { model: CHAT, contents: 'Hi', config: { providerOptions: { ttl: -5 } } };
    const answer = await failure(generator.generateContent(bad));
    expect(answer).toMatchObject({ code: 'SAMUS_ERR_INVALID_REQUEST', details: { field: 'config.providerOptions.ttl' } });
    const stream = await failure(collect(generator.generateContentStream(bad)));
    expect(stream.code).toBe('SAMUS_ERR_INVALID_REQUEST');
    expect(chats()).toBe(0);
  });

  it('should let a JIT load triggered with ttl be evicted after that idle time', async () => {
    const { generator, server } = await setup({}, { providerOptions: { ttl: 0.05 } });
    await generator.generateContent({ model: COLD, ...hi });
    expect(server.model(COLD)).toMatchObject({ state: 'loaded', loadedBy: 'jit', ttlSec: 0.05 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(server.model(COLD)!.state).toBe('not-loaded');
  });

  it('should reject invalid providerOptions with SAMUS_ERR_INVALID_CONFIG', () => {
    const config = createContentGeneratorConfig('lm-studio', { spec: LM_STUDIO_CONFIG_SPEC, env: {}, providerOptions: { ttl: -1 } });
    expect(() => new LMStudioContentGenerator({ config })).toThrow(expect.objectContaining({ code: 'SAMUS_ERR_INVALID_CONFIG' }));
  });
});

describe('LMStudioContentGenerator: streaming quirks', () => {
  it('should stream text with one finish reason and usage from the include_usage chunk', async () => {
    const { generator } = await setup();
    const chunks = await collect(generator.generateContentStream({ model: CHAT, contents: 'Count to ten.', config: { maxOutputTokens: 20 } }));
    for (const chunk of chunks) generateContentResponseSchema.parse(chunk);
    expect(chunks.filter((chunk) => text(chunk).length > 0).length).toBeGreaterThan(1);
    expect(chunks.flatMap((chunk) => (chunk.candidates?.[0]?.finishReason ? [chunk.candidates[0].finishReason] : []))).toHaveLength(1);
    expect(chunks.findLast((chunk) => chunk.usageMetadata)?.usageMetadata?.candidatesTokenCount).toBeGreaterThan(0);
  });

  it('should assemble tool calls streamed in fragments (id and name first, then argument pieces) into one functionCall', async () => {
    const { generator } = await setup({ replies: [{ toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius', days: 3 } }] }] });
    const chunks = await collect(
      generator.generateContentStream({
        model: CHAT,
        contents: 'Weather in Paris?',
        config: { tools: [{ functionDeclarations: [{ name: 'get_weather', parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } } } }] }] },
      }),
    );
    const calls = chunks.flatMap((chunk) => (chunk.candidates?.[0]?.content?.parts ?? []).flatMap((part) => (part.functionCall ? [part.functionCall] : [])));
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ name: 'get_weather', args: { city: 'Paris', unit: 'celsius', days: 3 } });
    expect(calls[0]!.id).toMatch(/^\d+$/);
  });

  it('should treat tool_calls: [] in a plain answer as no tool calls', async () => {
    const { generator } = await setup({}, { providerOptions: { nativeStats: false } });
    const response = await generator.generateContent({ model: CHAT, ...hi });
    expect(response.candidates![0]!.content!.parts!.every((part) => part.functionCall === undefined)).toBe(true);
    expect(response.candidates![0]!.finishReason).toBeDefined();
  });

  it('should deliver the same text when the stream is cut into 3-byte pieces (mid-line, mid-UTF-8)', async () => {
    const { generator, server } = await setup({ replies: [{ content: 'Grüße, señor — ça va? 日本語' }, { content: 'Grüße, señor — ça va? 日本語' }] });
    const whole = (await collect(generator.generateContentStream({ model: CHAT, ...hi }))).map(text).join('');
    server.setFaults({ fragmentBytes: 3 });
    const pieces = (await collect(generator.generateContentStream({ model: CHAT, ...hi }))).map(text).join('');
    expect(whole).toBe('Grüße, señor — ça va? 日本語');
    expect(pieces).toBe(whole);
  });
});

describe('LMStudioContentGenerator: errors', () => {
  it('should map an unknown model (0.4: 400 "Invalid model identifier") to SAMUS_ERR_MODEL_NOT_FOUND with suggestions', async () => {
    const { generator } = await setup();
    const error = await failure(() => generator.generateContent({ model: 'nope-model', ...hi }));
    expect(error.code).toBe('SAMUS_ERR_MODEL_NOT_FOUND');
    expect(error.message).toContain('nope-model');
    expect(error.details.suggestions).toContain(CHAT);
    expect(error.hint).toMatch(/lms get nope-model/);
  });

  it('should map an unknown model on 0.3.15 (404 "Model not found … Your models:") the same way, also when streaming', async () => {
    const { generator } = await setup({ version: '0.3.15' });
    const error = await failure(() => collect(generator.generateContentStream({ model: 'nope-model', ...hi })));
    expect(error.code).toBe('SAMUS_ERR_MODEL_NOT_FOUND');
    expect(error.details.suggestions).toContain(CHAT);
  });

  it.each([
    ['0.3.20', 'string'],
    ['0.4.1', 'object'],
  ])('should map "No models loaded" (JIT off, LM Studio %s, %s body) to SAMUS_ERR_MODEL_NOT_LOADED with the lms load hint', async (version) => {
    const { generator, server } = await setup({ version, jit: false });
    server.unloadModel(CHAT);
    const error = await failure(() => generator.generateContent({ model: CHAT, ...hi }));
    expect(error.code).toBe('SAMUS_ERR_MODEL_NOT_LOADED');
    expect(error.hint).toContain(`lms load ${CHAT}`);
    expect(error.hint).toMatch(/Just-in-Time/);
  });

  it('should map 401 invalid_api_key to SAMUS_ERR_UNAUTHORIZED and never echo the token', async () => {
    const { server } = await setup({ apiToken: 'sk-lm-good:token' });
    const without = new LMStudioContentGenerator({ config: createContentGeneratorConfig('lm-studio', { spec: LM_STUDIO_CONFIG_SPEC, env: {}, baseUrl: server.url, maxRetries: 0 }) });
    const missing = await failure(() => without.generateContent({ model: CHAT, ...hi }));
    expect(missing.code).toBe('SAMUS_ERR_UNAUTHORIZED');
    expect(missing.message).toMatch(/requires an API token/);
    const wrongToken = 'sk-lm-wrong:secret-value';
    const wrong = new LMStudioContentGenerator({ config: createContentGeneratorConfig('lm-studio', { spec: LM_STUDIO_CONFIG_SPEC, env: {}, baseUrl: server.url, apiKey: wrongToken }) });
    const rejected = await failure(() => collect(wrong.generateContentStream({ model: CHAT, ...hi })));
    expect(rejected.code).toBe('SAMUS_ERR_UNAUTHORIZED');
    expect(JSON.stringify({ message: rejected.message, hint: rejected.hint, details: rejected.details })).not.toContain('secret-value');
  });

  it('should send the token as a bearer header on OpenAI and native requests', async () => {
    const { server } = await setup({ apiToken: 'sk-lm-good:token' });
    const generator = new LMStudioContentGenerator({ config: createContentGeneratorConfig('lm-studio', { spec: LM_STUDIO_CONFIG_SPEC, env: {}, baseUrl: server.url, apiKey: 'sk-lm-good:token' }) });
    await generator.generateContent({ model: CHAT, ...hi });
    await generator.admin.listModels();
    expect(server.requests.map((request) => request.headers.authorization)).toEqual(['Bearer sk-lm-good:token', 'Bearer sk-lm-good:token']);
  });

  it('should map connection refused to SAMUS_ERR_SERVER_NOT_RUNNING with the lms server start hint', async () => {
    const baseUrl = await closedPortUrl();
    const generator = new LMStudioContentGenerator({ config: createContentGeneratorConfig('lm-studio', { spec: LM_STUDIO_CONFIG_SPEC, env: {}, baseUrl, maxRetries: 0 }) });
    const error = await failure(() => generator.generateContent({ model: CHAT, ...hi }));
    expect(error.code).toBe('SAMUS_ERR_SERVER_NOT_RUNNING');
    expect(error.message).toContain(new URL(baseUrl).port);
    expect(error.hint).toContain('lms server start');
  });

  it('should map context overflow (0.4: 200 with an error body; 0.3: 400) to SAMUS_ERR_CONTEXT_OVERFLOW', async () => {
    for (const version of ['0.4.1', '0.3.20']) {
      const { generator, server } = await setup({ version, models: [{ id: 'tiny-ctx', type: 'llm', loaded: true, maxContextLength: 64, loadedContextLength: 64 }] });
      const error = await failure(() => generator.generateContent({ model: 'tiny-ctx', contents: 'word '.repeat(400) }));
      expect(error.code, version).toBe('SAMUS_ERR_CONTEXT_OVERFLOW');
      expect(error.details.contextLength).toBe(64);
      await server.close();
    }
  });
});

describe('LMStudioContentGenerator: more server answers', () => {
  it('should map context overflow inside a 0.4 stream (before any output) to SAMUS_ERR_CONTEXT_OVERFLOW', async () => {
    const { generator } = await setup({ models: [{ id: 'tiny-ctx', type: 'llm', loaded: true, maxContextLength: 64, loadedContextLength: 64 }] });
    const error = await failure(() => collect(generator.generateContentStream({ model: 'tiny-ctx', contents: 'word '.repeat(400) })));
    expect(error.code).toBe('SAMUS_ERR_CONTEXT_OVERFLOW');
  });

  it('should map chat with an embedding model to SAMUS_ERR_CAPABILITY_MISSING, naming tools when the request had some', async () => {
    const { generator } = await setup();
    expect((await failure(() => generator.generateContent({ model: EMBED, ...hi }))).code).toBe('SAMUS_ERR_CAPABILITY_MISSING');
    const tools = [{ functionDeclarations: [{ name: 'get_weather', parametersJsonSchema: { type: 'object', properties: {} } }] }];
    const whole = await failure(() => generator.generateContent({ model: EMBED, contents: 'Weather?', config: { tools } }));
    const streamed = await failure(() => collect(generator.generateContentStream({ model: EMBED, contents: 'Weather?', config: { tools } })));
    for (const error of [whole, streamed]) {
      expect(error.code).toBe('SAMUS_ERR_CAPABILITY_MISSING');
      expect(error.message).toMatch(/cannot call tools/);
    }
  });

  it.each(['reasoning_content', 'reasoning'] as const)('should keep %s apart from the answer as a thought part', async (reasoningField) => {
    const { generator } = await setup({ reasoningField, replies: [{ reasoning: 'Think first.', content: 'Answer.' }, { reasoning: 'Think first.', content: 'Answer.' }] });
    const whole = await generator.generateContent({ model: CHAT, ...hi });
    const parts = whole.candidates![0]!.content!.parts!;
    expect(parts.filter((part) => part.thought).map((part) => part.text).join('')).toBe('Think first.');
    expect(parts.filter((part) => !part.thought).map((part) => part.text).join('')).toBe('Answer.');
    const streamed = (await collect(generator.generateContentStream({ model: CHAT, ...hi }))).flatMap((chunk) => chunk.candidates?.[0]?.content?.parts ?? []);
    expect(streamed.filter((part) => !part.thought).map((part) => part.text).join('')).toBe('Answer.');
  });

  it('should abort a request waiting for a JIT load with SAMUS_ERR_ABORTED', async () => {
    const { generator } = await setup({ loadDelayMs: 5_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await failure(() => generator.generateContent({ model: COLD, contents: 'Hi', config: { abortSignal: controller.signal } }));
    expect(error.code).toBe('SAMUS_ERR_ABORTED');
  });
});

describe('LMStudioContentGenerator: JIT-aware first-byte timeout', () => {
  it('should allow the load time when the model is known not to be loaded (JIT load slower than firstByteMs)', async () => {
    const { generator, server } = await setup({ loadDelayMs: 600 }, { timeouts: { firstByteMs: 200 }, providerOptions: { jitLoadTimeoutMs: 10_000 } });
    await generator.admin.listModels();
    expect(text(await generator.generateContent({ model: COLD, ...hi })).length).toBeGreaterThan(0);
    expect(server.model(COLD)!.state).toBe('loaded');
  });

  it('should fail with "Timed out while LM Studio was loading <model>" (phase load) when the load outlasts the allowance', async () => {
    const { generator } = await setup({ loadDelayMs: 5_000 }, { timeouts: { firstByteMs: 100 }, providerOptions: { jitLoadTimeoutMs: 100, modelStateProbe: 'always' } });
    const error = await failure(() => collect(generator.generateContentStream({ model: COLD, ...hi })));
    expect(error.code).toBe('SAMUS_ERR_TIMEOUT');
    expect(error.message).toMatch(/^Timed out while LM Studio was loading google\/gemma-3-4b/);
    expect(error.details).toMatchObject({ phase: 'load', model: COLD, timeoutMs: 200 });
    expect(error.hint).toContain(`lms load ${COLD}`);
  });

  it('should keep the JIT allowance for a retried attempt (the first one failed with 503 before the load started)', async () => {
    const { generator, events, server } = await setup({ loadDelayMs: 600 }, { maxRetries: 1, timeouts: { firstByteMs: 200 }, providerOptions: { jitLoadTimeoutMs: 10_000 } });
    await generator.admin.listModels();
    server.setFaults({ status: 503, paths: ['/api/v0/chat/completions'], times: 1 });
    const retries: SamusEventMap['request:retry'][] = [];
    events.on('request:retry', (event) => retries.push(event));
    expect(text(await generator.generateContent({ model: COLD, ...hi })).length).toBeGreaterThan(0);
    expect(retries).toHaveLength(1);
    expect(server.model(COLD)!.state).toBe('loaded');
  });

  it('should see a load already under way (state "loading") as a JIT load too', async () => {
    const { generator, server } = await setup({ loadDelayMs: 500 }, { timeouts: { firstByteMs: 150 }, providerOptions: { jitLoadTimeoutMs: 10_000, modelStateProbe: 'always' } });
    const first = fetch(`${server.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ model: COLD, messages: [{ role: 'user', content: 'x' }] }) });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.model(COLD)!.state).toBe('loading');
    expect(text(await generator.generateContent({ model: COLD, ...hi })).length).toBeGreaterThan(0);
    await (await first).text();
  });

  it('should give the longer limit only to the request that expects the load, not to one running beside it', async () => {
    const { generator, server } = await setup({ loadDelayMs: 400 }, { timeouts: { firstByteMs: 150 }, providerOptions: { jitLoadTimeoutMs: 10_000 } });
    await generator.admin.listModels();
    server.setFaults({ slowHeadersMs: 3_000, paths: ['/v1/chat/completions'] });
    const [cold, warm] = await Promise.allSettled([
      generator.generateContent({ model: COLD, ...hi }),
      collect(generator.generateContentStream({ model: CHAT, ...hi })),
    ]);
    expect(cold.status).toBe('fulfilled');
    expect(warm).toMatchObject({ status: 'rejected', reason: { code: 'SAMUS_ERR_TIMEOUT', details: { phase: 'first-byte', timeoutMs: 150 } } });
  });

  it('should keep the plain first-byte timeout when the state is unknown, and not probe an unconfirmed server', async () => {
    const { generator, server } = await setup({ loadDelayMs: 5_000 }, { timeouts: { firstByteMs: 150 } });
    const error = await failure(() => generator.generateContent({ model: COLD, ...hi }));
    expect(error.code).toBe('SAMUS_ERR_TIMEOUT');
    expect(error.details.phase).toBe('first-byte');
    expect(server.requests.map((request) => request.path)).toEqual(['/api/v0/chat/completions']);
  });

  it('should forget cached states after a JIT load, because "only keep last JIT model" evicts the previous one', async () => {
    const models = [
      { id: 'cold-a', type: 'llm' as const },
      { id: 'cold-b', type: 'llm' as const },
    ];
    const { generator, server } = await setup({ models, loadDelayMs: 400 }, { timeouts: { firstByteMs: 150 }, providerOptions: { jitLoadTimeoutMs: 10_000 } });
    await generator.admin.listModels();
    await generator.generateContent({ model: 'cold-a', ...hi });
    await generator.generateContent({ model: 'cold-b', ...hi });
    expect(server.model('cold-a')!.state).toBe('not-loaded');
    // cold-a was evicted by cold-b's JIT load: a stale "loaded" would cut this reload off after 150 ms.
    expect(text(await generator.generateContent({ model: 'cold-a', ...hi })).length).toBeGreaterThan(0);
    expect(server.model('cold-a')!.loadCount).toBe(2);
  });

  it('should probe the model state (auto mode) once the server answered like LM Studio', async () => {
    const { generator, server } = await setup();
    await generator.generateContent({ model: CHAT, ...hi });
    server.clearRequests();
    await generator.generateContent({ model: COLD, ...hi });
    expect(server.requests.map((request) => request.path)).toEqual([`/api/v0/models/${encodeURIComponent(COLD)}`, '/api/v0/chat/completions']);
  });
});

describe('LMStudioContentGenerator: fault injection', () => {
  const stream = (generator: LMStudioContentGenerator) => generator.generateContentStream({ model: CHAT, contents: 'Tell me a story.', config: { maxOutputTokens: 30 } });

  it('should succeed through added latency', async () => {
    const { generator } = await setup({ faults: { latencyMs: 30 } });
    expect((await collect(stream(generator))).map(text).join('').length).toBeGreaterThan(0);
  });

  it('should fail a stream that stalls mid-way with SAMUS_ERR_TIMEOUT (phase idle) carrying the partial text', async () => {
    const { generator } = await setup({ faults: { stallAfterChunks: 3 } }, { timeouts: { idleMs: 150 } });
    const received: string[] = [];
    const error = await failure(async () => {
      for await (const chunk of await stream(generator)) received.push(text(chunk));
    });
    expect(error.code).toBe('SAMUS_ERR_TIMEOUT');
    expect(error.details.phase).toBe('idle');
    expect(received.join('').length).toBeGreaterThan(0);
    expect(error.details.partialText).toBe(received.join(''));
  });

  it('should fail a stream whose connection drops mid-way with SAMUS_ERR_STREAM_INTERRUPTED carrying the partial text', async () => {
    const { generator } = await setup({ faults: { disconnectAfterChunks: 3 } });
    const received: string[] = [];
    const error = await failure(async () => {
      for await (const chunk of await stream(generator)) received.push(text(chunk));
    });
    expect(error.code).toBe('SAMUS_ERR_STREAM_INTERRUPTED');
    expect(received.join('').length).toBeGreaterThan(0);
  });

  it('should fail a stream with a malformed SSE line with SAMUS_ERR_INVALID_RESPONSE (never swallowed)', async () => {
    const { generator } = await setup({ faults: { malformedAfterChunks: 2 } });
    expect((await failure(() => collect(stream(generator)))).code).toBe('SAMUS_ERR_INVALID_RESPONSE');
  });

  it('should fail a truncated non-streaming JSON body (malformed) with a coded error', async () => {
    const { generator } = await setup({ faults: { malformedAfterChunks: 0 } });
    const error = await failure(() => generator.generateContent({ model: CHAT, ...hi }));
    expect(['SAMUS_ERR_INVALID_RESPONSE', 'SAMUS_ERR_WRONG_BASE_URL']).toContain(error.code);
  });

  it('should map an error object inside the 200 stream after output to SAMUS_ERR_STREAM_INTERRUPTED', async () => {
    const { generator } = await setup({ faults: { errorAfterChunks: 2 } });
    const error = await failure(() => collect(stream(generator)));
    expect(error.code).toBe('SAMUS_ERR_STREAM_INTERRUPTED');
    expect(error.message).toContain('Injected fault');
  });

  it('should map 5xx to SAMUS_ERR_SERVER_ERROR (retryable) and retry it before the first token', async () => {
    const { generator, server } = await setup({ faults: { status: 503 } });
    const error = await failure(() => generator.generateContent({ model: CHAT, ...hi }));
    expect(error.code).toBe('SAMUS_ERR_SERVER_ERROR');
    expect(error.retryable).toBe(true);
    server.setFaults({ status: 500, times: 1, paths: ['/api/v0/chat/completions'] });
    const retrying = new LMStudioContentGenerator({
      config: createContentGeneratorConfig('lm-studio', { spec: LM_STUDIO_CONFIG_SPEC, env: {}, baseUrl: server.url, model: CHAT, maxRetries: 1 }),
    });
    expect(text(await retrying.generateContent({ model: CHAT, ...hi })).length).toBeGreaterThan(0);
  });

  it('should fail slow headers with SAMUS_ERR_TIMEOUT (phase first-byte)', async () => {
    const { generator } = await setup({ faults: { slowHeadersMs: 2_000 } }, { timeouts: { firstByteMs: 150 } });
    const error = await failure(() => collect(stream(generator)));
    expect(error.code).toBe('SAMUS_ERR_TIMEOUT');
    expect(error.details.phase).toBe('first-byte');
  });

  it('should take per-request faults from a header in config.headers', async () => {
    const { server } = await setup();
    const generator = new LMStudioContentGenerator({
      config: createContentGeneratorConfig('lm-studio', { spec: LM_STUDIO_CONFIG_SPEC, env: {}, baseUrl: server.url, maxRetries: 0, headers: { 'x-mock-fault': 'status=502' } }),
    });
    expect((await failure(() => generator.generateContent({ model: CHAT, ...hi }))).code).toBe('SAMUS_ERR_SERVER_ERROR');
  });
});

describe('LMStudioContentGenerator: embeddings, tokens, admin', () => {
  it('should embed several texts in one request, JIT-loading the embedding model', async () => {
    const { generator, server } = await setup();
    const result = await generator.embedContent({ model: EMBED, contents: ['a cat', 'a dog'] });
    expect(result.embeddings).toHaveLength(2);
    expect(result.embeddings![0]!.values).toHaveLength(768);
    expect(server.model(EMBED)!.state).toBe('loaded');
  });

  it('should estimate tokens locally (LM Studio has no REST tokenizer)', async () => {
    const { generator, server } = await setup();
    const { totalTokens } = await generator.countTokens({ model: CHAT, contents: 'Hello there, how are you?' });
    expect(totalTokens).toBeGreaterThan(0);
    expect(server.requests).toHaveLength(0);
  });

  it('should load, list and unload models, keeping the state cache in step', async () => {
    const { generator, server } = await setup();
    await generator.admin.load(COLD, { contextLength: 8192 });
    expect(generator.modelStates.cached(COLD)).toBe('loaded');
    expect((await generator.admin.getModel(COLD))).toMatchObject({ loaded: true, loadedContextLength: 8192 });
    expect(await generator.admin.unload(COLD)).toEqual([COLD]);
    expect(server.model(COLD)!.state).toBe('not-loaded');
    expect((await generator.admin.health()).ok).toBe(true);
  });
});
