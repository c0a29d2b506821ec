// Fidelity: every endpoint's response validated against zod schemas written from docs/api-facts.md section 3, plus
// Express's headers and LM Studio's SSE framing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { call, rawCall, sseJson, ssePayloads } from './mock-http.test-utils';
import { startMockLMStudio } from './start-mock-lmstudio';
import type { MockLMStudio } from './mock-lmstudio';
import {
  chatChunkSchema,
  chatCompletionSchema,
  chatUsageChunkSchema,
  completionChunkSchema,
  completionSchema,
  downloadJobSchema,
  downloadStartSchema,
  downloadStatusListSchema,
  embeddingsSchema,
  greetingSchema,
  objectErrorSchema,
  openAIModelListSchema,
  stringErrorSchema,
  v0ChatCompletionSchema,
  v0CompletionSchema,
  v0ModelListSchema,
  v0ModelSchema,
  v1LoadSchema,
  v1ModelsSchema,
  v1UnloadSchema,
} from './wire-schemas.test-utils';

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Get the current weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};
const chat = { model: 'qwen2.5-7b-instruct', messages: [{ role: 'user', content: 'Hello there' }] };

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(`schema mismatch: ${JSON.stringify(result.error.issues)}\nvalue: ${JSON.stringify(value)}`);
  return result.data;
}

