import { describe, expect, it } from 'vitest';
import type { OpenAICompatibleContentGenerator } from './openai-compatible-content-generator.js';
import { collect, completion, generatorFor, json, serve } from './testing/generator-fixtures.js';
import { sseEvent, sseHead, writeSlowly } from './testing/loopback-server.js';

describe('generateContent', () => {
  it('sends an OpenAI chat request built from Gemini contents and maps the answer', async () => {
    const server = await serve((_request, response) => json(response, 200, completion({ content: 'Hello!' })));
    const generator = generatorFor(server, { apiKey: 'sk-test', headers: { 'x-extra': '1' } });
    const response = await generator.generateContent({
      model: 'm1',
      contents: [
        { role: 'user', parts: [{ text: 'Hi' }] },
        { role: 'model', parts: [{ text: 'Hello' }] },
        { role: 'user', parts: [{ text: 'Again' }] },
      ],
      config: { systemInstruction: 'Be brief.', temperature: 0.2, topP: 0.9, topK: 20, maxOutputTokens: 64, stopSequences: ['END'], seed: 7 },
    });
    expect(response.text).toBe('Hello!');
    expect(response.candidates?.[0]?.finishReason).toBe('STOP');
    expect(response.usageMetadata).toEqual({ promptTokenCount: 4, candidatesTokenCount: 2, totalTokenCount: 6 });
    expect(response.modelVersion).toBe('test-model');
    const request = server.requests[0]!;
    expect(request.url).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe('Bearer sk-test');
    expect(request.headers['x-extra']).toBe('1');
    expect(request.json).toEqual({
      model: 'm1',
      stream: false,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello' },
        { role: 'user', content: 'Again' },
      ],
      temperature: 0.2,
      top_p: 0.9,
      top_k: 20,
      max_tokens: 64,
      stop: ['END'],
      seed: 7,
    });
  });

  it('sends no Authorization without an API key, but keeps one given in config.headers', async () => {
    const server = await serve((_request, response) => json(response, 200, completion({ content: 'ok' })));
    await generatorFor(server).generateContent({ model: 'm', contents: 'x' });
    await generatorFor(server, { headers: { authorization: 'Basic dXNlcjpwYXNz' } }).generateContent({ model: 'm', contents: 'x' });
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
    expect(server.requests[1]!.headers.authorization).toBe('Basic dXNlcjpwYXNz');
  });

  it('uses the configured model when the request has none and appends a custom API path', async () => {
    const server = await serve((_request, response) => json(response, 200, completion({ content: 'ok' })));
    const generator = generatorFor(server, {}, { apiPath: '/api/openai/v1/' });
    await generator.generateContent({ model: '', contents: 'x' });
    expect(server.requests[0]!.url).toBe('/api/openai/v1/chat/completions');
    expect((server.requests[0]!.json as { model: string }).model).toBe('test-model');
  });

  it('maps finish reasons: length → MAX_TOKENS, content_filter → SAFETY, tool_calls → STOP', async () => {
    const reasons = ['length', 'content_filter', 'tool_calls'];
    const server = await serve((_request, response) => json(response, 200, completion({ content: 'x' }, reasons.shift())));
    const generator = generatorFor(server);
    const got = [];
    for (let i = 0; i < 3; i++) got.push((await generator.generateContent({ model: 'm', contents: 'x' })).candidates?.[0]?.finishReason);
    expect(got).toEqual(['MAX_TOKENS', 'SAFETY', 'STOP']);
  });

  it('turns reasoning fields and <think> blocks (even without the opening tag) into thought parts', async () => {
    const bodies = [
      completion({ content: 'A', reasoning_content: 'R1' }),
      completion({ content: 'B', reasoning: 'R2' }),
      completion({ content: '<think>R3</think>C' }),
      completion({ content: 'R4</think>D' }),
    ];
    const server = await serve((_request, response) => json(response, 200, bodies.shift()));
    const generator = generatorFor(server);
    const parts = [];
    for (let i = 0; i < 4; i++) parts.push((await generator.generateContent({ model: 'm', contents: 'x' })).candidates?.[0]?.content?.parts);
    expect(parts).toEqual([
      [{ text: 'R1', thought: true }, { text: 'A' }],
      [{ text: 'R2', thought: true }, { text: 'B' }],
      [{ text: 'R3', thought: true }, { text: 'C' }],
      [{ text: 'R4', thought: true }, { text: 'D' }],
    ]);
  });

  it('drops thoughts when thinkingConfig.includeThoughts is false', async () => {
    const server = await serve((_request, response) => json(response, 200, completion({ content: '<think>R</think>A', reasoning: 'X' })));
    const response = await generatorFor(server).generateContent({ model: 'm', contents: 'x', config: { thinkingConfig: { includeThoughts: false } } });
    expect(response.candidates?.[0]?.content?.parts).toEqual([{ text: 'A' }]);
  });
});

