import { embedContentResponseSchema } from '@samus/kernel/schemas';
import { expect, it } from 'vitest';
import { capabilityMissing, cosineSimilarity, describeGroup } from './contract-helpers.js';
import type { ContractContext } from './provider-contract-options.js';

/** `embedContent()`: one finite vector per input, equal dimensions, and nearer vectors for nearer meanings. */
export function describeEmbeddingsContract(ctx: ContractContext): void {
  const model = ctx.options.models.embedding;
  const skip =
    capabilityMissing('embeddings', ctx.options.capabilities.embeddings) ??
    (model === undefined ? 'no embedding model given (models.embedding)' : undefined);

  describeGroup('embeddings', skip, () => {
    it('embedContent(string) returns one finite vector', async () => {
      const { generator } = await ctx.provider();
      const parsed = embedContentResponseSchema.parse(await generator.embedContent({ model: model!, contents: 'The quick brown fox.' }));
      expect(parsed.embeddings).toHaveLength(1);
    });

    it('embedContent(three texts) returns three vectors of one dimension, in input order', async () => {
      const { generator } = await ctx.provider();
      const texts = ['A cat sits on the mat.', 'A kitten is sitting on a rug.', 'Quarterly tax returns are due in April.'];
      const parsed = embedContentResponseSchema.parse(
        await generator.embedContent({ model: model!, contents: texts.map((text) => ({ role: 'user', parts: [{ text }] })) }),
      );
      expect(parsed.embeddings).toHaveLength(3);
      const [cat, kitten, tax] = parsed.embeddings.map((embedding) => embedding.values);
      expect(new Set([cat!.length, kitten!.length, tax!.length]).size).toBe(1);
      expect(cosineSimilarity(cat!, kitten!)).toBeGreaterThan(cosineSimilarity(cat!, tax!));
      const single = embedContentResponseSchema.parse(await generator.embedContent({ model: model!, contents: texts[2]! }));
      expect(cosineSimilarity(single.embeddings[0]!.values, tax!)).toBeGreaterThan(0.99);
    });
  });
}
