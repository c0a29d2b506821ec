import { AuthType, definePlugin, SPECIFICATION_VERSION } from '@samus/kernel';

/**
 * The `openai` plugin: serves auth type `openai` with {@link OpenAICompatibleContentGenerator}, so any
 * OpenAI-compatible server (llama.cpp, vLLM, LocalAI, Ollama's or LM Studio's `/v1`, hosted APIs) works.
 * The implementation is imported on first use only.
 *
 * ```ts
 * const kernel = createKernel().register(openaiPlugin);
 * const config = kernel.createContentGeneratorConfig('openai', { baseUrl: 'http://127.0.0.1:8080', model: 'qwen3' });
 * const generator = await kernel.createContentGenerator(config);
 * ```
 */
export const openaiPlugin = definePlugin({
  id: 'openai',
  specificationVersion: SPECIFICATION_VERSION,
  authTypes: [AuthType.USE_OPENAI],
  load: () => import('./openai-plugin-implementation.js'),
});
