import { createContentGeneratorConfig, SamusEvents, type SamusEventMap } from '@samus/kernel';
import { describe, expect, it } from 'vitest';
import { errorCodes } from './error-chain.js';
import { OpenAICompatibleContentGenerator } from './openai-compatible-content-generator.js';
import { collect, completion, failure, generatorFor, json, serve } from './testing/generator-fixtures.js';
import { finishEvents, sseHead, startServer, textChunk } from './testing/loopback-server.js';

/** A server that answers chat with a completion (or a stream) and embeddings, recording the model of each request. */
async function modelServer() {
  return serve((request, response) => {
    const body = request.json as { model?: string; stream?: boolean; input?: string[] };
    if (request.url.endsWith('/embeddings')) return json(response, 200, { data: (body.input ?? []).map((_, index) => ({ embedding: [index, 1], index })) });
    if (body.stream) {
      sseHead(response);
      response.end(textChunk('hi') + finishEvents());
      return;
    }
    json(response, 200, completion({ content: 'hi' }));
  });
}

const models = (server: { requests: Array<{ json: unknown }> }) => server.requests.map((request) => (request.json as { model?: string }).model);

describe('request-model policy on the OpenAI-compatible paths', () => {
  it('sends the configured model for hosted names, the utility model for utility roles, a local name as given', async () => {
    const server = await modelServer();
    const events = new SamusEvents();
    const starts: SamusEventMap['request:start'][] = [];
    events.on('request:start', (event) => starts.push(event));
    const generator = generatorFor(server, { model: 'qwen3:4b', utilityModel: 'qwen3:0.6b' }, { events });
    await generator.generateContent({ model: 'gemini-2.5-pro', contents: 'x' }, 'prompt-1', 'main');
    await collect(generator.generateContentStream({ model: 'gemini-2.5-flash-lite', contents: 'x' }, 'prompt-1', 'utility_router'));
    await generator.generateContent({ model: 'models/gemini-2.5-flash', contents: 'x' }, 'prompt-1', 'utility_compressor');
    await generator.generateContent({ model: 'llama3.2:1b', contents: 'x' }, 'prompt-1', 'utility_router');
    await generator.generateContent({ model: '', contents: 'x' });
    await generator.embedContent({ model: 'gemini-embedding-001', contents: ['a', 'b'] });
    expect(models(server)).toEqual(['qwen3:4b', 'qwen3:0.6b', 'qwen3:0.6b', 'llama3.2:1b', 'qwen3:4b', 'qwen3:4b']);
    // The choice is visible: the request event carries the requested and the effective model.
    expect(starts.map(({ model, requestedModel, modelSource, role }) => ({ model, requestedModel, modelSource, role }))).toEqual([
      { model: 'qwen3:4b', requestedModel: 'gemini-2.5-pro', modelSource: 'configured', role: 'main' },
      { model: 'qwen3:0.6b', requestedModel: 'gemini-2.5-flash-lite', modelSource: 'utility', role: 'utility_router' },
      { model: 'qwen3:0.6b', requestedModel: 'models/gemini-2.5-flash', modelSource: 'utility', role: 'utility_compressor' },
      { model: 'llama3.2:1b', requestedModel: 'llama3.2:1b', modelSource: 'request', role: 'utility_router' },
      { model: 'qwen3:4b', requestedModel: '', modelSource: 'configured', role: undefined },
      { model: 'qwen3:4b', requestedModel: 'gemini-embedding-001', modelSource: 'configured', role: undefined },
    ]);
  });

  it('follows requestModel: configured always uses the configured model, request always the caller\'s name', async () => {
    const server = await modelServer();
    await generatorFor(server, { model: 'qwen3:4b', requestModel: 'configured' }).generateContent({ model: 'llama3.2:1b', contents: 'x' }, 'p', 'main');
    await generatorFor(server, { model: 'qwen3:4b', requestModel: 'request' }).generateContent({ model: 'gemini-2.5-flash', contents: 'x' }, 'p', 'utility_router');
    expect(models(server)).toEqual(['qwen3:4b', 'gemini-2.5-flash']);
  });

  it('resolves the model of countTokens too (estimate without a server)', async () => {
    const seen: string[] = [];
    const countTokens = (request: { model: string }): Promise<number | undefined> => {
      seen.push(request.model);
      return Promise.resolve(undefined);
    };
    const config = createContentGeneratorConfig('openai', { baseUrl: 'http://127.0.0.1:9', model: 'qwen3:4b', env: {} });
    const result = await new OpenAICompatibleContentGenerator({ config, hooks: { countTokens } }).countTokens({ model: 'gemini-2.5-flash', contents: 'hello there' });
    expect(result.totalTokens).toBeGreaterThan(0);
    expect(seen).toEqual(['qwen3:4b']);
  });
});

describe('errors a host understands, and maxRetries: 0', () => {
  it('makes exactly one request for a 503 with maxRetries 0 and gives the status', async () => {
    const server = await serve((_request, response) => json(response, 503, { error: { message: 'busy', type: 'server_error' } }));
    const generator = generatorFor(server, { maxRetries: 0 });
    const error = await failure(generator.generateContent({ model: 'm', contents: 'x' }));
    expect(error.code).toBe('SAMUS_ERR_SERVER_ERROR');
    expect(error.status).toBe(503);
    expect(server.requests).toHaveLength(1);
    const streamError = await failure(collect(generator.generateContentStream({ model: 'm', contents: 'x' })));
    expect(streamError.status).toBe(503);
    expect(server.requests).toHaveLength(2);
    const embedError = await failure(generator.embedContent({ model: 'm', contents: ['x'] }));
    expect(embedError.status).toBe(503);
    expect(server.requests).toHaveLength(3);
    // Our own retries (the default layer) make maxRetries + 1 requests.
    await failure(generatorFor(server, { maxRetries: 2 }).generateContent({ model: 'm', contents: 'x' }));
    expect(server.requests).toHaveLength(6);
  });

  it('gives 429 and 4xx statuses too', async () => {
    let status = 429;
    const server = await serve((_request, response) => json(response, status, { error: { message: 'nope', type: 'x' } }));
    expect((await failure(generatorFor(server).generateContent({ model: 'm', contents: 'x' }))).status).toBe(429);
    status = 400;
    expect((await failure(generatorFor(server).generateContent({ model: 'm', contents: 'x' }))).status).toBe(400);
  });

  it('makes one connection attempt for a refused connection with maxRetries 0, keeps ECONNREFUSED in the cause chain, never says "fetch failed"', async () => {
    const server = await startServer(() => undefined);
    const origin = server.origin;
    await server.close();
    const events = new SamusEvents();
    let starts = 0;
    events.on('request:start', () => (starts += 1));
    const generator = generatorFor({ origin }, { maxRetries: 0 }, { events });
    for (const attempt of [() => generator.generateContent({ model: 'm', contents: 'x' }), () => collect(generator.generateContentStream({ model: 'm', contents: 'x' }))]) {
      const error = await failure(attempt());
      expect(error.code).toBe('SAMUS_ERR_SERVER_NOT_RUNNING');
      expect(error.status).toBeUndefined();
      expect(errorCodes(error.cause)).toContain('ECONNREFUSED');
      expect(error.message.toLowerCase()).not.toContain('fetch failed');
    }
    expect(starts).toBe(2);
  });
});
