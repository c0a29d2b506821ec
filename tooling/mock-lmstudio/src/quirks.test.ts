// LM Studio quirks from docs/api-facts.md 3.1–3.6, each provoked against the mock.
import { describe, expect, it } from 'vitest';
import { call, sseJson } from './mock-http.test-utils';
import { startMockLMStudio } from './start-mock-lmstudio';
import { chatChunkSchema, chatCompletionSchema, objectErrorSchema, stringErrorSchema } from './wire-schemas.test-utils';
import { mockPerTest } from './testing/mock-per-test';

const user = (content: string) => [{ role: 'user', content }];
const NO_MODELS = "No models loaded. Please load a model in the developer page or use the 'lms load' command.";

interface ChatBody {
  choices: { finish_reason: string; message: { content?: string; tool_calls?: { id: string; function: { name: string; arguments: string } }[] } }[];
  usage: { completion_tokens: number };
}

describe('mock LM Studio quirks', () => {
  const start = mockPerTest();

  describe('unknown path or method → HTTP 200 with an error body', () => {
    for (const [method, path] of [
      ['GET', '/'],
      ['GET', '/health'],
      ['GET', '/api/health'],
      ['POST', '/chat/completions'],
      ['GET', '/v1/chat/completions'],
      ['OPTIONS', '/v1/models'],
      ['GET', '/v1/models/qwen2.5-7b-instruct'],
    ] as const) {
      it(`${method} ${path}`, async () => {
        const server = await start();
        const res = await call(server.url, method, path, method === 'POST' ? { messages: [] } : undefined);
        expect(res.status).toBe(200);
        expect(res.text).toBe(JSON.stringify({ error: `Unexpected endpoint or method. (${method} ${path})` }));
        expect(res.headers.get('access-control-allow-origin')).toBeNull();
      });
    }

    it('/api/v1 paths are unknown before 0.4.0', async () => {
      const server = await start({ version: '0.3.30' });
      const res = await call(server.url, 'GET', '/api/v1/models');
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ error: 'Unexpected endpoint or method. (GET /api/v1/models)' });
    });

    it('with CORS on, preflights get 204 and responses get permissive headers ([inferred])', async () => {
      const server = await start({ cors: true });
      const preflight = await call(server.url, 'OPTIONS', '/v1/models');
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
      expect((await call(server.url, 'GET', '/v1/models')).headers.get('access-control-allow-origin')).toBe('*');
    });
  });

  describe('request validation', () => {
    it("response_format json_object → 400 {\"error\":\"'response_format.type' must be 'json_schema' or 'text'\"}", async () => {
      const server = await start();
      const res = await call(server.url, 'POST', '/v1/chat/completions', { model: 'qwen2.5-7b-instruct', messages: user('hi'), response_format: { type: 'json_object' } });
      expect(res.status).toBe(400);
      expect(res.text).toBe(`{"error":"'response_format.type' must be 'json_schema' or 'text'"}`);
      const text = await call(server.url, 'POST', '/v1/chat/completions', { model: 'qwen2.5-7b-instruct', messages: user('hi'), response_format: { type: 'text' } });
      expect(text.status).toBe(200);
    });

    it('json_schema → content that parses and follows the schema', async () => {
      const server = await start();
      const schema = {
        type: 'object',
        properties: {
          name: { type: 'string', minLength: 3 },
          age: { type: 'integer', minimum: 18 },
          tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] }, minItems: 2 },
          address: { $ref: '#/$defs/address' },
          nickname: { type: 'string' },
        },
        required: ['name', 'age', 'tags', 'address'],
        additionalProperties: false,
        $defs: { address: { type: 'object', properties: { city: { type: 'string' }, zip: { type: ['string', 'null'] } }, required: ['city', 'zip'] } },
      };
      for (const stream of [false, true]) {
        const res = await call(server.url, 'POST', '/v1/chat/completions', {
          model: 'qwen2.5-7b-instruct',
          messages: user('Describe a person from Lyon'),
          response_format: { type: 'json_schema', json_schema: { name: 'person', strict: true, schema } },
          stream,
        });
        const content = stream
          ? sseJson(res.text).map((chunk) => chatChunkSchema.parse(chunk).choices[0].delta.content ?? '').join('')
          : ((res.json as ChatBody).choices[0]?.message.content ?? '');
        const value = JSON.parse(content) as Record<string, unknown>;
        expect(Object.keys(value).sort()).toEqual(['address', 'age', 'name', 'tags']);
        expect(typeof value.name === 'string' && value.name.length >= 3).toBe(true);
        expect(Number.isInteger(value.age) && (value.age as number) >= 18).toBe(true);
        expect(value.tags).toEqual(['a', 'a']);
        expect(value.address).toEqual({ city: 'Lyon', zip: 'Lyon' });
      }
    });

    it("missing messages → 400 \"'messages' field is required\"; invalid JSON → 400", async () => {
      const server = await start();
      const missing = await call(server.url, 'POST', '/v1/chat/completions', { model: 'qwen2.5-7b-instruct' });
      expect(missing.status).toBe(400);
      expect(missing.json).toEqual({ error: "'messages' field is required" });
      const broken = await call(server.url, 'POST', '/v1/chat/completions', '{"model":');
      expect(broken.status).toBe(400);
      stringErrorSchema.parse(broken.json);
    });
  });

  describe('model errors and both error-body shapes', () => {
    it('unknown model (0.4.x) → 400 "Invalid model identifier" object with code model_not_found', async () => {
      const server = await start();
      const res = await call(server.url, 'POST', '/v1/chat/completions', { model: 'o4-mini', messages: user('hi') });
      expect(res.status).toBe(400);
      expect(res.json).toEqual({
        error: {
          message: 'Invalid model identifier "o4-mini". Please specify a valid downloaded model (e.g., qwen2.5-7b-instruct, google/gemma-3-4b, text-embedding-nomic-embed-text-v1.5).',
          type: 'invalid_request_error',
          param: 'model',
          code: 'model_not_found',
        },
      });
    });

    it('unknown model (0.3.10) → 404 "Model ... not found" listing the models', async () => {
      const server = await start({ version: '0.3.10' });
      const res = await call(server.url, 'POST', '/v1/chat/completions', { model: 'default', messages: user('hi') });
      expect(res.status).toBe(404);
      const body = objectErrorSchema.parse(res.json);
      expect(body.error.message).toMatch(/^Model "default" not found\. Please specify a valid model\.\n\nYour models:\n\n/);
      expect(body.error.code).toBe('model_not_found');
    });

    it('JIT off, nothing loaded → "No models loaded": object 400 (0.4.x), string 400 (0.3.20), string 404 (0.3.5)', async () => {
      const models = [{ id: 'm', type: 'llm' as const }];
      const cases = [
        { version: '0.4.1', status: 400, body: { error: { message: NO_MODELS, type: 'invalid_request_error', param: 'model', code: null } } },
        { version: '0.3.20', status: 400, body: { error: NO_MODELS } },
        { version: '0.3.5', status: 404, body: { error: NO_MODELS } },
      ];
      for (const expected of cases) {
        const server = await startMockLMStudio({ version: expected.version, jit: false, models });
        try {
          const res = await call(server.url, 'POST', '/v1/chat/completions', { model: 'm', messages: user('hi') });
          expect({ version: expected.version, status: res.status, body: res.json }).toEqual(expected);
        } finally {
          await server.close();
        }
      }
    });

    it('errorShape forces the shape whatever the version', async () => {
      const server = await start({ jit: false, models: [{ id: 'm', type: 'llm' }], errorShape: 'string' });
      const res = await call(server.url, 'POST', '/v1/chat/completions', { model: 'm', messages: user('hi') });
      expect(res.json).toEqual({ error: NO_MODELS });
      const other = await startMockLMStudio({ jit: false, models: [{ id: 'm', type: 'llm' }], version: '0.3.20', errorShape: 'object' });
      try {
        objectErrorSchema.parse((await call(other.url, 'POST', '/v1/chat/completions', { model: 'm', messages: user('hi') })).json);
      } finally {
        await other.close();
      }
    });

    it('JIT off with another model loaded → invalid identifier listing only loaded models; /v1/models lists only loaded', async () => {
      const server = await start({ jit: false });
      const res = await call(server.url, 'POST', '/v1/chat/completions', { model: 'google/gemma-3-4b', messages: user('hi') });
      expect(res.status).toBe(400);
      expect(objectErrorSchema.parse(res.json).error.message).toContain('(e.g., qwen2.5-7b-instruct).');
      const list = await call(server.url, 'GET', '/v1/models');
      expect(list.json).toEqual({ data: [{ id: 'qwen2.5-7b-instruct', object: 'model', owned_by: 'organization_owner' }], object: 'list' });
    });

    it('using an embeddings model for chat, or an llm for embeddings → 400 ([inferred])', async () => {
      const server = await start();
      expect((await call(server.url, 'POST', '/v1/chat/completions', { model: 'text-embedding-nomic-embed-text-v1.5', messages: user('hi') })).status).toBe(400);
      expect((await call(server.url, 'POST', '/v1/embeddings', { model: 'qwen2.5-7b-instruct', input: 'hi' })).status).toBe(400);
    });

    it('GET /api/v0/models/{unknown} → 404 model_not_found ([inferred])', async () => {
      const server = await start();
      const res = await call(server.url, 'GET', '/api/v0/models/nope');
      expect(res.status).toBe(404);
      expect(objectErrorSchema.parse(res.json).error.code).toBe('model_not_found');
    });
  });

  describe('model identifiers', () => {
    it('accepts publisher/id and id@quantization and echoes what the client sent', async () => {
      const server = await start();
      for (const model of ['lmstudio-community/qwen2.5-7b-instruct', 'qwen2.5-7b-instruct@q4_k_m']) {
        const res = await call(server.url, 'POST', '/v1/chat/completions', { model, messages: user('hi') });
        expect(res.status).toBe(200);
        expect(chatCompletionSchema.parse(res.json)).toMatchObject({ model, system_fingerprint: model });
      }
    });

    it('without model uses the loaded model ([inferred])', async () => {
      const server = await start();
      const res = await call(server.url, 'POST', '/v1/chat/completions', { messages: user('hi') });
      expect(chatCompletionSchema.parse(res.json).model).toBe('qwen2.5-7b-instruct');
    });
  });

  describe('observed oddities', () => {
    it('duplicateLoadedRows lists a loaded model twice in /api/v0/models (loaded + not-loaded)', async () => {
      const server = await start({ duplicateLoadedRows: true });
      const rows = ((await call(server.url, 'GET', '/api/v0/models')).json as { data: { id: string; state: string }[] }).data;
      expect(rows.filter((row) => row.id === 'qwen2.5-7b-instruct').map((row) => row.state)).toEqual(['loaded', 'not-loaded']);
    });

    it('0.3.14 with exactly one model loaded ignores a wrong model name', async () => {
      const server = await start({ version: '0.3.14', jit: false });
      const res = await call(server.url, 'POST', '/v1/chat/completions', { model: 'gpt-4o', messages: user('hi') });
      expect(res.status).toBe(200);
      expect(chatCompletionSchema.parse(res.json).model).toBe('gpt-4o');
    });
  });

  describe('version-dependent fields', () => {
    it('0.3.17 ignores stream_options.include_usage; 0.3.34 has no tool_calls: []; 0.3.15 has no v0 capabilities; 0.3.13 no stats {}', async () => {
      const old = await start({ version: '0.3.13' });
      const chunks = sseJson((await call(old.url, 'POST', '/v1/chat/completions', { messages: user('hi'), stream: true, stream_options: { include_usage: true } })).text);
      expect(chunks.every((chunk) => !Object.hasOwn(chunk as object, 'usage'))).toBe(true);
      const body = (await call(old.url, 'POST', '/v1/chat/completions', { messages: user('hi') })).json as Record<string, unknown>;
      expect(body).not.toHaveProperty('stats');
      expect((body as unknown as ChatBody).choices[0]?.message).not.toHaveProperty('tool_calls');
      const v0 = (await call(old.url, 'GET', '/api/v0/models')).json as { data: object[] };
      expect(v0.data.every((row) => !('capabilities' in row))).toBe(true);
    });
  });

  describe('context overflow', () => {
    const longPrompt = 'word '.repeat(6000);
    it('0.3.x → 400 with the llama.cpp message', async () => {
      const server = await start({ version: '0.3.20' });
      const res = await call(server.url, 'POST', '/v1/chat/completions', { messages: user(longPrompt) });
      expect(res.status).toBe(400);
      expect(stringErrorSchema.parse(res.json).error).toMatch(/^Trying to keep the first \d+ tokens when context the overflows\. However, the model is loaded with context length of only 4096 tokens/);
    });
    it('0.4.0–0.4.20 → 400 with the n_keep wording as a string body', async () => {
      const server = await start({ version: '0.4.1' });
      const res = await call(server.url, 'POST', '/v1/chat/completions', { messages: user(longPrompt) });
      expect(res.status).toBe(400);
      expect(stringErrorSchema.parse(res.json).error).toMatch(
        /^The number of tokens to keep from the initial prompt is greater than the context length \(n_keep: \d+ >= n_ctx: 4096\)\. Try to load the model/,
      );
    });
    it('0.4.21+ (the default) → 200 with the error body, or an error event inside the stream ([inferred])', async () => {
      const server = await start();
      const res = await call(server.url, 'POST', '/v1/chat/completions', { messages: user(longPrompt) });
      expect(res.status).toBe(200);
      expect(stringErrorSchema.parse(res.json).error).toMatch(/\(n_keep: \d+ >= n_ctx: 4096\)/);
      const stream = await call(server.url, 'POST', '/v1/chat/completions', { messages: user(longPrompt), stream: true });
      expect(stream.status).toBe(200);
      expect(stream.text).not.toContain('[DONE]');
      expect(sseJson(stream.text)[0]).toHaveProperty('error.message');
    });
    it('contextOverflow: "cannot-truncate" → the other 0.4.x wording', async () => {
      const server = await start({ version: '0.4.5', contextOverflow: 'cannot-truncate' });
      const res = await call(server.url, 'POST', '/v1/chat/completions', { messages: user(longPrompt) });
      expect({ status: res.status, body: res.json }).toEqual({ status: 400, body: { error: expect.stringMatching(/^Cannot truncate prompt with n_keep \(\d+\) >= n_ctx \(4096\)$/) } });
    });
    it('contextOverflow: "empty-deltas" → a 200 stream of empty deltas ending with finish_reason stop and [DONE]', async () => {
      const server = await start({ contextOverflow: 'empty-deltas' });
      const stream = await call(server.url, 'POST', '/v1/chat/completions', { messages: user(longPrompt), stream: true });
      expect(stream.status).toBe(200);
      expect(stream.text.endsWith('data: [DONE]\n\n')).toBe(true);
      const chunks = sseJson(stream.text).map((chunk) => chatChunkSchema.parse(chunk));
      expect(chunks.length).toBeGreaterThan(2);
      expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe('');
      expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
      // A prompt that fits is answered normally.
      const fits = await call(server.url, 'POST', '/v1/chat/completions', { messages: user('Say hello') });
      expect((fits.json as ChatBody).choices[0]?.message.content).toBe('hello');
    });
  });

  describe('deterministic generation', () => {
    it('same request + seed → same text; another seed → other text', async () => {
      const a = await start({ seed: 1 });
      const body = { messages: user('Tell me something about local models') };
      const first = ((await call(a.url, 'POST', '/v1/chat/completions', body)).json as ChatBody).choices[0]?.message.content;
      const again = ((await call(a.url, 'POST', '/v1/chat/completions', body)).json as ChatBody).choices[0]?.message.content;
      expect(again).toBe(first);
      const b = await startMockLMStudio({ seed: 2 });
      try {
        const other = ((await call(b.url, 'POST', '/v1/chat/completions', body)).json as ChatBody).choices[0]?.message.content;
        expect(other).not.toBe(first);
      } finally {
        await b.close();
      }
    });

    it('"say X" prompts are echoed', async () => {
      const server = await start();
      const res = await call(server.url, 'POST', '/v1/chat/completions', { messages: user('Reply with exactly: pong') });
      expect((res.json as ChatBody).choices[0]?.message.content).toBe('pong');
    });

    it('max_tokens → finish_reason length; stop strings cut the text', async () => {
      const server = await start({ replies: [{ content: 'one two three four five' }, { content: 'alpha beta. gamma' }] });
      const limited = (await call(server.url, 'POST', '/v1/chat/completions', { messages: user('x'), max_tokens: 2 })).json as ChatBody;
      expect(limited.choices[0]).toMatchObject({ finish_reason: 'length', message: { content: 'one two' } });
      expect(limited.usage.completion_tokens).toBe(2);
      const stopped = (await call(server.url, 'POST', '/v1/chat/completions', { messages: user('x'), stop: ['.'] })).json as ChatBody;
      expect(stopped.choices[0]).toMatchObject({ finish_reason: 'stop', message: { content: 'alpha beta' } });
    });

    it('scripted replies: queue in order, then generated; function replies; setReplies', async () => {
      const server = await start({ replies: [{ content: 'first' }, { content: 'second' }] });
      const texts: (string | undefined)[] = [];
      for (let i = 0; i < 3; i++) texts.push(((await call(server.url, 'POST', '/v1/chat/completions', { messages: user('hello') })).json as ChatBody).choices[0]?.message.content);
      expect(texts.slice(0, 2)).toEqual(['first', 'second']);
      expect(texts[2]).toMatch(/^[A-Z].+\.$/);
      server.setReplies((context) => ({ content: `echo:${context.lastUserText}:${context.model}` }));
      const res = (await call(server.url, 'POST', '/v1/chat/completions', { messages: user('abc') })).json as ChatBody;
      expect(res.choices[0]?.message.content).toBe('echo:abc:qwen2.5-7b-instruct');
    });

    it('scripted parallel tool calls stream with distinct indexes; string arguments are sent verbatim', async () => {
      const server = await start({
        replies: [{ toolCalls: [{ name: 'a', arguments: { x: 1 }, id: '111' }, { name: 'b', arguments: '{"broken":' }] }],
      });
      const res = await call(server.url, 'POST', '/v1/chat/completions', { messages: user('go'), stream: true });
      const fragments = sseJson(res.text).flatMap((chunk) => chatChunkSchema.parse(chunk).choices[0].delta.tool_calls ?? []);
      const byIndex = new Map<number, string>();
      for (const fragment of fragments) byIndex.set(fragment.index, (byIndex.get(fragment.index) ?? '') + fragment.function.arguments);
      expect([...byIndex.entries()]).toEqual([
        [0, '{"x":1}'],
        [1, '{"broken":'],
      ]);
      expect(fragments[0]).toMatchObject({ id: '111', function: { name: 'a' } });
    });

    it('scripted reasoning goes to reasoning_content (default) or reasoning, before the content', async () => {
      const server = await start({ replies: [{ reasoning: 'think first', content: 'answer' }, { reasoning: 'again', content: 'done' }] });
      const plain = chatCompletionSchema.parse((await call(server.url, 'POST', '/v1/chat/completions', { messages: user('q') })).json);
      expect(plain.choices[0]?.message).toMatchObject({ reasoning_content: 'think first', content: 'answer' });
      const streamed = sseJson((await call(server.url, 'POST', '/v1/chat/completions', { messages: user('q'), stream: true })).text).map((c) => chatChunkSchema.parse(c));
      expect(streamed.map((c) => c.choices[0].delta.reasoning_content ?? '').join('')).toBe('again');
      expect(streamed.map((c) => c.choices[0].delta.content ?? '').join('')).toBe('done');
      expect(streamed[0]?.choices[0].delta).toEqual({ role: 'assistant', reasoning_content: 'again' });
      const gptOss = await startMockLMStudio({ reasoningField: 'reasoning', replies: [{ reasoning: 'r', content: 'c' }] });
      try {
        const body = chatCompletionSchema.parse((await call(gptOss.url, 'POST', '/v1/chat/completions', { messages: user('q') })).json);
        expect(body.choices[0]?.message).toMatchObject({ reasoning: 'r', content: 'c' });
      } finally {
        await gptOss.close();
      }
    });

    it('raw replies are written verbatim (recorded fixtures, CRLF, comment lines)', async () => {
      const sse = ': keep-alive\r\n\r\ndata: {"choices":[{"index":0,"delta":{"content":"x"}}]}\r\n\r\ndata: [DONE]\r\n\r\n';
      const server = await start({ replies: [{ raw: sse }, { raw: '{"not":"openai"}' }] });
      const streamed = await call(server.url, 'POST', '/v1/chat/completions', { messages: user('q'), stream: true });
      expect(streamed.headers.get('content-type')).toBe('text/event-stream');
      expect(streamed.text).toBe(sse);
      const plain = await call(server.url, 'POST', '/v1/chat/completions', { messages: user('q') });
      expect(plain.text).toBe('{"not":"openai"}');
      expect(plain.headers.get('x-powered-by')).toBe('Express');
    });

    it('an empty scripted answer streams only the final chunk (the zero-content stream LM Studio can send)', async () => {
      const server = await start({ replies: [{ content: '' }] });
      const chunks = sseJson((await call(server.url, 'POST', '/v1/chat/completions', { messages: user('q'), stream: true })).text);
      expect(chunks).toHaveLength(1);
      expect(chatChunkSchema.parse(chunks[0]).choices[0]).toMatchObject({ delta: {}, finish_reason: 'stop' });
    });

    it('after a tool result the model answers in text; tool_choice none → text', async () => {
      const server = await start();
      const tools = [{ type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: {} } } }];
      const afterTool = (await call(server.url, 'POST', '/v1/chat/completions', {
        messages: [...user('time?'), { role: 'assistant', tool_calls: [{ id: '1', type: 'function', function: { name: 'get_time', arguments: '{}' } }] }, { role: 'tool', tool_call_id: '1', content: '12:00' }],
        tools,
      })).json as ChatBody;
      expect(afterTool.choices[0]).toMatchObject({ finish_reason: 'stop', message: { content: 'The tool returned: 12:00' } });
      const none = (await call(server.url, 'POST', '/v1/chat/completions', { messages: user('time?'), tools, tool_choice: 'none' })).json as ChatBody;
      expect(none.choices[0]?.finish_reason).toBe('stop');
    });
  });

  describe('embeddings', () => {
    const cosine = (a: number[], b: number[]) => a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0);
    it('same text → same vector; similar texts → closer; dimension per model', async () => {
      const server = await start({ models: [{ id: 'e', type: 'embeddings', embeddingDimensions: 384 }] });
      const res = await call(server.url, 'POST', '/v1/embeddings', {
        model: 'e',
        input: ['the cat sat on the mat', 'the cat sat on the mat', 'a cat sat on a mat', 'quarterly revenue grew strongly'],
      });
      const vectors = (res.json as { data: { embedding: number[] }[] }).data.map((d) => d.embedding);
      expect(vectors[0]).toHaveLength(384);
      expect(vectors[1]).toEqual(vectors[0]);
      expect(cosine(vectors[0]!, vectors[0]!)).toBeCloseTo(1, 6);
      expect(cosine(vectors[0]!, vectors[2]!)).toBeGreaterThan(cosine(vectors[0]!, vectors[3]!) + 0.3);
    });
  });
});
