import { definePlugin, SPECIFICATION_VERSION } from '@samus/kernel';

/**
 * The Ollama plugin for the kernel (auth type `ollama`). Lazy: the generator code is imported on first use.
 * Configuration: `OLLAMA_BASE_URL`, else `OLLAMA_HOST` in any of its forms (`0.0.0.0`, `:11434`, `host`,
 * `host:port`, `http://host:port`, `[::1]:11434`), default `http://localhost:11434`; `OLLAMA_MODEL` (default
 * `llama3`); `providerOptions` `{ numCtx, keepAlive, think, api, contextGuard, options }`.
 *
 * @example
 * const kernel = createKernel().register(ollamaPlugin);
 * const generator = await kernel.createContentGenerator(kernel.createContentGeneratorConfig('ollama', { model: 'gemma3:270m' }));
 */
export const ollamaPlugin = definePlugin({
  id: 'ollama',
  specificationVersion: SPECIFICATION_VERSION,
  authTypes: ['ollama'],
  load: () => import('./ollama-implementation.js'),
});
