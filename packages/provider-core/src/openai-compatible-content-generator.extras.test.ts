import { createKernel, SamusError, SamusEvents, type CountTokensParameters, type SamusEventMap, type SamusEventName } from '@samus/kernel';
import { describe, expect, it } from 'vitest';
import type { ChatRequestBody, EmbeddingsRequestBody } from './generator-hooks.js';
import { OpenAICompatibleContentGenerator } from './openai-compatible-content-generator.js';
import type { ServerProfile } from './server-profile.js';
import { openaiPlugin } from './openai-plugin.js';
import { collect, completion, failure, generatorFor, json, serve } from './testing/generator-fixtures.js';
import { finishEvents, sseHead, textChunk, writeSlowly } from './testing/loopback-server.js';

describe('embedContent', () => {
  it('embeds many contents in one request with encoding_format "float", in input order', async () => {
    const server = await serve((_request, response) =>
      json(response, 200, {
        object: 'list',
        data: [
          { object: 'embedding', index: 1, embedding: [0.3, 0.4] },
          { object: 'embedding', index: 0, embedding: [0.1, 0.2] },
        ],
        model: 'emb',
      }),
    );
    const result = await generatorFor(server).embedContent({ model: 'emb', contents: [{ role: 'user', parts: [{ text: 'first' }] }, { role: 'user', parts: [{ text: 'second' }] }], config: { outputDimensionality: 2 } });
    expect(result.embeddings).toEqual([{ values: [0.1, 0.2] }, { values: [0.3, 0.4] }]);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.url).toBe('/v1/embeddings');
    expect(server.requests[0]!.json).toEqual({ model: 'emb', input: ['first', 'second'], encoding_format: 'float', dimensions: 2 });
  });

  it('embeds each string of an array as its own input', async () => {
    const server = await serve((_request, response) => json(response, 200, { data: [{ index: 0, embedding: [1] }, { index: 1, embedding: [2] }] }));
    await generatorFor(server).embedContent({ model: 'emb', contents: ['a', 'b'] });
    expect((server.requests[0]!.json as { input: string[] }).input).toEqual(['a', 'b']);
  });

  it('decodes base64 vectors from a server that ignores encoding_format', async () => {
    const floats = new Float32Array([1.5, -2, 0.25]);
    const server = await serve((_request, response) => json(response, 200, { data: [{ index: 0, embedding: Buffer.from(floats.buffer).toString('base64') }] }));
    const result = await generatorFor(server).embedContent({ model: 'emb', contents: 'x' });
    expect(result.embeddings?.[0]?.values).toEqual([1.5, -2, 0.25]);
  });

  it('rejects a response with the wrong number of vectors', async () => {
    const server = await serve((_request, response) => json(response, 200, { data: [{ index: 0, embedding: [1] }] }));
    expect((await failure(generatorFor(server).embedContent({ model: 'emb', contents: ['a', 'b'] }))).code).toBe('SAMUS_ERR_INVALID_RESPONSE');
  });

  it('maps "not an embedding model" to SAMUS_ERR_CAPABILITY_MISSING', async () => {
    const server = await serve((_request, response) => json(response, 400, { error: { message: '"gemma3" is not an embedding model' } }));
    expect((await failure(generatorFor(server).embedContent({ model: 'gemma3', contents: 'x' }))).code).toBe('SAMUS_ERR_CAPABILITY_MISSING');
  });
});

describe('countTokens', () => {
  it('estimates without a server tokenizer (no request is made)', async () => {
    const server = await serve((_request, response) => json(response, 500, {}));
    const generator = generatorFor(server);
    const small = await generator.countTokens({ model: 'm', contents: 'Hello world' });
    const large = await generator.countTokens({ model: 'm', contents: 'Hello world '.repeat(100), config: { systemInstruction: 'Be brief.' } });
    expect(small.totalTokens).toBe(4 + 2 + 2);
    expect(large.totalTokens).toBeGreaterThan(300);
    expect(server.requests).toHaveLength(0);
  });

  it('uses the countTokens hook (a server tokenizer) when there is one', async () => {
    const countTokens = (_request: CountTokensParameters): Promise<number | undefined> => Promise.resolve(42);
    const server = await serve((_request, response) => json(response, 200, {}));
    const generator = new OpenAICompatibleContentGenerator({ config: generatorFor(server).config, hooks: { countTokens } });
    expect(await generator.countTokens({ model: 'm', contents: 'x' })).toEqual({ totalTokens: 42 });
  });
});

