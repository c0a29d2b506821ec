import type { GenerateContentParameters, GenerateContentResponse, Part } from '@samus/kernel';
import { describe, expect, it } from 'vitest';
import { chatCompletionToResponse } from './chat-completion-to-response.js';
import { collect, completion, failure, generatorFor, json, serve } from './testing/generator-fixtures.js';
import { sseEvent, sseHead, writeSlowly } from './testing/loopback-server.js';

// Issue #16, through the public generator (streamed and not) against loopback servers.

const WRITE_FILE_TOOLS = [{ functionDeclarations: [{ name: 'write_file', parametersJsonSchema: { type: 'object', properties: { file_path: { type: 'string' }, content: { type: 'string' } } } }] }];
const WEATHER_TOOLS = [{ functionDeclarations: [{ name: 'get_weather', parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } } } }] }];

const chunk = (delta: Record<string, unknown>, finish: string | null = null, extra: Record<string, unknown> = {}) =>
  sseEvent({ id: 'chatcmpl-f', object: 'chat.completion.chunk', model: 'm', choices: [{ index: 0, delta, finish_reason: finish }], ...extra });

async function streamOf(events: string[], request: Partial<GenerateContentParameters> = {}, options: Parameters<typeof generatorFor>[1] = {}, extra: Parameters<typeof generatorFor>[2] = { capabilities: { streamUsage: false } }) {
  const server = await serve(async (_request, response) => {
    sseHead(response);
    await writeSlowly(response, events, 1);
    response.end();
  });
  const chunks = await collect(generatorFor(server, options, extra).generateContentStream({ model: 'm', contents: 'x', ...request }));
  return { chunks, server };
}

const partsOf = (chunks: GenerateContentResponse[]): Part[] => chunks.flatMap((response) => response.candidates?.[0]?.content?.parts ?? []);
const textOf = (chunks: GenerateContentResponse[]): string => partsOf(chunks).filter((part) => typeof part.text === 'string' && !part.thought).map((part) => part.text).join('');
const thoughtOf = (chunks: GenerateContentResponse[]): string => partsOf(chunks).filter((part) => part.thought).map((part) => part.text).join('');
const callsOf = (chunks: GenerateContentResponse[]) => partsOf(chunks).flatMap((part) => (part.functionCall ? [part.functionCall] : []));

const TRUNCATED = '{"file_path":"/tmp/app.ts","content":"export function main() {\\n  console.log(';

describe('1. truncated tool-call arguments', () => {
  it('streamed, cut at the token limit: MAX_TOKENS, the partial call named in finishMessage, never emitted as a call', async () => {
    const { chunks } = await streamOf([
      chunk({ tool_calls: [{ index: 0, id: 'call_w', type: 'function', function: { name: 'write_file', arguments: '' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: TRUNCATED } }] }),
      chunk({}, 'length'),
      'data: [DONE]\n\n',
    ], { config: { tools: WRITE_FILE_TOOLS } });
    expect(callsOf(chunks)).toEqual([]);
    const candidate = chunks.at(-1)!.candidates![0]!;
    expect(candidate.finishReason).toBe('MAX_TOKENS');
    expect(candidate.finishMessage).toMatch(/write_file \(call_w\): arguments cut off after \d+ characters/);
  });

  it('streamed, truncated under a normal stop: MALFORMED_FUNCTION_CALL, not STOP', async () => {
    const { chunks } = await streamOf([chunk({ tool_calls: [{ index: 0, id: 'call_w', function: { name: 'write_file', arguments: TRUNCATED } }] }), chunk({}, 'tool_calls'), 'data: [DONE]\n\n']);
    expect(callsOf(chunks)).toEqual([]);
    expect(chunks.at(-1)!.candidates![0]!.finishReason).toBe('MALFORMED_FUNCTION_CALL');
  });

  it('not streamed: the same rule', async () => {
    const server = await serve((_request, response) => json(response, 200, completion({ content: null, tool_calls: [{ id: 'call_w', type: 'function', function: { name: 'write_file', arguments: TRUNCATED } }] }, 'length')));
    const response = await generatorFor(server).generateContent({ model: 'm', contents: 'x' });
    expect(response.functionCalls).toBeUndefined();
    expect(response.candidates?.[0]?.finishReason).toBe('MAX_TOKENS');
    expect(response.candidates?.[0]?.finishMessage).toContain('write_file');
  });
});

