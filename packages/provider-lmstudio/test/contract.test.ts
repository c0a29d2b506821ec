import { describeProviderContract } from '@samus/contracts';
import { startMockLMStudio } from '@samus/mock-lmstudio';
import { afterAll } from 'vitest';
import { createLMStudio, createLMStudioAdmin } from '../src/index.js';

const numbers = Array.from({ length: 500 }, (_, index) => `number ${index + 1}`).join('\n');

// The mock answers like LM Studio 0.4.1 (JIT on, no auth) at 5 ms per token. Its generated filler text is short, so
// the counting prompt of the abort group gets the long answer a real model would write (the suite aborts it in flight).
const mock = await startMockLMStudio({
  tokenDelayMs: 5,
  seed: 7,
  replies: (context) => (/^Count from one to five hundred/.test(context.lastUserText) ? { content: numbers } : undefined),
});
afterAll(() => mock.close());

describeProviderContract({
  name: 'lm-studio (mock-lmstudio 0.4.1)',
  createProvider: (overrides = {}) => {
    const generator = createLMStudio({
      env: {},
      baseUrl: overrides.baseUrl ?? mock.url,
      model: 'qwen2.5-7b-instruct',
      maxRetries: overrides.maxRetries ?? 0,
      ...(overrides.timeouts ? { timeouts: overrides.timeouts } : {}),
    });
    return { generator, admin: createLMStudioAdmin({ ...generator.config, baseUrl: generator.baseUrl }) };
  },
  // LM Studio gives every llm/vlm tools (native or through its default tool prompt): only an embedding model cannot.
  models: {
    chat: 'qwen2.5-7b-instruct',
    embedding: 'text-embedding-nomic-embed-text-v1.5',
    tools: 'qwen2.5-7b-instruct',
    toolCaller: 'qwen2.5-7b-instruct',
    withoutTools: 'text-embedding-nomic-embed-text-v1.5',
  },
  capabilities: { streaming: true, tools: true, structuredOutput: true, embeddings: true, tokenCounting: true, modelListing: true, health: true, abort: true, timeouts: true },
});
