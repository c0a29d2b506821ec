import { createKernel, SamusError } from '@samus/kernel';
import { describe, expect, it } from 'vitest';
import { createLlamaCppAdmin, fingerprintLlamaCpp, toModelInfo } from './llama-cpp-admin.js';
import { LLAMA_CPP_CONFIG_SPEC } from './llama-cpp-config-spec.js';
import { llamaCppPlugin } from './llama-cpp-plugin.js';
import { serverTimingsFromLlamaCpp } from './llama-cpp-timings.js';
import { fake } from './testing/fake-per-test.js';
import { HEALTH_LOADING, HEALTH_OK, MINILM_PROPS, ROUTER_MODELS, ROUTER_PROPS, SINGLE_MODE_LOAD, SINGLE_MODELS, SMOLLM2_PROPS, STREAM_TIMINGS } from './testing/llama-server-fixtures.js';

const timeouts = { connectMs: 2_000, firstByteMs: 5_000, idleMs: 5_000, totalMs: 10_000 };
const admin = (baseUrl: string) => createLlamaCppAdmin({ baseUrl, headers: {}, timeouts });

describe('llama-cpp admin', () => {
  it('health(): ready with the build, router mode told apart', async () => {
    const server = await fake({ 'GET /health': HEALTH_OK, 'GET /props': { body: ROUTER_PROPS } });
    const health = await admin(server.url).health();
    expect(health).toMatchObject({ ok: true, state: 'ready', mode: 'router', version: 'b1-0c1e570' });
  });

  it('health(): 503 "Loading model" is state loading, SAMUS_ERR_MODEL_NOT_LOADED, never a throw (recorded answer)', async () => {
    const server = await fake({ 'GET /health': HEALTH_LOADING });
    const health = await admin(server.url).health();
    expect(health).toMatchObject({ ok: false, state: 'loading', error: { code: 'SAMUS_ERR_MODEL_NOT_LOADED' } });
  });

  it('health(): a server whose /health is not llama-server\'s is SAMUS_ERR_WRONG_BASE_URL', async () => {
    const server = await fake({ 'GET /health': { status: 404, body: '404 page not found' } });
    expect((await admin(server.url).health()).error?.code).toBe('SAMUS_ERR_WRONG_BASE_URL');
  });

  it('listModels(): router entries with status; embedding told by --embeddings / WordPiece vocab; unloaded ones not loaded', async () => {
    const server = await fake({
      'GET /v1/models': { body: ROUTER_MODELS },
      'GET /props?model=smollm2-135m-instruct': { body: SMOLLM2_PROPS },
      'GET /props?model=all-minilm-l6-v2': { body: MINILM_PROPS },
    });
    const models = await admin(server.url).listModels();
    expect(models.map((model) => [model.id, model.kind, model.loaded])).toEqual([
      ['all-minilm-l6-v2', 'embedding', true],
      ['smollm2-135m-instruct', 'chat', true],
      ['not-started', 'chat', false],
    ]);
    // SmolLM2's template renders no tools (llama-server drops a request's tools for it): no `tools` capability.
    expect(models[1]).toMatchObject({ capabilities: ['completion'], contextLength: 8192, loadedContextLength: 4096, quantization: 'Q4_1' });
  });

  it('listModels(): a single-model server lists its -m path, with the file name as alias', async () => {
    const server = await fake({ 'GET /v1/models': { body: SINGLE_MODELS }, 'GET /props': { body: SMOLLM2_PROPS } });
    const [model] = await admin(server.url).listModels();
    expect(model).toMatchObject({ id: SINGLE_MODELS.data[0].id, kind: 'chat', loaded: true, aliases: ['SmolLM2-135M-Instruct.Q4_1.gguf'] });
  });

  it('load() on a single-model server is SAMUS_ERR_CAPABILITY_MISSING naming router mode (404 recorded)', async () => {
    const server = await fake({ 'POST /models/load': SINGLE_MODE_LOAD });
    const error = await admin(server.url).load!('x').catch((caught: unknown) => caught);
    expect(SamusError.is(error, 'SAMUS_ERR_CAPABILITY_MISSING'), String(error)).toBe(true);
    expect((error as SamusError).hint).toMatch(/router mode/);
  });

  it('load() / unload() in router mode post the model; "already running" is not an error', async () => {
    const server = await fake({
      'POST /models/load': { status: 400, body: { error: { code: 400, message: 'model is already running', type: 'invalid_request_error' } } },
      'POST /models/unload': { body: { success: true } },
    });
    await admin(server.url).load!('smollm2-135m-instruct');
    await admin(server.url).unload!('smollm2-135m-instruct');
    expect(server.requests.map((request) => [request.path, request.body])).toEqual([
      ['/models/load', { model: 'smollm2-135m-instruct' }],
      ['/models/unload', { model: 'smollm2-135m-instruct' }],
    ]);
  });

  it('fingerprint: llama-server (single and router) yes; an Ollama-like server no', async () => {
    const router = await fake({ 'GET /health': HEALTH_OK, 'GET /props': { body: ROUTER_PROPS } });
    expect(await fingerprintLlamaCpp(router.url, AbortSignal.timeout(5_000))).toEqual({ authRequired: false, apis: ['openai', 'native', 'router'], version: 'b1-0c1e570' });
    const single = await fake({ 'GET /health': HEALTH_OK, 'GET /props': { body: SMOLLM2_PROPS } });
    expect(await fingerprintLlamaCpp(single.url, AbortSignal.timeout(5_000))).toMatchObject({ apis: ['openai', 'native'] });
    const other = await fake({ 'GET /': { body: 'Ollama is running' } });
    expect(await fingerprintLlamaCpp(other.url, AbortSignal.timeout(5_000))).toBeUndefined();
  });

  it('fingerprint: --api-key makes /props 401 authentication_error: recognised, authRequired', async () => {
    const server = await fake({ 'GET /health': HEALTH_OK, 'GET /props': { status: 401, body: { error: { code: 401, message: 'Invalid API Key', type: 'authentication_error' } } } });
    expect(await fingerprintLlamaCpp(server.url, AbortSignal.timeout(5_000))).toMatchObject({ authRequired: true });
  });

  it('toModelInfo: tools only when the template renders them', () => {
    const caps = { ...SMOLLM2_PROPS.chat_template_caps, supports_tools: true, supports_parallel_tool_calls: true };
    expect(toModelInfo({ id: 'qwen' }, { ...SMOLLM2_PROPS, chat_template_caps: caps }).capabilities).toEqual(['completion', 'tools', 'parallel_tools']);
  });
});

