import type { ConfigSpec } from '@samus/kernel';

/** The auth type id of llama.cpp's `llama-server`. */
export const LLAMA_CPP_AUTH_TYPE = 'llama-cpp';

/** llama-server's default port. */
export const LLAMA_CPP_DEFAULT_PORT = 8080;

/**
 * The model name that means "whatever model the server serves": llama-server in its usual single-model mode ignores
 * the request's `model`; this provider resolves `default` to the served model's id (the only one, or the first one
 * loaded in router mode) for token counting and context lookups.
 */
export const LLAMA_CPP_DEFAULT_MODEL = 'default';

/**
 * How the `llama-cpp` auth type's config resolves: `LLAMA_CPP_BASE_URL` (default `http://localhost:8080`, with or
 * without `/v1`), `LLAMA_CPP_MODEL` (default `default`: the served model), `LLAMA_CPP_UTILITY_MODEL`,
 * `LLAMA_API_KEY` (the server's `--api-key`).
 */
export const LLAMA_CPP_CONFIG_SPEC: ConfigSpec = {
  baseUrlEnv: ['LLAMA_CPP_BASE_URL'],
  modelEnv: ['LLAMA_CPP_MODEL'],
  utilityModelEnv: ['LLAMA_CPP_UTILITY_MODEL'],
  apiKeyEnv: ['LLAMA_API_KEY'],
  defaultBaseUrl: `http://localhost:${LLAMA_CPP_DEFAULT_PORT}`,
  defaultModel: LLAMA_CPP_DEFAULT_MODEL,
  defaultPort: LLAMA_CPP_DEFAULT_PORT,
  requiresBaseUrl: true,
};