describe('2–3. phantom slots and replayed calls', () => {
  // A server that opens index 0 without ever naming it and sends the real call at index 1 (reported against
  // llama.cpp's and vLLM's streaming tool parsers).
  it('drops a nameless slot next to the real call', async () => {
    const { chunks } = await streamOf([
      chunk({ tool_calls: [{ index: 0, id: '', type: 'function', function: { name: '', arguments: '' } }] }),
      chunk({ tool_calls: [{ index: 1, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] }),
      chunk({}, 'tool_calls'),
      'data: [DONE]\n\n',
    ]);
    expect(callsOf(chunks)).toEqual([{ id: 'call_1', name: 'get_weather', args: { city: 'Paris' } }]);
    expect(chunks.at(-1)!.candidates![0]!.finishReason).toBe('STOP');
  });

  // Servers that resend the whole call with the finish chunk (seen from LiteLLM-style proxies).
  it('keeps one good call when the whole call is resent under its id', async () => {
    const { chunks } = await streamOf([
      chunk({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }),
      chunk({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] }, 'tool_calls'),
      'data: [DONE]\n\n',
    ]);
    expect(callsOf(chunks)).toEqual([{ id: 'call_1', name: 'get_weather', args: { city: 'Paris' } }]);
    expect(chunks.at(-1)!.candidates![0]!.finishReason).toBe('STOP');
  });
});

describe('4. typed-part content (Mistral / Magistral)', () => {
  it('streamed: text and thinking parts are read, nothing is dropped', async () => {
    const { chunks } = await streamOf([
      chunk({ role: 'assistant', content: [{ type: 'thinking', thinking: [{ type: 'text', text: '17 × 23 = 391' }] }] }),
      chunk({ content: [{ type: 'text', text: '3' }] }),
      chunk({ content: [{ type: 'text', text: '91' }] }),
      chunk({}, 'stop'),
      'data: [DONE]\n\n',
    ]);
    expect(textOf(chunks)).toBe('391');
    expect(thoughtOf(chunks)).toBe('17 × 23 = 391');
  });

  it('not streamed', () => {
    const response = chatCompletionToResponse({ choices: [{ message: { content: [{ type: 'thinking', thinking: [{ type: 'text', text: 'plan' }] }, { type: 'text', text: '391' }] }, finish_reason: 'stop' }] });
    expect(response.candidates?.[0]?.content?.parts).toEqual([{ text: 'plan', thought: true }, { text: '391' }]);
  });
});

describe('5. <think> tags', () => {
  it('a literal <think> in the answer after structured reasoning stays answer text', async () => {
    const { chunks } = await streamOf([
      chunk({ reasoning_content: 'The user asks about tags.' }),
      chunk({ content: 'Wrap reasoning in ' }),
      chunk({ content: '<think> and </think>: the rest' }),
      chunk({ content: ' is visible.' }),
      chunk({}, 'stop'),
      'data: [DONE]\n\n',
    ]);
    expect(textOf(chunks)).toBe('Wrap reasoning in <think> and </think>: the rest is visible.');
    expect(thoughtOf(chunks)).toBe('The user asks about tags.');
    const whole = chatCompletionToResponse({ choices: [{ message: { reasoning_content: 'r', content: 'Use <think> here</think> ok' }, finish_reason: 'stop' }] });
    expect(whole.text).toBe('Use <think> here</think> ok');
  });

  it('parsing can be turned off or given other tag names (capability thinkTags)', async () => {
    const events = [chunk({ content: '<think>a</think>b [THINK]c[/THINK]d' }), chunk({}, 'stop'), 'data: [DONE]\n\n'];
    const off = await streamOf(events, {}, {}, { capabilities: { streamUsage: false, thinkTags: false } });
    expect(textOf(off.chunks)).toBe('<think>a</think>b [THINK]c[/THINK]d');
    const custom = await streamOf(events, {}, {}, { capabilities: { streamUsage: false, thinkTags: { open: '[THINK]', close: '[/THINK]' } } });
    expect(thoughtOf(custom.chunks)).toBe('c');
    expect(textOf(custom.chunks)).toBe('<think>a</think>b d');
  });
});

describe('6. usage after the finish chunk', () => {
  it('inside a later choice chunk: merged onto the final response', async () => {
    const { chunks } = await streamOf([
      chunk({ content: 'Hi' }),
      chunk({}, 'stop'),
      chunk({}, null, { usage: { prompt_tokens: 7, completion_tokens: 1, total_tokens: 8 } }),
      'data: [DONE]\n\n',
    ]);
    const last = chunks.at(-1)!;
    expect(last.candidates?.[0]?.finishReason).toBe('STOP');
    expect(last.usageMetadata).toEqual({ promptTokenCount: 7, candidatesTokenCount: 1, totalTokenCount: 8 });
  });

  it('Azure-style on a later usage-only chunk without stream_options: merged too', async () => {
    const { chunks } = await streamOf([chunk({ content: 'Hi' }), chunk({}, 'stop'), sseEvent({ id: 'x', choices: [], usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4, cached_tokens: 2 } }), 'data: [DONE]\n\n']);
    expect(chunks.filter((response) => response.usageMetadata !== undefined)).toHaveLength(1);
    expect(chunks.at(-1)!.usageMetadata).toEqual({ promptTokenCount: 3, candidatesTokenCount: 1, cachedContentTokenCount: 2, totalTokenCount: 4 });
    expect(chunks.at(-1)!.candidates?.[0]?.finishReason).toBe('STOP');
  });
});

