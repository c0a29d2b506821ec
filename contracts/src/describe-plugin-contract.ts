import { createKernel, type SamusPlugin } from '@samus/kernel';
import { describeProviderContract } from './describe-provider-contract.js';
import type { ContractModels, ProviderContractOptions } from './provider-contract-options.js';

/** Options of {@link describePluginContract}. */
export interface PluginContractOptions {
  /** The suite's name (the server it runs against). */
  name: string;
  /** The plugin under test: its capabilities decide which groups run; generator and admin come through a kernel. */
  plugin: SamusPlugin;
  /** Where its server listens. */
  baseUrl: string;
  models: ContractModels;
  /** Generator `providerOptions` (e.g. another API path of the same server). */
  providerOptions?: Record<string, unknown>;
  /** Skip the whole suite, with the reason (e.g. the server could not be provisioned). */
  skip?: string | false;
  /** Passed to the suite. */
  exactTokenCounts?: ProviderContractOptions['exactTokenCounts'];
}

/**
 * The shared provider suite for one plugin, wired through the kernel only: the plugin is registered in a fresh kernel,
 * the generator and the admin are created by `kernel.createContentGenerator` / `kernel.createAdmin` for its first
 * auth type, and the plugin's own `capabilities` record says which groups run (streaming always does). A provider's
 * wiring is this one call.
 */
export function describePluginContract(options: PluginContractOptions): void {
  const capabilities = options.plugin.capabilities ?? {};
  const authType = options.plugin.authTypes[0]!;
  describeProviderContract({
    name: options.name,
    skip: options.skip ?? false,
    models: options.models,
    ...(options.exactTokenCounts === undefined ? {} : { exactTokenCounts: options.exactTokenCounts }),
    capabilities: { streaming: true, ...capabilities, embeddings: capabilities.embeddings === true && options.models.embedding !== undefined },
    createProvider: async (overrides = {}) => {
      const kernel = createKernel({ env: {} }).register(options.plugin);
      const settings = {
        baseUrl: overrides.baseUrl ?? options.baseUrl,
        model: options.models.chat,
        maxRetries: overrides.maxRetries ?? 0,
        ...(overrides.timeouts ? { timeouts: overrides.timeouts } : {}),
        ...(options.providerOptions ? { providerOptions: options.providerOptions } : {}),
      };
      const generator = await kernel.createContentGenerator(kernel.createContentGeneratorConfig(authType, settings));
      const admin = capabilities.modelListing || capabilities.health ? await kernel.createAdmin(authType, settings) : undefined;
      return { generator, ...(admin ? { admin } : {}) };
    },
  });
}
