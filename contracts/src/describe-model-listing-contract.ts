import type { ModelInfo } from '@samus/kernel';
import { modelInfoSchema } from '@samus/kernel/schemas';
import { expect, it } from 'vitest';
import { capabilityMissing, describeGroup } from './contract-helpers.js';
import type { ContractContext } from './provider-contract-options.js';

function find(models: ModelInfo[], name: string): ModelInfo | undefined {
  return models.find((model) => model.id === name || model.aliases.includes(name));
}

/** `admin.listModels()`: normalised `ModelInfo` entries, the suite's models among them, embedding models told apart. */
export function describeModelListingContract(ctx: ContractContext): void {
  const { chat, embedding } = ctx.options.models;

  describeGroup('model listing', capabilityMissing('modelListing', ctx.options.capabilities.modelListing), () => {
    it('listModels() returns ModelInfo entries, one per id, including the chat model as kind "chat"', async () => {
      const { admin } = await ctx.provider();
      const models = (await admin!.listModels()).map((model) => modelInfoSchema.parse(model));
      expect(models.length).toBeGreaterThan(0);
      expect(new Set(models.map((model) => model.id)).size).toBe(models.length);
      const entry = find(models, chat);
      expect(entry, `${chat} in ${models.map((model) => model.id).join(', ')}`).toBeDefined();
      expect(entry!.kind).toBe('chat');
    });

    it.skipIf(embedding === undefined)(
      `listModels() flags the embedding model as kind "embedding"${embedding === undefined ? ' (skipped: no models.embedding)' : ''}`,
      async () => {
        const { admin } = await ctx.provider();
        const entry = find(await admin!.listModels(), embedding!);
        expect(entry).toBeDefined();
        expect(entry!.kind).toBe('embedding');
      },
    );

    it('listModels({ signal }) rejects with SAMUS_ERR_ABORTED when the signal is already aborted', async () => {
      const { admin } = await ctx.provider();
      const controller = new AbortController();
      controller.abort();
      await expect(admin!.listModels({ signal: controller.signal })).rejects.toMatchObject({ code: 'SAMUS_ERR_ABORTED' });
    });
  });
}
