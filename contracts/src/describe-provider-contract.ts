import { describe } from 'vitest';
import { describeAbortContract } from './describe-abort-contract.js';
import { describeEmbeddingsContract } from './describe-embeddings-contract.js';
import { describeErrorsContract } from './describe-errors-contract.js';
import { describeGenerateContract } from './describe-generate-contract.js';
import { describeHealthContract } from './describe-health-contract.js';
import { describeModelListingContract } from './describe-model-listing-contract.js';
import { describeStreamContract } from './describe-stream-contract.js';
import { describeStructuredOutputContract } from './describe-structured-output-contract.js';
import { describeTimeoutsContract } from './describe-timeouts-contract.js';
import { describeTokenCountingContract } from './describe-token-counting-contract.js';
import { describeToolsContract } from './describe-tools-contract.js';
import { createContractContext, type ProviderContractOptions } from './provider-contract-options.js';

/**
 * Declares the whole provider contract: one `describe` per capability group. Groups whose capability is not
 * declared show as skipped with the reason; `options.skip` skips everything with its reason.
 *
 * @example
 * describeProviderContract({
 *   name: 'ollama (container)',
 *   createProvider: (overrides) => createMyProvider({ baseUrl, ...overrides }),
 *   models: { chat: 'gemma3:270m', embedding: 'all-minilm:l6-v2' },
 *   capabilities: { streaming: true, embeddings: true, modelListing: true, health: true, abort: true, timeouts: true },
 * });
 */
export function describeProviderContract(options: ProviderContractOptions): void {
  const skip = typeof options.skip === 'string' ? options.skip : undefined;
  describe.skipIf(skip !== undefined)(skip === undefined ? `provider contract: ${options.name}` : `provider contract: ${options.name} (skipped: ${skip})`, () => {
    const ctx = createContractContext(options);
    describeGenerateContract(ctx);
    describeStreamContract(ctx);
    describeToolsContract(ctx);
    describeStructuredOutputContract(ctx);
    describeEmbeddingsContract(ctx);
    describeTokenCountingContract(ctx);
    describeModelListingContract(ctx);
    describeHealthContract(ctx);
    describeErrorsContract(ctx);
    describeAbortContract(ctx);
    describeTimeoutsContract(ctx);
  });
}
