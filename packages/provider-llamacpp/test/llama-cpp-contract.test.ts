import { describeProviderContract } from '@samus/contracts';
import { type LlamaCppProvided } from '@samus/test-llamacpp';
import { inject } from 'vitest';
import { createLlamaCpp, createLlamaCppAdmin } from '../src/index.js';

const llama: LlamaCppProvided = inject('llamaCpp');

// The real llama-server (router mode) the contract project's global setup built and started: Gemma 3 270M (chat: a
// base model, whose long answers the abort tests need), SmolLM2-135M-Instruct with --jinja and the tooling's few-shot
// tools template (tools: llama-server constrains and parses its <tool_call> answers into tool_calls) and
// all-MiniLM-L6-v2 (embeddings; chat on it fails, which the capability error test uses).
describeProviderContract({
  name: 'llama-cpp (real llama-server, router mode)',
  skip: llama.available ? false : llama.reason,
  createProvider: (overrides = {}) => {
    if (!llama.available) throw new Error(llama.reason);
    const generator = createLlamaCpp({
      env: {},
      baseUrl: overrides.baseUrl ?? llama.baseUrl,
      model: llama.models.chat,
      maxRetries: overrides.maxRetries ?? 0,
      ...(overrides.timeouts ? { timeouts: overrides.timeouts } : {}),
    });
    return { generator, admin: createLlamaCppAdmin({ ...generator.config, baseUrl: generator.baseUrl }) };
  },
  models: llama.available
    ? { chat: llama.models.chat, tools: llama.models.tools, toolCaller: llama.models.tools, ...(llama.models.embedding ? { embedding: llama.models.embedding, withoutTools: llama.models.embedding } : {}) }
    : { chat: 'unavailable' },
  capabilities: {
    streaming: true,
    tools: true,
    structuredOutput: true,
    embeddings: llama.available && llama.models.embedding !== undefined,
    tokenCounting: true,
    modelListing: true,
    health: true,
    abort: true,
    timeouts: true,
  },
  // countTokens renders the server's chat template and tokenizes it on the server: exact, template overhead included.
  exactTokenCounts: true,
});
