import { SPECIFICATION_VERSION, type ConfigSpec, type SamusPlugin } from '@samus/kernel';
import type { Discovery } from './discovery.js';
import type { RoutingStrategyName } from './routing-strategy.js';

/** The auth type the routing pool is registered under. */
export const POOL_AUTH_TYPE = 'samus-pool';

/** How the pool's config resolves: the model from `SAMUS_MODEL`, the utility model from `SAMUS_UTILITY_MODEL`; no base URL (the fleet has many). */
export const POOL_CONFIG_SPEC: ConfigSpec = {
  modelEnv: ['SAMUS_MODEL'],
  utilityModelEnv: ['SAMUS_UTILITY_MODEL'],
  requiresBaseUrl: false,
};

/**
 * A kernel plugin that serves auth type `samus-pool` with a {@link RoutingPool} over `discovery`. The config's
 * `model` is the default model, its `timeouts` apply to every per-server request, and `providerOptions.strategy`
 * (`capacity-aware` — the default, also `auto` —, `round-robin`, `least-busy`, `lowest-ttft`, `priority`),
 * `providerOptions.priorities` (base URL → number), `providerOptions.capacities` (base URL → parallel requests) and
 * `providerOptions.affinity` (false turns conversation cache affinity off) choose the routing, and
 * `providerOptions.failoverAfterMs` the failover deadline before the first token (default adaptive, `0`: off). The first generator created runs a discovery pass if none ran yet.
 *
 * @example
 * const kernel = createKernel().register(ollamaPlugin).register(lmStudioPlugin);
 * const discovery = createDiscovery({ kernel });
 * kernel.register(createPoolPlugin(discovery));
 * const pool = await kernel.createContentGenerator(kernel.createContentGeneratorConfig('samus-pool', { model: 'gemma3:270m' }));
 */
export function createPoolPlugin(discovery: Discovery): SamusPlugin {
  return {
    id: POOL_AUTH_TYPE,
    specificationVersion: SPECIFICATION_VERSION,
    authTypes: [POOL_AUTH_TYPE],
    configSpecs: { [POOL_AUTH_TYPE]: POOL_CONFIG_SPEC },
    async createContentGenerator(config) {
      await discovery.ready();
      const strategy = config.providerOptions.strategy as RoutingStrategyName | undefined;
      const priorities = config.providerOptions.priorities as Record<string, number> | undefined;
      const capacities = config.providerOptions.capacities as Record<string, number> | undefined;
      const affinity = config.providerOptions.affinity as boolean | undefined;
      const failoverAfterMs = config.providerOptions.failoverAfterMs as number | undefined;
      const providerOptions = { ...config.providerOptions };
      delete providerOptions.strategy;
      delete providerOptions.priorities;
      delete providerOptions.capacities;
      delete providerOptions.affinity;
      delete providerOptions.failoverAfterMs;
      return discovery.createPool({
        defaultModel: config.model,
        ...(config.utilityModel === undefined ? {} : { utilityModel: config.utilityModel }),
        ...(config.requestModel === undefined ? {} : { requestModel: config.requestModel }),
        timeouts: config.timeouts,
        providerRetries: 0,
        providerOptions,
        ...(strategy ? { strategy } : {}),
        ...(priorities ? { priorities } : {}),
        ...(capacities ? { capacities } : {}),
        ...(affinity === undefined ? {} : { affinity }),
        ...(typeof failoverAfterMs === 'number' ? { failoverAfterMs } : {}),
      });
    },
  };
}
