import { Type, type GenerateContentResponse, type Part } from '@samus/kernel';
import { describe, expect, it } from 'vitest';
import { IMAGE_TOKEN_ESTIMATE } from './media-tokens.js';
import { collect, completion, failure, generatorFor, json, serve } from './testing/generator-fixtures.js';
import { finishEvents, sseEvent, sseHead, writeSlowly } from './testing/loopback-server.js';
import { THOUGHT_BUFFER_LIMIT } from './thought-coalescer.js';

// How gemini-cli-core 0.61.0 calls a generator: includeThoughts on every chat turn (plus a budget or a level),
// Type.* schemas in generateJson, media parts only through countTokens.

// `id: null` leaves the id out, as Ollama's native API and some servers do.
const reasoningChunk = (text: string, id: string | null = 'chatcmpl-7') =>
  sseEvent({ ...(id === null ? {} : { id }), object: 'chat.completion.chunk', model: 'm', choices: [{ index: 0, delta: { reasoning_content: text }, finish_reason: null }] });
const contentChunk = (text: string, id: string | null = 'chatcmpl-7') =>
  sseEvent({ ...(id === null ? {} : { id }), object: 'chat.completion.chunk', model: 'm', choices: [{ index: 0, delta: { content: text }, finish_reason: null }] });

function partsOf(chunks: GenerateContentResponse[]): Part[] {
  return chunks.flatMap((chunk) => chunk.candidates?.[0]?.content?.parts ?? []);
}

const hostSchema = {
  type: Type.OBJECT,
  properties: {
    reasoning: { type: Type.STRING, description: 'Why' },
    next_speaker: { type: Type.STRING, enum: ['user', 'model'] },
    tags: { type: Type.ARRAY, items: { type: Type.STRING }, minItems: '1' },
    score: { type: Type.NUMBER, nullable: true },
  },
  required: ['reasoning', 'next_speaker'],
  propertyOrdering: ['reasoning', 'next_speaker'],
};

const loweredHostSchema = {
  type: 'object',
  properties: {
    reasoning: { type: 'string', description: 'Why' },
    next_speaker: { type: 'string', enum: ['user', 'model'] },
    tags: { type: 'array', items: { type: 'string' }, minItems: 1 },
    score: { type: ['number', 'null'] },
  },
  required: ['reasoning', 'next_speaker'],
};

describe('host semantics on the OpenAI-compatible path: thinking', () => {
  it('never sends reasoning options for includeThoughts, a thinkingBudget or a thinkingLevel', async () => {
    const server = await serve((_request, response) => json(response, 200, completion({ content: 'ok' })));
    const generator = generatorFor(server);
    const thinkingConfigs = [{ includeThoughts: true }, { includeThoughts: true, thinkingBudget: 8192 }, { includeThoughts: true, thinkingLevel: 'HIGH' }, { thinkingBudget: 0 }];
    for (const thinkingConfig of thinkingConfigs) {
      const response = await generator.generateContent({ model: 'm', contents: 'Hi', config: { thinkingConfig } });
      expect(response.text).toBe('ok');
    }
    for (const request of server.requests) {
      const body = request.json as Record<string, unknown>;
      for (const key of ['reasoning_effort', 'reasoning', 'think', 'thinking', 'enable_thinking']) expect(body).not.toHaveProperty(key);
    }
  });

  it('sends a reasoning option only when asked for explicitly (providerOptions.extraBody)', async () => {
    const server = await serve((_request, response) => json(response, 200, completion({ content: 'ok' })));
    await generatorFor(server, { providerOptions: { extraBody: { reasoning_effort: 'low' } } }).generateContent({ model: 'm', contents: 'Hi', config: { thinkingConfig: { includeThoughts: true } } });
    expect(server.requests[0]!.json).toMatchObject({ reasoning_effort: 'low' });
  });
});