describe('llama-cpp plugin and config', () => {
  it('registers with the kernel; LLAMA_CPP_BASE_URL / LLAMA_CPP_MODEL / LLAMA_API_KEY resolve, default http://localhost:8080', () => {
    const kernel = createKernel({ env: {} }).register(llamaCppPlugin);
    const defaults = kernel.createContentGeneratorConfig('llama-cpp');
    expect(defaults).toMatchObject({ authType: 'llama-cpp', model: 'default', baseUrl: 'http://localhost:8080' });
    const fromEnv = createKernel({ env: { LLAMA_CPP_BASE_URL: 'http://127.0.0.1:9090/v1', LLAMA_CPP_MODEL: 'qwen', LLAMA_API_KEY: 'k' } }).register(llamaCppPlugin).createContentGeneratorConfig('llama-cpp');
    expect(fromEnv).toMatchObject({ model: 'qwen', apiKey: 'k' });
    expect(fromEnv.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:9090/);
    expect(LLAMA_CPP_CONFIG_SPEC.defaultPort).toBe(8080);
  });

  it('serverTimingsFromLlamaCpp: prompt tokens include the cached ones, reported as cachedTokens too (recorded stream timings)', () => {
    expect(serverTimingsFromLlamaCpp({ timings: STREAM_TIMINGS })).toEqual({
      promptTokens: 31,
      cachedTokens: 3,
      evalTokens: 3,
      promptEvalMs: 106.328,
      evalMs: 17.833,
      totalMs: 106.328 + 17.833,
      tokensPerSecond: 112.15162900241127,
      timeToFirstTokenMs: 106.328,
    });
    expect(serverTimingsFromLlamaCpp({})).toBeUndefined();
  });
});
