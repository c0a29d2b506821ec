import { describeHostContract } from '@samus/contracts/host';
import { startMockLMStudio } from '@samus/mock-lmstudio';
import { afterAll } from 'vitest';
import { createHostContentGenerator } from '../src/index.js';

// The mock answers like LM Studio 0.4.1 (JIT on, no auth) at 2 ms per token.
const mock = await startMockLMStudio({ tokenDelayMs: 2, seed: 11 });
afterAll(() => mock.close());

describeHostContract({
  name: 'lm-studio (mock-lmstudio 0.4.1)',
  baseUrl: mock.url,
  models: { chat: 'qwen2.5-7b-instruct', embedding: 'text-embedding-nomic-embed-text-v1.5' },
  createHost: async ({ baseUrl } = {}) => {
    const env = { SAMUS_AUTH_TYPE: 'lm-studio', LM_STUDIO_BASE_URL: baseUrl ?? mock.url, LM_STUDIO_MODEL: 'qwen2.5-7b-instruct' };
    const generator = await createHostContentGenerator({ env });
    return { generator, events: generator.events };
  },
});