describe('events', () => {
  function record(events: SamusEvents, names: SamusEventName[]): Array<{ name: SamusEventName; event: SamusEventMap[SamusEventName] }> {
    const log: Array<{ name: SamusEventName; event: SamusEventMap[SamusEventName] }> = [];
    for (const name of names) events.on(name, (event) => log.push({ name, event }));
    return log;
  }

  it('emits start, first-token, finish (TTFT, tokens/s, usage) for a stream, and chunks only to listeners', async () => {
    const server = await serve(async (_request, response) => {
      sseHead(response);
      await writeSlowly(response, [textChunk('a'), textChunk('b'), textChunk('c'), finishEvents('stop', { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 })], 20);
      response.end();
    });
    const events = new SamusEvents();
    const log = record(events, ['request:start', 'response:first-token', 'response:finish', 'request:error']);
    expect(events.has('response:chunk')).toBe(false);
    await collect(generatorFor(server, {}, { events, providerId: 'my-server' }).generateContentStream({ model: 'm', contents: 'x' }));
    expect(log.map((entry) => entry.name)).toEqual(['request:start', 'response:first-token', 'response:finish']);
    const start = log[0]!.event as SamusEventMap['request:start'];
    expect(start).toMatchObject({ provider: 'my-server', model: 'm', baseUrl: server.origin, stream: true, attempt: 1 });
    const finish = log[2]!.event as SamusEventMap['response:finish'];
    expect(finish.requestId).toBe(start.requestId);
    expect(finish).toMatchObject({ outputTokens: 3, finishReason: 'stop', server: { promptTokens: 5, evalTokens: 3 } });
    expect(finish.ttftMs).toBeGreaterThan(0);
    expect(finish.tokensPerSecond).toBeGreaterThan(0);
    expect(finish.durationMs).toBeGreaterThanOrEqual(finish.ttftMs!);

    const chunks: Array<SamusEventMap['response:chunk']> = [];
    events.on('response:chunk', (event) => chunks.push(event));
    await collect(generatorFor(server, {}, { events }).generateContentStream({ model: 'm', contents: 'x' }));
    expect(chunks.map((chunk) => chunk.textLength)).toEqual([1, 1, 1]);
  });

  it('emits request:error once, with afterFirstToken', async () => {
    const server = await serve(async (_request, response) => {
      sseHead(response);
      await writeSlowly(response, [textChunk('a')]);
      response.socket?.destroy();
    });
    const events = new SamusEvents();
    const log = record(events, ['request:error', 'response:finish']);
    await failure(collect(generatorFor(server, {}, { events }).generateContentStream({ model: 'm', contents: 'x' })));
    expect(log).toHaveLength(1);
    expect(log[0]!.event).toMatchObject({ afterFirstToken: true, error: { code: 'SAMUS_ERR_STREAM_INTERRUPTED' } });
  });

  it('merges server statistics from the serverTimings hook into the finish event', async () => {
    const serverTimings = (last: unknown) => {
      const stats = (last as { stats?: { tokens_per_second?: number } }).stats;
      return stats?.tokens_per_second === undefined ? undefined : { tokensPerSecond: stats.tokens_per_second };
    };
    const server = await serve((_request, response) => json(response, 200, { ...completion({ content: 'x' }), stats: { tokens_per_second: 12.5 } }));
    const events = new SamusEvents();
    const log = record(events, ['response:finish']);
    await new OpenAICompatibleContentGenerator({ config: generatorFor(server).config, events, hooks: { serverTimings } }).generateContent({ model: 'm', contents: 'x' });
    expect((log[0]!.event as SamusEventMap['response:finish']).server).toEqual({ tokensPerSecond: 12.5 });
  });
});

