import { startMockLMStudio, type MockLMStudio } from '@samus/mock-lmstudio';
import { modelInfoSchema } from '@samus/kernel';
import { afterEach, describe, expect, it } from 'vitest';
import { getLMStudioModel, listLMStudioModels } from './lm-studio-models.js';
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
