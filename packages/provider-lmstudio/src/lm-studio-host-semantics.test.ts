import { Type, type GenerateContentResponse, type Part } from '@samus/kernel';
import { IMAGE_TOKEN_ESTIMATE } from '@samus/provider-core/internal';
import { collect } from '@samus/test-server';
import { describe, expect, it } from 'vitest';
import { CHAT, setup } from './testing/mock-generator.js';

// How gemini-cli-core 0.61.0 drives a generator, against the LM Studio mock (OpenAI-compatible /v1 and /api/v0).

const partsOf = (chunks: GenerateContentResponse[]): Part[] => chunks.flatMap((chunk) => chunk.candidates?.[0]?.content?.parts ?? []);
const HOST_CHAT = { thinkingConfig: { includeThoughts: true, thinkingBudget: 8192 }, temperature: 1, topP: 0.95, topK: 64 };

describe('LM Studio: host semantics', () => {
  it.each(['reasoning_content', 'reasoning'] as const)('merges %s streamed token by token into one thought part before the answer', async (reasoningField) => {
    const reasoning = '**Planning** The user greets me, so I greet back.';
    const { generator } = await setup({ reasoningField, replies: [{ reasoning, content: 'Hello there.' }] });
    const chunks = await collect(generator.generateContentStream({ model: CHAT, contents: 'Hi', config: HOST_CHAT }));
    const parts = partsOf(chunks);
    expect(parts.filter((part) => part.thought)).toEqual([{ text: reasoning, thought: true }]);
    expect(parts.findIndex((part) => part.thought)).toBe(0);
    expect(parts.filter((part) => !part.thought).map((part) => part.text).join('')).toBe('Hello there.');
  });

  it('sends no reasoning option for the host thinkingConfig, and gives every chunk one responseId', async () => {
    const { generator, server } = await setup({ replies: [{ content: 'One two three four.' }] });
    const chunks = await collect(generator.generateContentStream({ model: CHAT, contents: 'Count', config: HOST_CHAT }));
    const body = server.requests.find((request) => request.path === '/v1/chat/completions')!.body as Record<string, unknown>;
    for (const key of ['reasoning_effort', 'reasoning', 'think']) expect(body).not.toHaveProperty(key);
    expect(chunks.length).toBeGreaterThan(2);
    const ids = new Set(chunks.map((chunk) => chunk.responseId));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toEqual(expect.any(String));
  });

  it('answers generateJson with a Type.OBJECT schema (lowered to JSON Schema in response_format)', async () => {
    const { generator, server } = await setup();
    const response = await generator.generateContent({
      model: CHAT,
      contents: 'Who speaks next?',
      config: {
        responseMimeType: 'application/json',
        responseJsonSchema: { type: Type.OBJECT, properties: { next_speaker: { type: Type.STRING, enum: ['user', 'model'] }, turns: { type: Type.INTEGER } }, required: ['next_speaker', 'turns'] },
      },
    });
    const answer = JSON.parse(response.text!) as Record<string, unknown>;
    expect(answer).toEqual({ next_speaker: expect.stringMatching(/^(user|model)$/), turns: expect.any(Number) });
    const body = server.requests.find((request) => request.path.endsWith('/chat/completions'))!.body as { response_format: { json_schema: { schema: unknown } } };
    expect(body.response_format.json_schema.schema).toEqual({ type: 'object', properties: { next_speaker: { type: 'string', enum: ['user', 'model'] }, turns: { type: 'integer' } }, required: ['next_speaker', 'turns'] });
  });

  it('counts each inline image at the documented fixed estimate in countTokens', async () => {
    const { generator } = await setup();
    const image = { inlineData: { mimeType: 'image/jpeg', data: '/9j/4AAQSkZJRg==' } };
    const text = (await generator.countTokens({ model: CHAT, contents: [{ role: 'user', parts: [{ text: 'Describe.' }] }] })).totalTokens!;
    const withImage = (await generator.countTokens({ model: CHAT, contents: [{ role: 'user', parts: [{ text: 'Describe.' }, image] }] })).totalTokens!;
    expect(withImage - text).toBe(IMAGE_TOKEN_ESTIMATE);
  });
});