describe('8. tool calls written as text', () => {
  const hermes = '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>';

  it('streamed and split across chunks: a functionCall part, removed from the text', async () => {
    const events = [...hermes].map((character) => chunk({ content: character }));
    const { chunks } = await streamOf([chunk({ content: 'Checking. ' }), ...events, chunk({}, 'stop'), 'data: [DONE]\n\n'], { config: { tools: WEATHER_TOOLS } });
    expect(textOf(chunks)).toBe('Checking.');
    expect(callsOf(chunks)).toEqual([{ id: expect.stringMatching(/^call_samus_/) as string, name: 'get_weather', args: { city: 'Paris' } }]);
    expect(chunks.at(-1)!.candidates?.[0]?.finishReason).toBe('STOP');
  });

  it('only for declared tools, and off by providerOptions.textToolCalls: false', async () => {
    const events = [chunk({ content: hermes }), chunk({}, 'stop'), 'data: [DONE]\n\n'];
    expect(textOf((await streamOf(events)).chunks)).toBe(hermes);
    const other = [{ functionDeclarations: [{ name: 'read_file' }] }];
    expect(textOf((await streamOf(events, { config: { tools: other } })).chunks)).toBe(hermes);
    const off = await streamOf(events, { config: { tools: WEATHER_TOOLS } }, { providerOptions: { textToolCalls: false } });
    expect(callsOf(off.chunks)).toEqual([]);
    expect(textOf(off.chunks)).toBe(hermes);
  });
});

describe('9. schemas, usage details, tool names', () => {
  it('numeric constraints given as strings become numbers; "10px" is left out; names are trimmed', async () => {
    const server = await serve((_request, response) => json(response, 200, completion({ content: 'ok' })));
    await generatorFor(server).generateContent({
      model: 'm',
      contents: 'x',
      config: {
        tools: [{ functionDeclarations: [{ name: ' resize \n', parametersJsonSchema: { type: 'object', properties: { width: { type: 'number', minimum: '0', maximum: '10px' }, tags: { type: 'array', minItems: '1' } } } }] }],
      },
    });
    const tool = (server.requests[0]!.json as { tools: Array<{ function: { name: string; parameters: { properties: Record<string, unknown> } } }> }).tools[0]!;
    expect(tool.function.name).toBe('resize');
    expect(tool.function.parameters.properties).toEqual({ width: { type: 'number', minimum: 0 }, tags: { type: 'array', minItems: 1 } });
  });

  it('reads a top-level cached_tokens', () => {
    expect(chatCompletionToResponse({ choices: [], usage: { prompt_tokens: 10, completion_tokens: 1, total_tokens: 11, cached_tokens: 6 } }).usageMetadata?.cachedContentTokenCount).toBe(6);
  });
});

describe('#11 item 7: malformed prompts are refused with the offending path', () => {
  const cases: Array<[unknown, string]> = [
    [42, 'contents'],
    [null, 'contents'],
    [{}, 'contents'],
    [[{ parts: [{ text: 42 }] }], 'contents[0].parts[0].text'],
    [[{ role: 'user', parts: null }], 'contents[0].parts'],
    [[{ role: 'user', parts: [null] }], 'contents[0].parts[0]'],
    [[], 'contents'],
    ['', 'contents'],
    [[{ role: 'user', parts: [] }], 'contents'],
  ];
  for (const [contents, path] of cases) {
    it(`contents ${JSON.stringify(contents)} → SAMUS_ERR_INVALID_REQUEST naming ${path}`, async () => {
      const server = await serve((_request, response) => json(response, 200, completion({ content: 'should not be asked' })));
      const generator = generatorFor(server);
      const request = { model: 'm', contents } as unknown as GenerateContentParameters;
      const error = await failure(generator.generateContent(request));
      expect(error.code).toBe('SAMUS_ERR_INVALID_REQUEST');
      expect(error.message).toContain(path);
      expect(error.details['field']).toBe(path);
      const streamError = await failure(generator.generateContentStream(request));
      expect(streamError.code).toBe('SAMUS_ERR_INVALID_REQUEST');
      expect(server.requests).toHaveLength(0);
    });
  }

  it('tools: [null] → SAMUS_ERR_INVALID_REQUEST naming config.tools[0], not a TypeError', async () => {
    const server = await serve((_request, response) => json(response, 200, completion({ content: 'x' })));
    const error = await failure(generatorFor(server).generateContent({ model: 'm', contents: 'x', config: { tools: [null] as never } }));
    expect(error.code).toBe('SAMUS_ERR_INVALID_REQUEST');
    expect(error.details['field']).toBe('config.tools[0]');
    expect(server.requests).toHaveLength(0);
  });
});