describe('host semantics on the OpenAI-compatible path: Gemini schemas', () => {
  it('lowers an upper-case responseJsonSchema (BaseLlmClient.generateJson) to JSON Schema in response_format', async () => {
    const server = await serve((_request, response) => json(response, 200, completion({ content: '{"reasoning":"r","next_speaker":"user"}' })));
    const response = await generatorFor(server).generateContent({
      model: 'm',
      contents: 'Who speaks next?',
      config: { responseMimeType: 'application/json', responseJsonSchema: hostSchema },
    });
    expect(JSON.parse(response.text!)).toEqual({ reasoning: 'r', next_speaker: 'user' });
    expect((server.requests[0]!.json as { response_format: unknown }).response_format).toEqual({ type: 'json_schema', json_schema: { name: 'response', schema: loweredHostSchema } });
  });

  it('lowers tool parametersJsonSchema and parameters written with Type names', async () => {
    const server = await serve((_request, response) => json(response, 200, completion({ content: 'ok' })));
    await generatorFor(server).generateContent({
      model: 'm',
      contents: 'Read it',
      config: {
        tools: [
          {
            functionDeclarations: [
              { name: 'read_file', parametersJsonSchema: { type: Type.OBJECT, properties: { path: { type: Type.STRING } }, required: ['path'] } },
              { name: 'glob', parameters: { type: Type.OBJECT, properties: { pattern: { type: Type.STRING }, limit: { type: Type.INTEGER, nullable: true } } } },
            ],
          },
        ],
      },
    });
    const tools = (server.requests[0]!.json as { tools: Array<{ function: { parameters: unknown } }> }).tools;
    expect(tools.map((tool) => tool.function.parameters)).toEqual([
      { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
      { type: 'object', properties: { pattern: { type: 'string' }, limit: { type: ['integer', 'null'] } } },
    ]);
  });

  it('refuses a schema that cannot be lowered with SAMUS_ERR_INVALID_REQUEST and a hint, before sending', async () => {
    const server = await serve((_request, response) => json(response, 200, completion({ content: 'ok' })));
    const generator = generatorFor(server);
    const unknownType = await failure(generator.generateContent({ model: 'm', contents: 'x', config: { responseJsonSchema: { type: 'OBJECT', properties: { a: { type: 'TEXT' } } } } }));
    expect(unknownType.code).toBe('SAMUS_ERR_INVALID_REQUEST');
    expect(unknownType.message).toBe('responseJsonSchema has an unknown type "TEXT" at properties.a: it cannot be turned into JSON Schema');
    expect(unknownType.hint).toMatch(/Type\.STRING/);
    const notObject = await failure(generator.generateContentStream({ model: 'm', contents: 'x', config: { responseJsonSchema: 'object' } }));
    expect(notObject.code).toBe('SAMUS_ERR_INVALID_REQUEST');
    expect(notObject.message).toMatch(/^responseJsonSchema must be a JSON Schema object, got the string "object"/);
    const badTool = await failure(generator.generateContent({ model: 'm', contents: 'x', config: { tools: [{ functionDeclarations: [{ name: 'f', parametersJsonSchema: [] }] }] } }));
    expect(badTool.message).toMatch(/^tools\[f\]\.parametersJsonSchema must be a JSON Schema object/);
    expect(server.requests).toHaveLength(0);
  });
});

describe('host semantics on the OpenAI-compatible path: thought segments and response ids', () => {
  it('merges reasoning streamed one token per chunk into one thought part, flushed before the answer', async () => {
    const server = await serve(async (_request, response) => {
      sseHead(response);
      await writeSlowly(response, [reasoningChunk('**Checking'), reasoningChunk(' the sum**'), reasoningChunk('\n\n2 + 2'), contentChunk('It is '), contentChunk('4.'), finishEvents()], 1);
      response.end();
    });
    const chunks = await collect(generatorFor(server).generateContentStream({ model: 'm', contents: '2+2?', config: { thinkingConfig: { includeThoughts: true } } }));
    const parts = partsOf(chunks);
    expect(parts.filter((part) => part.thought)).toEqual([{ text: '**Checking the sum**\n\n2 + 2', thought: true }]);
    expect(parts.filter((part) => !part.thought).map((part) => part.text).join('')).toBe('It is 4.');
    // The thought part comes first, in the same response as the first answer text.
    expect(chunks[0]!.candidates?.[0]?.content?.parts).toEqual([{ text: '**Checking the sum**\n\n2 + 2', thought: true }, { text: 'It is ' }]);
  });

  it('merges <think> text across chunks and flushes a thought at the end of a reasoning-only stream', async () => {
    const server = await serve(async (_request, response) => {
      sseHead(response);
      await writeSlowly(response, [contentChunk('<think>a'), contentChunk('b'), contentChunk('c</think>'), contentChunk('answer'), reasoningChunk('late '), reasoningChunk('thought'), finishEvents()], 1);
      response.end();
    });
    const chunks = await collect(generatorFor(server).generateContentStream({ model: 'm', contents: 'x' }));
    expect(partsOf(chunks)).toEqual([{ text: 'abc', thought: true }, { text: 'answer' }, { text: 'late thought', thought: true }]);
    expect(chunks.at(-1)!.candidates?.[0]?.finishReason).toBe('STOP');
  });

  it('keeps memory bounded: a segment longer than the buffer limit is handed out in pieces of at least the limit', async () => {
    const piece = 'x'.repeat(1000);
    const count = Math.ceil((THOUGHT_BUFFER_LIMIT * 1.5) / piece.length);
    const server = await serve(async (_request, response) => {
      sseHead(response);
      response.write(Array.from({ length: count }, () => reasoningChunk(piece)).join(''));
      response.end(contentChunk('done') + finishEvents());
    });
    const thoughts = partsOf(await collect(generatorFor(server).generateContentStream({ model: 'm', contents: 'x' }))).filter((part) => part.thought);
    expect(thoughts).toHaveLength(2);
    expect(thoughts[0]!.text!.length).toBeGreaterThanOrEqual(THOUGHT_BUFFER_LIMIT);
    expect(thoughts.map((part) => part.text).join('')).toBe(piece.repeat(count));
  });

  it('still drops reasoning with includeThoughts: false', async () => {
    const server = await serve(async (_request, response) => {
      sseHead(response);
      await writeSlowly(response, [reasoningChunk('hidden'), contentChunk('shown'), finishEvents()], 1);
      response.end();
    });
    const parts = partsOf(await collect(generatorFor(server).generateContentStream({ model: 'm', contents: 'x', config: { thinkingConfig: { includeThoughts: false } } })));
    expect(parts).toEqual([{ text: 'shown' }]);
  });

  it('gives every chunk one stable responseId, generated when the server sends no id', async () => {
    const server = await serve(async (_request, response) => {
      sseHead(response);
      await writeSlowly(response, [reasoningChunk('r', null), contentChunk('a', null), contentChunk('b', null), sseEvent({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }), sseEvent({ choices: [], usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } }), 'data: [DONE]\n\n'], 1);
      response.end();
    });
    const generator = generatorFor(server);
    const first = await collect(generator.generateContentStream({ model: 'm', contents: 'x' }));
    const second = await collect(generator.generateContentStream({ model: 'm', contents: 'x' }));
    for (const chunks of [first, second]) {
      expect(chunks.length).toBeGreaterThan(1);
      const ids = new Set(chunks.map((chunk) => chunk.responseId));
      expect(ids.size).toBe(1);
      expect([...ids][0]).toMatch(/^resp-[0-9a-f-]{36}$/);
    }
    expect(first[0]!.responseId).not.toBe(second[0]!.responseId);
  });

  it('keeps the server id on every chunk when it sends one', async () => {
    const server = await serve(async (_request, response) => {
      sseHead(response);
      await writeSlowly(response, [contentChunk('a'), contentChunk('b'), finishEvents()], 1);
      response.end();
    });
    const chunks = await collect(generatorFor(server).generateContentStream({ model: 'm', contents: 'x' }));
    // The first id wins, even where a later chunk names another (finishEvents() uses chatcmpl-1).
    expect(chunks.map((chunk) => chunk.responseId)).toEqual(chunks.map(() => 'chatcmpl-7'));
  });
});

describe('host semantics on the OpenAI-compatible path: countTokens with media', () => {
  const image = { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } };

  it('adds the documented fixed estimate per inline image, and nothing for fileData the request would not send', async () => {
    const server = await serve((_request, response) => json(response, 200, completion({ content: 'ok' })));
    const generator = generatorFor(server);
    const textOnly = (await generator.countTokens({ model: 'm', contents: [{ role: 'user', parts: [{ text: 'What is in these pictures?' }] }] })).totalTokens!;
    const twoImages = await generator.countTokens({ model: 'm', contents: [{ role: 'user', parts: [{ text: 'What is in these pictures?' }, image, image] }] });
    expect(twoImages.totalTokens).toBe(textOnly + 2 * IMAGE_TOKEN_ESTIMATE);
    const fileData = await generator.countTokens({ model: 'm', contents: [{ role: 'user', parts: [{ text: 'What is in these pictures?' }, { fileData: { mimeType: 'application/pdf', fileUri: 'gs://x/y.pdf' } } as unknown as Part] }] });
    expect(fileData.totalTokens).toBe(textOnly);
    expect(IMAGE_TOKEN_ESTIMATE).toBe(1024);
    expect(server.requests).toHaveLength(0);
  });
});
