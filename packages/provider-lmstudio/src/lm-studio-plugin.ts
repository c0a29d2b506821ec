import { AuthType, definePlugin, SPECIFICATION_VERSION, type SamusPlugin } from '@samus/kernel';
import { LM_STUDIO_CONFIG_SPEC } from './lm-studio-config-spec.js';

/**
 * The LM Studio plugin for the kernel (auth type `lm-studio`). Lazy: the generator code is imported on first use.
 * Configuration: `LM_STUDIO_BASE_URL` (default `http://localhost:1234`), `LM_STUDIO_MODEL`, `LM_STUDIO_UTILITY_MODEL`,
 * `LM_API_TOKEN`, or the matching options. Its admin lists models, checks health and, on LM Studio 0.4+, downloads,
 * loads and unloads models (no delete: LM Studio has no REST call for it).
 *
 * @example
 * const kernel = createKernel().register(lmStudioPlugin);
 * const generator = await kernel.createContentGenerator(kernel.createContentGeneratorConfig('lm-studio'));
 */
export const lmStudioPlugin: SamusPlugin = definePlugin({
  id: 'lm-studio',
  specificationVersion: SPECIFICATION_VERSION,
  displayName: 'LM Studio',
  authTypes: [AuthType.USE_LM_STUDIO],
  configSpecs: { [AuthType.USE_LM_STUDIO]: LM_STUDIO_CONFIG_SPEC },
  capabilities: {
    streaming: true,
    tools: true,
    structuredOutput: true,
    embeddings: true,
    tokenCounting: true,
    abort: true,
    timeouts: true,
    modelListing: true,
    health: true,
    pull: true,
    load: true,
    unload: true,
    ps: true,
  },
  load: () => import('./lm-studio-implementation.js'),
});