describe('mock LM Studio wire fidelity', () => {
  let lms: MockLMStudio;
  beforeAll(async () => {
    lms = await startMockLMStudio();
  });
  afterAll(async () => {
    await lms.close();
  });

  it('JSON responses carry Express headers in Express order', async () => {
    const raw = await rawCall(lms.url, 'GET', '/v1/models');
    const names = raw.rawHeaders.filter((_, i) => i % 2 === 0);
    expect(names).toEqual(['X-Powered-By', 'Content-Type', 'Content-Length', 'ETag', 'Date', 'Connection', 'Keep-Alive']);
    const headers = Object.fromEntries(names.map((name, i) => [name, raw.rawHeaders[i * 2 + 1]]));
    expect(headers['X-Powered-By']).toBe('Express');
    expect(headers['Content-Type']).toBe('application/json; charset=utf-8');
    expect(headers.Connection).toBe('keep-alive');
    expect(headers['Keep-Alive']).toBe('timeout=5');
    expect(headers['Content-Length']).toBe(String(Buffer.byteLength(raw.body)));
    expect(headers.ETag).toMatch(/^W\/"[0-9a-f]+-[A-Za-z0-9+/]{27}"$/);
  });

  it('SSE responses carry text/event-stream, no-cache and keep-alive', async () => {
    const res = await call(lms.url, 'POST', '/v1/chat/completions', { ...chat, stream: true });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('connection')).toBe('keep-alive');
    expect(res.headers.get('x-powered-by')).toBe('Express');
  });

  it('GET /lmstudio-greeting → {"lmstudio":true}', async () => {
    const res = await call(lms.url, 'GET', '/lmstudio-greeting');
    expect(res.status).toBe(200);
    expect(res.text).toBe('{"lmstudio":true}');
    parse(greetingSchema, res.json);
  });

  it('GET /v1/models lists every downloaded model (JIT on) in the OpenAI list shape', async () => {
    const res = await call(lms.url, 'GET', '/v1/models');
    const body = parse(openAIModelListSchema, res.json);
    expect(body.data.map((m) => m.id)).toEqual(['qwen2.5-7b-instruct', 'google/gemma-3-4b', 'text-embedding-nomic-embed-text-v1.5']);
  });

  it('GET /api/v0/models and /api/v0/models/{id} (id with a slash)', async () => {
    const list = parse(v0ModelListSchema, (await call(lms.url, 'GET', '/api/v0/models')).json);
    expect(list.data.map((m) => m.type)).toEqual(['llm', 'vlm', 'embeddings']);
    const loaded = list.data.find((m) => m.state === 'loaded');
    expect(loaded?.loaded_context_length).toBe(4096);
    expect(loaded?.capabilities).toEqual(['tool_use']);
    const one = parse(v0ModelSchema, (await call(lms.url, 'GET', '/api/v0/models/google/gemma-3-4b')).json);
    expect(one).toMatchObject({ id: 'google/gemma-3-4b', type: 'vlm', arch: 'gemma3' });
  });

  it('POST /v1/chat/completions (non-stream): OpenAI shape + stats {} + system_fingerprint + tool_calls []', async () => {
    const body = parse(chatCompletionSchema, (await call(lms.url, 'POST', '/v1/chat/completions', chat)).json);
    expect(body.stats).toEqual({});
    expect(body.system_fingerprint).toBe('qwen2.5-7b-instruct');
    expect(body.choices[0]?.message.tool_calls).toEqual([]);
    expect(body.choices[0]?.message.content?.length).toBeGreaterThan(0);
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + body.usage.completion_tokens);
  });

  it('POST /v1/chat/completions (stream): chunks, final empty delta with finish_reason, [DONE]', async () => {
    const res = await call(lms.url, 'POST', '/v1/chat/completions', { ...chat, stream: true });
    const payloads = ssePayloads(res.text);
    expect(payloads.at(-1)).toBe('[DONE]');
    const chunks = sseJson(res.text).map((chunk) => parse(chatChunkSchema, chunk));
    expect(chunks[0]?.choices[0].delta.role).toBe('assistant');
    const last = chunks.at(-1);
    expect(last?.choices[0].delta).toEqual({});
    expect(last?.choices[0].finish_reason).toBe('stop');
    expect(chunks.slice(0, -1).every((chunk) => chunk.choices[0].finish_reason === null)).toBe(true);
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
  });

  it('usage chunk (choices: []) only with stream_options.include_usage', async () => {
    const without = sseJson((await call(lms.url, 'POST', '/v1/chat/completions', { ...chat, stream: true })).text);
    expect(without.some((chunk) => typeof chunk === 'object' && chunk !== null && 'usage' in chunk)).toBe(false);
    const withUsage = sseJson((await call(lms.url, 'POST', '/v1/chat/completions', { ...chat, stream: true, stream_options: { include_usage: true } })).text);
    const usageChunk = parse(chatUsageChunkSchema, withUsage.at(-1));
    expect(usageChunk.usage.completion_tokens).toBe(withUsage.length - 2);
    parse(chatChunkSchema, withUsage.at(-2));
  });

  it('tool calls stream in fragments: id+name first, argument pieces by index, final delta {} with tool_calls', async () => {
    const res = await call(lms.url, 'POST', '/v1/chat/completions', {
      ...chat,
      messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
      tools: [weatherTool],
      stream: true,
    });
    const chunks = sseJson(res.text).map((chunk) => parse(chatChunkSchema, chunk));
    const fragments = chunks.flatMap((chunk) => chunk.choices[0].delta.tool_calls ?? []);
    expect(fragments.length).toBeGreaterThan(2);
    expect(fragments[0]).toMatchObject({ index: 0, type: 'function', function: { name: 'get_weather', arguments: '' } });
    expect(fragments.slice(1).every((fragment) => !('id' in fragment) && fragment.index === 0)).toBe(true);
    const args = fragments.map((fragment) => fragment.function.arguments).join('');
    expect(JSON.parse(args)).toEqual({ city: 'Paris' });
    expect(chunks.at(-1)?.choices[0]).toMatchObject({ delta: {}, finish_reason: 'tool_calls' });
  });

  it('non-streamed tool call: numeric-string id, string arguments, finish_reason tool_calls, no content', async () => {
    const body = parse(
      chatCompletionSchema,
      (await call(lms.url, 'POST', '/v1/chat/completions', { ...chat, messages: [{ role: 'user', content: 'Weather in Oslo' }], tools: [weatherTool] })).json,
    );
    const choice = body.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.content).toBeUndefined();
    expect(JSON.parse(choice?.message.tool_calls?.[0]?.function.arguments ?? '')).toEqual({ city: 'Oslo' });
  });

  it('POST /api/v0/chat/completions adds stats (seconds), model_info (loaded context) and runtime', async () => {
    const body = parse(v0ChatCompletionSchema, (await call(lms.url, 'POST', '/api/v0/chat/completions', chat)).json);
    expect(body.model_info).toEqual({ arch: 'qwen2', quant: 'Q4_K_M', format: 'gguf', context_length: 4096 });
    expect(body.stats.stop_reason).toBe('eosFound');
  });

  it('/api/v0 streams carry no stats', async () => {
    const chunks = sseJson((await call(lms.url, 'POST', '/api/v0/chat/completions', { ...chat, stream: true })).text);
    for (const chunk of chunks) parse(chatChunkSchema, chunk);
  });

  it('POST /v1/completions and /api/v0/completions (stream and not)', async () => {
    const request = { model: 'qwen2.5-7b-instruct', prompt: 'the meaning of life is' };
    parse(completionSchema, (await call(lms.url, 'POST', '/v1/completions', request)).json);
    parse(v0CompletionSchema, (await call(lms.url, 'POST', '/api/v0/completions', request)).json);
    const res = await call(lms.url, 'POST', '/v1/completions', { ...request, stream: true });
    expect(ssePayloads(res.text).at(-1)).toBe('[DONE]');
    const chunks = sseJson(res.text).map((chunk) => parse(completionChunkSchema, chunk));
    expect(chunks.at(-1)?.choices[0]).toMatchObject({ text: '', finish_reason: 'stop' });
  });

  it('POST /v1/embeddings and /api/v0/embeddings (string and array input)', async () => {
    const one = parse(embeddingsSchema, (await call(lms.url, 'POST', '/v1/embeddings', { model: 'text-embedding-nomic-embed-text-v1.5', input: 'hello' })).json);
    expect(one.data[0]?.embedding).toHaveLength(768);
    expect(one.model).toBe('text-embedding-nomic-embed-text-v1.5@q4_k_m');
    const many = parse(embeddingsSchema, (await call(lms.url, 'POST', '/api/v0/embeddings', { model: 'text-embedding-nomic-embed-text-v1.5', input: ['a', 'b'] })).json);
    expect(many.data.map((d) => d.index)).toEqual([0, 1]);
  });

  it('GET /api/v1/models, POST load / unload (v1 shapes)', async () => {
    const models = parse(v1ModelsSchema, (await call(lms.url, 'GET', '/api/v1/models')).json);
    expect(models.models.map((m) => m.type)).toEqual(['llm', 'llm', 'embedding']);
    expect(models.models[1]?.capabilities).toEqual({ vision: true, trained_for_tool_use: false });
    expect(models.models[2]).not.toHaveProperty('capabilities');
    const load = parse(v1LoadSchema, (await call(lms.url, 'POST', '/api/v1/models/load', { model: 'google/gemma-3-4b', echo_load_config: true })).json);
    expect(load).toMatchObject({ type: 'llm', instance_id: 'google/gemma-3-4b', status: 'loaded' });
    expect(load.load_config?.context_length).toBe(4096);
    parse(v1UnloadSchema, (await call(lms.url, 'POST', '/api/v1/models/unload', { instance_id: 'google/gemma-3-4b' })).json);
  });

  it('download + status shapes', async () => {
    const already = parse(downloadStartSchema, (await call(lms.url, 'POST', '/api/v1/models/download', { model: 'qwen2.5-7b-instruct' })).json);
    expect(already).toEqual({ status: 'already_downloaded' });
    const job = parse(downloadJobSchema, (await call(lms.url, 'POST', '/api/v1/models/download', { model: 'qwen/qwen3-4b-2507' })).json);
    expect(job.status).toBe('downloading');
    parse(downloadJobSchema, (await call(lms.url, 'GET', `/api/v1/models/download/status/${job.job_id}`)).json);
    parse(downloadStatusListSchema, (await call(lms.url, 'GET', '/api/v1/models/download/status')).json);
  });

  it('error bodies match one of the two documented shapes', async () => {
    parse(stringErrorSchema, (await call(lms.url, 'GET', '/health')).json);
    parse(stringErrorSchema, (await call(lms.url, 'POST', '/v1/chat/completions', { ...chat, response_format: { type: 'json_object' } })).json);
    parse(objectErrorSchema, (await call(lms.url, 'POST', '/v1/chat/completions', { ...chat, model: 'o4-mini' })).json);
  });
});
