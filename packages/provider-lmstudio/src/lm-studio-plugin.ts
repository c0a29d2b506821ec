import { AuthType, definePlugin, SPECIFICATION_VERSION, type SamusPlugin } from '@samus/kernel';

/**
 * The LM Studio plugin for the kernel (auth type `lm-studio`). Lazy: the generator code is imported on first use.
 * Configuration comes from the kernel: `LM_STUDIO_BASE_URL` (default `http://localhost:1234`), `LM_STUDIO_MODEL`,
 * `LM_API_TOKEN`, or the matching options.
 *
 * @example
 * const kernel = createKernel().register(lmStudioPlugin);
 * const generator = await kernel.createContentGenerator(kernel.createContentGeneratorConfig('lm-studio'));
 */
export const lmStudioPlugin: SamusPlugin = definePlugin({
  id: 'lm-studio',
  specificationVersion: SPECIFICATION_VERSION,
  authTypes: [AuthType.USE_LM_STUDIO],
  load: () => import('./lm-studio-implementation.js'),
});
