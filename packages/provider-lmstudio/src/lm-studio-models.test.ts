import { startMockLMStudio, type MockLMStudio } from '@samus/mock-lmstudio';
import { modelInfoSchema } from '@samus/kernel/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import { SamusError } from '@samus/kernel';
import { explainModelNotFound, getLMStudioModel, listLMStudioModels } from './lm-studio-models.js';
import { LMStudioRestClient } from './lm-studio-rest-client.js';
import { startScriptedServer, type ScriptedServer } from './testing/scripted-server.js';

let mock: MockLMStudio | undefined;
let scripted: ScriptedServer | undefined;
afterEach(async () => {
  await mock?.close();
  await scripted?.close();
  mock = undefined;
  scripted = undefined;
});

describe('listLMStudioModels', () => {
  it('should list every model with type, state, context lengths and capabilities from /api/v1 (0.4)', async () => {
    mock = await startMockLMStudio();
    const models = await listLMStudioModels(new LMStudioRestClient({ baseUrl: mock.url }));
    for (const model of models) modelInfoSchema.parse(model);
    expect(models.map((model) => [model.id, model.type, model.state, model.kind])).toEqual([
      ['qwen2.5-7b-instruct', 'llm', 'loaded', 'chat'],
      ['google/gemma-3-4b', 'vlm', 'not-loaded', 'chat'],
      ['text-embedding-nomic-embed-text-v1.5', 'embeddings', 'not-loaded', 'embedding'],
    ]);
    expect(models[0]).toMatchObject({ contextLength: 32768, loadedContextLength: 4096, capabilities: ['completion', 'tools'], source: '/api/v1/models' });
    expect(models[1]!.capabilities).toEqual(['completion', 'vision']);
    expect(mock.requests.map((request) => request.path)).toEqual(['/api/v1/models']);
  });

  it('should fall back to /api/v0 on 0.3.x, reading the capabilities array', async () => {
    mock = await startMockLMStudio({ version: '0.3.20' });
    const models = await listLMStudioModels(new LMStudioRestClient({ baseUrl: mock.url }));
    expect(models[0]).toMatchObject({ id: 'qwen2.5-7b-instruct', source: '/api/v0/models', serverCapabilities: ['tool_use'], capabilities: ['completion', 'tools'] });
    expect(mock.requests.map((request) => request.path)).toEqual(['/api/v1/models', '/api/v0/models']);
  });

  it('should fall back to /v1/models (ids only) before 0.3.6', async () => {
    mock = await startMockLMStudio({ version: '0.3.5' });
    const models = await listLMStudioModels(new LMStudioRestClient({ baseUrl: mock.url }));
    expect(models.map((model) => [model.id, model.kind, model.state])).toEqual([
      ['qwen2.5-7b-instruct', 'unknown', 'unknown'],
      ['google/gemma-3-4b', 'unknown', 'unknown'],
      ['text-embedding-nomic-embed-text-v1.5', 'embedding', 'unknown'],
    ]);
  });

  it('should see the state change after a JIT load', async () => {
    mock = await startMockLMStudio();
    mock.loadModel('google/gemma-3-4b', { jit: true });
    const entry = await getLMStudioModel(new LMStudioRestClient({ baseUrl: mock.url }), 'google/gemma-3-4b');
    expect(entry).toMatchObject({ loaded: true, state: 'loaded', loadedInstances: ['google/gemma-3-4b'] });
  });

  it('should merge duplicate v0 rows, preferring the loaded one', async () => {
    scripted = await startScriptedServer((request) =>
      request.path === '/api/v0/models'
        ? {
            body: {
              object: 'list',
              data: [
                { id: 'dup', type: 'llm', state: 'not-loaded', max_context_length: 4096 },
                { id: 'dup', type: 'llm', state: 'loaded', max_context_length: 4096, loaded_context_length: 2048 },
              ],
            },
          }
        : { body: { error: `Unexpected endpoint or method. (${request.method} ${request.path})` } },
    );
    const models = await listLMStudioModels(new LMStudioRestClient({ baseUrl: scripted.url }));
    expect(models).toHaveLength(1);
    expect(models[0]).toMatchObject({ id: 'dup', loaded: true, loadedContextLength: 2048 });
  });

  it('should send the token and map 401 to SAMUS_ERR_UNAUTHORIZED (no fallback)', async () => {
    mock = await startMockLMStudio({ apiToken: 'sk-lm-list:token' });
    await expect(listLMStudioModels(new LMStudioRestClient({ baseUrl: mock.url }))).rejects.toMatchObject({ code: 'SAMUS_ERR_UNAUTHORIZED' });
    expect(mock.requests).toHaveLength(1);
    await expect(listLMStudioModels(new LMStudioRestClient({ baseUrl: mock.url, apiKey: 'sk-lm-list:token' }))).resolves.toHaveLength(3);
  });

  it('should reject with SAMUS_ERR_ABORTED when the signal is already aborted', async () => {
    mock = await startMockLMStudio();
    await expect(listLMStudioModels(new LMStudioRestClient({ baseUrl: mock.url }), { signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: 'SAMUS_ERR_ABORTED',
    });
  });

  it('should reject an answer without a list with SAMUS_ERR_INVALID_RESPONSE after trying every endpoint', async () => {
    scripted = await startScriptedServer(() => ({ body: { something: 'else' } }));
    await expect(listLMStudioModels(new LMStudioRestClient({ baseUrl: scripted.url }))).rejects.toMatchObject({ code: 'SAMUS_ERR_INVALID_RESPONSE' });
    expect(scripted.requests.map((request) => request.path)).toEqual(['/api/v1/models', '/api/v0/models', '/v1/models']);
  });
});

describe('LM Studio 0.4.x model details and JIT off (issue #13)', () => {
  it('should read capabilities.reasoning, variants, load config and second instances from /api/v1/models (mock 0.4.x)', async () => {
    mock = await startMockLMStudio({
      models: [
        {
          id: 'openai/gpt-oss-20b',
          type: 'llm',
          loaded: true,
          instances: 2,
          reasoning: { allowedOptions: ['low', 'medium', 'high'], default: 'low' },
          variants: ['openai/gpt-oss-20b@mxfp4', 'openai/gpt-oss-20b@q8_0'],
          loadConfig: { parallel: 4, flashAttention: true, evalBatchSize: 512 },
        },
      ],
    });
    const client = new LMStudioRestClient({ baseUrl: mock.url });
    const [model] = await listLMStudioModels(client);
    modelInfoSchema.parse(model);
    expect(model).toMatchObject({
      id: 'openai/gpt-oss-20b',
      capabilities: ['completion', 'thinking'],
      serverCapabilities: ['reasoning'],
      reasoning: { allowedOptions: ['low', 'medium', 'high'], default: 'low' },
      variants: ['openai/gpt-oss-20b@mxfp4', 'openai/gpt-oss-20b@q8_0'],
      selectedVariant: 'openai/gpt-oss-20b@mxfp4',
      loadConfig: { contextLength: 4096, parallel: 4, flashAttention: true, evalBatchSize: 512 },
      loadedInstances: ['openai/gpt-oss-20b', 'openai/gpt-oss-20b:2'],
      aliases: ['openai/gpt-oss-20b:2'],
    });
    expect((await getLMStudioModel(client, 'openai/gpt-oss-20b:2'))?.id).toBe('openai/gpt-oss-20b');
  });

  it('explainModelNotFound: JIT off + another model loaded → SAMUS_ERR_MODEL_NOT_LOADED with lms load; unknown models stay NOT_FOUND', async () => {
    mock = await startMockLMStudio({ jit: false });
    const client = new LMStudioRestClient({ baseUrl: mock.url });
    const answer = async (model: string) => {
      try {
        await client.request('POST', '/v1/chat/completions', { body: { model, messages: [{ role: 'user', content: 'hi' }] }, model });
      } catch (error) {
        return error;
      }
      throw new Error('expected a failure');
    };
    const unloaded = await answer('google/gemma-3-4b');
    expect(SamusError.is(unloaded, 'SAMUS_ERR_MODEL_NOT_FOUND')).toBe(true);
    const explained = await explainModelNotFound(client, unloaded, 'google/gemma-3-4b');
    expect(SamusError.is(explained, 'SAMUS_ERR_MODEL_NOT_LOADED')).toBe(true);
    expect((explained as SamusError).hint).toContain('lms load google/gemma-3-4b');
    expect((explained as SamusError).status).toBe(400);
    const unknown = await answer('no-such-model');
    expect(await explainModelNotFound(client, unknown, 'no-such-model')).toBe(unknown);
    // Anything else passes through untouched, without a request.
    mock.clearRequests();
    const other = new SamusError('SAMUS_ERR_TIMEOUT', 'x');
    expect(await explainModelNotFound(client, other, 'google/gemma-3-4b')).toBe(other);
    expect(mock.requests).toHaveLength(0);
  });

  it('should see only loaded models through /api/v0 with JIT off on 0.3.17+ (as a real server does)', async () => {
    mock = await startMockLMStudio({ version: '0.3.20', jit: false });
    const models = await listLMStudioModels(new LMStudioRestClient({ baseUrl: mock.url }));
    expect(models.map((model) => [model.id, model.source])).toEqual([['qwen2.5-7b-instruct', '/api/v0/models']]);
  });
});
