// Issue #13: versioned behaviour (0.3.x vs 0.4.x) and what 0.3.17–0.4.x added, each provoked against the mock.
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli';
import { resolveVersion, versionBehaviour } from './lmstudio-version';
import { call, ssePayloads } from './mock-http.test-utils';
import type { MockModel } from './mock-model';
import { DEFAULT_MOCK_LMSTUDIO_VERSION, TOKEN_MESSAGES } from './start-mock-lmstudio';
import { mockPerTest } from './testing/mock-per-test';

const user = (content: string) => [{ role: 'user', content }];

/** Named SSE events (`event: x\ndata: {...}`) as `[name, data]` pairs. */
function namedEvents(text: string): [string, Record<string, unknown>][] {
  return text
    .split('\n\n')
    .filter((frame) => frame.trim() !== '')
    .map((frame) => {
      const name = /^event: (.+)$/m.exec(frame)?.[1] ?? '';
      const data = /^data: (.+)$/m.exec(frame)?.[1] ?? 'null';
      return [name, JSON.parse(data) as Record<string, unknown>];
    });
}

const TOKEN = 'sk-lm-AbCd1234:abcdefghij0123456789';

describe('mock LM Studio: versions 0.3.x / 0.4.x (issue #13)', () => {
  const start = mockPerTest();

  it('accepts the 0.3.x / 0.4.x aliases (option and --version), the default being the current 0.4.x', () => {
    expect(resolveVersion('0.3.x')).toBe('0.3.35');
    expect(resolveVersion('0.4.x')).toBe(DEFAULT_MOCK_LMSTUDIO_VERSION);
    expect(versionBehaviour('0.3.x')).toMatchObject({ hasApiV1: false, hasResponsesApi: true, overflowWording: 'legacy', apiTokens: false });
    expect(versionBehaviour('0.4.x')).toMatchObject({ hasApiV1: true, hasMessagesApi: true, overflowWording: 'n_keep', overflowAsOkWithError: true });
    expect(parseCliArgs(['--version', '0.3.x'])).toMatchObject({ version: '0.3.x' });
    expect(parseCliArgs(['--version=0.4.x', '--context-overflow', 'empty-deltas', '--answer-with-loaded-model'])).toMatchObject({
      version: '0.4.x',
      contextOverflow: 'empty-deltas',
      answerWithLoadedModel: true,
    });
    expect(() => parseCliArgs(['--version', 'latest'])).toThrow(/0\.3\.x, 0\.4\.x/);
    expect(() => parseCliArgs(['--context-overflow', 'silent'])).toThrow(/empty-deltas/);
  });

  it('0.3.x keeps the old overflow wording, 0.4.x uses n_keep', async () => {
    const long = 'word '.repeat(6000);
    const old = await start({ version: '0.3.x' });
    const res = await call(old.url, 'POST', '/v1/chat/completions', { messages: user(long) });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.json)).toMatch(/Trying to keep the first \d+ tokens when context the overflows/);
    await old.close();
    const current = await start({ version: '0.4.x' });
    const now = await call(current.url, 'POST', '/v1/chat/completions', { messages: user(long) });
    expect(now.status).toBe(200);
    expect(now.json).toEqual({ error: expect.stringMatching(/^The number of tokens to keep from the initial prompt is greater than the context length \(n_keep: \d+ >= n_ctx: 4096\)/) });
  });

  describe('/api/v0/models honours JIT (0.3.17+)', () => {
    it('JIT off → only loaded models on 0.3.17+, every downloaded model before', async () => {
      const models: MockModel[] = [
        { id: 'loaded-one', type: 'llm', loaded: true },
        { id: 'on-disk', type: 'llm' },
      ];
      const current = await start({ jit: false, models });
      const ids = ((await call(current.url, 'GET', '/api/v0/models')).json as { data: { id: string }[] }).data.map((row) => row.id);
      expect(ids).toEqual(['loaded-one']);
      await current.close();
      const older = await start({ jit: false, models, version: '0.3.16' });
      const all = ((await call(older.url, 'GET', '/api/v0/models')).json as { data: { id: string }[] }).data.map((row) => row.id);
      expect(all).toEqual(['loaded-one', 'on-disk']);
      await older.close();
      const jitOn = await start({ models });
      expect(((await call(jitOn.url, 'GET', '/api/v0/models')).json as { data: unknown[] }).data).toHaveLength(2);
    });
  });

  describe('API tokens (0.4.0+)', () => {
    it('tells "none provided", "malformed" and "invalid" apart, all 401 invalid_api_key; the right token passes', async () => {
      const server = await start({ apiToken: TOKEN });
      const ask = (authorization?: string) => call(server.url, 'GET', '/v1/models', undefined, authorization ? { authorization } : {});
      const body = (message: string) => ({ error: { type: 'invalid_request', code: 'invalid_api_key', message } });
      expect(await ask().then((res) => [res.status, res.json])).toEqual([401, body(TOKEN_MESSAGES.missing)]);
      expect(await ask('Bearer lm-studio').then((res) => [res.status, res.json])).toEqual([401, body(TOKEN_MESSAGES.malformed)]);
      expect(await ask('Bearer sk-lm-AbCd1234:zzzzzzzzzzzzzzzzzzzz').then((res) => [res.status, res.json])).toEqual([401, body(TOKEN_MESSAGES.invalid)]);
      expect(TOKEN_MESSAGES.missing).toMatch(/^An LM Studio API token is required to make requests to this server, but none was provided/);
      expect(TOKEN_MESSAGES.malformed).toMatch(/^Malformed LM Studio API token/);
      expect((await ask(`Bearer ${TOKEN}`)).status).toBe(200);
      const messages = await call(server.url, 'POST', '/v1/messages', { model: 'qwen2.5-7b-instruct', max_tokens: 8, messages: user('Say hi') }, { 'x-api-key': TOKEN });
      expect(messages.status).toBe(200);
    });

    it('before 0.4.0 a wrong token is just invalid (no format check)', async () => {
      const server = await start({ apiToken: TOKEN, version: '0.3.35' });
      const res = await call(server.url, 'GET', '/v1/models', undefined, { authorization: 'Bearer lm-studio' });
      expect(res.json).toMatchObject({ error: { message: TOKEN_MESSAGES.invalid } });
    });
  });

  it('JIT off + another model loaded: a downloaded, unloaded model gets "Invalid model identifier" listing the loaded models', async () => {
    const server = await start({ jit: false });
    const res = await call(server.url, 'POST', '/v1/chat/completions', { model: 'google/gemma-3-4b', messages: user('hi') });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      error: {
        message: 'Invalid model identifier "google/gemma-3-4b". Please specify a valid downloaded model (e.g., qwen2.5-7b-instruct).',
        type: 'invalid_request_error',
        param: 'model',
        code: 'model_not_found',
      },
    });
  });

  it('answerWithLoadedModel: the loaded model answers, and the response model says so', async () => {
    const server = await start({ answerWithLoadedModel: true });
    const res = await call(server.url, 'POST', '/v1/chat/completions', { model: 'google/gemma-3-4b', messages: user('Say ok') });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ model: 'qwen2.5-7b-instruct', choices: [{ message: { content: 'ok' } }] });
    expect(server.model('google/gemma-3-4b')?.state).toBe('not-loaded');
    const stream = await call(server.url, 'POST', '/v1/chat/completions', { model: 'google/gemma-3-4b', messages: user('Say ok'), stream: true });
    expect(JSON.parse(ssePayloads(stream.text)[0] ?? '{}')).toMatchObject({ model: 'qwen2.5-7b-instruct' });
  });

  describe('/api/v1/models (0.4.x): reasoning, variants, load config, second instances', () => {
    const models: MockModel[] = [
      {
        id: 'openai/gpt-oss-20b',
        type: 'llm',
        publisher: 'openai',
        loaded: true,
        instances: 2,
        reasoning: { allowedOptions: ['low', 'medium', 'high'], default: 'low' },
        variants: ['openai/gpt-oss-20b@mxfp4', 'openai/gpt-oss-20b@q8_0'],
        loadConfig: { evalBatchSize: 512, parallel: 4, flashAttention: true, numExperts: 4, offloadKvCacheToGpu: true },
        capabilities: ['tool_use'],
      },
    ];
    it('lists them and answers requests for `model:2`', async () => {
      const server = await start({ models });
      const list = (await call(server.url, 'GET', '/api/v1/models')).json as { models: Record<string, unknown>[] };
      expect(list.models[0]).toMatchObject({
        key: 'openai/gpt-oss-20b',
        capabilities: { vision: false, trained_for_tool_use: true, reasoning: { allowed_options: ['low', 'medium', 'high'], default: 'low' } },
        variants: ['openai/gpt-oss-20b@mxfp4', 'openai/gpt-oss-20b@q8_0'],
        selected_variant: 'openai/gpt-oss-20b@mxfp4',
        loaded_instances: [
          { id: 'openai/gpt-oss-20b', config: { context_length: 4096, eval_batch_size: 512, parallel: 4, flash_attention: true, num_experts: 4, offload_kv_cache_to_gpu: true } },
          { id: 'openai/gpt-oss-20b:2', config: { context_length: 4096, eval_batch_size: 512, parallel: 4, flash_attention: true, num_experts: 4, offload_kv_cache_to_gpu: true } },
        ],
      });
      const second = await call(server.url, 'POST', '/v1/chat/completions', { model: 'openai/gpt-oss-20b:2', messages: user('Say two') });
      expect(second.json).toMatchObject({ model: 'openai/gpt-oss-20b:2', choices: [{ message: { content: 'two' } }] });
      const third = await call(server.url, 'POST', '/v1/chat/completions', { model: 'openai/gpt-oss-20b:3', messages: user('Say three') });
      expect(third.status).toBe(400);
    });
  });

  describe('/v1/responses (0.3.29+)', () => {
    it('answers text in the Responses shape', async () => {
      const server = await start();
      const res = await call(server.url, 'POST', '/v1/responses', { model: 'qwen2.5-7b-instruct', input: 'Say hello' });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({
        id: expect.stringMatching(/^resp_[a-z0-9]+$/),
        object: 'response',
        status: 'completed',
        model: 'qwen2.5-7b-instruct',
        output: [{ type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'hello', annotations: [] }] }],
        usage: { input_tokens: expect.any(Number), output_tokens: expect.any(Number), total_tokens: expect.any(Number) },
      });
    });

    it('streams named events from response.created to response.completed', async () => {
      const server = await start();
      const res = await call(server.url, 'POST', '/v1/responses', { model: 'qwen2.5-7b-instruct', input: [{ role: 'user', content: 'Say hello world' }], stream: true });
      expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
      const events = namedEvents(res.text);
      expect(events.map(([name]) => name)).toEqual([
        'response.created',
        'response.output_item.added',
        'response.content_part.added',
        'response.output_text.delta',
        'response.output_text.delta',
        'response.output_text.done',
        'response.content_part.done',
        'response.output_item.done',
        'response.completed',
      ]);
      expect(events.every(([name, data]) => data.type === name)).toBe(true);
      expect(events.filter(([name]) => name === 'response.output_text.delta').map(([, data]) => data.delta).join('')).toBe('hello world');
      expect(events.at(-1)?.[1]).toMatchObject({ response: { status: 'completed', output: [{ content: [{ text: 'hello world' }] }] } });
    });

    it('function tools → function_call items (whole and streamed); function_call_output → a text answer', async () => {
      const server = await start();
      const tools = [{ type: 'function', name: 'get_weather', description: 'Weather of a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }];
      const res = await call(server.url, 'POST', '/v1/responses', { model: 'qwen2.5-7b-instruct', input: 'What is the weather in Paris', tools });
      const output = (res.json as { output: Record<string, unknown>[] }).output;
      expect(output).toEqual([
        { id: expect.stringMatching(/^fc_/), type: 'function_call', status: 'completed', arguments: '{"city":"Paris"}', call_id: expect.stringMatching(/^\d+$/), name: 'get_weather' },
      ]);
      const stream = await call(server.url, 'POST', '/v1/responses', { model: 'qwen2.5-7b-instruct', input: 'What is the weather in Paris', tools, stream: true });
      const events = namedEvents(stream.text);
      expect(events.filter(([name]) => name === 'response.function_call_arguments.delta').map(([, data]) => data.delta).join('')).toBe('{"city":"Paris"}');
      expect(events.at(-1)?.[1]).toMatchObject({ response: { output: [{ type: 'function_call', name: 'get_weather' }] } });
      const answer = await call(server.url, 'POST', '/v1/responses', {
        model: 'qwen2.5-7b-instruct',
        tools,
        input: [{ role: 'user', content: 'Weather in Paris?' }, output[0], { type: 'function_call_output', call_id: output[0]?.call_id, output: 'sunny' }],
      });
      expect(answer.json).toMatchObject({ output: [{ type: 'message', content: [{ type: 'output_text', text: 'The tool returned: sunny' }] }] });
    });

    it('missing input → 400 missing_required_parameter; before 0.3.29 → the 200 "Unexpected endpoint" body', async () => {
      const server = await start();
      const bad = await call(server.url, 'POST', '/v1/responses', { model: 'qwen2.5-7b-instruct' });
      expect([bad.status, bad.json]).toEqual([400, { error: { message: 'Required', type: 'invalid_request_error', param: 'input', code: 'missing_required_parameter' } }]);
      await server.close();
      const old = await start({ version: '0.3.28' });
      const res = await call(old.url, 'POST', '/v1/responses', { model: 'qwen2.5-7b-instruct', input: 'hi' });
      expect([res.status, res.json]).toEqual([200, { error: 'Unexpected endpoint or method. (POST /v1/responses)' }]);
    });
  });

  describe('/api/v1/chat (0.4.0+)', () => {
    it('answers text with output, stats and response_id', async () => {
      const server = await start();
      const res = await call(server.url, 'POST', '/api/v1/chat', { model: 'qwen2.5-7b-instruct', input: 'Say hello', system_prompt: 'Be brief.' });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({
        model_instance_id: 'qwen2.5-7b-instruct',
        output: [{ type: 'message', content: 'hello' }],
        stats: { input_tokens: expect.any(Number), total_output_tokens: expect.any(Number), reasoning_output_tokens: 0, tokens_per_second: expect.any(Number), time_to_first_token_seconds: expect.any(Number) },
        response_id: expect.stringMatching(/^resp_/),
      });
    });

    it('streams chat.start … message.delta … chat.end, whose result equals the non-stream body shape', async () => {
      const server = await start();
      const res = await call(server.url, 'POST', '/api/v1/chat', { model: 'qwen2.5-7b-instruct', input: 'Say hello there', stream: true });
      const events = namedEvents(res.text);
      const names = events.map(([name]) => name);
      expect(names[0]).toBe('chat.start');
      expect(names.at(-1)).toBe('chat.end');
      expect(names).toContain('prompt_processing.end');
      expect(events.filter(([name]) => name === 'message.delta').map(([, data]) => data.content).join('')).toBe('hello there');
      expect(events.at(-1)?.[1]).toMatchObject({ type: 'chat.end', result: { model_instance_id: 'qwen2.5-7b-instruct', output: [{ type: 'message', content: 'hello there' }] } });
    });

    it('a streamed request for an unloaded model reports the JIT load with model_load.* events first', async () => {
      const server = await start({ loadDelayMs: 50 });
      const res = await call(server.url, 'POST', '/api/v1/chat', { model: 'google/gemma-3-4b', input: 'Say hi', stream: true });
      const names = namedEvents(res.text).map(([name]) => name);
      expect(names.slice(0, 6)).toEqual(['chat.start', 'model_load.start', 'model_load.progress', 'model_load.end', 'prompt_processing.start', 'prompt_processing.progress']);
      expect(namedEvents(res.text).find(([name]) => name === 'model_load.end')?.[1].load_time_seconds as number).toBeGreaterThanOrEqual(0.04);
      expect(server.model('google/gemma-3-4b')?.state).toBe('loaded');
      expect(names.at(-1)).toBe('chat.end');
    });

    it('v1 errors: missing model, unknown model; before 0.4.0 → "Unexpected endpoint"', async () => {
      const server = await start();
      const missing = await call(server.url, 'POST', '/api/v1/chat', { input: 'hi' });
      expect([missing.status, missing.json]).toEqual([400, { error: { type: 'invalid_request', message: "'model' is required", code: 'missing_required_parameter', param: 'model' } }]);
      const unknown = await call(server.url, 'POST', '/api/v1/chat', { model: 'nope', input: 'hi' });
      expect(unknown.status).toBe(404);
      expect(unknown.json).toMatchObject({ error: { type: 'model_not_found', param: 'model' } });
      await server.close();
      const old = await start({ version: '0.3.x' });
      const res = await call(old.url, 'POST', '/api/v1/chat', { model: 'qwen2.5-7b-instruct', input: 'hi' });
      expect([res.status, res.json]).toEqual([200, { error: 'Unexpected endpoint or method. (POST /api/v1/chat)' }]);
    });
  });

  describe('/v1/messages (0.4.1+, Anthropic-compatible)', () => {
    it('answers text in the Messages shape', async () => {
      const server = await start();
      const res = await call(server.url, 'POST', '/v1/messages', {
        model: 'qwen2.5-7b-instruct',
        max_tokens: 64,
        system: 'Be brief.',
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Say hello' }] }],
      });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({
        id: expect.stringMatching(/^msg_/),
        type: 'message',
        role: 'assistant',
        model: 'qwen2.5-7b-instruct',
        content: [{ type: 'text', text: 'hello' }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: expect.any(Number), output_tokens: expect.any(Number) },
      });
    });

    it('streams message_start … content_block_delta … message_stop; max_tokens → stop_reason max_tokens', async () => {
      const server = await start();
      const res = await call(server.url, 'POST', '/v1/messages', { model: 'qwen2.5-7b-instruct', max_tokens: 1, messages: user('Say hello world'), stream: true });
      const events = namedEvents(res.text);
      expect(events.map(([name]) => name)).toEqual(['message_start', 'content_block_start', 'ping', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
      expect(events[3]?.[1]).toEqual({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'hello' } });
      expect(events[5]?.[1]).toMatchObject({ delta: { stop_reason: 'max_tokens', stop_sequence: null } });
    });

    it('tools with input_schema → tool_use blocks and stop_reason tool_use (whole and streamed); tool_result → text', async () => {
      const server = await start();
      const tools = [{ name: 'get_weather', description: 'Weather of a city', input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }];
      const res = await call(server.url, 'POST', '/v1/messages', { model: 'qwen2.5-7b-instruct', max_tokens: 64, tools, messages: user('What is the weather in Paris') });
      expect(res.json).toMatchObject({ stop_reason: 'tool_use', content: [{ type: 'tool_use', id: expect.stringMatching(/^toolu_/), name: 'get_weather', input: { city: 'Paris' } }] });
      const stream = await call(server.url, 'POST', '/v1/messages', { model: 'qwen2.5-7b-instruct', max_tokens: 64, tools, messages: user('What is the weather in Paris'), stream: true });
      const events = namedEvents(stream.text);
      expect(events[1]?.[1]).toMatchObject({ type: 'content_block_start', index: 0, content_block: { type: 'tool_use', name: 'get_weather', input: {} } });
      expect(events.filter(([name]) => name === 'content_block_delta').map(([, data]) => (data.delta as { partial_json: string }).partial_json).join('')).toBe('{"city":"Paris"}');
      expect(events.find(([name]) => name === 'message_delta')?.[1]).toMatchObject({ delta: { stop_reason: 'tool_use' } });
      const toolUse = (res.json as { content: { id: string }[] }).content[0];
      const answer = await call(server.url, 'POST', '/v1/messages', {
        model: 'qwen2.5-7b-instruct',
        max_tokens: 64,
        tools,
        messages: [
          { role: 'user', content: 'Weather in Paris?' },
          { role: 'assistant', content: [toolUse] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse?.id, content: 'sunny' }] },
        ],
      });
      expect(answer.json).toMatchObject({ stop_reason: 'end_turn', content: [{ type: 'text', text: 'The tool returned: sunny' }] });
    });

    it('before 0.4.1 → the 200 "Unexpected endpoint" body', async () => {
      const server = await start({ version: '0.4.0' });
      const res = await call(server.url, 'POST', '/v1/messages', { model: 'qwen2.5-7b-instruct', max_tokens: 8, messages: user('hi') });
      expect([res.status, res.json]).toEqual([200, { error: 'Unexpected endpoint or method. (POST /v1/messages)' }]);
    });
  });
});
