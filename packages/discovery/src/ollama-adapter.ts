import { OllamaClient } from '@samus/provider-ollama';
import { type ServerAdapter } from './server-adapter.js';

function client(url: string, timeoutMs: number): OllamaClient {
  return new OllamaClient({ baseUrl: url, timeouts: { connectMs: timeoutMs, firstByteMs: timeoutMs, idleMs: timeoutMs, totalMs: timeoutMs } });
}

/** Adapter for Ollama servers: `@samus/provider-ollama`'s merged model list (`/api/tags` + `/api/show` + `/api/ps`) and health. */
export const ollamaAdapter: ServerAdapter = {
  kind: 'ollama',
  listModels: (server, context) => client(server.url, context.timeoutMs).listModels({ signal: context.signal }),
  checkHealth: (server, context) => client(server.url, context.timeoutMs).health({ signal: context.signal }),
};
