import type { GenerateContentResponse } from '@samus/kernel';
import { generateContentResponseSchema } from '@samus/kernel/schemas';
import { expect, it } from 'vitest';
import { capabilityMissing, collect, describeGroup, responseText } from './contract-helpers.js';
import type { ContractContext } from './provider-contract-options.js';

function finishReasons(chunks: GenerateContentResponse[]): string[] {
  return chunks.flatMap((chunk) => (chunk.candidates?.[0]?.finishReason ? [chunk.candidates[0].finishReason] : []));
}

/**
 * `generateContentStream()`: every chunk has the response shape, text arrives in pieces, exactly one finish reason
 * (on the last candidate chunk), usage at the end, and the same text as the non-streaming call.
 */
export function describeStreamContract(ctx: ContractContext): void {
  const { chat } = ctx.options.models;
  const config = () => ({ temperature: 0, seed: ctx.seed, maxOutputTokens: ctx.maxOutputTokens });

  describeGroup('stream', capabilityMissing('streaming', ctx.options.capabilities.streaming), () => {
    it('generateContentStream(prompt) yields response-shaped chunks, one finish reason last, and usage', async () => {
      const { generator } = await ctx.provider();
      const chunks = await collect(
        generator.generateContentStream({ model: chat, contents: 'Count from one to ten in words.', config: config() }),
      );
      expect(chunks.length).toBeGreaterThan(1);
      for (const chunk of chunks) generateContentResponseSchema.parse(chunk);
      const reasons = finishReasons(chunks);
      expect(reasons).toHaveLength(1);
      expect(['STOP', 'MAX_TOKENS']).toContain(reasons[0]);
      const withCandidates = chunks.filter((chunk) => chunk.candidates?.length);
      expect(withCandidates.at(-1)!.candidates![0]!.finishReason).toBe(reasons[0]);
      const usage = chunks.findLast((chunk) => chunk.usageMetadata)?.usageMetadata;
      expect(usage?.promptTokenCount).toBeGreaterThan(0);
      expect(usage?.candidatesTokenCount).toBeGreaterThan(0);
      const textChunks = chunks.filter((chunk) => responseText(chunk).length > 0);
      expect(textChunks.length, 'text arrives in more than one chunk').toBeGreaterThan(1);
    });

    it('generateContentStream(prompt) yields the same text as generateContent(prompt) at temperature 0 with a seed', async () => {
      const { generator } = await ctx.provider();
      const request = { model: chat, contents: 'Write one sentence about mountains.', config: config() };
      const whole = responseText(await generator.generateContent(request));
      const streamed = (await collect(generator.generateContentStream(request))).map(responseText).join('');
      expect(streamed.length).toBeGreaterThan(0);
      expect(streamed).toBe(whole);
    });

    it('generateContentStream({ maxOutputTokens: 3 }) ends with finishReason MAX_TOKENS', async () => {
      const { generator } = await ctx.provider();
      const chunks = await collect(
        generator.generateContentStream({
          model: chat,
          contents: 'Write a long story about a dragon who learns to sail.',
          config: { temperature: 0, seed: ctx.seed, maxOutputTokens: 3 },
        }),
      );
      expect(finishReasons(chunks)).toEqual(['MAX_TOKENS']);
    });
  });
}
