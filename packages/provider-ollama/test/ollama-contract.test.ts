import { describeProviderContract } from '@samus/contracts';
import { type OllamaProvided } from '@samus/test-ollama';
import { inject } from 'vitest';
import { createOllama, createOllamaAdmin } from '../src/index.js';

const ollama: OllamaProvided = inject('ollama');

function contract(api: 'native' | 'openai'): void {
  describeProviderContract({
    name: `ollama (container, ${api === 'native' ? 'native /api/chat' : 'OpenAI-compatible /v1'})`,
    skip: ollama.available ? false : ollama.reason,
    createProvider: (overrides = {}) => {
      if (!ollama.available) throw new Error(ollama.reason);
      const generator = createOllama({
        env: {},
        baseUrl: overrides.baseUrl ?? ollama.baseUrl,
        model: ollama.models.chat,
        maxRetries: overrides.maxRetries ?? 0,
        providerOptions: { api },
        ...(overrides.timeouts ? { timeouts: overrides.timeouts } : {}),
      });
      return { generator, admin: createOllamaAdmin({ ...generator.config, baseUrl: generator.baseUrl }) };
    },
    models: ollama.available
      ? { chat: ollama.models.chat, embedding: ollama.models.embedding, ...(ollama.models.tools ? { tools: ollama.models.tools, toolCaller: ollama.models.tools } : {}), withoutTools: ollama.models.chat }
      : { chat: 'unavailable' },
    capabilities: { streaming: true, tools: true, structuredOutput: true, embeddings: true, tokenCounting: true, modelListing: true, health: true, abort: true, timeouts: true },
  });
}

// The default path, and the /v1 path (providerOptions.api: 'openai'): both must pass the same contract.
contract('native');
contract('openai');
