import { countTokensResponseSchema } from '@samus/kernel';
import { expect, it } from 'vitest';
import { capabilityMissing, describeGroup } from './contract-helpers.js';
import { type ContractContext } from './provider-contract-options.js';

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
      expect(long.totalTokens).toBeGreaterThan(short.totalTokens * 10);
    });
  });
}
