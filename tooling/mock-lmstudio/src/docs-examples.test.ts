// LM Studio's public documentation examples (REST v0 "endpoints", v1 "list/load/unload/download/download-status",
// OpenAI-compat "tools") and the examples in docs/api-facts.md, run against the mock. Where the docs show the exact
// catalogue, the mock's answer must equal the documented JSON; elsewhere it must have the same key structure.
import { describe, expect, it } from 'vitest';
import { call, sseJson } from './mock-http.test-utils';
import type { MockModel } from './mock-model';
import { mockPerTest } from './testing/mock-per-test';

/** Same keys at every level (arrays: same shape of every element as the first documented element); same JSON types. */
function expectSameShape(actual: unknown, documented: unknown, path = '$'): void {
  const kind = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
  expect(kind(actual), `type at ${path}`).toBe(kind(documented));
  if (Array.isArray(documented) && Array.isArray(actual)) {
    const template = documented[0];
    if (template !== undefined) for (const [i, item] of actual.entries()) expectSameShape(item, template, `${path}[${i}]`);
    return;
  }
  if (documented !== null && typeof documented === 'object' && actual !== null && typeof actual === 'object') {
    expect(Object.keys(actual).sort(), `keys at ${path}`).toEqual(Object.keys(documented).sort());
    for (const [key, value] of Object.entries(documented)) expectSameShape((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
  }
}

const docsV0Models: MockModel[] = [
  { id: 'qwen2-vl-7b-instruct', type: 'vlm', publisher: 'mlx-community', arch: 'qwen2_vl', compatibilityType: 'mlx', quantization: '4bit', maxContextLength: 32768 },
  { id: 'meta-llama-3.1-8b-instruct', type: 'llm', publisher: 'lmstudio-community', arch: 'llama', compatibilityType: 'gguf', quantization: 'Q4_K_M', maxContextLength: 131072 },
  { id: 'text-embedding-nomic-embed-text-v1.5', type: 'embeddings', publisher: 'nomic-ai', arch: 'nomic-bert', compatibilityType: 'gguf', quantization: 'Q4_0', maxContextLength: 2048 },
];

describe('LM Studio docs examples against the mock', () => {
  const start = mockPerTest();

  it('REST v0: curl /api/v0/models returns the documented list exactly', async () => {
    const server = await start({ models: docsV0Models });
    const res = await call(server.url, 'GET', '/api/v0/models');
    expect(res.json).toEqual({
      object: 'list',
      data: [
        { id: 'qwen2-vl-7b-instruct', object: 'model', type: 'vlm', publisher: 'mlx-community', arch: 'qwen2_vl', compatibility_type: 'mlx', quantization: '4bit', state: 'not-loaded', max_context_length: 32768 },
        { id: 'meta-llama-3.1-8b-instruct', object: 'model', type: 'llm', publisher: 'lmstudio-community', arch: 'llama', compatibility_type: 'gguf', quantization: 'Q4_K_M', state: 'not-loaded', max_context_length: 131072 },
        { id: 'text-embedding-nomic-embed-text-v1.5', object: 'model', type: 'embeddings', publisher: 'nomic-ai', arch: 'nomic-bert', compatibility_type: 'gguf', quantization: 'Q4_0', state: 'not-loaded', max_context_length: 2048 },
      ],
    });
  });

  it('REST v0: curl /api/v0/models/qwen2-vl-7b-instruct returns the documented object exactly', async () => {
    const server = await start({ models: docsV0Models });
    const res = await call(server.url, 'GET', '/api/v0/models/qwen2-vl-7b-instruct');
    expect(res.json).toEqual({
      id: 'qwen2-vl-7b-instruct', object: 'model', type: 'vlm', publisher: 'mlx-community', arch: 'qwen2_vl',
      compatibility_type: 'mlx', quantization: '4bit', state: 'not-loaded', max_context_length: 32768,
    });
  });

  it('REST v0: the granite chat example has the documented shape, model_info and content', async () => {
    const content = "Greetings, I'm a helpful AI, here to assist,\nIn providing answers, with no distress.";
    const server = await start({
      models: [{ id: 'granite-3.0-2b-instruct', type: 'llm', arch: 'granite', quantization: 'Q4_K_M', maxContextLength: 8192, loadedContextLength: 4096 }],
      replies: [{ content }],
    });
    const res = await call(server.url, 'POST', '/api/v0/chat/completions', {
      model: 'granite-3.0-2b-instruct',
      messages: [
        { role: 'system', content: 'Always answer in rhymes.' },
        { role: 'user', content: 'Introduce yourself.' },
      ],
      temperature: 0.7,
      max_tokens: -1,
      stream: false,
    });
    expectSameShape(res.json, {
      id: 'chatcmpl-i3gkjwthhw96whukek9tz', object: 'chat.completion', created: 1731990317, model: 'granite-3.0-2b-instruct',
      choices: [{ index: 0, logprobs: null, finish_reason: 'stop', message: { role: 'assistant', content: 'Greetings...' } }],
      usage: { prompt_tokens: 24, completion_tokens: 53, total_tokens: 77 },
      stats: { tokens_per_second: 51.43709529007664, time_to_first_token: 0.111, generation_time: 0.954, stop_reason: 'eosFound' },
      model_info: { arch: 'granite', quant: 'Q4_K_M', format: 'gguf', context_length: 4096 },
      runtime: { name: 'llama.cpp-mac-arm64-apple-metal-advsimd', version: '1.3.0', supported_formats: ['gguf'] },
    });
    expect(res.json).toMatchObject({
      model: 'granite-3.0-2b-instruct',
      choices: [{ message: { content } }],
      stats: { stop_reason: 'eosFound' },
      model_info: { arch: 'granite', quant: 'Q4_K_M', format: 'gguf', context_length: 4096 },
    });
  });

  it('REST v0: the completions example (max_tokens 10, stop "\\n") stops with maxPredictedTokensReached', async () => {
    const server = await start({
      models: [{ id: 'granite-3.0-2b-instruct', type: 'llm', arch: 'granite', loaded: true }],
      replies: [{ content: ' to find your purpose, and once you have found it, to follow it with all your heart' }],
    });
    const res = await call(server.url, 'POST', '/api/v0/completions', {
      model: 'granite-3.0-2b-instruct', prompt: 'the meaning of life is', temperature: 0.7, max_tokens: 10, stream: false, stop: '\n',
    });
    expectSameShape(res.json, {
      id: 'cmpl-p9rtxv6fky2v9k8jrd8cc', object: 'text_completion', created: 1731990488, model: 'granite-3.0-2b-instruct',
      choices: [{ index: 0, text: ' to find your purpose, and once you have', logprobs: null, finish_reason: 'length' }],
      usage: { prompt_tokens: 5, completion_tokens: 9, total_tokens: 14 },
      stats: { tokens_per_second: 57.69230769230769, time_to_first_token: 0.299, generation_time: 0.156, stop_reason: 'maxPredictedTokensReached' },
      model_info: { arch: 'granite', quant: 'Q4_K_M', format: 'gguf', context_length: 4096 },
      runtime: { name: 'llama.cpp-mac-arm64-apple-metal-advsimd', version: '1.3.0', supported_formats: ['gguf'] },
    });
    expect(res.json).toMatchObject({
      // The first 10 word-tokens of the scripted continuation.
      choices: [{ text: ' to find your purpose, and once you have found it,', finish_reason: 'length' }],
      usage: { completion_tokens: 10 },
      stats: { stop_reason: 'maxPredictedTokensReached' },
    });
  });

  it('REST v0: the embeddings example has the documented shape', async () => {
    const server = await start({ models: docsV0Models });
    const res = await call(server.url, 'POST', '/api/v0/embeddings', { model: 'text-embedding-nomic-embed-text-v1.5', input: 'Some text to embed' });
    expectSameShape(res.json, {
      object: 'list',
      data: [{ object: 'embedding', embedding: [-0.016731496900320053, 0.028460891917347908], index: 0 }],
      model: 'text-embedding-nomic-embed-text-v1.5@q4_k_m',
      usage: { prompt_tokens: 0, total_tokens: 0 },
    });
    expect(res.json).toMatchObject({ model: 'text-embedding-nomic-embed-text-v1.5@q4_0', usage: { prompt_tokens: 0, total_tokens: 0 } });
  });

  it('OpenAI-compat tools: the search_products curl example (LM Studio of that era, 0.3.6) has the documented shape', async () => {
    const server = await start({
      version: '0.3.6',
      models: [{ id: 'qwen2.5-7b-instruct', type: 'llm', publisher: 'lmstudio-community', arch: 'qwen2', loaded: true, capabilities: ['tool_use'] }],
    });
    const res = await call(server.url, 'POST', '/v1/chat/completions', {
      model: 'lmstudio-community/qwen2.5-7b-instruct',
      messages: [{ role: 'user', content: 'What dell products do you have under $50 in electronics?' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'search_products',
            description: 'Search the product catalog by various criteria. Use this whenever a customer asks about product availability, pricing, or specifications.',
            parameters: {
              type: 'object',
              properties: {
                query: { type: 'string', description: 'Search terms or product name' },
                category: { type: 'string', description: 'Product category to filter by', enum: ['electronics', 'clothing', 'home', 'outdoor'] },
                max_price: { type: 'number', description: 'Maximum price in dollars' },
              },
              required: ['query'],
              additionalProperties: false,
            },
          },
        },
      ],
    });
    const documented = {
      id: 'chatcmpl-gb1t1uqzefudice8ntxd9i', object: 'chat.completion', created: 1730913210, model: 'lmstudio-community/qwen2.5-7b-instruct',
      choices: [{
        index: 0, logprobs: null, finish_reason: 'tool_calls',
        message: { role: 'assistant', tool_calls: [{ id: '365174485', type: 'function', function: { name: 'search_products', arguments: '{"query":"dell"}' } }] },
      }],
      usage: { prompt_tokens: 263, completion_tokens: 34, total_tokens: 297 },
      system_fingerprint: 'lmstudio-community/qwen2.5-7b-instruct',
    };
    expectSameShape(res.json, documented);
    expect(res.json).toMatchObject({ model: documented.model, system_fingerprint: documented.system_fingerprint, choices: [{ finish_reason: 'tool_calls' }] });
  });

  it('api-facts 3.2: the /v1/models and /v1/chat/completions examples (0.4.x) have the documented shape', async () => {
    const server = await start({ models: [{ id: 'qwen/qwen3-4b-2507', type: 'llm', loaded: true }, { id: 'text-embedding-nomic-embed-text-v1.5', type: 'embeddings' }] });
    const models = await call(server.url, 'GET', '/v1/models');
    expect(models.text).toBe(
      '{"data":[{"id":"qwen/qwen3-4b-2507","object":"model","owned_by":"organization_owner"},' +
        '{"id":"text-embedding-nomic-embed-text-v1.5","object":"model","owned_by":"organization_owner"}],"object":"list"}',
    );
    const res = await call(server.url, 'POST', '/v1/chat/completions', { model: 'qwen/qwen3-4b-2507', messages: [{ role: 'user', content: 'Say hi' }] });
    expectSameShape(res.json, {
      id: 'chatcmpl-i3gkjwthhw96whukek9tz', object: 'chat.completion', created: 1731990317, model: 'qwen/qwen3-4b-2507',
      choices: [{ index: 0, logprobs: null, finish_reason: 'stop', message: { role: 'assistant', content: 'Hi there.', tool_calls: [] } }],
      usage: { prompt_tokens: 24, completion_tokens: 3, total_tokens: 27 },
      stats: {},
      system_fingerprint: 'qwen/qwen3-4b-2507',
    });
  });

  it('api-facts 3.2: the streaming example chunks have the documented shapes in order', async () => {
    const server = await start({ models: [{ id: 'gemma-2-2b-it', type: 'llm', loaded: true }], replies: [{ content: 'Hi there' }] });
    const res = await call(server.url, 'POST', '/v1/chat/completions', { model: 'gemma-2-2b-it', messages: [{ role: 'user', content: 'hello' }], stream: true });
    const base = { id: 'chatcmpl-um3b2l9t12bzrtha63q8', object: 'chat.completion.chunk', created: 1747835957, model: 'gemma-2-2b-it', system_fingerprint: 'gemma-2-2b-it' };
    const chunks = sseJson(res.text);
    expect(chunks).toHaveLength(3);
    expectSameShape(chunks[0], { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: 'Hi' }, logprobs: null, finish_reason: null }] });
    expectSameShape(chunks[1], { ...base, choices: [{ index: 0, delta: { content: ' there' }, logprobs: null, finish_reason: null }] });
    expectSameShape(chunks[2], { ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }] });
    expect(chunks.map((c) => (c as { choices: { delta: { content?: string } }[] }).choices[0]?.delta.content)).toEqual(['Hi', ' there', undefined]);
    expect(res.text.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('REST v1: the "List your models" example returns the documented JSON exactly', async () => {
    const server = await start({
      models: [
        { id: 'gemma-3-270m-it-qat', type: 'llm', publisher: 'lmstudio-community', displayName: 'Gemma 3 270m Instruct Qat', arch: 'gemma3', quantization: 'Q4_0', sizeBytes: 241410208, paramsString: '270M', loaded: true, loadedContextLength: 4096, maxContextLength: 32768 },
        { id: 'text-embedding-nomic-embed-text-v1.5-embedding', type: 'embeddings', publisher: 'gaianet', displayName: 'Nomic Embed Text v1.5', quantization: 'F16', sizeBytes: 274290560, maxContextLength: 2048 },
      ],
    });
    const res = await call(server.url, 'GET', '/api/v1/models');
    expect(res.json).toEqual({
      models: [
        {
          type: 'llm', publisher: 'lmstudio-community', key: 'gemma-3-270m-it-qat', display_name: 'Gemma 3 270m Instruct Qat', architecture: 'gemma3',
          quantization: { name: 'Q4_0', bits_per_weight: 4 }, size_bytes: 241410208, params_string: '270M',
          loaded_instances: [{ id: 'gemma-3-270m-it-qat', config: { context_length: 4096 } }], max_context_length: 32768, format: 'gguf',
          capabilities: { vision: false, trained_for_tool_use: false }, description: null,
        },
        {
          type: 'embedding', publisher: 'gaianet', key: 'text-embedding-nomic-embed-text-v1.5-embedding', display_name: 'Nomic Embed Text v1.5',
          quantization: { name: 'F16', bits_per_weight: 16 }, size_bytes: 274290560, params_string: null, loaded_instances: [], max_context_length: 2048, format: 'gguf',
        },
      ],
    });
  });

  it('REST v1: the load example (echo_load_config) and the unload example', async () => {
    const server = await start({ models: [{ id: 'openai/gpt-oss-20b', type: 'llm', publisher: 'openai', arch: 'gpt-oss', maxContextLength: 131072 }] });
    const load = await call(server.url, 'POST', '/api/v1/models/load', { model: 'openai/gpt-oss-20b', context_length: 16384, flash_attention: true, echo_load_config: true });
    // The documented example also has `num_experts`, which is "only present for MoE models"; the mock's config omits it.
    expectSameShape(load.json, {
      type: 'llm', instance_id: 'openai/gpt-oss-20b', load_time_seconds: 9.099, status: 'loaded',
      load_config: { context_length: 16384, eval_batch_size: 512, flash_attention: true, offload_kv_cache_to_gpu: true },
    });
    expect(load.json).toMatchObject({ instance_id: 'openai/gpt-oss-20b', load_config: { context_length: 16384, flash_attention: true } });
    expect(server.model('openai/gpt-oss-20b')).toMatchObject({ state: 'loaded', loadedContextLength: 16384, loadedBy: 'manual' });
    const unload = await call(server.url, 'POST', '/api/v1/models/unload', { instance_id: 'openai/gpt-oss-20b' });
    expect(unload.json).toEqual({ instance_id: 'openai/gpt-oss-20b' });
  });

  it('REST v1: the download example, then status polling until the documented "completed" shape', async () => {
    const server = await start({ downloadDurationMs: 150 });
    const start_ = await call(server.url, 'POST', '/api/v1/models/download', { model: 'qwen/qwen3-4b-2507' });
    expectSameShape(start_.json, {
      job_id: 'job_493c7c9ded', status: 'downloading', total_size_bytes: 2279145003, downloaded_bytes: 948,
      bytes_per_second: 7834.710743801653, estimated_completion: '2025-10-07T00:21:47.030Z', started_at: '2025-10-03T15:33:23.496Z',
    });
    const jobId = (start_.json as { job_id: string }).job_id;
    let last: unknown;
    const deadline = Date.now() + 3000;
    do {
      last = (await call(server.url, 'GET', `/api/v1/models/download/status/${jobId}`)).json;
      if ((last as { status: string }).status === 'completed') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    } while (Date.now() < deadline);
    expectSameShape(last, {
      job_id: 'job_493c7c9ded', status: 'completed', total_size_bytes: 2279145003, downloaded_bytes: 2279145003,
      started_at: '2025-10-03T15:33:23.496Z', completed_at: '2025-10-03T15:43:12.102Z',
    });
    const list = await call(server.url, 'GET', '/api/v1/models/download/status');
    expectSameShape(list.json, { downloading: [], completed: [last], failed: [], paused: [] });
  });
});
