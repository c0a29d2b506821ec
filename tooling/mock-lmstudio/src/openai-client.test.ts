// The official `openai` client against the mock: what the LM Studio provider will see through it.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './mock-http.test-utils';
import type { MockLMStudio } from './mock-lmstudio';
import { startMockLMStudio } from './start-mock-lmstudio';

const tools: OpenAI.Chat.Completions.ChatCompletionTool[] = [
  {
    type: 'function',
    function: { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
  },
];

describe('openai client against the mock', () => {
  let lms: MockLMStudio;
  let client: OpenAI;
  beforeAll(async () => {
    lms = await startMockLMStudio();
    client = new OpenAI({ baseURL: `${lms.url}/v1`, apiKey: 'lm-studio', maxRetries: 0 });
  });
  afterAll(async () => {
    await lms.close();
  });

  it('lists models and completes a chat', async () => {
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toContain('qwen2.5-7b-instruct');
    const completion = await client.chat.completions.create({ model: 'qwen2.5-7b-instruct', messages: [{ role: 'user', content: 'Say pong' }] });
    expect(completion.choices[0]?.message.content).toBe('pong');
  });

  it('assembles streamed tool-call fragments into one call', async () => {
    const runner = client.chat.completions.stream({ model: 'qwen2.5-7b-instruct', messages: [{ role: 'user', content: 'Weather in Rome?' }], tools });
    const final = await runner.finalChatCompletion();
    const call = final.choices[0]?.message.tool_calls?.[0];
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' ? JSON.parse(call.function.arguments) : undefined).toEqual({ city: 'Rome' });
  });

  it('reports usage in the stream only with include_usage', async () => {
    const stream = await client.chat.completions.create({ model: 'qwen2.5-7b-instruct', messages: [{ role: 'user', content: 'hi' }], stream: true, stream_options: { include_usage: true } });
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of stream) usage = chunk.usage ?? usage;
    expect(usage?.total_tokens).toBeGreaterThan(0);
  });

  it('embeds with float vectors (encoding_format float)', async () => {
    const result = await client.embeddings.create({ model: 'text-embedding-nomic-embed-text-v1.5', input: ['a b', 'c d'], encoding_format: 'float' });
    expect(result.data.map((d) => d.embedding.length)).toEqual([768, 768]);
  });

  it('maps LM Studio errors to the SDK error classes', async () => {
    await expect(client.chat.completions.create({ model: 'o4-mini', messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({
      status: 400,
      code: 'model_not_found',
      constructor: OpenAI.BadRequestError,
    });
    await expect(
      client.chat.completions.create({ model: 'qwen2.5-7b-instruct', messages: [{ role: 'user', content: 'hi' }], response_format: { type: 'json_object' } }),
    ).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    lms.setFaults({ status: 503, times: 1 });
    await expect(client.models.list()).rejects.toMatchObject({ status: 503 });
  });

  it('a base URL without /v1 "succeeds" with an error body: the silent failure adapters must catch', async () => {
    const wrong = new OpenAI({ baseURL: lms.url, apiKey: 'lm-studio', maxRetries: 0 });
    const result = (await wrong.chat.completions.create({ model: 'qwen2.5-7b-instruct', messages: [{ role: 'user', content: 'hi' }] })) as unknown as Record<string, unknown>;
    expect(result.choices).toBeUndefined();
    expect(result.error).toBe('Unexpected endpoint or method. (POST /chat/completions)');
  });

  it('API-token mode → AuthenticationError without the token, success with it', async () => {
    const secured = await startMockLMStudio({ apiToken: 'sk-lm-x:y' });
    try {
      const anonymous = new OpenAI({ baseURL: `${secured.url}/v1`, apiKey: 'lm-studio', maxRetries: 0 });
      await expect(anonymous.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
      const authed = new OpenAI({ baseURL: `${secured.url}/v1`, apiKey: 'sk-lm-x:y', maxRetries: 0 });
      expect((await authed.models.list()).data.length).toBe(3);
    } finally {
      await secured.close();
    }
  });

  it('aborting a stream closes the connection on the server side', async () => {
    const slow = await startMockLMStudio({ tokenDelayMs: 50 });
    try {
      const slowClient = new OpenAI({ baseURL: `${slow.url}/v1`, apiKey: 'x', maxRetries: 0 });
      const controller = new AbortController();
      const stream = await slowClient.chat.completions.create(
        { model: 'qwen2.5-7b-instruct', messages: [{ role: 'user', content: 'tell me a long story' }], stream: true },
        { signal: controller.signal },
      );
      const received: string[] = [];
      // The SDK ends the iteration quietly (or throws, depending on timing) once aborted.
      try {
        for await (const chunk of stream) {
          received.push(chunk.choices[0]?.delta.content ?? '');
          if (received.length === 2) controller.abort();
        }
      } catch (error) {
        expect(controller.signal.aborted).toBe(true);
        expect(error).toBeInstanceOf(Error);
      }
      expect(received).toHaveLength(2);
      await waitFor(() => slow.activeRequests() === 0);
    } finally {
      await slow.close();
    }
  });
});
