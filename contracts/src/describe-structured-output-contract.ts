import { generateContentResponseSchema } from '@samus/kernel/schemas';
import { expect, it } from 'vitest';
import { capabilityMissing, describeGroup, responseText } from './contract-helpers.js';
import type { ContractContext } from './provider-contract-options.js';

const citySchema = {
  type: 'object',
  properties: { city: { type: 'string' }, population: { type: 'integer' } },
  required: ['city', 'population'],
  additionalProperties: false,
};

/** Structured output: `responseMimeType: 'application/json'` (with or without a schema) yields parseable JSON. */
export function describeStructuredOutputContract(ctx: ContractContext): void {
  const { chat } = ctx.options.models;

  describeGroup('structured output', capabilityMissing('structuredOutput', ctx.options.capabilities.structuredOutput), () => {
    it('generateContent({ responseMimeType: "application/json", responseJsonSchema }) returns JSON that follows the schema', async () => {
      const { generator } = await ctx.provider();
      const response = await generator.generateContent({
        model: chat,
        contents: 'Give the largest city of France and its population as JSON.',
        config: { temperature: 0, seed: ctx.seed, maxOutputTokens: 64, responseMimeType: 'application/json', responseJsonSchema: citySchema },
      });
      generateContentResponseSchema.parse(response);
      const value: unknown = JSON.parse(responseText(response));
      expect(value).toEqual({ city: expect.any(String), population: expect.any(Number) });
      expect(Number.isInteger((value as { population: number }).population)).toBe(true);
    });

    it('generateContent({ responseMimeType: "application/json" }) returns JSON (whole when it stopped by itself)', async () => {
      const { generator } = await ctx.provider();
      const response = await generator.generateContent({
        model: chat,
        contents: 'Return a JSON object with a key "colour" whose value is a colour name.',
        config: { temperature: 0, seed: ctx.seed, maxOutputTokens: 128, responseMimeType: 'application/json' },
      });
      const parsed = generateContentResponseSchema.parse(response);
      const text = responseText(response).trim();
      // JSON mode constrains the output to JSON from the first token; a tiny model may still run into the token
      // limit inside the object, so only an answer that stopped by itself must parse whole.
      expect(text).toMatch(/^[{[]/);
      if (parsed.candidates![0]!.finishReason === 'STOP') expect(() => JSON.parse(text) as unknown, text).not.toThrow();
    });
  });
}
