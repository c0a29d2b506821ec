import { SamusError, SamusEvents, type SamusEventMap } from '@samus/kernel';
import { IMAGE_TOKEN_ESTIMATE } from '@samus/provider-core/internal';
import { describe, expect, it } from 'vitest';
import { createLlamaCpp } from './create-llama-cpp.js';
import { fake } from './testing/fake-per-test.js';
import {
  APPLY_TEMPLATE_TOOLS_DROPPED,
  CHAT_ON_EMBEDDING_MODEL,
  CONTEXT_EXCEEDED,
  EMBEDDINGS_NOT_ENABLED,
  ROUTER_MODEL_NOT_FOUND,
  ROUTER_MODELS,
  SINGLE_MODELS,
  SMOLLM2_PROPS,
  STREAM_TIMINGS,
} from './testing/llama-server-fixtures.js';

const completion = { choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'Hi!' } }], usage: { prompt_tokens: 7, completion_tokens: 2, total_tokens: 9 } };

describe('LlamaCppContentGenerator', () => {
  it('countTokens renders the server template (/apply-template, with tools) and tokenizes it on the server (/tokenize, add_special)', async () => {
    const server = await fake({
      'POST /apply-template': { body: APPLY_TEMPLATE_TOOLS_DROPPED },
      'POST /tokenize': { body: { tokens: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] } },
    });
    const generator = createLlamaCpp({ env: {}, baseUrl: server.url, model: 'smollm2-135m-instruct' });
    const result = await generator.countTokens({
      model: '',
      contents: 'What is the weather in Paris?',
      config: { systemInstruction: 'Be brief.', tools: [{ functionDeclarations: [{ name: 'get_weather', parametersJsonSchema: { type: 'object', properties: {} } }] }] },
    });
    expect(result.totalTokens).toBe(11);
    const [template, tokenize] = server.requests;
    expect(template?.path).toBe('/apply-template');
    expect(template?.body).toMatchObject({
      model: 'smollm2-135m-instruct',
      messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'What is the weather in Paris?' }],
      tools: [{ type: 'function', function: { name: 'get_weather' } }],
    });
    expect(tokenize?.body).toEqual({ model: 'smollm2-135m-instruct', content: APPLY_TEMPLATE_TOOLS_DROPPED.prompt, add_special: true, parse_special: true });
  });

  it('the model "default" is the one the server serves (single mode: its -m path)', async () => {
    const server = await fake({
      'GET /v1/models': { body: SINGLE_MODELS },
      'POST /apply-template': { body: { prompt: 'x' } },
      'POST /tokenize': { body: { tokens: [1, 2] } },
      'POST /v1/chat/completions': { body: completion },
    });
    const generator = createLlamaCpp({ env: {}, baseUrl: server.url });
    expect(generator.config.model).toBe('default');
    expect((await generator.countTokens({ model: '', contents: 'Hi' })).totalTokens).toBe(2);
    await generator.generateContent({ model: '', contents: 'Hi' });
    const chat = server.requests.find((request) => request.path === '/v1/chat/completions');
    expect((chat?.body as { model?: string }).model).toBe(SINGLE_MODELS.data[0].id);
  });

  it('the model "default" in router mode is the first loaded model', async () => {
    const server = await fake({ 'GET /v1/models': { body: ROUTER_MODELS }, 'POST /apply-template': { body: { prompt: 'x' } }, 'POST /tokenize': { body: { tokens: [1] } } });
    const generator = createLlamaCpp({ env: {}, baseUrl: server.url });
    await generator.countTokens({ model: '', contents: 'Hi' });
    expect((server.requests.find((request) => request.path === '/tokenize')?.body as { model?: string }).model).toBe('all-minilm-l6-v2');
  });

  it('llama-server\'s context error becomes SAMUS_ERR_CONTEXT_OVERFLOW with the real numbers (recorded answer)', async () => {
    const server = await fake({ 'POST /v1/chat/completions': CONTEXT_EXCEEDED });
    const generator = createLlamaCpp({ env: {}, baseUrl: server.url, model: 'smollm2-135m-instruct', maxRetries: 0 });
    const error = await generator.generateContent({ model: '', contents: 'word '.repeat(5000) }).catch((caught: unknown) => caught);
    expect(SamusError.is(error, 'SAMUS_ERR_CONTEXT_OVERFLOW'), String(error)).toBe(true);
    expect((error as SamusError).details).toMatchObject({ promptTokens: 5031, contextLength: 4096 });
    expect((error as SamusError).message).toContain('5031');
    expect((error as SamusError).retryable).toBe(false);
  });

  it('providerOptions.contextGuard counts exactly and refuses an overflowing prompt before sending it', async () => {
    const server = await fake({
      'POST /apply-template': { body: { prompt: 'long' } },
      'POST /tokenize': { body: { tokens: Array.from({ length: 5000 }, (_, index) => index) } },
      'GET /props?model=smollm2-135m-instruct': { body: SMOLLM2_PROPS },
      'GET /v1/models': { body: ROUTER_MODELS },
      'POST /v1/chat/completions': { body: completion },
    });
    const generator = createLlamaCpp({ env: {}, baseUrl: server.url, model: 'smollm2-135m-instruct', providerOptions: { contextGuard: true } });
    const error = await generator.generateContent({ model: '', contents: 'long' }).catch((caught: unknown) => caught);
    expect(SamusError.is(error, 'SAMUS_ERR_CONTEXT_OVERFLOW')).toBe(true);
    expect((error as SamusError).details).toMatchObject({ promptTokens: 5000, contextLength: 4096, checkedBeforeSend: true });
    expect(server.requests.some((request) => request.path === '/v1/chat/completions')).toBe(false);
  });

  it('getContextWindow reads the slot context from /props and the trained one from /v1/models', async () => {
    const server = await fake({ 'GET /props?model=smollm2-135m-instruct': { body: SMOLLM2_PROPS }, 'GET /v1/models': { body: ROUTER_MODELS } });
    const generator = createLlamaCpp({ env: {}, baseUrl: server.url, model: 'smollm2-135m-instruct' });
    expect(await generator.getContextWindow()).toEqual({ model: 'smollm2-135m-instruct', tokens: 4096, trained: 8192, slots: 1 });
  });

  it('router mode: an unknown model is SAMUS_ERR_MODEL_NOT_FOUND (the router answers 400, recorded)', async () => {
    const server = await fake({ 'POST /v1/chat/completions': ROUTER_MODEL_NOT_FOUND });
    const generator = createLlamaCpp({ env: {}, baseUrl: server.url, model: 'nope', maxRetries: 0 });
    const error = await generator.generateContent({ model: '', contents: 'Hi' }).catch((caught: unknown) => caught);
    expect(SamusError.is(error, 'SAMUS_ERR_MODEL_NOT_FOUND'), String(error)).toBe(true);
    expect((error as SamusError).message).toContain('nope');
  });

  it('chat with tools on an embedding model is SAMUS_ERR_CAPABILITY_MISSING naming tools (the server answers 500, recorded)', async () => {
    const server = await fake({ 'POST /v1/chat/completions': CHAT_ON_EMBEDDING_MODEL });
    const generator = createLlamaCpp({ env: {}, baseUrl: server.url, model: 'all-minilm-l6-v2', maxRetries: 0 });
    const error = await generator
      .generateContent({ model: '', contents: 'Hi', config: { tools: [{ functionDeclarations: [{ name: 'f', parametersJsonSchema: { type: 'object', properties: {} } }] }] } })
      .catch((caught: unknown) => caught);
    expect(SamusError.is(error, 'SAMUS_ERR_CAPABILITY_MISSING'), String(error)).toBe(true);
    expect((error as SamusError).message).toMatch(/tools/);
    expect((error as SamusError).retryable).toBe(false);
  });

  it('embeddings on a model started without --embeddings is SAMUS_ERR_CAPABILITY_MISSING (501, recorded)', async () => {
    const server = await fake({ 'POST /v1/embeddings': EMBEDDINGS_NOT_ENABLED });
    const generator = createLlamaCpp({ env: {}, baseUrl: server.url, model: 'smollm2-135m-instruct', maxRetries: 0 });
    const error = await generator.embedContent({ model: '', contents: 'Hi' }).catch((caught: unknown) => caught);
    expect(SamusError.is(error, 'SAMUS_ERR_CAPABILITY_MISSING'), String(error)).toBe(true);
    expect((error as SamusError).hint).toMatch(/--embeddings/);
  });

  it('countTokens with an image on a text-only model: the text exactly, the image estimated (the server refuses images, recorded)', async () => {
    const server = await fake({
      'POST /apply-template': (request) =>
        JSON.stringify(request.body).includes('image_url')
          ? { status: 500, body: { error: { code: 500, message: 'image input is not supported - hint: if this is unexpected, you may need to provide the mmproj', type: 'server_error' } } }
          : { body: { prompt: 'text only' } },
      'POST /tokenize': { body: { tokens: [1, 2, 3] } },
    });
    const generator = createLlamaCpp({ env: {}, baseUrl: server.url, model: 'smollm2-135m-instruct' });
    const result = await generator.countTokens({ model: '', contents: [{ role: 'user', parts: [{ text: 'What is this?' }, { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } }] }] });
    expect(result.totalTokens).toBe(3 + IMAGE_TOKEN_ESTIMATE);
  });

  it('sends LLAMA_API_KEY as a bearer token', async () => {
    const server = await fake({ 'POST /v1/chat/completions': { body: completion } });
    const generator = createLlamaCpp({ env: { LLAMA_API_KEY: 'secret-key', LLAMA_CPP_BASE_URL: `${server.url}/v1`, LLAMA_CPP_MODEL: 'm' } });
    expect(generator.baseUrl).toBe(server.url);
    await generator.generateContent({ model: '', contents: 'Hi' });
    expect(server.requests[0]?.headers.authorization).toBe('Bearer secret-key');
  });

  it('slots() counts busy slots', async () => {
    const server = await fake({ 'GET /slots': { body: [{ id: 0, n_ctx: 4096, is_processing: true }, { id: 1, n_ctx: 4096, is_processing: false }] } });
    const generator = createLlamaCpp({ env: {}, baseUrl: server.url, model: 'm' });
    expect(await generator.slots()).toEqual({ total: 2, busy: 1 });
  });

  it("llama-server's timings reach the finish event (tokens/s, prompt and eval times)", async () => {
    const server = await fake({
      'GET /v1/models': { body: SINGLE_MODELS },
      'POST /apply-template': { body: { prompt: 'x' } },
      'POST /tokenize': { body: { tokens: [1, 2] } },
      'POST /v1/chat/completions': { body: { ...completion, timings: STREAM_TIMINGS } },
    });
    const events = new SamusEvents();
    const finished: Array<SamusEventMap['response:finish']> = [];
    events.on('response:finish', (event) => finished.push(event));
    const generator = createLlamaCpp({ env: {}, baseUrl: server.url, model: 'smollm2-135m-instruct', events });
    await generator.generateContent({ model: 'smollm2-135m-instruct', contents: 'Hi' });
    expect(finished[0]?.server).toMatchObject({ promptEvalMs: 106.328, evalMs: 17.833, tokensPerSecond: 112.15162900241127 });
  });
});
