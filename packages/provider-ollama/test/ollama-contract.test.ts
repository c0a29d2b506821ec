import { describePluginContract } from '@samus/contracts';
import { type OllamaProvided } from '@samus/test-ollama';
import { inject } from 'vitest';
import { ollamaPlugin } from '../src/index.js';

const ollama: OllamaProvided = inject('ollama');
const models = ollama.available ? { chat: ollama.models.chat, embedding: ollama.models.embedding, ...(ollama.models.tools ? { tools: ollama.models.tools, toolCaller: ollama.models.tools } : {}), withoutTools: ollama.models.chat } : { chat: 'unavailable' };

// The default path (native /api/chat) and the /v1 path (providerOptions.api: 'openai') must pass the same contract.
for (const api of ['native', 'openai'] as const) {
  describePluginContract({ name: `ollama (container, ${api === 'native' ? 'native /api/chat' : 'OpenAI-compatible /v1'})`, plugin: ollamaPlugin, baseUrl: ollama.available ? ollama.baseUrl : 'http://127.0.0.1:9', models, providerOptions: { api }, skip: ollama.available ? false : ollama.reason });
}
