import { definePlugin, SPECIFICATION_VERSION, type SamusPlugin } from '@samus/kernel';
import { LLAMA_CPP_AUTH_TYPE, LLAMA_CPP_CONFIG_SPEC } from './llama-cpp-config-spec.js';

/**
 * The llama.cpp plugin for the kernel (auth type `llama-cpp`): llama.cpp's own `llama-server`. Lazy: the generator
 * code is imported on first use. Configuration: `LLAMA_CPP_BASE_URL` (default `http://localhost:8080`),
 * `LLAMA_CPP_MODEL` (default `default`: the model the server serves), `LLAMA_CPP_UTILITY_MODEL`, `LLAMA_API_KEY`.
 * Token counts are exact (the server's own chat template and tokenizer). Its admin lists models, checks health and,
 * in the server's router mode (`--models-dir` / `--models-preset`), loads and unloads models.
 *
 * @example
 * const kernel = createKernel().register(llamaCppPlugin);
 * const generator = await kernel.createContentGenerator(kernel.createContentGeneratorConfig('llama-cpp'));
 */
export const llamaCppPlugin: SamusPlugin = definePlugin({
  id: 'llama-cpp',
  specificationVersion: SPECIFICATION_VERSION,
  displayName: 'llama.cpp',
  authTypes: [LLAMA_CPP_AUTH_TYPE],
  configSpecs: { [LLAMA_CPP_AUTH_TYPE]: LLAMA_CPP_CONFIG_SPEC },
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
    load: true,
    unload: true,
    ps: true,
  },
  load: () => import('./llama-cpp-implementation.js'),
});
