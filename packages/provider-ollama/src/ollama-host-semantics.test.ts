import { Type, type GenerateContentResponse, type Part } from '@samus/kernel';
import { IMAGE_TOKEN_ESTIMATE } from '@samus/provider-core/internal';
import { collect, failure } from '@samus/test-server';
import { describe, expect, it } from 'vitest';
import type { CreateOllamaOptions } from './create-ollama.js';
import { setup as setupFake } from './testing/fake-ollama-generator.js';
import { helloScript, type FakeModel, type FakeOllama, type FakeOllamaOptions } from './test-support/fake-ollama-server.js';

// How gemini-cli-core 0.61.0 drives a generator, against an in-process Ollama 0.11.4 (think is refused with 400 by
// models without the capability; an upper-case schema in `format` is refused with "invalid JSON schema in format").

const MODELS: FakeModel[] = [
  { name: 'gemma3:270m', capabilities: ['completion'], contextLength: 32_768, family: 'gemma3' },
  { name: 'qwen3:0.6b', capabilities: ['completion', 'tools', 'thinking'], contextLength: 40_960, family: 'qwen3' },
  { name: 'smollm2:135m', capabilities: ['completion', 'tools'], contextLength: 8192, family: 'llama' },
  { name: 'gemma3:4b', capabilities: ['completion', 'vision'], contextLength: 131_072, family: 'gemma3', modelInfo: { 'gemma3.mm.tokens_per_image': 256 } },
  { name: 'llava:7b-v1.5', capabilities: ['completion', 'vision'], family: 'llama', projectorInfo: { 'clip.vision.image_size': 336, 'clip.vision.patch_size': 14 } },
  {
    name: 'llava:7b',
    capabilities: ['completion', 'vision'],
    family: 'llama',
    projectorInfo: { 'clip.vision.image_size': 336, 'clip.vision.patch_size': 14, 'clip.vision.mm_patch_merge_type': 'spatial_unpad' },
  },
];

/** The in-process Ollama with {@link MODELS} (unless `fakeOptions` names others) and a generator on it. */
const setup = (fakeOptions: FakeOllamaOptions = {}, options: CreateOllamaOptions = {}) => setupFake({ models: MODELS, ...fakeOptions }, options);

const chatBodies = (server: FakeOllama) => server.requests.filter((request) => request.path === '/api/chat').map((request) => request.body as Record<string, unknown>);
const shows = (server: FakeOllama) => server.requests.filter((request) => request.path === '/api/show').map((request) => (request.body as { model: string }).model);
const partsOf = (chunks: GenerateContentResponse[]): Part[] => chunks.flatMap((chunk) => chunk.candidates?.[0]?.content?.parts ?? []);

/** gemini-cli's chat config for gemini-2.5 models (chat-base-2.5) and gemini-3 models (chat-base-3). */
const HOST_25 = { thinkingConfig: { includeThoughts: true, thinkingBudget: 8192 }, temperature: 1, topP: 0.95, topK: 64 };
const HOST_3 = { thinkingConfig: { includeThoughts: true, thinkingLevel: 'HIGH' }, temperature: 1, topP: 0.95, topK: 64 };

