import { definePlugin, SPECIFICATION_VERSION } from '@samus/kernel';
import { OLLAMA_CONFIG_SPEC } from './ollama-config-spec.js';

/**
 * The Ollama plugin for the kernel (auth type `ollama`). Lazy: the generator code is imported on first use.
 * Configuration: `OLLAMA_BASE_URL`, else `OLLAMA_HOST` in any of its forms (`0.0.0.0`, `:11434`, `host`,
 * `host:port`, `http://host:port`, `[::1]:11434`), default `http://localhost:11434`; `OLLAMA_MODEL` (default
 * `llama3`); `OLLAMA_UTILITY_MODEL`; `OLLAMA_CONTEXT_LENGTH` / `OLLAMA_KEEP_ALIVE`; `providerOptions`
 * `{ numCtx, keepAlive, think, api, contextGuard, options }`. Its admin lists, pulls, loads, unloads and deletes
 * models and reports the loaded ones.
 *
 * @example
 * const kernel = createKernel().register(ollamaPlugin);
 * const generator = await kernel.createContentGenerator(kernel.createContentGeneratorConfig('ollama', { model: 'gemma3:270m' }));
 */
export const ollamaPlugin = definePlugin({
  id: 'ollama',
  specificationVersion: SPECIFICATION_VERSION,
  displayName: 'Ollama',
  authTypes: ['ollama'],
  configSpecs: { ollama: OLLAMA_CONFIG_SPEC },
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
    delete: true,
    ps: true,
  },
  load: () => import('./ollama-implementation.js'),
});
