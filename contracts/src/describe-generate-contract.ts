import { generateContentResponseSchema } from '@samus/kernel/schemas';
import { expect, it } from 'vitest';
import { describeGroup, responseText } from './contract-helpers.js';
import type { ContractContext } from './provider-contract-options.js';

/**
 * `generateContent()`: one candidate of role `model` with text, a finish reason and usage; deterministic at
 * temperature 0 with a seed; `maxOutputTokens` honoured; every `contents` form accepted. Always runs.
 */
export function describeGenerateContract(ctx: ContractContext): void {
  const { chat } = ctx.options.models;
  const config = () => ({ temperature: 0, seed: ctx.seed, maxOutputTokens: ctx.maxOutputTokens });

  describeGroup('generate', undefined, () => {
    it('generateContent(prompt) returns one model candidate with text, a finish reason and token usage', async () => {
      const { generator } = await ctx.provider();
      const response = await generator.generateContent({
        model: chat,
        contents: [{ role: 'user', parts: [{ text: 'Name three colours.' }] }],
        config: config(),
      });
      const parsed = generateContentResponseSchema.parse(response);
      expect(parsed.candidates).toHaveLength(1);
      const candidate = parsed.candidates![0]!;
      expect(['STOP', 'MAX_TOKENS']).toContain(candidate.finishReason);
      expect(responseText(response).trim().length).toBeGreaterThan(0);
      expect(parsed.usageMetadata?.promptTokenCount).toBeGreaterThan(0);
      expect(parsed.usageMetadata?.candidatesTokenCount).toBeGreaterThan(0);
      expect(parsed.usageMetadata!.candidatesTokenCount!).toBeLessThanOrEqual(ctx.maxOutputTokens);
    });

    it('generateContent(prompt) is deterministic at temperature 0 with a fixed seed', async () => {
      const { generator } = await ctx.provider();
      const request = { model: chat, contents: 'Write one sentence about the sea.', config: config() };
      const first = responseText(await generator.generateContent(request));
      const second = responseText(await generator.generateContent(request));
      expect(first.length).toBeGreaterThan(0);
      expect(second).toBe(first);
    });

    it('generateContent({ maxOutputTokens: 3 }) stops early with finishReason MAX_TOKENS', async () => {
      const { generator } = await ctx.provider();
      const response = await generator.generateContent({
        model: chat,
        contents: 'Write a long story about a dragon who learns to sail.',
        config: { temperature: 0, seed: ctx.seed, maxOutputTokens: 3 },
      });
      const parsed = generateContentResponseSchema.parse(response);
      expect(parsed.candidates![0]!.finishReason).toBe('MAX_TOKENS');
      expect(parsed.usageMetadata?.candidatesTokenCount ?? 0).toBeLessThanOrEqual(3);
    });

    it('generateContent(history, systemInstruction) accepts a system instruction and earlier model turns', async () => {
      const { generator } = await ctx.provider();
      const response = await generator.generateContent({
        model: chat,
        contents: [
          { role: 'user', parts: [{ text: 'My name is Ada.' }] },
          { role: 'model', parts: [{ text: 'Nice to meet you, Ada.' }] },
          { role: 'user', parts: [{ text: 'What is my name?' }] },
        ],
        config: { ...config(), systemInstruction: 'You are a terse assistant.' },
      });
      const parsed = generateContentResponseSchema.parse(response);
      expect(parsed.candidates![0]!.content.role).toBe('model');
      expect(responseText(response).trim().length).toBeGreaterThan(0);
      // Three turns plus a system instruction cannot be fewer prompt tokens than the last question alone.
      expect(parsed.usageMetadata?.promptTokenCount).toBeGreaterThan(5);
    });

    it('generateContent(string | Part[]) accepts the shorthand contents forms', async () => {
      const { generator } = await ctx.provider();
      for (const contents of ['Say hi.', [{ text: 'Say hi.' }], ['Say', ' hi.']]) {
        const response = await generator.generateContent({ model: chat, contents, config: { ...config(), maxOutputTokens: 4 } });
        generateContentResponseSchema.parse(response);
        expect(response.candidates?.[0]?.content?.parts?.length, JSON.stringify(contents)).toBeGreaterThan(0);
      }
    });
  });
}
