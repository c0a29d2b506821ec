import { countTokensResponseSchema } from '@samus/kernel/schemas';
import { expect, it } from 'vitest';
import { capabilityMissing, describeGroup } from './contract-helpers.js';
import type { ContractContext } from './provider-contract-options.js';

/** `countTokens()`: a positive integer that grows with the input. */
export function describeTokenCountingContract(ctx: ContractContext): void {
  const { chat } = ctx.options.models;

  describeGroup('token counting', capabilityMissing('tokenCounting', ctx.options.capabilities.tokenCounting), () => {
    it('countTokens(contents) returns a positive integer totalTokens', async () => {
      const { generator } = await ctx.provider();
      const parsed = countTokensResponseSchema.parse(await generator.countTokens({ model: chat, contents: 'Hello there, how are you today?' }));
      expect(parsed.totalTokens).toBeGreaterThan(0);
    });

    it('countTokens(contents) grows with the input', async () => {
      const { generator } = await ctx.provider();
      const sentence = 'The committee reviewed the proposal and asked for a revised budget. ';
      const short = countTokensResponseSchema.parse(await generator.countTokens({ model: chat, contents: sentence }));
      const long = countTokensResponseSchema.parse(await generator.countTokens({ model: chat, contents: sentence.repeat(20) }));
      // An exact count includes the chat template's fixed tokens (role markers, a default system prompt): net of them.
      const overhead = ctx.options.exactTokenCounts ? countTokensResponseSchema.parse(await generator.countTokens({ model: chat, contents: '.' })).totalTokens - 1 : 0;
      expect(long.totalTokens - overhead).toBeGreaterThan((short.totalTokens - overhead) * 10);
    });

    it.skipIf(ctx.options.exactTokenCounts !== true)(
      `countTokens(request) equals the promptTokenCount the server reports for the same request${ctx.options.exactTokenCounts === true ? '' : ' (skipped: the provider estimates, options.exactTokenCounts is not set)'}`,
      async () => {
        const { generator } = await ctx.provider();
        const request = {
          model: chat,
          contents: [
            { role: 'user', parts: [{ text: 'Name a colour. Ünïcödé, 日本語, emoji 🙂 and code: `const x = [1, 2];`' }] },
            { role: 'model', parts: [{ text: 'Blue.' }] },
            { role: 'user', parts: [{ text: 'Another one, please.' }] },
          ],
          config: { systemInstruction: 'Answer with one word.', temperature: 0, seed: ctx.seed, maxOutputTokens: 2 },
        };
        const counted = countTokensResponseSchema.parse(await generator.countTokens(request));
        const response = await generator.generateContent(request);
        expect(counted.totalTokens).toBe(response.usageMetadata?.promptTokenCount);
      },
    );
  });
}
