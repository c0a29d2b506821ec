import { describeProviderContract } from '@samus/contracts';
import { createKernel, type ContentGenerator } from '@samus/kernel';
import { openaiPlugin } from '@samus/provider-core';
import { type LlamaCppProvided } from '@samus/test-llamacpp';
import { inject } from 'vitest';

const llama: LlamaCppProvided = inject('llamaCpp');

// The generic `openai` plugin (provider-core alone, no llama.cpp knowledge) against the same real llama-server: the
// OpenAI-compatible path tested against a second real server besides Ollama's /v1. It estimates tokens (chars/4).
describeProviderContract({
  name: 'openai plugin on llama-cpp (real llama-server, router mode)',
  skip: llama.available ? false : llama.reason,
  createProvider: async (overrides = {}) => {
    if (!llama.available) throw new Error(llama.reason);
    const kernel = createKernel({ env: {} }).register(openaiPlugin);
    const options = { baseUrl: overrides.baseUrl ?? llama.baseUrl, model: llama.models.chat, maxRetries: overrides.maxRetries ?? 0, ...(overrides.timeouts ? { timeouts: overrides.timeouts } : {}) };
    const generator: ContentGenerator = await kernel.createContentGenerator(kernel.createContentGeneratorConfig('openai', options));
    return { generator, admin: await kernel.createAdmin('openai', options) };
  },
  models: llama.available
    ? { chat: llama.models.chat, tools: llama.models.tools, toolCaller: llama.models.tools, ...(llama.models.embedding ? { embedding: llama.models.embedding } : {}) }
    : { chat: 'unavailable' },
  capabilities: {
    streaming: true,
    tools: true,
    structuredOutput: true,
    embeddings: llama.available && llama.models.embedding !== undefined,
    tokenCounting: true,
    abort: true,
    timeouts: true,
  },
});