describe('tools', () => {
  const tools = [
    {
      functionDeclarations: [
        { name: 'get_weather', description: 'Weather', parameters: { type: 'OBJECT', properties: { city: { type: 'STRING' } }, required: ['city'] } },
        { name: 'now', parametersJsonSchema: { type: 'object', properties: {} } },
        { name: 'ping' },
      ],
    },
  ] as NonNullable<NonNullable<Parameters<OpenAICompatibleContentGenerator['generateContent']>[0]['config']>['tools']>;

  it('sends declarations as OpenAI tools (Gemini schema converted, no-argument tools get an object schema)', async () => {
    const server = await serve((_request, response) => json(response, 200, completion({ content: 'ok' })));
    await generatorFor(server).generateContent({ model: 'm', contents: 'x', config: { tools } });
    expect((server.requests[0]!.json as { tools: unknown }).tools).toEqual([
      { type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } },
      { type: 'function', function: { name: 'now', parameters: { type: 'object', properties: {} } } },
      { type: 'function', function: { name: 'ping', parameters: { type: 'object', properties: {} } } },
    ]);
  });

  it('asks CallableTools for their declaration', async () => {
    const server = await serve((_request, response) => json(response, 200, completion({ content: 'ok' })));
    const callable = { tool: () => Promise.resolve({ functionDeclarations: [{ name: 'dyn' }] }), callTool: () => Promise.resolve([]) };
    await generatorFor(server).generateContent({ model: 'm', contents: 'x', config: { tools: [callable] } });
    expect((server.requests[0]!.json as { tools: Array<{ function: { name: string } }> }).tools.map((tool) => tool.function.name)).toEqual(['dyn']);
  });

  it('returns tool calls as functionCall parts (non-streamed), generating missing ids', async () => {
    const server = await serve((_request, response) =>
      json(
        response,
        200,
        completion(
          {
            content: '',
            tool_calls: [
              { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Tokyo"}' } },
              { type: 'function', function: { name: 'now', arguments: '' } },
            ],
          },
          'tool_calls',
        ),
      ),
    );
    const response = await generatorFor(server).generateContent({ model: 'm', contents: 'x', config: { tools } });
    expect(response.functionCalls).toEqual([
      { id: 'call_1', name: 'get_weather', args: { city: 'Tokyo' } },
      { id: expect.stringMatching(/^call_samus_/) as unknown, name: 'now', args: {} },
    ]);
    expect(response.candidates?.[0]?.finishReason).toBe('STOP');
  });

  it('joins streamed fragments by index into whole parallel calls on the finish chunk', async () => {
    const server = await serve(async (_request, response) => {
      sseHead(response);
      const chunk = (toolCalls: unknown[], finish: string | null = null) =>
        sseEvent({ id: 'c', model: 'test-model', choices: [{ index: 0, delta: { tool_calls: toolCalls }, finish_reason: finish }] });
      await writeSlowly(response, [
        chunk([{ index: 0, id: '365174485', type: 'function', function: { name: 'get_weather', arguments: '' } }]),
        chunk([{ index: 1, id: '365174486', type: 'function', function: { name: 'now', arguments: '' } }]),
        chunk([{ index: 0, function: { arguments: '{"city":' } }]),
        chunk([{ index: 0, function: { arguments: '"Paris"}' } }, { index: 1, function: { arguments: '{}' } }]),
        sseEvent({ id: 'c', model: 'test-model', choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] }),
        'data: [DONE]\n\n',
      ]);
      response.end();
    });
    const chunks = await collect(generatorFor(server, {}, { capabilities: { streamUsage: false } }).generateContentStream({ model: 'm', contents: 'x', config: { tools } }));
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.functionCalls).toEqual([
      { id: '365174485', name: 'get_weather', args: { city: 'Paris' } },
      { id: '365174486', name: 'now', args: {} },
    ]);
    expect(chunks[0]!.candidates?.[0]?.finishReason).toBe('STOP');
  });

  it('handles whole calls in one chunk with late ids, and marks broken arguments MALFORMED_FUNCTION_CALL', async () => {
    const server = await serve(async (_request, response) => {
      sseHead(response);
      await writeSlowly(response, [
        sseEvent({ choices: [{ index: 0, delta: { role: 'assistant', content: '', tool_calls: [{ index: 0, function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] }, finish_reason: null }] }),
        sseEvent({ choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: 'late' }] }, finish_reason: null }] }),
        sseEvent({ choices: [{ index: 0, delta: { tool_calls: [{ index: 1, id: 'x', function: { name: 'now', arguments: '{oops' } }] }, finish_reason: 'stop' }] }),
        'data: [DONE]\n\n',
      ]);
      response.end();
    });
    const chunks = await collect(generatorFor(server, {}, { capabilities: { streamUsage: false } }).generateContentStream({ model: 'm', contents: 'x' }));
    const last = chunks.at(-1)!;
    expect(last.functionCalls?.[0]).toEqual({ id: 'late', name: 'get_weather', args: { city: 'Oslo' } });
    expect(last.candidates?.[0]?.finishReason).toBe('MALFORMED_FUNCTION_CALL');
  });

  it('round-trips functionCall / functionResponse history as assistant tool_calls and tool messages', async () => {
    const server = await serve((_request, response) => json(response, 200, completion({ content: 'It is sunny.' })));
    await generatorFor(server).generateContent({
      model: 'm',
      contents: [
        { role: 'user', parts: [{ text: 'Weather in Tokyo and Paris?' }] },
        {
          role: 'model',
          parts: [
            { text: 'Checking.' },
            { functionCall: { id: 'call_1', name: 'get_weather', args: { city: 'Tokyo' } } },
            { functionCall: { name: 'get_weather', args: { city: 'Paris' } } },
          ],
        },
        {
          role: 'user',
          parts: [
            { functionResponse: { id: 'call_1', name: 'get_weather', response: { output: 'sunny' } } },
            { functionResponse: { name: 'get_weather', response: { temperature: 21 } } },
          ],
        },
      ],
    });
    const messages = (server.requests[0]!.json as { messages: Array<Record<string, unknown>> }).messages;
    expect(messages[1]).toEqual({
      role: 'assistant',
      content: 'Checking.',
      tool_calls: [
        { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Tokyo"}' } },
        { id: expect.stringMatching(/^call_samus_/) as unknown, type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
      ],
    });
    const generatedId = (messages[1]!['tool_calls'] as Array<{ id: string }>)[1]!.id;
    expect(messages.slice(2)).toEqual([
      { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
      { role: 'tool', tool_call_id: generatedId, content: '{"temperature":21}' },
    ]);
  });
});

describe('structured output', () => {
  async function formatFor(config: Record<string, unknown>, capabilities: Record<string, boolean> = {}): Promise<unknown> {
    const server = await serve((_request, response) => json(response, 200, completion({ content: '{}' })));
    await generatorFor(server, {}, { capabilities }).generateContent({ model: 'm', contents: 'x', config });
    return (server.requests[0]!.json as { response_format?: unknown }).response_format;
  }

  it('sends responseJsonSchema as json_schema', async () => {
    const schema = { type: 'object', properties: { a: { type: 'number' } } };
    expect(await formatFor({ responseMimeType: 'application/json', responseJsonSchema: schema })).toEqual({ type: 'json_schema', json_schema: { name: 'response', schema } });
  });

  it('converts a Gemini responseSchema to json_schema', async () => {
    expect(await formatFor({ responseMimeType: 'application/json', responseSchema: { type: 'OBJECT', properties: { n: { type: 'INTEGER', nullable: true } } } })).toEqual({
      type: 'json_schema',
      json_schema: { name: 'response', schema: { type: 'object', properties: { n: { type: ['integer', 'null'] } } } },
    });
  });

  it('asks for json_object without a schema, or a permissive json_schema when the server rejects json_object', async () => {
    expect(await formatFor({ responseMimeType: 'application/json' })).toEqual({ type: 'json_object' });
    expect(await formatFor({ responseMimeType: 'application/json' }, { jsonObjectResponseFormat: false })).toEqual({
      type: 'json_schema',
      json_schema: { name: 'response', schema: { type: 'object' } },
    });
    expect(await formatFor({})).toBeUndefined();
  });
});
