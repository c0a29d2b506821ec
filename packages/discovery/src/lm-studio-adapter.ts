import { checkLMStudioHealth, listLMStudioModels, LMStudioRestClient } from '@samus/provider-lmstudio';
import { type AdapterContext, type ServerAdapter } from './server-adapter.js';

function client(url: string, context: AdapterContext): LMStudioRestClient {
  return new LMStudioRestClient({ baseUrl: url, timeoutMs: context.timeoutMs, ...(context.apiKey ? { apiKey: context.apiKey } : {}) });
}

/**
 * Adapter for LM Studio servers: `@samus/provider-lmstudio`'s model list (`/api/v1` → `/api/v0` → `/v1`, with type,
 * load state and context lengths) and its body-checking health probe.
 */
export const lmStudioAdapter: ServerAdapter = {
  kind: 'lm-studio',
  listModels: (server, context) => listLMStudioModels(client(server.url, context), { signal: context.signal, timeoutMs: context.timeoutMs }),
  checkHealth: (server, context) => checkLMStudioHealth(client(server.url, context), { signal: context.signal, timeoutMs: context.timeoutMs }),
};
