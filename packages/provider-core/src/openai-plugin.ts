import { AuthType, definePlugin, SPECIFICATION_VERSION } from '@samus/kernel';
import { OPENAI_CONFIG_SPEC } from './openai-config-spec.js';

/**
 * The `openai` plugin: serves auth type `openai` with {@link OpenAICompatibleContentGenerator}, so any
 * OpenAI-compatible server (llama.cpp, vLLM, LocalAI, Ollama's or LM Studio's `/v1`, hosted APIs) works.
 * Configuration: `OPENAI_BASE_URL` (required), `OPENAI_MODEL`, `OPENAI_UTILITY_MODEL`, `OPENAI_API_KEY`. Its admin
 * lists models and checks health through `/v1/models`; its fingerprint is generic (any server with `/v1/models`), so a
 * more specific plugin wins. The implementation is imported on first use only.
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
  displayName: 'OpenAI-compatible server',
  authTypes: [AuthType.USE_OPENAI],
  configSpecs: { [AuthType.USE_OPENAI]: OPENAI_CONFIG_SPEC },
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
  },
  load: () => import('./openai-plugin-implementation.js'),
});
