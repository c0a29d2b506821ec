import type { ConfigSpec } from '@samus/kernel';

/**
 * How the `ollama` auth type's config resolves: `OLLAMA_BASE_URL`, else `OLLAMA_HOST` in any of its forms (default
 * `http://localhost:11434`), `OLLAMA_MODEL` (default `llama3`), `OLLAMA_UTILITY_MODEL`, and the provider options
 * `numCtx` from `OLLAMA_CONTEXT_LENGTH` and `keepAlive` from `OLLAMA_KEEP_ALIVE` (the Ollama server's own formats).
 */
export const OLLAMA_CONFIG_SPEC: ConfigSpec = {
  baseUrlEnv: ['OLLAMA_BASE_URL', 'OLLAMA_HOST'],
  modelEnv: ['OLLAMA_MODEL'],
  utilityModelEnv: ['OLLAMA_UTILITY_MODEL'],
  providerOptionsEnv: {
    numCtx: {
      env: ['OLLAMA_CONTEXT_LENGTH'],
      kind: 'positive-integer',
      hint: 'Set OLLAMA_CONTEXT_LENGTH to a number of tokens such as 8192, or pass providerOptions.numCtx.',
    },
    keepAlive: {
      env: ['OLLAMA_KEEP_ALIVE'],
      kind: 'duration',
      hint: 'Set OLLAMA_KEEP_ALIVE to a duration with a unit ("30s", "5m", "1h"), or to seconds ("3600"; "-1" keeps the model loaded), or pass providerOptions.keepAlive.',
    },
  },
  defaultBaseUrl: 'http://localhost:11434',
  defaultModel: 'llama3',
  defaultPort: 11434,
  requiresBaseUrl: true,
};
