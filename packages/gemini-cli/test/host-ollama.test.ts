import { describeHostContract } from '@samus/contracts/host';
import { type OllamaProvided } from '@samus/test-ollama';
import { inject } from 'vitest';
import { createHostContentGenerator } from '../src/index.js';

const ollama: OllamaProvided = inject('ollama');

// Built from env variables only, as a host would (SmolLM2-135M: the image's tools-capable model, 8k window).
describeHostContract({
  name: 'ollama (container)',
  skip: ollama.available ? false : ollama.reason,
  baseUrl: ollama.available ? ollama.baseUrl : 'http://127.0.0.1:9',
  models: ollama.available ? { chat: ollama.models.tools ?? ollama.models.chat, embedding: ollama.models.embedding } : { chat: 'unavailable', embedding: 'unavailable' },
  createHost: async ({ baseUrl } = {}) => {
    if (!ollama.available) throw new Error(ollama.reason);
    const env = { SAMUS_AUTH_TYPE: 'ollama', OLLAMA_BASE_URL: baseUrl ?? ollama.baseUrl, OLLAMA_MODEL: ollama.models.tools ?? ollama.models.chat, OLLAMA_CONTEXT_LENGTH: '8192' };
    const generator = await createHostContentGenerator({ env });
    return { generator, events: generator.events };
  },
});
