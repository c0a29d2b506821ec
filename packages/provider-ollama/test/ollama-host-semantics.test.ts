import { Type, type GenerateContentResponse } from '@samus/kernel';
import { type OllamaProvided } from '@samus/test-ollama';
import { describe, expect, inject, it } from 'vitest';
import { createOllama } from '../src/index.js';

// gemini-cli-core 0.61.0's request shapes against the real Ollama 0.11.4 container: the chat model (gemma3:270m)
// has no `thinking` capability, and Ollama compiles `format` into a grammar (upper-case type names fail there).

const ollama: OllamaProvided = inject('ollama');
const skipReason = ollama.available ? undefined : ollama.reason;

/** gemini-cli's chat-base-2.5 config: includeThoughts plus a thinking budget on every main turn. */
const HOST_CHAT = { thinkingConfig: { includeThoughts: true, thinkingBudget: 8192 }, temperature: 0, seed: 7, maxOutputTokens: 24 };

describe.skipIf(skipReason !== undefined)(`ollama host semantics against a real server${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const create = () => {
    if (!ollama.available) throw new Error(ollama.reason);
    return createOllama({ env: {}, baseUrl: ollama.baseUrl, model: ollama.models.chat, maxRetries: 0 });
  };

  it('a model without thinking answers a request with includeThoughts and a thinkingBudget (no 400 "does not support thinking")', async () => {
    if (!ollama.available) return;
    const generator = create();
    const chunks: GenerateContentResponse[] = [];
    for await (const chunk of await generator.generateContentStream({ model: ollama.models.chat, contents: 'Say hello.', config: HOST_CHAT })) chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.text ?? '').join('').length).toBeGreaterThan(0);
    expect(chunks.flatMap((chunk) => chunk.candidates?.[0]?.content?.parts ?? []).some((part) => part.thought)).toBe(false);
    // One id per response, on every chunk.
    expect(new Set(chunks.map((chunk) => chunk.responseId)).size).toBe(1);
    expect(chunks[0]!.responseId).toMatch(/^resp-/);
    const whole = await generator.generateContent({ model: ollama.models.chat, contents: 'Say hello.', config: { ...HOST_CHAT, thinkingConfig: { thinkingBudget: 0 } } });
    expect(whole.candidates?.[0]?.finishReason).toBeDefined();
  });

  it('generateJson-style Type.OBJECT responseJsonSchema is accepted and followed (no "invalid JSON schema in format")', async () => {
    if (!ollama.available) return;
    const response = await create().generateContent({
      model: ollama.models.chat,
      contents: 'Answer in JSON: who should speak next, the user or the model?',
      config: {
        temperature: 0,
        seed: 7,
        maxOutputTokens: 64,
        responseMimeType: 'application/json',
        responseJsonSchema: {
          type: Type.OBJECT,
          properties: { next_speaker: { type: Type.STRING, enum: ['user', 'model'] } },
          required: ['next_speaker'],
          propertyOrdering: ['next_speaker'],
        },
      },
    });
    const answer = JSON.parse(response.text!) as { next_speaker?: unknown };
    expect(['user', 'model']).toContain(answer.next_speaker);
  });

  it('the wire truth behind both: Ollama itself refuses think:true for this model and an upper-case schema in format', async () => {
    if (!ollama.available) return;
    const chat = (extra: Record<string, unknown>) =>
      fetch(`${ollama.baseUrl}/api/chat`, {
        method: 'POST',
        body: JSON.stringify({ model: ollama.models.chat, stream: false, messages: [{ role: 'user', content: 'Hi' }], options: { num_predict: 4 }, ...extra }),
      });
    const think = await chat({ think: true });
    expect(think.status).toBe(400);
    expect(await think.text()).toMatch(/does not support thinking/);
    const format = await chat({ format: { type: 'OBJECT', properties: { a: { type: 'STRING' } } } });
    expect(format.ok).toBe(false);
    expect(await format.text()).toMatch(/invalid JSON schema in format/);
  });

  it('countTokens adds the per-image cost for a request with an image', async () => {
    if (!ollama.available) return;
    const generator = create();
    const image = { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==' } };
    const text = (await generator.countTokens({ model: ollama.models.chat, contents: [{ role: 'user', parts: [{ text: 'Describe.' }] }] })).totalTokens!;
    const withImage = (await generator.countTokens({ model: ollama.models.chat, contents: [{ role: 'user', parts: [{ text: 'Describe.' }, image] }] })).totalTokens!;
    expect(withImage).toBeGreaterThan(text + 200);
  });
});