describe('extension hooks', () => {
  it('the chatBody and embeddingsBody hooks add server fields to what is sent', async () => {
    const chatBody = (body: ChatRequestBody): ChatRequestBody => ({ ...body, ttl: 600 });
    const embeddingsBody = (body: EmbeddingsRequestBody): EmbeddingsRequestBody => ({ ...body, ttl: 60 });
    const server = await serve((request, response) =>
      json(response, 200, request.url?.endsWith('/embeddings') ? { data: [{ index: 0, embedding: [1, 0] }] } : completion({ content: 'x' })),
    );
    const generator = new OpenAICompatibleContentGenerator({ config: generatorFor(server).config, hooks: { chatBody, embeddingsBody } });
    await generator.generateContent({ model: 'm', contents: 'x' });
    await collect(generator.generateContentStream({ model: 'm', contents: 'x' }));
    await generator.embedContent({ model: 'm', contents: ['x'] });
    expect(server.requests.map((request) => (request.json as { ttl?: number }).ttl)).toEqual([600, 600, 60]);
  });

  it('the send hook wraps every request: it may change it before next() and see the result after', async () => {
    const seen: string[] = [];
    const server = await serve((request, response) => json(response, 200, completion({ content: request.url ?? '' })));
    const generator = new OpenAICompatibleContentGenerator({
      config: generatorFor(server).config,
      hooks: {
        send: async (request, next) => {
          seen.push(`before ${request.path}`);
          const opened = await next({ ...request, path: '/alt/chat/completions', root: true });
          seen.push(`after ${opened.response.status}`);
          return opened;
        },
      },
    });
    const response = await generator.generateContent({ model: 'm', contents: 'x' });
    expect(response.text).toBe('/alt/chat/completions');
    expect(seen).toEqual(['before /chat/completions', 'after 200']);
  });

  it('the explainError hook adds to an error on every path, and a hook that throws keeps the error', async () => {
    const server = await serve((_request, response) => json(response, 404, { error: { message: 'model "nope" not found', type: 'invalid_request_error', code: 'model_not_found' } }));
    const explained = new OpenAICompatibleContentGenerator({
      config: generatorFor(server).config,
      hooks: { explainError: (error) => new SamusError(error.code, `${error.message} (explained)`, { details: error.details }) },
    });
    expect((await failure(explained.generateContent({ model: 'nope', contents: 'x' }))).message).toContain('(explained)');
    expect((await failure(collect(explained.generateContentStream({ model: 'nope', contents: 'x' })))).message).toContain('(explained)');
    expect((await failure(explained.embedContent({ model: 'nope', contents: ['x'] }))).message).toContain('(explained)');
    const throwing = new OpenAICompatibleContentGenerator({
      config: generatorFor(server).config,
      hooks: {
        explainError: () => {
          throw new Error('lookup failed');
        },
      },
    });
    const kept = await failure(throwing.generateContent({ model: 'nope', contents: 'x' }));
    expect(kept.code).toBe('SAMUS_ERR_MODEL_NOT_FOUND');
    expect(kept.message).not.toContain('lookup failed');
  });

  it("a profile's explainAnswer turns a server-specific message into a code; other answers get the common rules", async () => {
    const profile: ServerProfile = {
      provider: 'thin',
      name: 'Thin',
      explainAnswer: (answer) => (answer.message.includes('engine warming up') ? new SamusError('SAMUS_ERR_MODEL_NOT_LOADED', 'warming up') : undefined),
    };
    const bodies = [{ error: 'engine warming up' }, { error: 'other' }];
    const server = await serve((_request, response) => json(response, 400, bodies.shift()));
    const generator = new OpenAICompatibleContentGenerator({ config: generatorFor(server).config, profile });
    expect((await failure(generator.generateContent({ model: 'm', contents: 'x' }))).code).toBe('SAMUS_ERR_MODEL_NOT_LOADED');
    const other = await failure(generator.generateContent({ model: 'm', contents: 'x' }));
    expect(other.code).toBe('SAMUS_ERR_INVALID_REQUEST');
    expect(other.message).toContain('Thin at');
  });
});

describe('openaiPlugin', () => {
  it('registers for auth type "openai" and creates a working generator lazily', async () => {
    const server = await serve((_request, response) => json(response, 200, completion({ content: 'via plugin' })));
    const kernel = createKernel({ env: { OPENAI_BASE_URL: `${server.origin}/v1/`, OPENAI_MODEL: 'from-env' } }).register(openaiPlugin);
    const config = kernel.createContentGeneratorConfig('openai');
    expect(config.baseUrl).toBe(server.origin);
    const generator = await kernel.createContentGenerator(config);
    expect(generator).toBeInstanceOf(OpenAICompatibleContentGenerator);
    const finishes: unknown[] = [];
    kernel.events.on('response:finish', (event) => finishes.push(event));
    const response = await generator.generateContent({ model: '', contents: 'x' });
    expect(response.text).toBe('via plugin');
    expect((server.requests[0]!.json as { model: string }).model).toBe('from-env');
    expect(finishes).toHaveLength(1);
  });
});

describe('request building', () => {
  it('reports a tool that fails to produce its declaration as SAMUS_ERR_INVALID_REQUEST without sending anything', async () => {
    const server = await serve((_request, response) => json(response, 200, completion({ content: 'x' })));
    const broken = { tool: () => Promise.reject(new Error('MCP server gone')), callTool: () => Promise.resolve([]) };
    const error = await failure(generatorFor(server).generateContent({ model: 'm', contents: 'x', config: { tools: [broken] } }));
    expect(error.code).toBe('SAMUS_ERR_INVALID_REQUEST');
    expect(error.message).toContain('MCP server gone');
    const streamError = await failure(collect(generatorFor(server).generateContentStream({ model: 'm', contents: 'x', config: { tools: [broken] } })));
    expect(streamError.code).toBe('SAMUS_ERR_INVALID_REQUEST');
    expect(server.requests).toHaveLength(0);
  });

  it('accepts a base URL that still ends in the API path', async () => {
    const server = await serve((_request, response) => json(response, 200, completion({ content: 'x' })));
    const config = { ...generatorFor(server).config, baseUrl: `${server.origin}/v1/` };
    await new OpenAICompatibleContentGenerator({ config }).generateContent({ model: 'm', contents: 'x' });
    expect(server.requests[0]!.url).toBe('/v1/chat/completions');
  });
});