/** A thinking model's answer: reasoning one token per line, then the answer. */
function thinkingScript(model: string, thoughts: string[], answer: string[]) {
  const line = (message: Record<string, unknown>) => ({ model, created_at: '2025-08-08T10:00:00Z', message: { role: 'assistant', content: '', ...message }, done: false });
  return [
    ...thoughts.map((thinking) => line({ thinking })),
    ...answer.map((content) => line({ content })),
    { model, created_at: '2025-08-08T10:00:01Z', message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop', prompt_eval_count: 9, eval_count: thoughts.length + answer.length },
  ];
}

describe('Ollama: includeThoughts never forces think', () => {
  it('answers the host (includeThoughts + thinkingBudget / thinkingLevel) on a model without thinking, with one /api/show for the model', async () => {
    const { generator, fake } = await setup();
    const streamed = await collect(generator.generateContentStream({ model: 'gemma3:270m', contents: 'Hi', config: HOST_25 }));
    expect(streamed.map((chunk) => chunk.text ?? '').join('')).toBe('Hello world');
    const whole = await generator.generateContent({ model: 'gemma3:270m', contents: 'Hi', config: HOST_3 });
    expect(whole.text).toBe('Hello world');
    expect(partsOf([whole]).some((part) => part.thought)).toBe(false);
    for (const body of chatBodies(fake)) expect(body).not.toHaveProperty('think');
    expect(shows(fake)).toEqual(['gemma3:270m']);
  });

  it('sends think to a model with the capability: true for includeThoughts / a budget / a level, false for budget 0', async () => {
    const { generator, fake } = await setup();
    const configs = [{ includeThoughts: true }, { thinkingBudget: 512 }, { thinkingLevel: 'HIGH' }, { includeThoughts: true, thinkingBudget: 0 }, {}];
    for (const thinkingConfig of configs) await generator.generateContent({ model: 'qwen3:0.6b', contents: 'Hi', config: { thinkingConfig } });
    await generator.generateContent({ model: 'qwen3:0.6b', contents: 'Hi' });
    expect(chatBodies(fake).map((body) => body['think'])).toEqual([true, true, true, false, undefined, undefined]);
    expect(shows(fake)).toEqual(['qwen3:0.6b']);
  });

  it('sends no think:false to a model without thinking (the prompt-completion / edit-corrector budget 0)', async () => {
    const { generator, fake } = await setup();
    await generator.generateContent({ model: 'gemma3:270m', contents: 'Hi', config: { thinkingConfig: { thinkingBudget: 0 } } });
    expect(chatBodies(fake)[0]).not.toHaveProperty('think');
  });

  it('looks nothing up for a request without thinkingConfig', async () => {
    const { generator, fake } = await setup();
    await generator.generateContent({ model: 'gemma3:270m', contents: 'Hi' });
    expect(shows(fake)).toEqual([]);
  });

  it('keeps an explicit providerOptions.think, which a model without thinking refuses', async () => {
    const { generator, fake } = await setup({}, { providerOptions: { think: true } });
    const error = await failure(() => generator.generateContent({ model: 'gemma3:270m', contents: 'Hi', config: HOST_25 }));
    expect(error.code).toBe('SAMUS_ERR_CAPABILITY_MISSING');
    expect(chatBodies(fake)[0]).toMatchObject({ think: true });
  });

  it('when /api/show fails: think only for an explicit budget or level, and the lookup is retried next time', async () => {
    const { generator, fake } = await setup({
      override: (request) => (request.url === '/api/show' ? { status: 500, body: JSON.stringify({ error: 'boom' }) } : undefined),
    });
    await generator.generateContent({ model: 'qwen3:0.6b', contents: 'Hi', config: { thinkingConfig: { includeThoughts: true } } });
    await generator.generateContent({ model: 'qwen3:0.6b', contents: 'Hi', config: { thinkingConfig: { includeThoughts: true, thinkingBudget: 1024 } } });
    await generator.generateContent({ model: 'qwen3:0.6b', contents: 'Hi', config: { thinkingConfig: { thinkingBudget: 0 } } });
    expect(chatBodies(fake).map((body) => body['think'])).toEqual([undefined, true, undefined]);
    expect(shows(fake)).toHaveLength(3);
  });
});

describe('Ollama: Gemini schemas are lowered before sending', () => {
  const schema = {
    type: Type.OBJECT,
    properties: { reasoning: { type: Type.STRING }, next_speaker: { type: Type.STRING, enum: ['user', 'model'] }, confidence: { type: Type.NUMBER, nullable: true } },
    required: ['reasoning', 'next_speaker'],
    propertyOrdering: ['reasoning', 'next_speaker'],
  };

  it('sends an upper-case responseJsonSchema (generateJson) as a lower-case JSON Schema format', async () => {
    const { generator, fake } = await setup({ chat: (request) => helloScript(request, ['{"reasoning":"r",', '"next_speaker":"user"}']) });
    const response = await generator.generateContent({ model: 'gemma3:270m', contents: 'Who speaks next?', config: { responseMimeType: 'application/json', responseJsonSchema: schema } });
    expect(JSON.parse(response.text!)).toEqual({ reasoning: 'r', next_speaker: 'user' });
    expect(chatBodies(fake)[0]!['format']).toEqual({
      type: 'object',
      properties: { reasoning: { type: 'string' }, next_speaker: { type: 'string', enum: ['user', 'model'] }, confidence: { type: ['number', 'null'] } },
      required: ['reasoning', 'next_speaker'],
    });
  });

  it('lowers tool parametersJsonSchema written with Type names', async () => {
    const { generator, fake } = await setup();
    await generator.generateContent({
      model: 'smollm2:135m',
      contents: 'List files',
      config: { tools: [{ functionDeclarations: [{ name: 'ls', description: 'List', parametersJsonSchema: { type: Type.OBJECT, properties: { dir: { type: Type.STRING } }, required: ['dir'] } }] }] },
    });
    expect(chatBodies(fake)[0]!['tools']).toEqual([{ type: 'function', function: { name: 'ls', description: 'List', parameters: { type: 'object', properties: { dir: { type: 'string' } }, required: ['dir'] } } }]);
  });

  it('refuses a schema that cannot be lowered with SAMUS_ERR_INVALID_REQUEST before sending', async () => {
    const { generator, fake } = await setup();
    const error = await failure(() => generator.generateContent({ model: 'gemma3:270m', contents: 'x', config: { responseJsonSchema: { type: 'RECORD' } } }));
    expect(error.code).toBe('SAMUS_ERR_INVALID_REQUEST');
    expect(error.message).toMatch(/responseJsonSchema has an unknown type "RECORD"/);
    expect(error.hint).toMatch(/Type\.OBJECT/);
    expect(chatBodies(fake)).toHaveLength(0);
  });
});

describe('Ollama: whole thought segments and response ids', () => {
  it('streams reasoning as one thought part per segment, before the answer', async () => {
    const { generator } = await setup({ chat: (request) => thinkingScript(request.model, ['**Greeting**', '\n\nThe user', ' says hi.'], ['Hi', ' there']) });
    const chunks = await collect(generator.generateContentStream({ model: 'qwen3:0.6b', contents: 'Hi', config: HOST_25 }));
    const parts = partsOf(chunks);
    expect(parts.filter((part) => part.thought)).toEqual([{ text: '**Greeting**\n\nThe user says hi.', thought: true }]);
    expect(chunks[0]!.candidates?.[0]?.content?.parts).toEqual([{ text: '**Greeting**\n\nThe user says hi.', thought: true }, { text: 'Hi' }]);
    expect(parts.filter((part) => !part.thought).map((part) => part.text).join('')).toBe('Hi there');
  });

  it('flushes the thought before a tool call, and in a non-streamed answer gives one thought part', async () => {
    const { generator } = await setup({
      chat: (request) => [
        ...thinkingScript(request.model, ['Need', ' the', ' weather.'], []).slice(0, 3),
        { model: request.model, message: { role: 'assistant', content: '', tool_calls: [{ function: { name: 'weather', arguments: { city: 'Oslo' } } }] }, done: false },
        { model: request.model, message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop' },
      ],
    });
    const tools = [{ functionDeclarations: [{ name: 'weather', parameters: { type: Type.OBJECT, properties: { city: { type: Type.STRING } } } }] }];
    const chunks = await collect(generator.generateContentStream({ model: 'qwen3:0.6b', contents: 'Weather?', config: { ...HOST_25, tools } }));
    const parts = partsOf(chunks);
    expect(parts.map((part) => (part.thought ? 'thought' : part.functionCall ? 'call' : 'text'))).toEqual(['thought', 'call']);
    expect(parts[0]!.text).toBe('Need the weather.');
    const whole = await generator.generateContent({ model: 'qwen3:0.6b', contents: 'Weather?', config: { ...HOST_25, tools } });
    const wholeParts = whole.candidates![0]!.content!.parts!;
    expect(wholeParts.filter((part) => part.thought)).toEqual([{ text: 'Need the weather.', thought: true }]);
    expect(wholeParts[1]!.functionCall).toMatchObject({ name: 'weather', args: { city: 'Oslo' } });
  });

  it('gives every chunk the same responseId, a new one per request, and one on a non-streamed answer', async () => {
    const { generator } = await setup({ chat: (request) => helloScript(request, ['a', 'b', 'c']) });
    const first = await collect(generator.generateContentStream({ model: 'gemma3:270m', contents: 'Hi' }));
    const second = await collect(generator.generateContentStream({ model: 'gemma3:270m', contents: 'Hi' }));
    for (const chunks of [first, second]) {
      expect(chunks).toHaveLength(4);
      expect(new Set(chunks.map((chunk) => chunk.responseId)).size).toBe(1);
      expect(chunks[0]!.responseId).toMatch(/^resp-[0-9a-f-]{36}$/);
    }
    expect(first[0]!.responseId).not.toBe(second[0]!.responseId);
    const whole = await generator.generateContent({ model: 'gemma3:270m', contents: 'Hi' });
    expect(whole.responseId).toMatch(/^resp-/);
    expect(whole.responseId).not.toBe(first[0]!.responseId);
  });
});

describe('Ollama: countTokens counts images the way the model is charged', () => {
  const image = { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } };
  const withImages = (count: number) => [{ role: 'user', parts: [{ text: 'Describe.' }, ...Array.from({ length: count }, () => image)] }];

  it.each([
    ['gemma3:4b', 256 + 4],
    ['llava:7b-v1.5', 576],
    ['llava:7b', 5 * 576],
    ['smollm2:135m', IMAGE_TOKEN_ESTIMATE],
  ])('%s: %i tokens per image (from /api/show, looked up once)', async (model, perImage) => {
    const { generator, fake } = await setup();
    const text = (await generator.countTokens({ model, contents: withImages(0) })).totalTokens!;
    expect(shows(fake)).toEqual([]);
    expect((await generator.countTokens({ model, contents: withImages(1) })).totalTokens).toBe(text + perImage);
    expect((await generator.countTokens({ model, contents: withImages(2) })).totalTokens).toBe(text + 2 * perImage);
    expect(shows(fake)).toEqual([model]);
  });

  it('counts the configured model for a hosted model name (gemini-cli passes its own)', async () => {
    const { generator, fake } = await setup({}, { model: 'gemma3:4b' });
    const text = (await generator.countTokens({ model: 'gemini-2.5-pro', contents: withImages(0) })).totalTokens!;
    expect((await generator.countTokens({ model: 'gemini-2.5-pro', contents: withImages(1) })).totalTokens).toBe(text + 260);
    expect(shows(fake)).toEqual(['gemma3:4b']);
  });

  it('uses the fixed estimate when /api/show fails', async () => {
    const { generator } = await setup({ override: (request) => (request.url === '/api/show' ? { status: 500, body: '{"error":"boom"}' } : undefined) });
    const text = (await generator.countTokens({ model: 'gemma3:4b', contents: withImages(0) })).totalTokens!;
    expect((await generator.countTokens({ model: 'gemma3:4b', contents: withImages(1) })).totalTokens).toBe(text + IMAGE_TOKEN_ESTIMATE);
  });
});
